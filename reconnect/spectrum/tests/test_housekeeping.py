"""Retention and leftovers: expired snapshots go, the latest moves, stale uploads go."""

import os
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from reconnect.core.models import AuditEvent
from reconnect.spectrum import storage
from reconnect.spectrum.models import ImportStatus, PupilImport, PupilRecord, Snapshot
from reconnect.spectrum.services.housekeeping import retention_cutoff, snapshots_expire
from reconnect.spectrum.tasks import spectrum_housekeeping_task
from reconnect.spectrum.tests.factories import (
    PupilImportFactory,
    PupilRecordFactory,
    SchoolDataSettingsFactory,
    SnapshotFactory,
)

TODAY = date(2026, 12, 5)


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path / "private" / "uploads"


def _snapshot(school, as_at: date, *, latest: bool = False, pupils: int = 2) -> Snapshot:
    snapshot = SnapshotFactory.create(
        school=school, as_at_date=as_at, is_latest=latest, pupil_count=pupils
    )
    PupilRecordFactory.create_batch(pupils, snapshot=snapshot)
    return snapshot


def _age(name: str, hours: float) -> None:
    moment = (timezone.now() - timedelta(hours=hours)).timestamp()
    os.utime(storage.upload_dir() / name, (moment, moment))


@pytest.mark.parametrize(
    ("today", "months", "cutoff"),
    [
        (date(2026, 12, 5), 24, date(2024, 12, 5)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2028, 3, 31), 1, date(2028, 2, 29)),
        (date(2026, 5, 31), 3, date(2026, 2, 28)),
        (date(2026, 12, 5), 84, date(2019, 12, 5)),
    ],
)
def test_retention_cutoff(today, months, cutoff):
    assert retention_cutoff(today, months) == cutoff


def test_expired_snapshots_are_deleted_and_latest_stays_newest(school_a):
    SchoolDataSettingsFactory(school=school_a, retention_months=12)
    old = _snapshot(school_a, date(2025, 11, 1))
    boundary = _snapshot(school_a, date(2025, 12, 5))
    newest = _snapshot(school_a, date(2026, 11, 1), latest=True)

    result = snapshots_expire(today=TODAY)

    assert (result.snapshots_expired, result.schools) == (1, 1)
    assert set(Snapshot.objects.values_list("pk", flat=True)) == {boundary.pk, newest.pk}
    assert not PupilRecord.objects.filter(snapshot_id=old.pk).exists()
    assert list(Snapshot.objects.filter(is_latest=True).values_list("pk", flat=True)) == [newest.pk]
    event = AuditEvent.objects.get(action="spectrum.snapshot.expired")
    assert (event.school_urn, event.actor_id, event.actor_label, event.detail) == (
        900001,
        None,
        "Reconnect housekeeping",
        {"snapshots": 1, "before": "2025-12-05"},
    )


def test_when_every_snapshot_expires_none_is_latest(school_a):
    SchoolDataSettingsFactory(school=school_a, retention_months=3)
    _snapshot(school_a, date(2026, 1, 10))
    _snapshot(school_a, date(2026, 5, 10), latest=True)

    snapshots_expire(today=TODAY)

    assert Snapshot.objects.count() == 0
    assert PupilRecord.objects.count() == 0


def test_a_school_without_settings_keeps_24_months(school_a, school_b):
    kept = _snapshot(school_a, date(2024, 12, 5), latest=True)
    SchoolDataSettingsFactory(school=school_b, retention_months=84)
    other = _snapshot(school_b, date(2020, 1, 1), latest=True)
    gone = _snapshot(school_a, date(2024, 12, 4))

    result = snapshots_expire(today=TODAY)

    assert result.snapshots_expired == 1
    assert not Snapshot.objects.filter(pk=gone.pk).exists()
    assert set(Snapshot.objects.values_list("pk", flat=True)) == {kept.pk, other.pk}


