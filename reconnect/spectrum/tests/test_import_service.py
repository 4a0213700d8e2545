"""The import service: a clean file becomes one snapshot; anything else writes nothing but
the import's own record. Minimisation (UPN hashed, postcode dropped, birth month only), the
raw file's deletion, idempotency, replacement, mapping, queueing and the audit trail."""

import hashlib
import hmac
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.core.sealing import unseal
from reconnect.spectrum import storage
from reconnect.spectrum.ingest import MAX_BYTES
from reconnect.spectrum.models import (
    ColumnMapping,
    ImportSource,
    ImportStatus,
    PupilImport,
    PupilRecord,
    SchoolDataSettings,
    Snapshot,
)
from reconnect.spectrum.services import imports
from reconnect.spectrum.services.housekeeping import retention_cutoff
from reconnect.spectrum.services.imports import import_map_columns, import_receive
from reconnect.spectrum.tasks import import_process_task
from reconnect.spectrum.tests.factories import (
    AS_AT,
    PostcodeDeprivationFactory,
    SchoolDataSettingsFactory,
    imported_snapshot,
    pupil_csv,
    pupil_rows,
)

LATER = date(2026, 11, 20)
ROWS_DONE = re.compile(r'"rows_done" = (\d+)')


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    """Private storage in the test's own directory, so 'deleted' can be checked."""
    settings.VAR_DIR = tmp_path
    return tmp_path / "private" / "uploads"


def _stored_files(uploads) -> list[str]:
    return sorted(p.name for p in uploads.iterdir()) if uploads.exists() else []


def _receive(school, data, *, user=None, as_at_date=None, dry_run=False, source=ImportSource.WEB):
    return import_receive(
        school=school,
        user=user,
        data=data,
        filename="pupils.csv",
        as_at_date=as_at_date,
        source=source,
        dry_run=dry_run,
    )


def _audit(school) -> list[tuple[str, str, dict]]:
    return list(
        AuditEvent.objects.filter(school_urn=school.urn)
        .order_by("pk")
        .values_list("action", "actor_label", "detail")
    )


# --- A clean file ----------------------------------------------------------------------------


def test_a_clean_file_becomes_the_latest_snapshot(school_a, data_lead_at_school_a, uploads):
    rows = pupil_rows(40, seed=1)

    pupil_import = _receive(school_a, pupil_csv(rows), user=data_lead_at_school_a)

    snapshot = Snapshot.objects.get(school=school_a)
    assert (pupil_import.status, pupil_import.rows_total, pupil_import.rows_done) == (
        ImportStatus.IMPORTED,
        40,
        40,
    )
    assert pupil_import.snapshot == snapshot
    assert (snapshot.as_at_date, snapshot.pupil_count, snapshot.is_latest) == (AS_AT, 40, True)
    assert sorted(
        PupilRecord.objects.filter(snapshot=snapshot).values_list("pupil_ref", flat=True)
    ) == sorted(row["pupil_ref"] for row in rows)
    assert PupilRecord.objects.filter(snapshot=snapshot).exclude(school=school_a).count() == 0
    assert pupil_import.finished_at is not None
    assert (pupil_import.problems, pupil_import.problem_count) == ([], 0)


def test_a_clean_file_stores_each_value_as_read(school_a):
    rows = pupil_rows(40, seed=2)
    first = rows[0]

    _receive(school_a, pupil_csv(rows))

    record = PupilRecord.objects.get(pupil_ref=first["pupil_ref"])
    for name in (
        "year_group", "reg_group", "sex", "entry_date", "fsm_eligible", "fsm_ever6",
        "looked_after", "sen_provision", "sessions_possible", "sessions_present",
        "attendance_period_start", "attainment_maths", "idaci_decile",
    ):  # fmt: skip
        expected = first[name]
        stored = getattr(record, name)
        assert stored == ("" if expected is None and isinstance(stored, str) else expected), name


def test_the_date_of_birth_is_kept_to_the_month(school_a):
    rows = pupil_rows(3, seed=3)
    rows[0]["date_of_birth"] = date(2013, 5, 17)

    _receive(school_a, pupil_csv(rows))

    assert PupilRecord.objects.get(pupil_ref=rows[0]["pupil_ref"]).birth_month == date(2013, 5, 1)


