from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from reconnect.core.audit import audit_record
from reconnect.core.models import AuditEvent


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


class AuditDeniedMiddleware:
    """Records every refusal of a signed-in user (403), and gives Wagtail's admin its own CSP.

    A burst of denials from one account is the first sign of someone probing other schools'
    data, so they go to the audit log, not just the access log.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403 and request.user.is_authenticated:
            audit_record(AuditEvent.Action.PERMISSION_DENIED, request=request)
        if request.path.startswith("/admin/"):
            response._csp_config = settings.RECONNECT_ADMIN_CSP  # type: ignore[attr-defined]
        return response
