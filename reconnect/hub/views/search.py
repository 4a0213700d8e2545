from django.http import Http404, HttpRequest, HttpResponse


def search(request: HttpRequest) -> HttpResponse:  # being built: see the brief
    raise Http404
