"""``manage.py backup`` and ``manage.py restore`` (``core/backups.py``), on the configured engine.

These commit for real (``transaction=True``): a backup reads what other connections
committed, and a restore fills a second, empty database. On SQLite the in-memory test
database has no file to copy, so the backups are taken of a file copy of it
(``tests.concurrency``) and restored into a new file; on PostgreSQL they are taken of the
test database and restored into a scratch database made for the test and dropped after.
"""

import copy
import io
import json
import tarfile
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connections, transaction
from django.db.utils import load_backend

from reconnect.core.backups import (
    BackupError,
    Contents,
    backup_create,
    backup_read_manifest,
    backup_restore,
    database_contents,
)
from reconnect.spectrum.models import PupilRecord, Snapshot
from reconnect.spectrum.tests.factories import imported_snapshot
from tests import personas
from tests.concurrency import sqlite_file_copy, use_database

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SOURCE = "backup_source"
TARGET = "backup_target"


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture
def pupils() -> dict[str, int]:
    """Two schools' pupil files imported through the real service, committed."""
    school_a = personas.school_a(personas.trust_a())
    school_b = personas.school_b()
    imported_snapshot(school_a, pupils=60, seed=1)
    imported_snapshot(school_a, pupils=61, seed=2, as_at=date(2026, 11, 20))
    imported_snapshot(school_b, pupils=45, seed=3)
    return {"school_a": school_a.pk, "school_b": school_b.pk}


@pytest.fixture
def source(pupils, tmp_path) -> Iterator[str]:
    """The alias of the database to back up, holding ``pupils``."""
    database = sqlite_file_copy(tmp_path, "source.sqlite3")
    if database is None:
        yield "default"
        return
    use_database(database, SOURCE)
    yield SOURCE
    connections[SOURCE].close()
    del connections[SOURCE]


@pytest.fixture
def target(db, tmp_path) -> Iterator[str]:
    """The alias of an empty database to restore into (no file yet, on SQLite)."""
    database = copy.deepcopy(connections["default"].settings_dict)
    scratch = None
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["NAME"] = str(tmp_path / "restored" / "reconnect.sqlite3")
        Path(database["NAME"]).parent.mkdir()
    else:
        scratch = f"{database['NAME']}_restore"
        # A plain connection, no pool, so the database can be dropped once it is closed.
        database["OPTIONS"] = {k: v for k, v in database["OPTIONS"].items() if k != "pool"}
        database["NAME"] = scratch
        with connections["default"].cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
            cursor.execute(f'CREATE DATABASE "{scratch}"')
    connections[TARGET] = load_backend(database["ENGINE"]).DatabaseWrapper(database, TARGET)
    yield TARGET
    connections[TARGET].close()
    del connections[TARGET]
    if scratch:
        with connections["default"].cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def target_tables(alias: str) -> list[str]:
    connection = connections[alias]
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return []
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def rewritten(backup: Path, to: Path, **changes: Any) -> Path:
    """A copy of ``backup`` whose manifest has ``changes`` (the payload left as it is)."""
    with tarfile.open(backup) as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())  # type: ignore[union-attr]
        manifest.update(changes)
        body = json.dumps(manifest).encode()
        with tarfile.open(to, "w", format=tarfile.PAX_FORMAT) as out:
            info = tarfile.TarInfo("manifest.json")
            info.size = len(body)
            out.addfile(info, io.BytesIO(body))
            payload = archive.getmember(manifest["payload"]["name"])
            out.addfile(payload, archive.extractfile(payload))
    return to