def test_the_upn_is_replaced_by_the_school_keyed_hash_and_never_stored(school_a):
    rows = pupil_rows(40, seed=4)
    upns = {row["pupil_ref"]: row["upn"] for row in rows}
    assert all(upns.values())

    _receive(school_a, pupil_csv(rows))

    key = bytes.fromhex(
        unseal(SchoolDataSettings.objects.get(school=school_a).pseudonym_key)["upn_key"]
    )
    stored = dict(PupilRecord.objects.values_list("pupil_ref", "upn_hash"))
    assert stored == {
        ref: hmac.new(key, upn.encode(), hashlib.sha256).hexdigest() for ref, upn in upns.items()
    }
    values = [str(v) for record in PupilRecord.objects.values() for v in record.values()]
    assert not any(upn in value for upn in upns.values() for value in values)


def test_the_postcode_gives_the_decile_and_is_never_stored(school_a):
    PostcodeDeprivationFactory(postcode="SE1 7PB", lsoa21="E01003968", idaci_decile=1)
    PostcodeDeprivationFactory(postcode="N1 9GU", lsoa21="E01002700", idaci_decile=4)
    rows = pupil_rows(4, seed=5)
    data = pupil_csv(rows, postcode=["se1 7pb", "N1 9GU", "ZZ9 9ZZ", None], idaci_decile=None)

    pupil_import = _receive(school_a, data)

    assert pupil_import.status == ImportStatus.IMPORTED
    deciles = dict(PupilRecord.objects.values_list("pupil_ref", "idaci_decile"))
    assert [deciles[row["pupil_ref"]] for row in rows] == [1, 4, None, None]
    assert pupil_import.notices[-2:] == [
        {
            "column": "postcode",
            "message": "2 pupils' home postcodes were used to find the area deprivation "
            "decile and then dropped.",
        },
        {
            "column": "postcode",
            "message": "1 postcode was not found in the lookup: that pupil has no area "
            "deprivation decile.",
        },
    ]
    values = [str(v).upper() for record in PupilRecord.objects.values() for v in record.values()]
    assert not any(
        postcode in value
        for postcode in ("SE1 7PB", "SE17PB", "N1 9GU", "ZZ9 9ZZ")
        for value in values
    )
    assert "postcode" not in {f.name for f in PupilRecord._meta.get_fields()}


def test_the_raw_file_is_deleted_once_imported(school_a, uploads):
    pupil_import = _receive(school_a, pupil_csv(10))

    assert pupil_import.upload_name == ""
    assert PupilImport.objects.get().upload_name == ""
    assert _stored_files(uploads) == []


def test_an_import_is_audited_received_then_finished(school_a, data_lead_at_school_a):
    data = pupil_csv(12)

    pupil_import = _receive(school_a, data, user=data_lead_at_school_a)

    events = AuditEvent.objects.filter(school_urn=school_a.urn).order_by("pk")
    assert [(e.action, e.actor_id, e.target_id, e.detail) for e in events] == [
        (
            "spectrum.import.received",
            data_lead_at_school_a.pk,
            str(pupil_import.pk),
            {"source": "web", "size_bytes": len(data), "dry_run": False},
        ),
        (
            "spectrum.import.finished",
            data_lead_at_school_a.pk,
            str(pupil_import.pk),
            {"status": "imported", "rows": 12, "problem_count": 0},
        ),
    ]


# --- Same file, same date, older and newer dates --------------------------------------------


def test_the_same_file_again_changes_nothing(school_a):
    data = pupil_csv(20, seed=6)
    first = _receive(school_a, data)
    records = list(PupilRecord.objects.order_by("pk").values_list("pk", flat=True))

    again = _receive(school_a, data)

    assert again.pk != first.pk
    assert (again.status, again.snapshot_id, again.rows_total) == (
        ImportStatus.UNCHANGED,
        first.snapshot_id,
        20,
    )
    assert list(PupilRecord.objects.order_by("pk").values_list("pk", flat=True)) == records
    assert Snapshot.objects.count() == 1
    assert again.upload_name == ""
    assert [a[0] for a in _audit(school_a)][-2:] == [
        "spectrum.import.received",
        "spectrum.import.finished",
    ]
    assert _audit(school_a)[-1][2] == {"status": "unchanged", "rows": 20, "problem_count": 0}


