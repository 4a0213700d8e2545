from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from reconnect.core.audit import audit_record
from reconnect.core.models import AuditEvent


class SiteLanguageMiddleware:
    """Activates the site's one language (British English) for the request.

    Reconnect serves one language, so nothing is negotiated. Django reads the active
    language on every translation, fifty or so a page; with none activated each read raises
    and catches an AttributeError inside asgiref's thread-local storage (about 5 µs). With it
    activated the read is a dictionary lookup."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        translation.activate(settings.LANGUAGE_CODE)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Denies every powerful browser feature Reconnect does not use (camera, microphone,
    location, payment...), for each response that does not set its own policy: were a
    script ever injected, or a page framed, the browser still would not hand them over."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# Where a school's pupil data lives. Another school's answers 404 there, so that no one
# learns whether it exists; a signed-in member meeting those 404s may be probing.
PUPIL_DATA_PATH_PREFIXES = ("/pupil-data/", "/api/v1/spectrum/", "/lab/", "/api/v1/lab/")


def _school_urn(request: HttpRequest) -> int | None:
    """The school a pupil-data address names, if it names one."""
    match = request.resolver_match
    urn = match.kwargs.get("urn") if match is not None else None
    return int(urn) if isinstance(urn, int) or (isinstance(urn, str) and urn.isdigit()) else None


class AuditDeniedMiddleware:
    """Records every refusal of a signed-in user (403) and every pupil-data page or API
    address that answered them 404, and gives Wagtail's admin its own CSP.

    A burst of denials, or of misses across schools' pupil data, from one account is the
    first sign of someone probing other schools' data, so they go to the audit log, not just
    the access log. A token's user counts: the API's authentication sets ``request.user``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403 and request.user.is_authenticated:
            audit_record(AuditEvent.Action.PERMISSION_DENIED, request=request)
        elif (
            response.status_code == 404
            and request.path.startswith(PUPIL_DATA_PATH_PREFIXES)
            and request.user.is_authenticated
        ):
            audit_record(
                AuditEvent.Action.NOT_FOUND, request=request, school_urn=_school_urn(request)
            )
        if request.path.startswith("/admin/"):
            response._csp_config = settings.RECONNECT_ADMIN_CSP  # type: ignore[attr-defined]
        return response
