"""Two imports for one school at the same moment end in one consistent state.

Real threads, committing for real (``transaction=True``), each calling the import service
as an upload would. On SQLite the in-memory test database is copied to a file opened with
exactly the settings' OPTIONS (IMMEDIATE transactions, busy timeout), as
``selfeval/tests/test_answer_concurrency.py`` explains; on PostgreSQL the threads use the
test database, where the import's row lock on the school's data settings serialises them.
Afterwards exactly one snapshot is the latest (the newest), every snapshot holds exactly
its own file's pupils, and no import failed or saw "database is locked".
"""

import threading
from datetime import date
from typing import Any

import pytest
from django.db import connections

from reconnect.spectrum.models import ImportSource, PupilImport, PupilRecord, Snapshot
from reconnect.spectrum.services.imports import import_receive
from reconnect.spectrum.services.pseudonyms import data_settings_ensure
from reconnect.spectrum.tests.factories import AS_AT, pupil_csv, pupil_rows
from tests.concurrency import sqlite_file_copy, use_database

LATER = date(2026, 11, 20)
CHECK = "spectrum_concurrency_check"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"


def _run_at_once(database, school, files: list[bytes]) -> tuple[list[str], list[str]]:
    failures: list[str] = []
    statuses: list[str] = []
    start = threading.Barrier(len(files))

    def upload(data: bytes) -> None:
        use_database(database, "default")
        start.wait()
        try:
            pupil_import = import_receive(
                school=school,
                user=None,
                data=data,
                filename="pupils.csv",
                as_at_date=None,
                source=ImportSource.WEB,
            )
            statuses.append(str(pupil_import.status))
        except Exception as error:  # every failure is the finding
            failures.append(repr(error))
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=upload, args=(data,)) for data in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert [thread.is_alive() for thread in threads] == [False] * len(files)
    return statuses, failures


def _check(database, school, expected: dict[date, set[set[str]] | Any]) -> None:
    use_database(database, CHECK)
    using = CHECK if database is not None else "default"
    try:
        snapshots = list(Snapshot.objects.using(using).filter(school_id=school.pk))
        assert sorted(s.as_at_date for s in snapshots) == sorted(expected)
        assert [s.as_at_date for s in snapshots if s.is_latest] == [max(expected)]
        for snapshot in snapshots:
            refs = set(
                PupilRecord.objects.using(using)
                .filter(snapshot_id=snapshot.pk)
                .values_list("pupil_ref", flat=True)
            )
            assert refs in expected[snapshot.as_at_date]
            assert snapshot.pupil_count == len(refs)
        imports = PupilImport.objects.using(using).filter(school_id=school.pk)
        assert sorted(imports.values_list("status", flat=True)) == ["imported", "imported"]
        assert set(imports.values_list("upload_name", flat=True)) == {""}
    finally:
        if database is not None:
            connections[CHECK].close()
            del connections[CHECK]


def test_two_imports_of_different_dates_at_once_leave_the_newest_latest(school_a, tmp_path):
    data_settings_ensure(school_a)
    earlier, later = pupil_rows(300, seed=1), pupil_rows(320, seed=2, as_at=LATER)
    database = sqlite_file_copy(tmp_path, "imports.sqlite3")

    statuses, failures = _run_at_once(database, school_a, [pupil_csv(earlier), pupil_csv(later)])

    assert failures == []
    assert sorted(statuses) == ["imported", "imported"]
    _check(
        database,
        school_a,
        {
            AS_AT: [{row["pupil_ref"] for row in earlier}],
            LATER: [{row["pupil_ref"] for row in later}],
        },
    )


def test_two_imports_of_one_date_at_once_leave_one_whole_snapshot(school_a, tmp_path):
    first, second = pupil_rows(300, seed=3), pupil_rows(280, seed=4)
    database = sqlite_file_copy(tmp_path, "imports.sqlite3")

    statuses, failures = _run_at_once(database, school_a, [pupil_csv(first), pupil_csv(second)])

    assert failures == []
    assert sorted(statuses) == ["imported", "imported"]
    # Whichever committed last won, whole: never a mixture of the two files.
    _check(
        database,
        school_a,
        {AS_AT: [{row["pupil_ref"] for row in first}, {row["pupil_ref"] for row in second}]},
    )
