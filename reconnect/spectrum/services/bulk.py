"""Importing many schools' pupil files at once: a network's load, or a benchmark of one.

``imports_bulk`` applies the rules of ``services.imports`` to each file (the same reader,
the school's saved column mappings, the same rejection, retention and unchanged rules, the
same pseudonymising, postcode lookup and network factors, the same audit events) but pays
the fixed costs once per batch of files instead of once per file:

- nothing is written while the files are read and checked; the raw bytes are never stored
  (they are in memory for the whole call), except a file whose headers need matching,
  which is kept as an upload would be so that ``import_map_columns`` can finish it;
- the network factors are worked out for the batch's clean files in one frame (each file
  keeping its own date and its own within-school comparisons);
- one transaction per batch writes every import row, audit event, replaced and new
  snapshot, record and ``is_latest`` move, with a handful of statements per batch for the
  snapshots and the records.

A rejected file writes only its ``PupilImport`` (and its audit events), as one file would;
the other files of the batch still import.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from reconnect.schools.models import School
from reconnect.spectrum import storage
from reconnect.spectrum.analysis.profiles import network_factors
from reconnect.spectrum.ingest import MAX_BYTES, ReadResult, read_pupil_file
from reconnect.spectrum.models import (
    ColumnMapping,
    ImportSource,
    ImportStatus,
    PupilImport,
    SchoolDataSettings,
    Snapshot,
)
from reconnect.spectrum.services import imports
from reconnect.spectrum.services.housekeeping import retention_cutoff, snapshots_delete
from reconnect.spectrum.services.pseudonyms import data_settings_ensure
from reconnect.spectrum.services.summaries import snapshot_summary_write

# Files per transaction: enough to spread the fixed costs, few enough that a batch's frames
# stay small (about 50,000 pupils) and the database's write lock is held briefly.
BATCH_FILES = 100


@dataclass
class _File:
    school: School
    data: bytes
    filename: str
    sha256: str
    result: ReadResult | None = None
    status: str = ImportStatus.CHECKING
    as_at: date | None = None
    problems: list[dict[str, Any]] | None = None
    notices: list[dict[str, str]] = field(default_factory=list)
    frame: pl.DataFrame | None = None  # the records to write, ordered for the INSERT
    earlier: dict[str, Any] | None = None  # the IMPORTED import this file repeats


def imports_bulk(
    files: Iterable[tuple[School, bytes, str]],
    *,
    user: Any,
    as_at_date: date | None,
    source: str = ImportSource.COMMAND,
    batch_files: int = BATCH_FILES,
) -> list[PupilImport]:
    """Import each (school, file bytes, filename), in order; one ``PupilImport`` each.

    ``as_at_date`` is used for files without an ``as_at_date`` column. Two files of one
    school and date in the same call: the later replaces the earlier, as two uploads would.
    Never raises for a bad file: its import's status and ``problems`` say what was wrong.
    Queues the housekeeping task once at the end.
    """
    done: list[PupilImport] = []
    for batch in _batches(files, batch_files):
        done.extend(_batch_import(batch, user=user, as_at_date=as_at_date, source=source))
    transaction.on_commit(imports._queue_housekeeping)
    return done


def _batches(
    files: Iterable[tuple[School, bytes, str]], size: int
) -> Iterator[list[tuple[School, bytes, str]]]:
    """Batches of at most ``size`` files in which no school appears twice (so each batch
    writes at most one snapshot per school and the order of uploads is kept)."""
    batch: list[tuple[School, bytes, str]] = []
    seen: set[int] = set()
    for item in files:
        if len(batch) >= size or item[0].pk in seen:
            yield batch
            batch, seen = [], set()
        batch.append(item)
        seen.add(item[0].pk)
    if batch:
        yield batch


def _batch_import(
    batch: list[tuple[School, bytes, str]], *, user: Any, as_at_date: date | None, source: str
) -> list[PupilImport]:
    import hashlib

    entries = [
        _File(school, data, filename, hashlib.sha256(data).hexdigest())
        for school, data, filename in batch
    ]
    school_ids = [e.school.pk for e in entries]
    _find_unchanged(entries, school_ids)
    mappings: dict[int, dict[str, str]] = {}
    for school_id, header, canonical in ColumnMapping.objects.filter(
        school_id__in=school_ids
    ).values_list("school_id", "header", "canonical"):
        mappings.setdefault(school_id, {})[header] = canonical
    settings_of = {
        s.school_id: s for s in SchoolDataSettings.objects.filter(school_id__in=school_ids)
    }
    today = timezone.localdate()

    clean: list[_File] = []
    for entry in entries:
        if len(entry.data) > MAX_BYTES or entry.earlier is not None:
            continue
        entry.result = read_pupil_file(
            entry.data,
            entry.filename[:200],
            hand_mapping=mappings.get(entry.school.pk, {}),
            as_at_date=as_at_date,
            today=today,
        )
        result = entry.result
        if result.unmatched:
            entry.status = ImportStatus.NEEDS_MAPPING
            continue
        if result.problems or result.problem_count or result.frame is None:
            entry.status = ImportStatus.REJECTED
            continue
        entry.as_at = result.as_at_date or as_at_date
        if entry.as_at is None:
            entry.status = ImportStatus.REJECTED
            continue
        data_settings = settings_of.get(entry.school.pk) or data_settings_ensure(entry.school)
        settings_of[entry.school.pk] = data_settings
        oldest = retention_cutoff(today, data_settings.retention_months)
        if entry.as_at < oldest:
            entry.status = ImportStatus.REJECTED
            entry.problems = [imports.retention_problem(entry.as_at, oldest, data_settings)]
            continue
        frame, entry.notices = imports._minimised(result.frame, data_settings)
        entry.frame = frame.with_columns(
            pl.lit(entry.school.pk, dtype=pl.Int64).alias("school"),
            pl.lit(entry.as_at, dtype=pl.Date).alias("__as_at"),
            pl.lit(len(clean), dtype=pl.Int64).alias("__file"),
        )
        entry.status = ImportStatus.IMPORTED
        clean.append(entry)
    _network_factors(clean)
    with transaction.atomic():
        return [
            _record(entry, user=user, source=source, as_at_date=as_at_date) for entry in entries
        ]


def _find_unchanged(entries: list[_File], school_ids: list[int]) -> None:
    """Mark each file identical to one its school imported (snapshot still there)."""
    earlier: dict[tuple[int, str], dict[str, Any]] = {}
    for row in (
        PupilImport.objects.filter(
            school_id__in=school_ids,
            file_sha256__in=[e.sha256 for e in entries],
            status=ImportStatus.IMPORTED,
            snapshot__isnull=False,
        )
        .order_by("uploaded_at", "pk")  # the newest last, so it wins
        .values("school_id", "file_sha256", "rows_total", "mapping", "snapshot_id")
    ):
        earlier[(row["school_id"], row["file_sha256"])] = dict(row)
    for entry in entries:
        if len(entry.data) <= MAX_BYTES:
            entry.earlier = earlier.get((entry.school.pk, entry.sha256))


def _network_factors(clean: list[_File]) -> None:
    """Every clean file's factor bitmasks from one frame, each file its own group."""
    if not clean:
        return
    frames = [e.frame for e in clean if e.frame is not None]
    combined = pl.concat(frames, how="diagonal_relaxed")
    masks = network_factors(combined, as_at="__as_at", by="__file").cast(pl.Int64)
    start = 0
    for entry in clean:
        assert entry.frame is not None  # noqa: S101 (set with the entry)
        height = entry.frame.height
        entry.frame = imports._ordered(
            entry.frame.with_columns(masks.slice(start, height).alias("network_factors"))
        )
        start += height


