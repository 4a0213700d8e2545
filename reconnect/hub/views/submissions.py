from django.http import Http404, HttpRequest, HttpResponse


def case_study_submit(request: HttpRequest) -> HttpResponse:  # being built: see the brief
    raise Http404


def case_study_submission_list(request: HttpRequest) -> HttpResponse:  # being built
    raise Http404
