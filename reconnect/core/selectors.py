"""Reads owned by core."""

from django.db.models import QuerySet

from reconnect.core.models import AuditEvent


def audit_event_list() -> QuerySet[AuditEvent]:
    """Every audit event, newest first (the index on created_at serves this order).

    Only administrators may read the log; the caller checks that (rules.can_view_audit_log).
    The actor is shown by ``actor_label``, so no join to users is needed.
    """
    return AuditEvent.objects.order_by("-created_at", "-id")
