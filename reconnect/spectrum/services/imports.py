"""Importing a school's pupil file: receive, check, pseudonymise, write one snapshot.

The flow, whoever uploads (web form, API, ``manage.py import_pupils``):

1. ``import_receive`` records a ``PupilImport``. A file over ``ingest.MAX_BYTES`` is
   rejected before anything reads it. A file identical (SHA-256) to one the school already
   imported, whose snapshot still exists, is recorded as UNCHANGED and nothing else is
   written. Otherwise the bytes go to private storage (``spectrum.storage``) and are
   processed at once when small (up to ``INLINE_MAX_BYTES``), else by a background task.
2. ``import_process`` reads the file with ``ingest.read_pupil_file`` under the school's
   saved column mappings. Headers it cannot match stop it at NEEDS_MAPPING, keeping the
   file until ``import_map_columns`` saves the school's choices and processes it again
   (or housekeeping deletes it after 24 hours). Any problem rejects the whole file: only the
   ``PupilImport`` and its report are written.
3. A clean file is prepared outside any transaction (UPNs hashed under the school's key,
   postcodes turned into IDACI deciles and dropped, the network factor bitmask computed),
   advancing ``rows_done`` so a progress page can follow it, and then written in **one**
   transaction: the school's row is locked (PostgreSQL; SQLite's IMMEDIATE transactions
   queue anyway), an identical file imported meanwhile (the same file uploaded twice at
   once) makes this one UNCHANGED, a snapshot of the same date is replaced, the records
   are inserted with ``executemany`` in chunks of ``WRITE_CHUNK`` over ``PupilRecord``'s
   own ``_meta`` columns, and ``is_latest`` moves to the school's newest snapshot.
4. Whatever happens, the raw file is deleted in a ``finally`` (unless the import is waiting
   for its columns to be matched), and the outcome is audited.

Nothing here logs or audits a pupil value: audit details hold statuses and counts, and an
unexpected error is logged by its class name only.
"""

import hashlib
import logging
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import polars as pl
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.schools.models import School
from reconnect.spectrum import storage
from reconnect.spectrum.analysis.profiles import network_factors
from reconnect.spectrum.columns import BY_NAME, normalise_header
from reconnect.spectrum.ingest import MAX_BYTES, ReadResult, read_pupil_file
from reconnect.spectrum.models import (
    ColumnMapping,
    ImportSource,
    ImportStatus,
    PupilImport,
    PupilRecord,
    SchoolDataSettings,
    Snapshot,
)
from reconnect.spectrum.services.deprivation import idaci_fill
from reconnect.spectrum.services.housekeeping import (
    latest_move,
    retention_cutoff,
    snapshots_delete,
)
from reconnect.spectrum.services.pseudonyms import data_settings_ensure, upn_hasher
from reconnect.spectrum.services.summaries import snapshot_summary_write

logger = logging.getLogger(__name__)

# Files up to this size are processed in the request (a school of 1,500 pupils is about
# 300 KB); larger ones go to the task queue and the page shows progress.
INLINE_MAX_BYTES = 1024 * 1024
# Rows per executemany and per progress step. A school's file (up to a few thousand
# pupils) is one or two chunks, so the number of queries does not grow with its size.
WRITE_CHUNK = 5000


# --- Receiving -------------------------------------------------------------------------------


