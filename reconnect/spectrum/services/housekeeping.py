"""Keeping pupil data no longer than the school decided, and no uploaded file beyond a day.

Run daily by ``manage.py spectrum_housekeeping`` (cron, or the operator's scheduler) and
after every import by a queued task (``tasks.spectrum_housekeeping_task``), so a deployment
with only the task worker still purges: nothing in Reconnect schedules work by the clock.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.core.audit import audit_record
from reconnect.schools.models import School
from reconnect.spectrum import storage
from reconnect.spectrum.models import (
    DEFAULT_RETENTION_MONTHS,
    FINISHED,
    ImportStatus,
    PupilImport,
    PupilRecord,
    SchoolDataSettings,
    Snapshot,
    SnapshotFactorMask,
)

# An uploaded file waits at most this long (for its columns to be matched, or for a worker).
RAW_FILE_LIFETIME = timedelta(hours=24)
ACTOR_LABEL = "Reconnect housekeeping"


def retention_cutoff(today: date, months: int) -> date:
    """The oldest ``as_at_date`` kept: the same day ``months`` months before ``today``
    (the month's last day when it is shorter: 31 March less one month is 28/29 February).
    Snapshots dated before it have expired."""
    total = today.year * 12 + today.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    day = min(today.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def latest_move(school: School) -> None:
    """Give ``is_latest`` to the school's newest snapshot (none when it has none left).

    Two statements in the caller's transaction, clear then set, so the one-latest
    constraint holds after each.
    """
    Snapshot.objects.filter(school=school, is_latest=True).update(is_latest=False)
    newest = Snapshot.objects.filter(school=school).order_by("-as_at_date").values("pk")[:1]
    Snapshot.objects.filter(pk__in=newest).update(is_latest=True)


def snapshots_delete(snapshots: QuerySet[Snapshot]) -> int:
    """Delete these snapshots, their records and their summaries; returns how many
    snapshots.

    The records go in one DELETE, and so do the factor-mask summaries: Django's cascade
    would fetch them and delete them 100 at a time (receivers of delete signals exist for
    every model), so a school's purge would cost a query per 100 pupils. Neither has signals
    or relations of its own to honour.
    """
    PupilRecord.objects.filter(snapshot__in=snapshots)._raw_delete(PupilRecord.objects.db)
    SnapshotFactorMask.objects.filter(snapshot__in=snapshots)._raw_delete(
        SnapshotFactorMask.objects.db
    )
    _total, by_model = snapshots.delete()
    # The snapshots alone: a cascade to some other row must not be counted as one.
    return by_model.get(Snapshot._meta.label, 0)


@dataclass(frozen=True)
class HousekeepingResult:
    snapshots_expired: int  # snapshots deleted (or, in a dry run, that would be)
    schools: int  # schools that lost at least one
    imports_abandoned: int  # unfinished imports closed, their files deleted
    files_deleted: int  # further stored files older than RAW_FILE_LIFETIME


def snapshots_expire(
    *, today: date, school: School | None = None, dry_run: bool = False
) -> HousekeepingResult:
    """Delete every snapshot older than its school's retention period, and every uploaded
    file older than 24 hours (closing the import that waited for it).

    ``school`` limits the snapshot purge to one school (files are always all checked).
    Side effects: snapshots and their records deleted, ``is_latest`` moved to the newest
    one left, one ``spectrum.snapshot.expired`` audit event per school (detail: how many
    snapshots and the cutoff, never a pupil); abandoned imports set to FAILED with a notice
    and audited ``spectrum.import.finished``. A dry run changes nothing and reports counts.
    """
    expired = 0
    schools = 0
    oldest_by_school = Snapshot.objects.values("school_id").annotate(oldest=Min("as_at_date"))
    if school is not None:
        oldest_by_school = oldest_by_school.filter(school=school)
    retention = dict(SchoolDataSettings.objects.values_list("school_id", "retention_months"))
    due = [
        (row["school_id"], cutoff)
        for row in oldest_by_school.order_by()
        if row["oldest"]
        < (
            cutoff := retention_cutoff(
                today, retention.get(row["school_id"], DEFAULT_RETENTION_MONTHS)
            )
        )
    ]
    for school_id, cutoff in due:
        count = _expire_school(school_id, cutoff, dry_run=dry_run)
        expired += count
        schools += 1 if count else 0

    abandoned = _abandon_imports(timezone.now() - RAW_FILE_LIFETIME, dry_run=dry_run)
    files = 0
    for name in storage.uploads_older_than(timezone.now() - RAW_FILE_LIFETIME):
        if dry_run or storage.upload_delete(name):
            files += 1
    return HousekeepingResult(
        snapshots_expired=expired,
        schools=schools,
        imports_abandoned=abandoned,
        files_deleted=files,
    )


def _expire_school(school_id: int, cutoff: date, *, dry_run: bool) -> int:
    target = School.objects.get(pk=school_id)
    old = Snapshot.objects.filter(school_id=school_id, as_at_date__lt=cutoff)
    if dry_run:
        return old.count()
    with transaction.atomic():
        # The same lock an import takes, so a purge and an import never cross.
        list(
            SchoolDataSettings.objects.select_for_update().filter(school_id=school_id).values("pk")
        )
        count = old.count()
        if not count:
            return 0
        snapshots_delete(old)
        latest_move(target)
        audit_record(
            "spectrum.snapshot.expired",
            actor_label=ACTOR_LABEL,
            school_urn=target.urn,
            detail={"snapshots": count, "before": cutoff.isoformat()},
        )
    return count


def _abandon_imports(before: datetime, *, dry_run: bool) -> int:
    waiting = PupilImport.objects.filter(uploaded_at__lt=before).exclude(status__in=FINISHED)
    if dry_run:
        return waiting.count()
    closed = 0
    for pupil_import in waiting.select_related("school", "uploaded_by"):
        with transaction.atomic():
            changed = (
                PupilImport.objects.filter(pk=pupil_import.pk)
                .exclude(status__in=FINISHED)
                .update(
                    status=ImportStatus.FAILED,
                    upload_name="",
                    unmatched_headers=[],
                    finished_at=timezone.now(),
                    notices=[
                        *pupil_import.notices,
                        {
                            "column": "",
                            "message": _(
                                "The uploaded file was deleted after waiting 24 hours without "
                                "being imported. Upload it again."
                            ),
                        },
                    ],
                )
            )
            if not changed:
                continue
            audit_record(
                "spectrum.import.finished",
                actor_label=ACTOR_LABEL,
                target=pupil_import,
                school_urn=pupil_import.school.urn,
                detail={
                    "status": str(ImportStatus.FAILED),
                    "rows": pupil_import.rows_total or 0,
                    "problem_count": pupil_import.problem_count,
                },
            )
        storage.upload_delete(pupil_import.upload_name)
        closed += 1
    return closed