def test_backup_then_restore_into_an_empty_database_gives_the_same_rows(source, target, tmp_path):
    backup = tmp_path / "reconnect.backup"

    call_command("backup", str(backup), database=source, stdout=io.StringIO())
    manifest = backup_read_manifest(backup)
    before = database_contents(source)
    call_command("restore", str(backup), database=target, stdout=io.StringIO())

    after = database_contents(target)
    assert manifest["engine"] == connections[source].vendor
    assert manifest["tables"]["spectrum_pupilrecord"] == 60 + 61 + 45
    assert manifest["tables"]["spectrum_snapshot"] == 3
    assert manifest["tables"] == before.tables
    assert manifest["pupil_checksum"]["sha256"] == before.pupil_checksum
    assert after == Contents(tables=before.tables, pupil_checksum=before.pupil_checksum)
    assert ["spectrum", "0001_initial"] in manifest["migrations"]
    assert sorted(
        PupilRecord.objects.using(target).values_list("school_id", "pupil_ref")
    ) == sorted(PupilRecord.objects.using(source).values_list("school_id", "pupil_ref"))
    assert not list(backup.parent.glob(".backup-*"))  # the temporary folder is gone


def test_the_pupil_checksum_changes_with_any_pupil_value(source):
    before = database_contents(source).pupil_checksum
    record = PupilRecord.objects.using(source).order_by("pk").last()
    assert record is not None
    PupilRecord.objects.using(source).filter(pk=record.pk).update(
        attendance_pct=(record.attendance_pct or 0) + 0.001
    )

    assert database_contents(source).pupil_checksum != before


def test_a_compressed_backup_restores_the_same_rows(source, target, tmp_path):
    backup = tmp_path / "reconnect.backup"

    manifest = backup_create(backup, using=source, compress=True)
    backup_restore(backup, using=target)

    assert database_contents(target) == Contents(
        tables=manifest["tables"], pupil_checksum=manifest["pupil_checksum"]["sha256"]
    )


def test_a_backup_taken_while_another_thread_writes_is_one_consistent_state(
    source, target, tmp_path, pupils
):
    """Each of the writer's transactions adds a snapshot and exactly its ``pupil_count``
    records; a backup holding half a transaction would break that sum."""
    database = copy.deepcopy(connections[source].settings_dict)
    committed: list[int] = []
    errors: list[str] = []
    stop = threading.Event()

    def write() -> None:
        use_database(database if source != "default" else None, "default")
        try:
            for day in range(1, 400):
                if stop.is_set():
                    return
                with transaction.atomic():
                    snapshot = Snapshot.objects.create(
                        school_id=pupils["school_b"],
                        as_at_date=date(2027, 1, 1) + timedelta(days=day),
                        pupil_count=day % 7 + 1,
                    )
                    PupilRecord.objects.bulk_create(
                        PupilRecord(
                            snapshot=snapshot,
                            school_id=pupils["school_b"],
                            pupil_ref=f"W{day}-{n}",
                            year_group="7",
                        )
                        for n in range(snapshot.pupil_count)
                    )
                committed.append(day)
        except Exception as error:  # every failure is the finding
            errors.append(repr(error))
        finally:
            connections["default"].close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        _wait_for(lambda: len(committed) >= 5)
        before = len(committed)
        manifest = backup_create(tmp_path / "reconnect.backup", using=source)
        during = len(committed)
        _wait_for(lambda: len(committed) >= during + 5)
    finally:
        stop.set()
        writer.join(timeout=60)
    backup_restore(tmp_path / "reconnect.backup", using=target)

    assert errors == []
    written = Snapshot.objects.using(target).filter(as_at_date__gte=date(2027, 1, 1))
    assert before <= written.count() <= during
    for snapshot in written:
        assert PupilRecord.objects.using(target).filter(snapshot=snapshot).count() == (
            snapshot.pupil_count
        )
    assert manifest["tables"]["spectrum_pupilrecord"] == 166 + sum(s.pupil_count for s in written)


def _wait_for(condition: Any, seconds: float = 30) -> None:
    finished = threading.Event()
    for _ in range(int(seconds * 100)):
        if condition():
            return
        finished.wait(0.01)
    raise AssertionError("the writer thread did not get that far")


def test_restore_refuses_a_database_that_has_tables_and_changes_nothing(source, tmp_path):
    backup = tmp_path / "reconnect.backup"
    backup_create(backup, using=source)
    PupilRecord.objects.using(source).filter(year_group="7").delete()
    before = database_contents(source)

    with pytest.raises(CommandError, match=r"is not empty .* A restore goes only into an empty"):
        call_command("restore", str(backup), database=source)

    assert database_contents(source) == before


