"""Writes owned by core: network-wide roles and exports of the audit log."""

from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from reconnect.core.audit import audit_record
from reconnect.core.coordinators import coordinator_group_sync
from reconnect.core.csv_export import AUDIT_EXPORT_COLUMNS, audit_event_row, csv_lines
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.core.rules import can_set_coordinator, can_view_audit_log


def coordinator_set(
    *, user: Any, is_coordinator: bool, by: Any, request: HttpRequest | None = None
) -> Any:
    """Make ``user`` a network coordinator, or stop them being one.

    Side effects: sets ``user.is_coordinator``; adds the user to, or removes them from, the
    Coordinators group (which carries their Wagtail admin permissions, so the change applies
    from their next request); records ROLE_GRANTED or ROLE_REMOVED with ``by`` as the actor.
    Setting the role a user already has changes nothing and records nothing, but repairs a
    group membership that had drifted.

    Raises ApplicationError when ``by`` is not an administrator. ``by=None`` is the system
    itself (a management command or a data migration).
    """
    if by is not None and not can_set_coordinator(by):
        raise ApplicationError(_("Only an administrator can appoint or remove coordinators."))

    with transaction.atomic():
        locked = get_user_model().objects.select_for_update().get(pk=user.pk)
        changed = locked.is_coordinator != is_coordinator
        locked.is_coordinator = is_coordinator
        # The group first, so the post_save receiver finds both sides agreeing and records
        # nothing: the audit record below is the one that names who made the change.
        coordinator_group_sync(locked)
        if changed:
            locked.save(update_fields=["is_coordinator"])
            audit_record(
                AuditEvent.Action.ROLE_GRANTED
                if is_coordinator
                else AuditEvent.Action.ROLE_REMOVED,
                request=request,
                actor=by,
                target=locked,
                detail={"role": "coordinator"},
            )
    user.is_coordinator = is_coordinator
    return user


def audit_log_export(
    *,
    events: QuerySet[AuditEvent],
    by: Any,
    filters: dict[str, str],
    request: HttpRequest | None = None,
) -> Iterator[str]:
    """The given audit events as CSV lines, safe to open in a spreadsheet.

    Side effects: records an EXPORT event (who, which filters, how many rows) before the
    first line is produced, so even an export abandoned half-way is on the record.

    Raises ApplicationError when ``by`` is not an administrator.
    """
    if by is None or not can_view_audit_log(by):
        raise ApplicationError(_("Only an administrator can export the audit log."))
    # The export is the log as it stood when asked for: rows appended meanwhile (its own
    # EXPORT record among them) wait for the next export. Ids only ever grow.
    last_pk = events.aggregate(last=Max("pk"))["last"]
    snapshot = events.filter(pk__lte=last_pk) if last_pk is not None else events.none()
    audit_record(
        AuditEvent.Action.EXPORT,
        request=request,
        actor=by,
        detail={"what": "audit_log", "filters": filters, "rows": snapshot.count()},
    )
    rows = (audit_event_row(event) for event in snapshot.iterator(chunk_size=2000))
    return csv_lines([label for _, label in AUDIT_EXPORT_COLUMNS], rows)