def _record(entry: _File, *, user: Any, source: str, as_at_date: date | None) -> PupilImport:
    """Inside the batch's transaction: the file's import row, audit events and snapshot."""
    result = entry.result
    base: dict[str, Any] = {
        "school": entry.school,
        "uploaded_by": user,
        "source": source,
        "original_filename": entry.filename[:200],
        "size_bytes": len(entry.data),
        "as_at_date": as_at_date,
        "file_sha256": entry.sha256,
    }
    if len(entry.data) > MAX_BYTES or entry.earlier is not None:
        # The single-file rules, unchanged: refused unread, or recorded as UNCHANGED.
        return imports.import_receive(
            school=entry.school,
            user=user,
            data=entry.data,
            filename=entry.filename,
            as_at_date=as_at_date,
            source=source,
        )
    assert result is not None  # noqa: S101 (read above)
    fields: dict[str, Any] = {
        "status": entry.status,
        "rows_total": result.rows,
        "mapping": dict(result.mapping),
        "problems": [
            {"row": p.row, "column": p.column, "value": p.value, "expected": p.expected}
            for p in result.problems
        ],
        "problem_count": result.problem_count,
        "notices": [{"column": n.column, "message": n.message} for n in result.notices],
    }
    if entry.problems is not None:
        fields["problems"] = entry.problems
        fields["problem_count"] = len(entry.problems)
    if entry.status == ImportStatus.NEEDS_MAPPING:
        fields["unmatched_headers"] = list(result.unmatched)
        fields["upload_name"] = storage.upload_save(entry.data)
        pupil_import = PupilImport.objects.create(**base, **fields)
        imports._audit_received(pupil_import)
        return pupil_import
    fields["finished_at"] = timezone.now()
    if entry.status == ImportStatus.IMPORTED:
        assert entry.frame is not None  # noqa: S101 (set with IMPORTED)
        assert entry.as_at is not None  # noqa: S101
        fields["notices"] = [*fields["notices"], *entry.notices]
        fields["snapshot"] = _snapshot_write(entry.school, entry.as_at, entry.frame)
        fields["rows_done"] = entry.frame.height
    pupil_import = PupilImport.objects.create(**base, **fields)
    imports._audit_received(pupil_import)
    imports._audit_finished(pupil_import)
    return pupil_import


def _snapshot_write(school: School, as_at: date, ordered: pl.DataFrame) -> Snapshot:
    """As ``imports._snapshot_write``: replace the date's snapshot, insert, move is_latest."""
    list(SchoolDataSettings.objects.select_for_update().filter(school=school).values("pk"))
    replaced = Snapshot.objects.filter(school=school, as_at_date=as_at)
    if replaced.exists():
        snapshots_delete(replaced)
    latest = Snapshot.objects.filter(school=school, is_latest=True).values_list("pk", "as_at_date")
    current = next(iter(latest), None)
    becomes_latest = current is None or current[1] < as_at
    if becomes_latest and current is not None:
        Snapshot.objects.filter(pk=current[0]).update(is_latest=False)
    snapshot = Snapshot.objects.create(
        school=school, as_at_date=as_at, pupil_count=ordered.height, is_latest=becomes_latest
    )
    columns = [str(f.column) for f in imports.record_fields()]
    sql = imports._insert_sql(columns, snapshot.pk)
    with connection.cursor() as cursor:
        for start in range(0, ordered.height, imports.WRITE_CHUNK):
            cursor.executemany(sql, ordered.slice(start, imports.WRITE_CHUNK).rows())
    snapshot_summary_write(snapshot.pk)
    return snapshot
