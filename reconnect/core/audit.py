"""Writing the audit log. Every security-relevant service calls ``audit_record``."""

from typing import Any

from allauth.account.adapter import get_adapter
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest

from reconnect.core.models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, as the rate limits see it.

    X-Forwarded-For is trivially forged, so only the entries added by the proxies the
    deployment declares (TRUSTED_PROXY_COUNT) are believed; otherwise REMOTE_ADDR.
    """
    if request is None:
        return None
    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        # No address at all, or fewer forwarding hops than declared: record none rather
        # than a forged one, and never fail the audit write itself.
        return None


def audit_record(
    action: str,
    *,
    request: HttpRequest | None = None,
    actor: Any = None,
    actor_label: str = "",
    target: Any = None,
    school_urn: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. ``actor`` defaults to the request's signed-in user."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if actor is not None and not actor_label:
        actor_label = actor.email
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=actor_label[:254],
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        school_urn=school_urn,
        ip_address=client_ip(request),
        user_agent=(request.headers.get("User-Agent", "") if request else "")[:200],
        path=(request.path if request else "")[:200],
        detail=detail or {},
    )