def test_a_dry_run_deletes_nothing(school_a):
    SchoolDataSettingsFactory(school=school_a, retention_months=3)
    _snapshot(school_a, date(2026, 1, 10), latest=True)

    result = snapshots_expire(today=TODAY, dry_run=True)

    assert (result.snapshots_expired, result.schools) == (1, 1)
    assert Snapshot.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_an_upload_waiting_over_a_day_is_closed_and_its_file_deleted(school_a):
    stale_name = storage.upload_save(b"pupil_ref\r\n1\r\n")
    fresh_name = storage.upload_save(b"pupil_ref\r\n2\r\n")
    stale = PupilImportFactory.create(
        school=school_a, status=ImportStatus.NEEDS_MAPPING, upload_name=stale_name, finished_at=None
    )
    fresh = PupilImportFactory.create(
        school=school_a, status=ImportStatus.NEEDS_MAPPING, upload_name=fresh_name, finished_at=None
    )
    PupilImport.objects.filter(pk=stale.pk).update(uploaded_at=timezone.now() - timedelta(hours=25))
    _age(stale_name, 25)

    result = snapshots_expire(today=timezone.localdate())

    assert (result.imports_abandoned, result.files_deleted) == (1, 0)
    stale.refresh_from_db()
    assert (stale.status, stale.upload_name) == (ImportStatus.FAILED, "")
    assert stale.notices[-1] == {
        "column": "",
        "message": "The uploaded file was deleted after waiting 24 hours without being "
        "imported. Upload it again.",
    }
    assert storage.upload_read(stale_name) is None
    fresh.refresh_from_db()
    assert (fresh.status, fresh.upload_name) == (ImportStatus.NEEDS_MAPPING, fresh_name)
    assert storage.upload_read(fresh_name) == b"pupil_ref\r\n2\r\n"
    event = AuditEvent.objects.get(action="spectrum.import.finished")
    assert (event.target_id, event.detail) == (
        str(stale.pk),
        {"status": "failed", "rows": 3, "problem_count": 1},
    )


def test_a_stray_file_over_a_day_old_is_deleted(school_a, uploads):
    stray = storage.upload_save(b"left behind")
    recent = storage.upload_save(b"just arrived")
    _age(stray, 30)

    result = snapshots_expire(today=timezone.localdate())

    assert result.files_deleted == 1
    assert sorted(p.name for p in uploads.iterdir()) == [recent]


def test_the_command_reports_what_it_did(school_a):
    SchoolDataSettingsFactory(school=school_a, retention_months=3)
    _snapshot(school_a, date(2026, 1, 10))
    _snapshot(school_a, date(2026, 2, 10))
    _snapshot(school_a, date(2026, 11, 10), latest=True)
    out = StringIO()

    call_command("spectrum_housekeeping", "--today", "2026-12-05", stdout=out)

    assert out.getvalue() == (
        "Pupil data housekeeping as of 05/12/2026:\n"
        "  2 expired snapshot(s) of 1 school(s) deleted\n"
        "  0 abandoned import(s) closed\n"
        "  0 stored upload(s) over 24 hours old deleted\n"
    )
    assert Snapshot.objects.count() == 1


def test_the_command_dry_run_says_would(school_a):
    SchoolDataSettingsFactory(school=school_a, retention_months=3)
    _snapshot(school_a, date(2026, 1, 10), latest=True)
    out = StringIO()

    call_command("spectrum_housekeeping", "--today", "2026-12-05", "--dry-run", stdout=out)

    assert "  1 expired snapshot(s) of 1 school(s) would be deleted (dry run)\n" in out.getvalue()
    assert Snapshot.objects.count() == 1


def test_the_task_purges_as_of_today(school_a):
    SchoolDataSettingsFactory(school=school_a, retention_months=3)
    _snapshot(school_a, timezone.localdate() - timedelta(days=200), latest=True)

    result = spectrum_housekeeping_task.enqueue()

    assert result.return_value == {
        "snapshots_expired": 1,
        "schools": 1,
        "imports_abandoned": 0,
        "files_deleted": 0,
    }
    assert Snapshot.objects.count() == 0