def test_the_same_file_uploaded_twice_at_once_is_imported_once(school_a, monkeypatch):
    # A double click: both uploads pass import_receive's check before either is written.
    # The second finds the first's snapshot under the school's import lock and is
    # UNCHANGED, instead of replacing it with the same rows (leaving the first with none).
    data = pupil_csv(20, seed=6)
    first = _receive(school_a, data)
    records = list(PupilRecord.objects.order_by("pk").values_list("pk", flat=True))
    identical_import = imports._identical_import
    checks: list[str] = []

    def first_check_too_early(school_id: int, sha256: str) -> Any:
        checks.append(sha256)
        return None if len(checks) == 1 else identical_import(school_id, sha256)

    monkeypatch.setattr(imports, "_identical_import", first_check_too_early)

    twin = _receive(school_a, data)

    assert len(checks) == 2
    assert (twin.status, twin.snapshot_id, twin.rows_total, twin.rows_done) == (
        ImportStatus.UNCHANGED,
        first.snapshot_id,
        20,
        20,
    )
    first.refresh_from_db()
    assert (first.status, first.snapshot_id) == (ImportStatus.IMPORTED, twin.snapshot_id)
    assert list(PupilRecord.objects.order_by("pk").values_list("pk", flat=True)) == records
    assert Snapshot.objects.count() == 1
    assert twin.upload_name == ""
    assert _audit(school_a)[-1][2] == {"status": "unchanged", "rows": 20, "problem_count": 0}


def test_the_same_file_for_another_school_is_imported_for_it(school_a, school_b):
    data = pupil_csv(20, seed=6)
    _receive(school_a, data)

    other = _receive(school_b, data)

    assert other.status == ImportStatus.IMPORTED
    hashes_a = set(PupilRecord.objects.filter(school=school_a).values_list("upn_hash", flat=True))
    hashes_b = set(PupilRecord.objects.filter(school=school_b).values_list("upn_hash", flat=True))
    assert hashes_a.isdisjoint(hashes_b)  # each school's own key


def test_a_corrected_file_for_the_same_date_replaces_the_snapshot(school_a):
    first = _receive(school_a, pupil_csv(20, seed=7))
    corrected_rows = pupil_rows(25, seed=8)

    corrected = _receive(school_a, pupil_csv(corrected_rows))

    snapshot = Snapshot.objects.get(school=school_a)
    assert corrected.snapshot == snapshot
    assert (snapshot.pupil_count, snapshot.is_latest) == (25, True)
    assert sorted(PupilRecord.objects.values_list("pupil_ref", flat=True)) == sorted(
        row["pupil_ref"] for row in corrected_rows
    )
    first.refresh_from_db()
    assert (first.status, first.snapshot_id) == (ImportStatus.IMPORTED, None)


def test_the_first_file_again_after_a_correction_is_imported_again(school_a):
    data = pupil_csv(20, seed=7)
    _receive(school_a, data)
    _receive(school_a, pupil_csv(25, seed=8))

    again = _receive(school_a, data)

    assert again.status == ImportStatus.IMPORTED
    assert Snapshot.objects.get(school=school_a).pupil_count == 20


def test_latest_is_the_newest_date_whatever_the_order_of_upload(school_a):
    _receive(school_a, pupil_csv(10, seed=9, as_at=LATER))
    _receive(school_a, pupil_csv(12, seed=10, as_at=AS_AT))

    latest = Snapshot.objects.filter(school=school_a, is_latest=True)
    assert [(s.as_at_date, s.pupil_count) for s in latest] == [(LATER, 10)]
    assert Snapshot.objects.filter(school=school_a).count() == 2


