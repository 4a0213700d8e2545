"""Writing the audit log. Every security-relevant service calls ``audit_record``.

An action is a short key. The account and access actions are the model's own choices; each
app names the rest in its ``audit_actions.py`` and registers their labels when it is ready,
so a new action needs no core migration and an administrator never reads a raw key.
"""

from collections.abc import Mapping
from typing import Any

from allauth.account.adapter import get_adapter
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest
from django.utils.functional import Promise

from reconnect.core.models import AuditEvent

# Registered by the apps' ``ready()``; the model's choices are never in here.
_registered_labels: dict[str, str | Promise] = {}


def register_audit_actions(labels: Mapping[str, str | Promise]) -> None:
    """Give the audit log a human label for each of an app's actions.

    Registering the same label again is harmless (``ready()`` may run more than once), but a
    key that already means something else, whether the model's choice or another app's
    action, is refused, as is a key too long for the column. All or nothing: on a refusal no
    label of ``labels`` is kept. A label must stay registered for as long as the log may hold
    events of its action, i.e. for good.

    Raises ImproperlyConfigured on a clash or a key that would not fit.
    """
    model_labels = dict(AuditEvent.Action.choices)
    max_length = AuditEvent._meta.get_field("action").max_length or 0
    # Plain strings, so a model choice passed as its enum member is the same key.
    wanted = {str(action): label for action, label in labels.items()}
    for action, label in wanted.items():
        if not action or len(action) > max_length:
            raise ImproperlyConfigured(
                f"Audit action {action!r} must be 1 to {max_length} characters long."
            )
        known = model_labels.get(action, _registered_labels.get(action))
        if known is not None and known is not label and str(known) != str(label):
            raise ImproperlyConfigured(
                f"Audit action {action!r} is already labelled {str(known)!r}, not {str(label)!r}."
            )
    _registered_labels.update(
        (action, label) for action, label in wanted.items() if action not in model_labels
    )


def audit_action_label(action: str) -> str:
    """What an administrator reads for ``action``: the model's label, an app's, else the key."""
    label = dict(AuditEvent.Action.choices).get(action, _registered_labels.get(action))
    return action if label is None else str(label)


def audit_action_choices() -> list[tuple[str, str]]:
    """Every known action with its label: the model's in their order, then the apps' by label."""
    registered = sorted(
        ((action, str(label)) for action, label in _registered_labels.items()),
        key=lambda choice: (choice[1].casefold(), choice[0]),
    )
    return [(action, str(label)) for action, label in AuditEvent.Action.choices] + registered


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
