"""Document downloads: Wagtail's own serve view, with headers that keep files inert.

This route shadows Wagtail's ``/documents/<id>/<filename>`` (the Hub's URLs are included
before Wagtail's), so every link Wagtail renders comes here. Wagtail still does the work:
the filename check, the collection's view restrictions (the "Members only" collection
sends visitors to sign in), the ``document_served`` signal, ETags and streaming. A
``before_serve_document`` hook cannot do this: its response replaces Wagtail's only if it
is a plain ``HttpResponse``, so it cannot stream a file.
"""

from django.http import HttpRequest, HttpResponseBase
from django.views.decorators.http import require_safe
from wagtail.documents.views.serve import serve

# A document never runs as a page on our origin: no scripts, no plugins, no forms, no
# same-origin access, even if a browser ignored Content-Disposition and rendered it.
DOCUMENT_CSP = "default-src 'none'; sandbox"


@require_safe
def document_serve(
    request: HttpRequest, document_id: str, document_filename: str
) -> HttpResponseBase:
    response = serve(request, document_id, document_filename)
    if response.has_header("Content-Disposition"):  # the file itself, not a redirect
        response["Content-Security-Policy"] = DOCUMENT_CSP
        response["X-Content-Type-Options"] = "nosniff"
    return response