def test_a_newer_snapshot_takes_latest_from_its_own_school_only(school_a, school_b):
    other = imported_snapshot(school_b, pupils=5)
    imported_snapshot(school_a, pupils=10, as_at=AS_AT)

    newer = imported_snapshot(school_a, pupils=10, as_at=LATER, seed=1)

    latest = Snapshot.objects.filter(is_latest=True).order_by("pk").values_list("pk", flat=True)
    assert list(latest) == [other.pk, newer.pk]


# --- Rejected, refused, dry runs ---------------------------------------------------------


def test_a_file_with_a_bad_row_is_rejected_and_writes_nothing_else(school_a, uploads):
    data = pupil_csv(5, seed=11, fsm_eligible=["Y", "N", "maybe", "N", "Y"])

    pupil_import = _receive(school_a, data)

    assert pupil_import.status == ImportStatus.REJECTED
    assert pupil_import.problem_count == 1
    assert [(p["row"], p["column"], p["value"]) for p in pupil_import.problems] == [
        (4, "fsm_eligible", "maybe")
    ]
    assert Snapshot.objects.count() == 0
    assert PupilRecord.objects.count() == 0
    assert SchoolDataSettings.objects.count() == 0
    assert _stored_files(uploads) == []
    assert _audit(school_a)[-1][2] == {"status": "rejected", "rows": 5, "problem_count": 1}


def test_a_rejected_file_leaves_the_earlier_snapshot_alone(school_a):
    snapshot = imported_snapshot(school_a, pupils=10)
    records = list(PupilRecord.objects.order_by("pk").values_list("pk", "pupil_ref"))

    rejected = _receive(school_a, pupil_csv(10, seed=12, sessions_present=-1))

    assert rejected.status == ImportStatus.REJECTED
    assert list(Snapshot.objects.values_list("pk", "is_latest")) == [(snapshot.pk, True)]
    assert list(PupilRecord.objects.order_by("pk").values_list("pk", "pupil_ref")) == records


def test_a_file_over_the_size_limit_is_refused_unread(school_a, uploads):
    data = b"x" * (MAX_BYTES + 1)

    pupil_import = _receive(school_a, data)

    assert (pupil_import.status, pupil_import.file_sha256, pupil_import.size_bytes) == (
        ImportStatus.REJECTED,
        "",
        MAX_BYTES + 1,
    )
    assert pupil_import.problems == [
        {
            "row": None,
            "column": "",
            "value": "20.0 MB",
            "expected": "a file of at most 20 MB: export only the columns Reconnect uses, "
            "or split the file",
        }
    ]
    assert _stored_files(uploads) == []
    assert [a[0] for a in _audit(school_a)] == [
        "spectrum.import.received",
        "spectrum.import.finished",
    ]


def test_a_snapshot_older_than_the_retention_period_is_rejected(school_a):
    today = timezone.localdate()
    old = today - timedelta(days=400)
    SchoolDataSettingsFactory(school=school_a, retention_months=12)
    data = pupil_csv(5, seed=13, as_at=old)

    pupil_import = _receive(school_a, data)

    cutoff = retention_cutoff(today, 12)
    assert pupil_import.status == ImportStatus.REJECTED
    assert pupil_import.problems == [
        {
            "row": None,
            "column": "as_at_date",
            "value": old.isoformat(),
            "expected": f"a date since {cutoff:%d/%m/%Y}: the school keeps pupil data for 12 "
            "months, so an older export would be deleted at once",
        }
    ]
    assert Snapshot.objects.count() == 0


def test_a_dry_run_checks_and_writes_nothing(school_a, uploads):
    pupil_import = _receive(school_a, pupil_csv(15, seed=14), dry_run=True)

    assert (pupil_import.status, pupil_import.rows_total) == (ImportStatus.CHECKED, 15)
    assert Snapshot.objects.count() == 0
    assert PupilRecord.objects.count() == 0
    assert _stored_files(uploads) == []


def test_a_dry_run_of_a_bad_file_lists_its_problems(school_a):
    pupil_import = _receive(school_a, pupil_csv(3, seed=15, year_group="Q"), dry_run=True)

    assert pupil_import.status == ImportStatus.REJECTED
    assert [(p["row"], p["column"]) for p in pupil_import.problems] == [
        (2, "year_group"),
        (3, "year_group"),
        (4, "year_group"),
    ]


