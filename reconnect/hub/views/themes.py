from django.http import Http404, HttpRequest, HttpResponse


def theme_list(request: HttpRequest) -> HttpResponse:  # being built: see the brief
    raise Http404


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:  # being built
    raise Http404
