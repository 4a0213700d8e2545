"""The benchmark's urlconf (``reconnect.settings.bench`` only): the app's URLs plus the ceiling.

``/bench/bare/`` answers a tiny response through the full middleware stack and nothing else:
no session read, no template, no query. What one worker can serve of it is the most any page
could reach on the same server, so each page's throughput is reported as a share of it.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from reconnect.urls import handler403, handler404, handler500
from reconnect.urls import urlpatterns as app_urlpatterns

# Django looks the error views up on the root urlconf: the app's own, as in production.
__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


# Before the app's patterns: Wagtail's catch-all page route comes last in those.
urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *app_urlpatterns]
