"""Writing a pilot's outcome data: an uploaded pupil-level file, or typed-in summary figures.

A file is all or nothing: any problem rejects it and nothing is written; a clean file
replaces every record of its measure in one transaction. The file itself is never kept:
an ``OutcomeImport`` records its name, its SHA-256, what became of it and the problems
(pupil references masked). Pupil references are hashed with the school's own key
(``reconnect.spectrum.services.pseudonyms``) as they are read, and never stored, logged
or audited in the clear.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from reconnect.core.audit import audit_record
from reconnect.lab import audit_actions
from reconnect.lab.ingest import MAX_BYTES, Rules, read_outcomes, too_large
from reconnect.lab.models import (
    Design,
    Group,
    MeasureKind,
    OutcomeImport,
    OutcomeImportStatus,
    OutcomeMeasure,
    OutcomeRecord,
    Pilot,
    SummaryStatistic,
    Timepoint,
)
from reconnect.spectrum.services.pseudonyms import data_settings_ensure, upn_hasher


def rules_for(pilot: Pilot, measure: OutcomeMeasure) -> Rules:
    """What the file must hold for this pilot and measure.

    A pilot of one group before and after compares each pupil with themselves, and an
    attendance measure is compared before and after (difference in differences): both
    need every pupil's pre score.
    """
    single = pilot.design == Design.SINGLE_GROUP
    return Rules(
        lowest=measure.lowest,
        highest=measure.highest,
        single_group=single,
        pre_required=single or measure.kind == MeasureKind.ATTENDANCE,
    )


def _last_accepted(measure: OutcomeMeasure) -> OutcomeImport | None:
    """The upload the measure's records now come from (imported, or found unchanged)."""
    return (
        OutcomeImport.objects.filter(measure=measure)
        .exclude(status=OutcomeImportStatus.REJECTED)
        .order_by("-uploaded_at", "-pk")
        .first()
    )


def outcome_file_upload(
    *,
    pilot: Pilot,
    measure: OutcomeMeasure,
    user: Any,
    data: bytes,
    filename: str,
    size: int | None = None,
    request: HttpRequest | None = None,
) -> OutcomeImport:
    """Read an outcome file for ``measure`` and, when it is clean, replace its records.

    Returns the ``OutcomeImport``: REJECTED with its problems (nothing else written),
    UNCHANGED when the measure's records already come from this very file (same SHA-256),
    or IMPORTED. Side effects: the import row; on IMPORTED, the measure's records deleted
    and the file's written in one transaction, pupil references hashed with the school's
    key (created on first use); the audit event ``lab.outcomes.uploaded`` (status and
    counts only). Never raises for a bad file. ``size`` is the file's true size when
    ``data`` holds only its beginning (a view need not read past ``MAX_BYTES + 1``).
    """
    size = len(data) if size is None else size
    base = {
        "pilot": pilot,
        "measure": measure,
        "uploaded_by": user,
        "original_filename": filename[:200],
        # A file over the limit is refused without being looked at, not even hashed.
        "file_sha256": hashlib.sha256(data).hexdigest() if size <= MAX_BYTES else "",
    }
    if size > MAX_BYTES:
        problem = {"row": None, "column": "", "value": "", "expected": too_large(size)}
        upload = OutcomeImport.objects.create(
            **base, status=OutcomeImportStatus.REJECTED, problems=[problem], problem_count=1
        )
        _audit(upload, request)
        return upload
    with transaction.atomic():
        earlier = _last_accepted(measure)
        if earlier is not None and earlier.file_sha256 == base["file_sha256"]:
            upload = OutcomeImport.objects.create(
                **base, status=OutcomeImportStatus.UNCHANGED, rows=earlier.rows
            )
            _audit(upload, request)
            return upload
        result = read_outcomes(data, rules_for(pilot, measure))
        if not result.ok:
            upload = OutcomeImport.objects.create(
                **base,
                status=OutcomeImportStatus.REJECTED,
                rows=result.rows,
                problems=[asdict(problem) for problem in result.problems],
                problem_count=result.problem_count,
            )
            _audit(upload, request)
            return upload
        hash_one = upn_hasher(data_settings_ensure(pilot.school))
        OutcomeRecord.objects.filter(measure=measure).delete()
        OutcomeRecord.objects.bulk_create(
            (
                OutcomeRecord(
                    measure=measure,
                    pupil_hash=hash_one(row.pupil),
                    group=row.group,
                    pre=row.pre,
                    post=row.post,
                )
                for row in result.pupils
            ),
            batch_size=2000,
        )
        upload = OutcomeImport.objects.create(
            **base, status=OutcomeImportStatus.IMPORTED, rows=len(result.pupils)
        )
        _audit(upload, request)
    return upload


def _audit(upload: OutcomeImport, request: HttpRequest | None) -> None:
    audit_record(
        audit_actions.OUTCOMES_UPLOADED,
        request=request,
        actor=upload.uploaded_by,
        target=upload,
        school_urn=upload.pilot.school.urn,
        detail={
            "measure": upload.measure_id,
            "status": str(upload.status),
            "rows": upload.rows,
            "problem_count": upload.problem_count,
        },
    )


@dataclass(frozen=True)
class Figures:
    mean: float
    sd: float
    n: int


def outcome_summaries_save(
    *,
    pilot: Pilot,
    measure: OutcomeMeasure,
    user: Any,
    figures: Mapping[tuple[str, str], Figures],
    request: HttpRequest | None = None,
) -> list[SummaryStatistic]:
    """Replace the measure's summary figures with ``figures``, keyed by
    ``(group, timepoint)``. The form has checked them (n of 2 or more, SD of 0 or more,
    mean within the measure's range). Side effects: the measure's summaries deleted and
    written in one transaction; the audit event ``lab.outcomes.summary_saved``."""
    with transaction.atomic():
        SummaryStatistic.objects.filter(measure=measure).delete()
        saved = SummaryStatistic.objects.bulk_create(
            SummaryStatistic(
                measure=measure,
                group=Group(group),
                timepoint=Timepoint(timepoint),
                mean=figure.mean,
                sd=figure.sd,
                n=figure.n,
                entered_by=user,
            )
            for (group, timepoint), figure in sorted(figures.items())
        )
        audit_record(
            audit_actions.OUTCOMES_SUMMARY_SAVED,
            request=request,
            actor=user,
            target=measure,
            school_urn=pilot.school.urn,
            detail={"measure": measure.pk, "figures": len(saved)},
        )
    return saved