def test_restore_refuses_a_backup_of_the_other_engine(source, target, tmp_path):
    backup = tmp_path / "reconnect.backup"
    backup_create(backup, using=source)
    other = "postgresql" if connections[source].vendor == "sqlite" else "sqlite"
    foreign = rewritten(backup, tmp_path / "foreign.backup", engine=other)

    with pytest.raises(BackupError, match=f"This is a {other} backup and the database is "):
        backup_restore(foreign, using=target)

    assert target_tables(target) == []


def test_restore_refuses_a_backup_from_a_newer_version(source, target, tmp_path):
    backup = tmp_path / "reconnect.backup"
    manifest = backup_create(backup, using=source)
    newer = rewritten(
        backup,
        tmp_path / "newer.backup",
        migrations=[*manifest["migrations"], ["spectrum", "9999_from_the_future"]],
    )

    with pytest.raises(BackupError, match=r"newer version of Reconnect .*9999_from_the_future"):
        backup_restore(newer, using=target)

    assert target_tables(target) == []


# Half the file; and all but its last 30 kB, past the tar's end padding (at most 10 kB),
# so the payload loses only its last pages.
@pytest.mark.parametrize("cut", ["half", "last 30 kB"])
def test_restore_refuses_a_truncated_backup_and_changes_nothing(source, target, tmp_path, cut):
    backup = tmp_path / "reconnect.backup"
    backup_create(backup, using=source)
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 2 if cut == "half" else len(data) - 30_000])

    with pytest.raises(CommandError, match="is truncated or damaged"):
        call_command("restore", str(backup), database=target)

    assert target_tables(target) == []
    assert not list(tmp_path.rglob(".restore-*"))  # the temporary folder is gone


def test_restore_refuses_a_backup_whose_payload_changed(source, target, tmp_path):
    backup = tmp_path / "reconnect.backup"
    backup_create(backup, using=source)
    data = bytearray(backup.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
    backup.write_bytes(bytes(data))

    with pytest.raises(BackupError, match=r"does not match the manifest.*Nothing was restored"):
        backup_restore(backup, using=target)

    assert target_tables(target) == []


def test_restore_refuses_a_file_that_is_no_backup(target, tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("a shopping list\n" * 100)

    with pytest.raises(BackupError, match="is not a Reconnect backup"):
        backup_restore(not_a_backup, using=target)

    assert target_tables(target) == []


def test_a_failed_backup_leaves_an_existing_file_untouched(source, tmp_path):
    backup = tmp_path / "reconnect.backup"
    backup.write_bytes(b"yesterday's backup")
    connection = connections[source]
    if connection.vendor == "sqlite":
        settings = connection.settings_dict
        saved, settings["NAME"] = settings["NAME"], str(tmp_path / "no-such-dir" / "x.sqlite3")
    else:
        saved = connection.settings_dict["PORT"]
        connection.settings_dict["PORT"] = "1"  # pg_dump cannot connect
    try:
        with pytest.raises(BackupError):
            backup_create(backup, using=source)
    finally:
        key = "NAME" if connection.vendor == "sqlite" else "PORT"
        connection.settings_dict[key] = saved

    assert backup.read_bytes() == b"yesterday's backup"
    assert not list(tmp_path.glob(".backup-*"))


def test_a_restore_that_does_not_match_its_manifest_fails_loudly(source, target, tmp_path):
    backup = tmp_path / "reconnect.backup"
    manifest = backup_create(backup, using=source)
    tables = {**manifest["tables"], "spectrum_pupilrecord": 1}
    wrong = rewritten(backup, tmp_path / "wrong.backup", tables=tables)

    with pytest.raises(
        BackupError,
        match=r"The restored database does not match the backup's manifest; do not use it\. "
        r"spectrum_pupilrecord: 166 rows, backup had 1",
    ):
        backup_restore(wrong, using=target)

    if connections[target].vendor == "sqlite":  # moved aside: the database is empty again
        assert target_tables(target) == []
        restored = Path(connections[target].settings_dict["NAME"])
        assert restored.with_name(f"{restored.name}.failed-restore").exists()
