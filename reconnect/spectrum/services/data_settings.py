"""What a school's leads decide about its pupil data: retention, staff grants, remembered
column mappings, indicator settings, and deleting everything.

Every function is one use case: it checks what must hold whoever calls it (the views,
the API, a shell), writes in one transaction and leaves one audit row, with the school's
URN and never a pupil reference in its detail. Who may call which is the views' business
(``selectors.access.school_for``); these functions trust their caller on that.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.schools.models import Membership, School
from reconnect.schools.roles import SchoolRole
from reconnect.spectrum import storage
from reconnect.spectrum.analysis import catalogue
from reconnect.spectrum.analysis.profiles import ParameterError, params_from
from reconnect.spectrum.models import (
    ColumnMapping,
    ImportStatus,
    IndicatorChange,
    IndicatorConfig,
    PupilImport,
    PupilRecord,
    SchoolDataSettings,
    Snapshot,
    StaffCohortGrant,
)
from reconnect.spectrum.services.housekeeping import snapshots_delete
from reconnect.spectrum.services.pseudonyms import data_settings_ensure, pseudonym_key_rotate

RETENTION_MIN, RETENTION_MAX = 3, 84
REASON_MAX = 300
# An import checking or writing for longer than this has died with its worker: it no
# longer holds up deleting everything.
STALE_IMPORT = datetime.timedelta(hours=1)


# --- retention ------------------------------------------------------------------------


def retention_set(
    *, school: School, user: Any, months: int, request: HttpRequest | None = None
) -> SchoolDataSettings:
    """Set how many months snapshots are kept before the daily housekeeping deletes them.

    Side effects: creates the school's data settings (and its pseudonym key) if it has
    none; one ``spectrum.retention.changed`` audit row when the period changes.
    Raises ``ApplicationError`` for a period outside 3 to 84 months.
    """
    if not RETENTION_MIN <= months <= RETENTION_MAX:
        raise ApplicationError(
            _("Keep snapshots for between %(low)s and %(high)s months.")
            % {"low": RETENTION_MIN, "high": RETENTION_MAX},
            field="months",
        )
    with transaction.atomic():
        data_settings_ensure(school)
        row = SchoolDataSettings.objects.select_for_update().get(school=school)
        before = row.retention_months
        if before == months:
            return row
        row.retention_months = months
        row.updated_by = user
        row.save(update_fields=["retention_months", "updated_by", "updated_at"])
        audit_record(
            "spectrum.retention.changed",
            request=request,
            actor=user,
            target=row,
            school_urn=school.urn,
            detail={"before": before, "after": months},
        )
    return row


# --- staff cohort grants --------------------------------------------------------------


def grant_add(
    *, school: School, user: Any, staff_user: Any, request: HttpRequest | None = None
) -> StaffCohortGrant:
    """Let one staff member of the school see its cohort views (never pupil rows).

    Side effects: one ``StaffCohortGrant``; a ``spectrum.grant.added`` audit row.
    Raises ``ApplicationError`` when the person is not a staff member of the school (leads
    and data leads see the cohorts already) or already has the grant.
    """
    is_staff = Membership.objects.filter(
        school=school, user=staff_user, role=SchoolRole.STAFF
    ).exists()
    if not is_staff:
        raise ApplicationError(
            _("Choose a staff member of this school."),
            field="staff_user",
        )
    with transaction.atomic():
        grant, created = StaffCohortGrant.objects.get_or_create(
            school=school, user=staff_user, defaults={"granted_by": user}
        )
        if not created:
            raise ApplicationError(
                _("%(name)s can already see the cohort views.") % {"name": staff_user.display_name},
                field="staff_user",
            )
        audit_record(
            "spectrum.grant.added",
            request=request,
            actor=user,
            target=grant,
            school_urn=school.urn,
            detail={"user_id": staff_user.pk},
        )
    return grant


def grant_remove(*, grant: StaffCohortGrant, user: Any, request: HttpRequest | None = None) -> None:
    """Take the cohort views away from a staff member: effective on their next request.

    Side effects: deletes the grant; a ``spectrum.grant.removed`` audit row.
    """
    school = grant.school
    with transaction.atomic():
        user_id = grant.user_id
        grant.delete()
        audit_record(
            "spectrum.grant.removed",
            request=request,
            actor=user,
            school_urn=school.urn,
            detail={"user_id": user_id},
        )


# --- remembered column mappings -------------------------------------------------------


def mapping_delete(
    *, mapping: ColumnMapping, user: Any, request: HttpRequest | None = None
) -> None:
    """Forget a hand-made column match: the next file with that header asks again.

    Side effects: deletes the mapping; a ``spectrum.mapping.changed`` audit row naming
    the header (a column heading, never a value from the file).
    """
    school = mapping.school
    with transaction.atomic():
        detail = {"header": mapping.header, "before": mapping.canonical, "after": None}
        mapping.delete()
        audit_record(
            "spectrum.mapping.changed",
            request=request,
            actor=user,
            school_urn=school.urn,
            detail=detail,
        )


# --- indicator settings ---------------------------------------------------------------


def indicator_values(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Every parameter key with the school's value: its override, else the default."""
    values = catalogue.defaults()
    values.update({key: value for key, value in overrides.items() if key in values})
    return values