# --- Columns to match -------------------------------------------------------------------


def _with_header(data: bytes, old: str, new: str) -> bytes:
    header, rest = data.split(b"\r\n", 1)
    names = header.decode().split(",")
    return ",".join(new if n == old else n for n in names).encode() + b"\r\n" + rest


def test_an_unknown_header_waits_for_matching_and_keeps_the_file(school_a, uploads):
    data = _with_header(pupil_csv(6, seed=16), "fsm_eligible", "Free Dinners")

    pupil_import = _receive(school_a, data)

    assert pupil_import.status == ImportStatus.NEEDS_MAPPING
    assert pupil_import.unmatched_headers == ["Free Dinners"]
    assert _stored_files(uploads) == [pupil_import.upload_name]
    assert Snapshot.objects.count() == 0
    assert [a[0] for a in _audit(school_a)] == ["spectrum.import.received"]


def test_matching_a_header_saves_it_and_imports(school_a, data_lead_at_school_a, uploads):
    data = _with_header(pupil_csv(6, seed=16), "fsm_eligible", "Free Dinners")
    waiting = _receive(school_a, data, user=data_lead_at_school_a)

    done = import_map_columns(
        pupil_import=waiting, user=data_lead_at_school_a, choices={"Free Dinners": "fsm_eligible"}
    )

    assert done.status == ImportStatus.IMPORTED
    assert done.mapping["fsm_eligible"] == "Free Dinners"
    assert list(ColumnMapping.objects.values_list("school", "header", "canonical")) == [
        (school_a.pk, "freedinners", "fsm_eligible")
    ]
    assert Snapshot.objects.get().pupil_count == 6
    assert _stored_files(uploads) == []
    assert [a[0] for a in _audit(school_a)] == [
        "spectrum.import.received",
        "spectrum.mapping.changed",
        "spectrum.import.finished",
    ]
    assert _audit(school_a)[1][2] == {"mappings": {"freedinners": "fsm_eligible"}}


def test_a_remembered_header_is_matched_next_time(school_a):
    ColumnMapping.objects.create(school=school_a, header="freedinners", canonical="fsm_eligible")
    ColumnMapping.objects.create(school=school_a, header="housecolour", canonical="")
    extra: dict[str, Any] = {"House Colour": "red"}  # a header no alias knows
    data = _with_header(pupil_csv(6, seed=17, **extra), "fsm_eligible", "Free Dinners")

    pupil_import = _receive(school_a, data)

    assert pupil_import.status == ImportStatus.IMPORTED
    assert pupil_import.mapping["fsm_eligible"] == "Free Dinners"
    assert Snapshot.objects.get().pupil_count == 6


def test_ignoring_a_header_imports_without_it(school_a):
    data = _with_header(pupil_csv(6, seed=18), "medical_needs", "Lunch Club")
    waiting = _receive(school_a, data)

    done = import_map_columns(pupil_import=waiting, user=None, choices={"Lunch Club": ""})

    assert done.status == ImportStatus.IMPORTED
    assert set(PupilRecord.objects.values_list("medical_needs", flat=True)) == {None}


def test_matching_refuses_an_import_not_waiting_for_it(school_a):
    pupil_import = _receive(school_a, pupil_csv(3, seed=19))

    with pytest.raises(ApplicationError) as raised:
        import_map_columns(pupil_import=pupil_import, user=None, choices={})

    assert raised.value.message == "This import is not waiting for its columns to be matched."


def test_matching_refuses_an_unknown_column(school_a):
    data = _with_header(pupil_csv(3, seed=20), "fsm_eligible", "Free Dinners")
    waiting = _receive(school_a, data)

    with pytest.raises(ApplicationError) as raised:
        import_map_columns(pupil_import=waiting, user=None, choices={"Free Dinners": "pudding"})

    assert raised.value.message == "“pudding” is not a column Reconnect knows."
    assert ColumnMapping.objects.count() == 0
    waiting.refresh_from_db()
    assert waiting.status == ImportStatus.NEEDS_MAPPING


