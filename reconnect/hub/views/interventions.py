from django.http import Http404, HttpRequest, HttpResponse


def intervention_explorer(request: HttpRequest) -> HttpResponse:  # being built: see the brief
    raise Http404


def intervention_compare(request: HttpRequest) -> HttpResponse:  # being built
    raise Http404