def _validated(values: Mapping[str, Any]) -> None:
    """Let the analysis refuse what it could not compute with, in its own words."""
    try:
        params_from(values)
    except ParameterError as error:
        key, why = next(iter(error.errors.items()))
        field = key.replace(".", "__")
        raise ApplicationError(
            _("%(setting)s: %(why)s.") % {"setting": key, "why": why}, field=field
        ) from error


def indicator_config_update(
    *,
    school: School,
    user: Any,
    values: Mapping[str, Any],
    reason: str,
    request: HttpRequest | None = None,
) -> list[IndicatorChange]:
    """Change the school's indicator settings, logging each changed key with the reason.

    ``values`` maps parameter keys (``catalogue.defaults()``'s) to their new values; keys
    not given keep their current value. Only departures from the defaults are stored, so
    a value set back to its default stops being an override.

    Side effects: the school's ``IndicatorConfig``; one ``IndicatorChange`` per key whose
    value changed; one ``spectrum.indicators.changed`` audit row listing the keys. Returns
    the changes (none when nothing changed, and then nothing is written).
    Raises ``ApplicationError`` for an unknown key, a missing reason, or values the
    analysis refuses.
    """
    defaults = catalogue.defaults()
    unknown = sorted(set(values) - set(defaults))
    if unknown:
        raise ApplicationError(_("Unknown settings: %(keys)s.") % {"keys": ", ".join(unknown)})
    reason = " ".join(reason.split())
    with transaction.atomic():
        config, _created = IndicatorConfig.objects.select_for_update().get_or_create(school=school)
        current = indicator_values(config.overrides)
        changed = {key: value for key, value in values.items() if current[key] != value}
        if not changed:
            return []
        if not reason:
            raise ApplicationError(_("Say why you are changing the settings."), field="reason")
        if len(reason) > REASON_MAX:
            raise ApplicationError(
                _("Keep the reason to %(max)s characters.") % {"max": REASON_MAX},
                field="reason",
            )
        after = {**current, **changed}
        order = {key: index for index, key in enumerate(defaults)}
        _validated(after)
        config.overrides = {key: v for key, v in after.items() if defaults[key] != v}
        config.save(update_fields=["overrides", "updated_at"])
        changes = IndicatorChange.objects.bulk_create(
            IndicatorChange(
                school=school,
                key=key,
                before=current[key],
                after=value,
                reason=reason,
                changed_by=user,
            )
            # The log lists newest first: written in reverse, one save reads in form order.
            for key, value in sorted(changed.items(), key=lambda item: -order[item[0]])
        )
        audit_record(
            "spectrum.indicators.changed",
            request=request,
            actor=user,
            target=config,
            school_urn=school.urn,
            detail={"keys": sorted(changed)},
        )
    return changes


# --- deleting everything --------------------------------------------------------------


@dataclass(frozen=True)
class Deleted:
    """What ``pupil_data_delete_all`` removed, for the page that confirms it."""

    snapshots: int
    records: int
    imports: int
    raw_files: int
    mappings: int


def pupil_data_delete_all(
    *, school: School, user: Any, request: HttpRequest | None = None
) -> Deleted:
    """Delete every piece of the school's pupil data at once.

    Deletes, in one transaction: every snapshot and pupil record, every import (with its
    problem report) and the raw files still waiting in private storage, and the
    remembered column mappings. Keeps the audit trail, the indicator settings and their
    log, the staff grants, the retention period and saved target groups (definitions,
    which hold no pupil reference).

    Side effects: the deletions; the raw files are removed once the transaction commits;
    a ``spectrum.data.deleted`` audit row with the counts.
    Raises ``ApplicationError`` while an import is being checked or written (it would
    write its snapshot after the deletion).
    """
    now = timezone.now()
    with transaction.atomic():
        # Lock the school's imports so an upload finishing now waits for us, or we for it.
        imports = list(
            PupilImport.objects.select_for_update()
            .filter(school=school)
            .values_list("pk", "status", "uploaded_at", "upload_name")
        )
        running = [
            pk
            for pk, status, uploaded_at, _name in imports
            if status in (ImportStatus.CHECKING, ImportStatus.IMPORTING)
            and now - uploaded_at < STALE_IMPORT
        ]
        if running:
            raise ApplicationError(
                _(
                    "A file is being imported right now. Wait for it to finish, then "
                    "delete the pupil data."
                )
            )
        upload_names = [name for _pk, _status, _at, name in imports if name]
        records = PupilRecord.objects.filter(school=school).count()
        # The snapshots alone are counted: their cascades (records, summaries) are not.
        snapshots = snapshots_delete(Snapshot.objects.filter(school=school))
        import_count = PupilImport.objects.filter(school=school).delete()[0]
        mappings = ColumnMapping.objects.filter(school=school).delete()[0]
        # Anyone holding an old export's hashes cannot match them with the next upload's.
        pseudonym_key_rotate(school)
        deleted = Deleted(
            snapshots=snapshots,
            records=records,
            imports=import_count,
            raw_files=len(upload_names),
            mappings=mappings,
        )
        audit_record(
            "spectrum.data.deleted",
            request=request,
            actor=user,
            school_urn=school.urn,
            detail={
                "snapshots": deleted.snapshots,
                "records": deleted.records,
                "imports": deleted.imports,
                "raw_files": deleted.raw_files,
                "mappings": deleted.mappings,
            },
        )

        def remove_files() -> None:
            for name in upload_names:
                storage.upload_delete(name)

        transaction.on_commit(remove_files)
    return deleted