def test_matching_refuses_a_header_not_in_the_file(school_a):
    data = _with_header(pupil_csv(3, seed=20), "fsm_eligible", "Free Dinners")
    waiting = _receive(school_a, data)

    with pytest.raises(ApplicationError) as raised:
        import_map_columns(pupil_import=waiting, user=None, choices={"Banana": "fsm_eligible"})

    assert raised.value.message == "“Banana” is not one of this file's unmatched columns."


def test_matching_after_the_file_was_purged_asks_for_it_again(school_a, uploads):
    data = _with_header(pupil_csv(3, seed=21), "fsm_eligible", "Free Dinners")
    waiting = _receive(school_a, data)
    storage.upload_delete(waiting.upload_name)

    with pytest.raises(ApplicationError) as raised:
        import_map_columns(
            pupil_import=waiting, user=None, choices={"Free Dinners": "fsm_eligible"}
        )

    assert raised.value.message == (
        "The uploaded file is no longer held (files wait 24 hours). Upload it again."
    )


# --- Large files: queued, with progress ----------------------------------------------------


def test_a_large_file_is_queued_and_imported_by_the_task(
    school_a, monkeypatch, uploads, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "INLINE_MAX_BYTES", 1000)
    data = pupil_csv(30, seed=22)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        received = _receive(school_a, data)
        assert received.status == ImportStatus.RECEIVED
        assert _stored_files(uploads) == [received.upload_name]

    assert len(callbacks) >= 1
    received.refresh_from_db()
    assert (received.status, received.rows_total, received.rows_done) == (
        ImportStatus.IMPORTED,
        30,
        30,
    )
    assert received.progress_percent == 100
    assert _stored_files(uploads) == []


def test_progress_is_committed_chunk_by_chunk(school_a, monkeypatch):
    monkeypatch.setattr(imports, "WRITE_CHUNK", 7)

    with CaptureQueriesContext(connection) as queries:
        pupil_import = _receive(school_a, pupil_csv(30, seed=23))

    progress = [
        int(match.group(1))
        for query in queries.captured_queries
        if query["sql"].startswith('UPDATE "spectrum_pupilimport"')
        and (match := ROWS_DONE.search(query["sql"]))
    ]
    assert progress == [0, 0, 7, 14, 21, 28, 30, 30]
    assert pupil_import.status == ImportStatus.IMPORTED
    assert PupilRecord.objects.count() == 30


def test_a_task_for_a_finished_import_does_nothing(school_a):
    pupil_import = _receive(school_a, pupil_csv(5, seed=24))

    result = import_process_task.enqueue(import_id=pupil_import.pk)

    assert result.return_value == "imported"
    assert Snapshot.objects.count() == 1
    assert PupilImport.objects.count() == 1


def test_a_queued_import_whose_file_vanished_fails_cleanly(
    school_a, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "INLINE_MAX_BYTES", 1000)
    received = _receive(school_a, pupil_csv(30, seed=25))
    storage.upload_delete(received.upload_name)

    result = import_process_task.enqueue(import_id=received.pk)

    received.refresh_from_db()
    assert (result.return_value, received.status) == ("failed", ImportStatus.FAILED)
    assert received.notices == [
        {"column": "", "message": "The uploaded file was no longer held. Upload it again."}
    ]
    assert Snapshot.objects.count() == 0
    assert _audit(school_a)[-1][2] == {"status": "failed", "rows": 0, "problem_count": 0}


# --- Nothing of the pupils in the audit trail -------------------------------------------------


def test_no_pupil_value_reaches_the_audit_trail(school_a, data_lead_at_school_a):
    rows = pupil_rows(10, seed=26)
    _receive(school_a, pupil_csv(rows), user=data_lead_at_school_a)
    _receive(school_a, pupil_csv(rows, fsm_eligible="maybe"), user=data_lead_at_school_a)

    trail = " ".join(
        str(v)
        for event in AuditEvent.objects.filter(Q(school_urn=school_a.urn)).values()
        for v in event.values()
    )
    for row in rows:
        assert row["pupil_ref"] not in trail
        assert row["upn"] not in trail