def import_receive(
    *,
    school: School,
    user: Any,
    data: bytes,
    filename: str,
    as_at_date: date | None,
    source: str,
    dry_run: bool = False,
    hand_mapping: Mapping[str, str] | None = None,
) -> PupilImport:
    """Record an uploaded pupil file and process it (now, or queued when large).

    ``hand_mapping`` (normalised header → canonical name or "" to ignore) applies to this
    import only, on top of the school's saved mappings; an import given one is processed
    at once whatever its size (the command line uses it). Returns the ``PupilImport`` as it
    stands after this call: finished, NEEDS_MAPPING, or RECEIVED while a task has it.

    Side effects: the import row; the raw file in private storage (deleted once
    processed); audit events ``spectrum.import.received`` and ``spectrum.import.finished``;
    a snapshot and its records when the file is clean and this is not a dry run. Never
    raises for a bad file: the import's status and ``problems`` say what was wrong.
    """
    size = len(data)
    base = {
        "school": school,
        "uploaded_by": user,
        "source": source,
        "dry_run": dry_run,
        "original_filename": filename[:200],
        "size_bytes": size,
        "as_at_date": as_at_date,
    }
    if size > MAX_BYTES:
        # Refused before hashing or parsing: the bytes are never looked at.
        rejected = PupilImport.objects.create(
            **base,
            file_sha256="",
            status=ImportStatus.REJECTED,
            problem_count=1,
            problems=[
                {
                    "row": None,
                    "column": "",
                    "value": _("%(mb).1f MB") % {"mb": size / 1024 / 1024},
                    "expected": _(
                        "a file of at most %(limit)d MB: export only the columns Reconnect "
                        "uses, or split the file"
                    )
                    % {"limit": MAX_BYTES // 1024 // 1024},
                }
            ],
            finished_at=timezone.now(),
        )
        _audit_received(rejected)
        _audit_finished(rejected)
        return rejected

    sha256 = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        # Under the school's import lock: an import of the same date writing meanwhile
        # deletes the snapshot it replaces, and pointing at that snapshot then failed with
        # a foreign-key error (seen with 32 concurrent writers).
        _lock_school_imports(school.pk)
        earlier = _identical_import(school.pk, sha256)
        if earlier is not None:
            unchanged = PupilImport.objects.create(
                **base,
                file_sha256=sha256,
                status=ImportStatus.UNCHANGED,
                rows_total=earlier.rows_total,
                rows_done=earlier.rows_total or 0,
                mapping=earlier.mapping,
                snapshot_id=earlier.snapshot_id,
                finished_at=timezone.now(),
            )
            _audit_received(unchanged)
            _audit_finished(unchanged)
            return unchanged

    upload_name = storage.upload_save(data)
    try:
        pupil_import = PupilImport.objects.create(
            **base, file_sha256=sha256, upload_name=upload_name
        )
    except BaseException:
        storage.upload_delete(upload_name)
        raise
    _audit_received(pupil_import)
    inline = size <= INLINE_MAX_BYTES or source == ImportSource.COMMAND or bool(hand_mapping)
    return _process_or_queue(pupil_import, inline=inline, hand_mapping=hand_mapping)


def _lock_school_imports(school_id: int) -> None:
    """Inside a transaction: wait until no other import of the school is writing, and keep
    it so until commit (PostgreSQL: a row lock on the school's data settings; SQLite's
    IMMEDIATE transaction already holds the database's one write lock)."""
    list(SchoolDataSettings.objects.select_for_update().filter(school_id=school_id).values("pk"))


def _identical_import(school_id: int, sha256: str) -> PupilImport | None:
    """The school's latest import of exactly these bytes whose snapshot still exists."""
    return (
        PupilImport.objects.select_related("snapshot")
        .filter(
            school_id=school_id,
            file_sha256=sha256,
            status=ImportStatus.IMPORTED,
            snapshot__isnull=False,
        )
        .order_by("-uploaded_at", "-pk")
        .first()
    )


def _process_or_queue(
    pupil_import: PupilImport, *, inline: bool, hand_mapping: Mapping[str, str] | None = None
) -> PupilImport:
    if inline:
        return import_process(pupil_import.pk, hand_mapping=hand_mapping) or pupil_import
    from reconnect.spectrum.tasks import import_process_task  # the task module imports us

    import_id = pupil_import.pk
    transaction.on_commit(lambda: import_process_task.enqueue(import_id=import_id))
    return pupil_import


# --- Processing ------------------------------------------------------------------------------


def import_process(
    import_id: int, *, hand_mapping: Mapping[str, str] | None = None
) -> PupilImport | None:
    """Check and import a received file. Idempotent: only a RECEIVED import is taken (by
    one conditional UPDATE, so two workers never process one file); any other status is
    returned as it is, and a vanished import gives None.
    """
    claimed = PupilImport.objects.filter(pk=import_id, status=ImportStatus.RECEIVED).update(
        status=ImportStatus.CHECKING, rows_done=0
    )
    pupil_import = (
        PupilImport.objects.select_related("school", "uploaded_by").filter(pk=import_id).first()
    )
    if not claimed or pupil_import is None:
        return pupil_import

    keep_file = False
    try:
        data = storage.upload_read(pupil_import.upload_name)
        if data is None:
            _finish(
                pupil_import,
                ImportStatus.FAILED,
                notices=[_notice("", _("The uploaded file was no longer held. Upload it again."))],
            )
            return pupil_import
        mapping = dict(
            ColumnMapping.objects.filter(school=pupil_import.school).values_list(
                "header", "canonical"
            )
        )
        mapping.update(hand_mapping or {})
        result = read_pupil_file(
            data,
            pupil_import.original_filename,
            hand_mapping=mapping,
            as_at_date=pupil_import.as_at_date,
            today=timezone.localdate(),
        )
        del data
        if result.unmatched:
            keep_file = True
            _needs_mapping(pupil_import, result)
        elif result.problems or result.problem_count or result.frame is None:
            _finish(pupil_import, ImportStatus.REJECTED, result=result)
        else:
            _import_clean(pupil_import, result)
    except Exception as error:
        keep_file = False
        # The class name only: a message could quote a cell of the file.
        logger.error("Pupil import %s failed: %s", import_id, type(error).__name__)
        pupil_import.refresh_from_db()
        if not pupil_import.is_finished:
            _finish(
                pupil_import,
                ImportStatus.FAILED,
                notices=[
                    _notice(
                        "",
                        _(
                            "Something went wrong while importing this file and nothing was "
                            "imported. Try again; if it happens again, contact support quoting "
                            "import %(id)s."
                        )
                        % {"id": import_id},
                    )
                ],
            )
    finally:
        if not keep_file and pupil_import.upload_name:
            storage.upload_delete(pupil_import.upload_name)
            PupilImport.objects.filter(pk=import_id).update(upload_name="")
            pupil_import.upload_name = ""
    return pupil_import


def _notice(column: str, message: str) -> dict[str, str]:
    return {"column": column, "message": message}


def _needs_mapping(pupil_import: PupilImport, result: ReadResult) -> None:
    pupil_import.status = ImportStatus.NEEDS_MAPPING
    pupil_import.unmatched_headers = list(result.unmatched)
    pupil_import.mapping = dict(result.mapping)
    pupil_import.notices = [asdict(n) for n in result.notices]
    pupil_import.problems = [asdict(p) for p in result.problems]
    pupil_import.problem_count = result.problem_count
    pupil_import.rows_total = result.rows
    pupil_import.save(
        update_fields=[
            "status",
            "unmatched_headers",
            "mapping",
            "notices",
            "problems",
            "problem_count",
            "rows_total",
        ]
    )


def _finish(
    pupil_import: PupilImport,
    status: str,
    *,
    result: ReadResult | None = None,
    problems: list[dict[str, Any]] | None = None,
    notices: list[dict[str, str]] | None = None,
    snapshot: Snapshot | None = None,
) -> None:
    """Record a final status (in the caller's transaction, if any) and audit it."""
    pupil_import.status = status
    if result is not None:
        pupil_import.rows_total = result.rows
        pupil_import.mapping = dict(result.mapping)
        pupil_import.problems = [asdict(p) for p in result.problems]
        pupil_import.problem_count = result.problem_count
        pupil_import.notices = [asdict(n) for n in result.notices]
    if problems is not None:
        pupil_import.problems = problems
        pupil_import.problem_count = len(problems)
    if notices is not None:
        pupil_import.notices = [*pupil_import.notices, *notices]
    pupil_import.unmatched_headers = []
    if snapshot is not None:
        pupil_import.snapshot = snapshot
        pupil_import.rows_done = snapshot.pupil_count
    pupil_import.finished_at = timezone.now()
    pupil_import.save(
        update_fields=[
            "status",
            "rows_total",
            "rows_done",
            "mapping",
            "problems",
            "problem_count",
            "notices",
            "unmatched_headers",
            "snapshot",
            "finished_at",
        ]
    )
    _audit_finished(pupil_import)


def _import_clean(pupil_import: PupilImport, result: ReadResult) -> None:
    assert result.frame is not None  # noqa: S101 (the caller checked)
    as_at = result.as_at_date or pupil_import.as_at_date
    if as_at is None:  # ingest reports a missing date as a problem; never guess one
        _finish(pupil_import, ImportStatus.REJECTED, result=result)
        return
    data_settings = data_settings_ensure(pupil_import.school)
    oldest = retention_cutoff(timezone.localdate(), data_settings.retention_months)
    if as_at < oldest:
        _finish(
            pupil_import,
            ImportStatus.REJECTED,
            result=result,
            problems=[retention_problem(as_at, oldest, data_settings)],
        )
        return
    if pupil_import.dry_run:
        _finish(pupil_import, ImportStatus.CHECKED, result=result)
        return

    PupilImport.objects.filter(pk=pupil_import.pk).update(
        status=ImportStatus.IMPORTING, rows_total=result.rows, rows_done=0
    )
    prepared = _prepare(pupil_import, result.frame, as_at, data_settings)
    with transaction.atomic():
        _lock_school_imports(pupil_import.school_id)
        # Asked again under the lock: the same file uploaded twice at once (a double click)
        # passed ``import_receive``'s check together, and the second must not replace the
        # first's snapshot with the same rows but find it, as it would a moment later.
        earlier = _identical_import(pupil_import.school_id, pupil_import.file_sha256)
        if (
            earlier is not None
            and earlier.snapshot is not None
            and earlier.snapshot.as_at_date == as_at
            and earlier.mapping == dict(result.mapping)
        ):
            _finish(pupil_import, ImportStatus.UNCHANGED, result=result, snapshot=earlier.snapshot)
            return
        snapshot = _snapshot_write(pupil_import.school, as_at, prepared)
        _finish(
            pupil_import,
            ImportStatus.IMPORTED,
            result=result,
            notices=prepared.notices,
            snapshot=snapshot,
        )
    transaction.on_commit(_queue_housekeeping)


# The purge after an import is a catch-up for deployments without the daily command, not
# part of the import: one queued task per process per interval is enough, and a run of
# thousands of imports (a network's bulk load) must not queue thousands of them.
HOUSEKEEPING_INTERVAL_S = 15 * 60
_housekeeping_queued_at: float | None = None


def retention_problem(
    as_at: date, oldest: date, data_settings: SchoolDataSettings
) -> dict[str, Any]:
    """The problem of a file dated before the school's retention period."""
    return {
        "row": None,
        "column": "as_at_date",
        "value": as_at.isoformat(),
        "expected": _(
            "a date since %(oldest)s: the school keeps pupil data for %(months)d "
            "months, so an older export would be deleted at once"
        )
        % {"oldest": oldest.strftime("%d/%m/%Y"), "months": data_settings.retention_months},
    }


def _queue_housekeeping() -> None:
    global _housekeeping_queued_at  # a per-process throttle
    now = time.monotonic()
    if (
        _housekeeping_queued_at is not None
        and now - _housekeeping_queued_at < HOUSEKEEPING_INTERVAL_S
    ):
        return
    from reconnect.spectrum.tasks import spectrum_housekeeping_task

    _housekeeping_queued_at = now
    spectrum_housekeeping_task.enqueue()


# --- Preparing and writing the records -----------------------------------------------------


@dataclass
class Prepared:
    columns: list[str]  # PupilRecord columns, in the order of each row; snapshot_id last
    chunks: list[list[tuple[Any, ...]]]  # rows without snapshot_id
    rows: int
    notices: list[dict[str, str]]


def record_fields() -> list[models.Field[Any, Any]]:
    """``PupilRecord``'s stored fields in insert order: all but the primary key, with
    ``snapshot`` last (its id is known only inside the writing transaction)."""
    fields = [f for f in PupilRecord._meta.concrete_fields if not f.primary_key]
    return [f for f in fields if f.name != "snapshot"] + [f for f in fields if f.name == "snapshot"]


_DTYPES: dict[str, type[pl.DataType]] = {
    "CharField": pl.String,
    "BooleanField": pl.Boolean,
    "DateField": pl.Date,
    "PositiveIntegerField": pl.Int64,
    "PositiveSmallIntegerField": pl.Int64,
    "BigIntegerField": pl.Int64,
    "IntegerField": pl.Int64,
    "FloatField": pl.Float64,
    "ForeignKey": pl.Int64,  # the school, a literal id
}


def _column_expr(field: models.Field[Any, Any], frame: pl.DataFrame) -> pl.Expr:
    dtype = _DTYPES.get(field.get_internal_type())
    if dtype is None:
        raise TypeError(f"PupilRecord.{field.name}: no import rule for {type(field).__name__}")
    if field.name in frame.columns:
        expr = pl.col(field.name).cast(dtype)
    else:
        expr = pl.lit(None, dtype=dtype)
    if dtype is pl.String and not field.null:
        expr = expr.fill_null("")
    if dtype is pl.Date and connection.vendor == "sqlite":
        # What Django's SQLite adapter would write, made once per column instead of by a
        # Python callback per value.
        expr = expr.dt.to_string("%Y-%m-%d")
    return expr.alias(field.attname)


def _minimised(
    frame: pl.DataFrame, data_settings: SchoolDataSettings
) -> tuple[pl.DataFrame, list[dict[str, str]]]:
    """The file's frame with the postcode turned into an IDACI decile and dropped, and the
    UPN replaced by its keyed hash (one unsealing of the school's key per file)."""
    notices: list[dict[str, str]] = []
    fill = idaci_fill(frame)
    if fill is not None:
        frame = frame.with_columns(fill.deciles.alias("idaci_decile"))
        notices.extend(_postcode_notices(fill.looked_up, fill.unknown, fill.lookup_loaded))
    frame = frame.drop("postcode", strict=False)  # used, now gone

    hashes: pl.Series
    if "upn" in frame.columns:
        hash_one = upn_hasher(data_settings)
        upns = frame.get_column("upn")
        # Each distinct UPN hashed once (a file's are distinct, bar blanks).
        distinct = upns.drop_nulls().unique().to_list()
        hashed = {upn: hash_one(upn) if upn else "" for upn in distinct}
        hashes = upns.replace_strict(hashed, default="", return_dtype=pl.String).fill_null("")
        frame = frame.drop("upn")
    else:
        hashes = pl.repeat("", frame.height, dtype=pl.String, eager=True)
    return frame.with_columns(hashes.alias("upn_hash")), notices


def _ordered(frame: pl.DataFrame) -> pl.DataFrame:
    """``PupilRecord``'s columns but the snapshot id, in insert order, typed for the driver."""
    fields = record_fields()[:-1]  # snapshot_id is added by the writer
    return frame.select([_column_expr(f, frame) for f in fields])


def _prepare(
    pupil_import: PupilImport,
    frame: pl.DataFrame,
    as_at: date,
    data_settings: SchoolDataSettings,
) -> Prepared:
    """The rows to insert, built outside the transaction, with progress committed per chunk."""
    frame, notices = _minimised(frame, data_settings)
    factors = network_factors(frame, as_at=as_at)
    frame = frame.with_columns(
        factors.cast(pl.Int64).alias("network_factors"),
        pl.lit(pupil_import.school_id, dtype=pl.Int64).alias("school"),
    )
    ordered = _ordered(frame)
    chunks: list[list[tuple[Any, ...]]] = []
    done = 0
    for start in range(0, ordered.height, WRITE_CHUNK):
        chunk = ordered.slice(start, WRITE_CHUNK).rows()
        chunks.append(chunk)
        done += len(chunk)
        # Committed at once (autocommit), so the progress page sees it.
        PupilImport.objects.filter(pk=pupil_import.pk).update(rows_done=done)
    return Prepared(
        columns=[str(f.column) for f in record_fields()],
        chunks=chunks,
        rows=ordered.height,
        notices=notices,
    )


def _postcode_notices(looked_up: int, unknown: int, loaded: bool) -> list[dict[str, str]]:
    if not loaded:
        return [
            _notice(
                "postcode",
                _(
                    "The postcode lookup has not been loaded on this server, so no area "
                    "deprivation decile could be found. The postcodes were not stored."
                ),
            )
        ]
    notices = [
        _notice(
            "postcode",
            ngettext(
                "%(n)d pupil's home postcode was used to find the area deprivation decile "
                "and then dropped.",
                "%(n)d pupils' home postcodes were used to find the area deprivation decile "
                "and then dropped.",
                looked_up,
            )
            % {"n": looked_up},
        )
    ]
    if unknown:
        notices.append(
            _notice(
                "postcode",
                ngettext(
                    "%(n)d postcode was not found in the lookup: that pupil has no area "
                    "deprivation decile.",
                    "%(n)d postcodes were not found in the lookup: those pupils have no area "
                    "deprivation decile.",
                    unknown,
                )
                % {"n": unknown},
            )
        )
    return notices


def _insert_sql(columns: list[str], snapshot_id: int) -> str:
    """The INSERT for ``columns`` (snapshot_id last), the snapshot's id written in as an
    integer literal so that the prepared rows need no per-row copy to carry it."""
    quote = connection.ops.quote_name
    table = quote(PupilRecord._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    placeholders = ", ".join(["%s"] * (len(columns) - 1))
    return f"INSERT INTO {table} ({names}) VALUES ({placeholders}, {int(snapshot_id)})"  # noqa: S608 (names from _meta, an int id)


def _snapshot_write(school: School, as_at: date, prepared: Prepared) -> Snapshot:
    """Inside the caller's transaction: replace the date's snapshot, insert, move is_latest."""
    _lock_school_imports(school.pk)  # one import of a school writes at a time
    # A corrected export of the same date replaces the first (records cascade; imports
    # that made it keep their history with no snapshot).
    snapshots_delete(Snapshot.objects.filter(school=school, as_at_date=as_at))
    snapshot = Snapshot.objects.create(school=school, as_at_date=as_at, pupil_count=prepared.rows)
    sql = _insert_sql(prepared.columns, snapshot.pk)
    with connection.cursor() as cursor:
        for chunk in prepared.chunks:
            cursor.executemany(sql, chunk)
    snapshot_summary_write(snapshot.pk)
    latest_move(school)
    snapshot.refresh_from_db(fields=["is_latest"])
    return snapshot


# --- Column mapping --------------------------------------------------------------------------


def column_mappings_save(*, school: School, user: Any, choices: Mapping[str, str]) -> int:
    """Remember headers of the school's MIS: header (as written) → canonical name or "".

    Raises ApplicationError naming an unknown canonical column. Audited
    (``spectrum.mapping.changed``: the normalised headers and their columns, no pupil data).
    Returns how many mappings were saved.
    """
    cleaned: dict[str, str] = {}
    for header, canonical in choices.items():
        if canonical and canonical not in BY_NAME:
            raise ApplicationError(
                _("“%(column)s” is not a column Reconnect knows.") % {"column": canonical},
                field=header,
            )
        key = normalise_header(header)
        if not key:
            raise ApplicationError(_("A column without a header cannot be matched."))
        cleaned[key] = canonical
    with transaction.atomic():
        for header, canonical in cleaned.items():
            ColumnMapping.objects.update_or_create(
                school=school,
                header=header[:100],
                defaults={"canonical": canonical, "updated_by": user},
            )
        if cleaned:
            audit_record(
                "spectrum.mapping.changed",
                actor=user,
                actor_label=_actor_label(user, ""),
                school_urn=school.urn,
                detail={"mappings": cleaned},
            )
    return len(cleaned)


def import_map_columns(
    *, pupil_import: PupilImport, user: Any, choices: Mapping[str, str]
) -> PupilImport:
    """Save the school's choices for an import's unmatched headers and process it again.

    ``choices``: header as written in the file (one of ``unmatched_headers``) → canonical
    column name, or "" to ignore that column. Headers left out stay unmatched. Raises
    ApplicationError when the import is not waiting for a mapping, its file is gone, or a
    header or column is unknown. Returns the import after processing (or queued).
    """
    if pupil_import.status != ImportStatus.NEEDS_MAPPING:
        raise ApplicationError(_("This import is not waiting for its columns to be matched."))
    if not storage.upload_exists(pupil_import.upload_name):
        raise ApplicationError(
            _("The uploaded file is no longer held (files wait 24 hours). Upload it again.")
        )
    unknown = [h for h in choices if h not in pupil_import.unmatched_headers]
    if unknown:
        raise ApplicationError(
            _("“%(header)s” is not one of this file's unmatched columns.") % {"header": unknown[0]}
        )
    with transaction.atomic():
        column_mappings_save(school=pupil_import.school, user=user, choices=choices)
        reset = PupilImport.objects.filter(
            pk=pupil_import.pk, status=ImportStatus.NEEDS_MAPPING
        ).update(status=ImportStatus.RECEIVED, problems=[], problem_count=0, notices=[])
    if not reset:  # someone else got there first
        pupil_import.refresh_from_db()
        return pupil_import
    pupil_import.refresh_from_db()
    inline = (
        pupil_import.size_bytes <= INLINE_MAX_BYTES or pupil_import.source == ImportSource.COMMAND
    )
    return _process_or_queue(pupil_import, inline=inline)


# --- Audit -----------------------------------------------------------------------------------


def _actor_label(user: Any, source: str) -> str:
    if user is not None:
        return ""
    return "manage.py" if source == ImportSource.COMMAND else "Reconnect"


def _audit_received(pupil_import: PupilImport) -> None:
    audit_record(
        "spectrum.import.received",
        actor=pupil_import.uploaded_by,
        actor_label=_actor_label(pupil_import.uploaded_by, pupil_import.source),
        target=pupil_import,
        school_urn=pupil_import.school.urn,
        detail={
            "source": pupil_import.source,
            "size_bytes": pupil_import.size_bytes,
            "dry_run": pupil_import.dry_run,
        },
    )


def _audit_finished(pupil_import: PupilImport) -> None:
    audit_record(
        "spectrum.import.finished",
        actor=pupil_import.uploaded_by,
        actor_label=_actor_label(pupil_import.uploaded_by, pupil_import.source),
        target=pupil_import,
        school_urn=pupil_import.school.urn,
        detail={
            "status": str(pupil_import.status),
            "rows": pupil_import.rows_total or 0,
            "problem_count": pupil_import.problem_count,
        },
    )
