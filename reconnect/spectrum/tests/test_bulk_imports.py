"""The bulk import: many schools' files in batches, under the single-file rules.

What it writes must be what one import per file writes (records, statuses, audit events),
a rejected file writes nothing for its school while the others import, and the number of
queries per file does not grow with the pupils.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reconnect.core.models import AuditEvent
from reconnect.schools.tests.factories import SchoolFactory
from reconnect.spectrum.models import ImportStatus, PupilImport, PupilRecord, Snapshot
from reconnect.spectrum.services.bulk import imports_bulk
from reconnect.spectrum.services.imports import import_receive, record_fields
from reconnect.spectrum.tests.factories import AS_AT, pupil_csv

# Everything a record holds except what differs by school or row id: the school, its
# snapshot, and the UPN hash (each school has its own key).
COMPARED = [f.attname for f in record_fields() if f.name not in ("school", "snapshot", "upn_hash")]
LATER = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path / "private" / "uploads"


def _records(school) -> list[tuple]:
    return sorted(
        PupilRecord.objects.filter(school=school, snapshot__is_latest=True).values_list(*COMPARED)
    )


def _schools(n: int, first: int = 910001) -> list:
    return [SchoolFactory(urn=first + i, name=f"Bulk School {i}") for i in range(n)]


def test_bulk_writes_what_one_import_per_file_writes(db):
    files = [
        pupil_csv(60, seed=1, flavour="sims"),
        pupil_csv(45, seed=2, flavour="arbor", phase="primary"),
        pupil_csv(30, seed=3, flavour="bromcom", drop=["postcode", "upn"]),
        pupil_csv(50, seed=4, flavour="canonical"),
    ]
    bulk_schools = _schools(4)
    single_schools = _schools(4, first=920001)

    done = imports_bulk(
        [(s, data, f"{s.urn}.csv") for s, data in zip(bulk_schools, files, strict=True)],
        user=None,
        as_at_date=None,
        batch_files=3,
    )
    for school, data in zip(single_schools, files, strict=True):
        single = import_receive(
            school=school, user=None, data=data, filename="x.csv", as_at_date=None, source="command"
        )
        assert single.status == ImportStatus.IMPORTED

    assert [i.status for i in done] == [ImportStatus.IMPORTED] * 4
    for bulk_school, single_school in zip(bulk_schools, single_schools, strict=True):
        records = _records(bulk_school)
        assert records == _records(single_school)
        assert len(records) > 0
        bulk = PupilImport.objects.get(school=bulk_school)
        single = PupilImport.objects.get(school=single_school)
        for name in ("status", "rows_total", "rows_done", "mapping", "problems", "notices"):
            assert getattr(bulk, name) == getattr(single, name), name
        snapshot = Snapshot.objects.get(school=bulk_school)
        assert (snapshot.as_at_date, snapshot.is_latest, bulk.snapshot_id) == (
            AS_AT,
            True,
            snapshot.pk,
        )
        assert list(
            AuditEvent.objects.filter(school_urn=bulk_school.urn)
            .order_by("pk")
            .values_list("action", "actor_label", "detail")
        ) == list(
            AuditEvent.objects.filter(school_urn=single_school.urn)
            .order_by("pk")
            .values_list("action", "actor_label", "detail")
        )


def test_a_rejected_file_writes_nothing_for_its_school_and_the_others_import(db):
    good, bad, also_good = _schools(3)
    rejected_data = pupil_csv(40, seed=5, sessions_present=-1)

    done = imports_bulk(
        [
            (good, pupil_csv(40, seed=6), "good.csv"),
            (bad, rejected_data, "bad.csv"),
            (also_good, pupil_csv(40, seed=7), "also.csv"),
        ],
        user=None,
        as_at_date=None,
    )

    assert [i.status for i in done] == [
        ImportStatus.IMPORTED,
        ImportStatus.REJECTED,
        ImportStatus.IMPORTED,
    ]
    assert done[1].problem_count == 40
    assert done[1].snapshot_id is None
    assert not Snapshot.objects.filter(school=bad).exists()
    assert not PupilRecord.objects.filter(school=bad).exists()
    assert PupilRecord.objects.filter(school=good).count() == 40
    assert PupilRecord.objects.filter(school=also_good).count() == 40
    single = import_receive(
        school=_schools(1, first=930001)[0], user=None, data=rejected_data, filename="x.csv",
        as_at_date=None, source="command",
    )  # fmt: skip
    assert (done[1].problems, done[1].problem_count) == (single.problems, single.problem_count)


def test_the_same_file_again_is_unchanged_and_a_later_date_becomes_latest(db):
    (school,) = _schools(1)
    first = pupil_csv(40, seed=8)
    imports_bulk([(school, first, "a.csv")], user=None, as_at_date=None)

    done = imports_bulk(
        [(school, first, "a.csv"), (school, pupil_csv(42, seed=8, as_at=LATER), "b.csv")],
        user=None,
        as_at_date=None,
    )

    assert [i.status for i in done] == [ImportStatus.UNCHANGED, ImportStatus.IMPORTED]
    assert list(Snapshot.objects.filter(school=school).values_list("as_at_date", "is_latest")) == [
        (LATER, True),
        (AS_AT, False),
    ]
    assert PupilRecord.objects.filter(snapshot__is_latest=True, school=school).count() == 42


def test_a_corrected_file_for_the_same_date_replaces_the_snapshot(db):
    (school,) = _schools(1)
    imports_bulk([(school, pupil_csv(40, seed=9), "a.csv")], user=None, as_at_date=None)

    imports_bulk([(school, pupil_csv(41, seed=10), "b.csv")], user=None, as_at_date=None)

    assert list(Snapshot.objects.filter(school=school).values_list("pupil_count", "is_latest")) == [
        (41, True)
    ]
    assert PupilRecord.objects.filter(school=school).count() == 41


def test_queries_per_file_do_not_grow_with_pupils(db):
    small_schools = _schools(3)
    large_schools = _schools(3, first=940001)

    def count(schools, pupils: int) -> int:
        files = [(s, pupil_csv(pupils, seed=i), f"{i}.csv") for i, s in enumerate(schools)]
        with CaptureQueriesContext(connection) as queries:
            imports_bulk(files, user=None, as_at_date=None)
        return len(queries)

    assert count(small_schools, 20) == count(large_schools, 400)
