"""The per-snapshot factor-mask summary: its sums, its upkeep by every writer of records,
and a network aggregate that reads it giving the figures the records give."""

import random
from datetime import date

import pytest
from django.db.models import Count, Q, Sum

from reconnect.schools.tests.factories import SchoolFactory, local_authority
from reconnect.spectrum.analysis.catalogue import BY_KEY, FACTORS
from reconnect.spectrum.models import PupilRecord, Snapshot, SnapshotFactorMask
from reconnect.spectrum.selectors.network import network_aggregate
from reconnect.spectrum.services.bulk import imports_bulk
from reconnect.spectrum.services.housekeeping import snapshots_expire
from reconnect.spectrum.services.summaries import snapshot_summary_write
from reconnect.spectrum.tests.factories import (
    AS_AT,
    PupilRecordFactory,
    SchoolDataSettingsFactory,
    SnapshotFactory,
    imported_snapshot,
    pupil_csv,
    summaries_refresh,
)

FSM = 1 << BY_KEY["fsm_current"].bit
LAC = 1 << BY_KEY["looked_after"].bit
PA = 1 << BY_KEY["persistent_absence"].bit
SA = 1 << BY_KEY["severe_absence"].bit
EHCP = 1 << BY_KEY["ehcp"].bit


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def _summary(snapshot: Snapshot) -> list[tuple[int, int, int, int, int]]:
    return list(
        SnapshotFactorMask.objects.filter(snapshot=snapshot)
        .order_by("network_factors")
        .values_list(
            "school_id", "network_factors", "pupils", "sessions_present", "sessions_possible"
        )
    )


def _reference(snapshots) -> dict[tuple[int, int], tuple[int, int, int]]:
    """What the network aggregate grouped from the records before the summary existed:
    (snapshot, mask) → pupils, sessions present (where possible is known), sessions possible
    (where present is known), a sum of nothing being 0. (The aggregate read only latest
    snapshots, one per school, so it grouped by school.)"""
    rows = (
        PupilRecord.objects.filter(snapshot__in=snapshots)
        .values("snapshot_id", "network_factors")
        .annotate(
            n=Count("pk"),
            present=Sum("sessions_present", filter=Q(sessions_possible__isnull=False)),
            possible=Sum("sessions_possible", filter=Q(sessions_present__isnull=False)),
        )
        .order_by()
    )
    return {
        (r["snapshot_id"], r["network_factors"]): (r["n"], r["present"] or 0, r["possible"] or 0)
        for r in rows
    }


def _from_summary(snapshots) -> dict[tuple[int, int], tuple[int, int, int]]:
    return {
        (snapshot, mask): (n, present, possible)
        for snapshot, mask, n, present, possible in SnapshotFactorMask.objects.filter(
            snapshot__in=snapshots
        ).values_list(
            "snapshot_id", "network_factors", "pupils", "sessions_present", "sessions_possible"
        )
    }


def _record(snapshot, mask: int, present: int | None, possible: int | None) -> None:
    PupilRecordFactory(
        snapshot=snapshot,
        network_factors=mask,
        sessions_present=present,
        sessions_possible=possible,
        summary=False,
    )


# --- The service ---------------------------------------------------------------------------


def test_summary_sums_known_sessions_only(school_a):
    snapshot = SnapshotFactory.create(school=school_a, is_latest=True)
    _record(snapshot, FSM, 80, 100)
    _record(snapshot, FSM, 90, 100)
    _record(snapshot, FSM, None, 100)  # present unknown: its possible is not counted
    _record(snapshot, FSM, 50, None)  # possible unknown: its present is not counted
    _record(snapshot, FSM | LAC, None, None)  # nothing known: sums to 0, still a pupil
    _record(snapshot, 0, 0, 0)
    _record(snapshot, 0, 95, 100)

    masks = snapshot_summary_write(snapshot.pk)

    assert masks == 3
    assert _summary(snapshot) == [
        (school_a.pk, 0, 2, 95, 100),
        (school_a.pk, FSM, 4, 170, 200),
        (school_a.pk, FSM | LAC, 1, 0, 0),
    ]


def test_summary_is_idempotent_and_follows_changed_records(school_a):
    snapshot = SnapshotFactory.create(school=school_a, is_latest=True)
    _record(snapshot, FSM, 80, 100)
    _record(snapshot, 0, 90, 100)
    snapshot_summary_write(snapshot.pk)
    first = _summary(snapshot)

    again = snapshot_summary_write(snapshot.pk)

    assert again == 2
    assert (
        _summary(snapshot)
        == first
        == [
            (school_a.pk, 0, 1, 90, 100),
            (school_a.pk, FSM, 1, 80, 100),
        ]
    )
    PupilRecord.objects.filter(snapshot=snapshot, network_factors=0).delete()
    snapshot_summary_write(snapshot.pk)
    assert _summary(snapshot) == [(school_a.pk, FSM, 1, 80, 100)]


def test_summary_touches_only_its_snapshot(school_a, school_b):
    mine = SnapshotFactory.create(school=school_a, is_latest=True)
    other = SnapshotFactory.create(school=school_b, is_latest=True)
    _record(mine, FSM, 80, 100)
    _record(other, LAC, 70, 100)
    summaries_refresh(other)

    snapshot_summary_write(mine.pk)

    assert _summary(other) == [(school_b.pk, LAC, 1, 70, 100)]
    assert _summary(mine) == [(school_a.pk, FSM, 1, 80, 100)]


def test_a_snapshot_without_records_has_no_summary(school_a):
    snapshot = SnapshotFactory.create(school=school_a, is_latest=True)

    assert snapshot_summary_write(snapshot.pk) == 0
    assert _summary(snapshot) == []


def test_the_factory_keeps_the_summary_in_step(school_a):
    snapshot = SnapshotFactory.create(school=school_a, is_latest=True)

    PupilRecordFactory.create_batch(3, snapshot=snapshot, network_factors=FSM)

    assert _summary(snapshot) == [(school_a.pk, FSM, 3, 288, 300)]


# --- Writers and deleters of snapshots -----------------------------------------------------


def test_an_upload_writes_its_summary(school_a):
    snapshot = imported_snapshot(school_a, pupils=80, seed=5)

    summary = _from_summary([snapshot])

    assert summary == _reference([snapshot])
    assert sum(n for n, _p, _q in summary.values()) == 80
    # The synthetic file has pupils with factors and without, and known attendance.
    assert len(summary) > 1
    assert sum(possible for _n, _p, possible in summary.values()) > 0


def test_a_bulk_upload_writes_its_summaries(db):
    schools = [SchoolFactory.create(urn=930001 + i, name=f"Summary School {i}") for i in range(3)]

    imports_bulk(
        [(s, pupil_csv(30 + 10 * i, seed=i), f"{i}.csv") for i, s in enumerate(schools)],
        user=None,
        as_at_date=None,
        batch_files=2,
    )

    snapshots = list(Snapshot.objects.filter(school__in=schools))
    assert len(snapshots) == 3
    assert _from_summary(snapshots) == _reference(snapshots)
    assert [
        sum(n for n, _p, _q in _from_summary([s]).values())
        for s in sorted(snapshots, key=lambda s: s.school.urn)
    ] == [30, 40, 50]


def test_a_replaced_snapshot_takes_its_summary_with_it(school_a):
    first = imported_snapshot(school_a, pupils=40, seed=1)

    second = imported_snapshot(school_a, pupils=45, seed=2)

    assert not Snapshot.objects.filter(pk=first.pk).exists()
    assert set(SnapshotFactorMask.objects.values_list("snapshot_id", flat=True)) == {second.pk}
    assert _from_summary([second]) == _reference([second])
    assert sum(SnapshotFactorMask.objects.values_list("pupils", flat=True)) == 45


def test_a_replaced_snapshot_in_bulk_takes_its_summary_with_it(school_a):
    imports_bulk([(school_a, pupil_csv(40, seed=1), "a.csv")], user=None, as_at_date=None)

    imports_bulk([(school_a, pupil_csv(42, seed=2), "b.csv")], user=None, as_at_date=None)

    (snapshot,) = Snapshot.objects.filter(school=school_a)
    assert set(SnapshotFactorMask.objects.values_list("snapshot_id", flat=True)) == {snapshot.pk}
    assert sum(SnapshotFactorMask.objects.values_list("pupils", flat=True)) == 42


def test_expired_snapshots_take_their_summaries_with_them(school_a):
    SchoolDataSettingsFactory(school=school_a, retention_months=12)
    old = SnapshotFactory.create(school=school_a, as_at_date=date(2025, 11, 1))
    PupilRecordFactory.create_batch(2, snapshot=old, network_factors=FSM)
    kept = SnapshotFactory.create(school=school_a, as_at_date=date(2026, 11, 1), is_latest=True)
    PupilRecordFactory.create_batch(3, snapshot=kept, network_factors=LAC)

    snapshots_expire(today=date(2026, 12, 5))

    assert list(SnapshotFactorMask.objects.values_list("snapshot_id", "pupils")) == [(kept.pk, 3)]


def test_a_deleted_snapshot_cascades_to_its_summary(school_a):
    snapshot = SnapshotFactory.create(school=school_a, is_latest=True)
    PupilRecordFactory.create_batch(2, snapshot=snapshot)

    snapshot.delete()

    assert SnapshotFactorMask.objects.count() == 0


# --- The network aggregate over the summary -------------------------------------------------


@pytest.fixture
def random_network(school_a, school_b, trust_a):
    """Four schools of 60 to 90 random pupils (factors, and sessions sometimes unknown),
    school A with an older snapshot too. Returns the latest snapshots."""
    rng = random.Random(20261016)
    school_a2 = SchoolFactory.create(name="Demo School A2", trust=trust_a)
    school_c = SchoolFactory.create(name="Demo School C", local_authority=local_authority(210))
    older = SnapshotFactory.create(school=school_a, as_at_date=date(2026, 9, 18))
    latest = [
        SnapshotFactory.create(school=school, as_at_date=AS_AT, is_latest=True)
        for school in (school_a, school_a2, school_b, school_c)
    ]
    for snapshot in [older, *latest]:
        for _ in range(rng.randint(60, 90)):
            mask = (
                (FSM if rng.random() < 0.45 else 0)
                | (LAC if rng.random() < 0.1 else 0)
                | (EHCP if rng.random() < 0.15 else 0)
                | rng.choice([0, 0, 0, PA, PA | SA])
            )
            possible = rng.choice([None, 120, 150, 150])
            present = None if rng.random() < 0.1 else rng.randint(0, possible or 150)
            _record(snapshot, mask, present, possible)
    summaries_refresh(older, *latest)
    return latest


def test_summary_matches_the_records_of_every_snapshot(random_network):
    snapshots = Snapshot.objects.all()

    assert _from_summary(snapshots) == _reference(snapshots)


def _expected(records, key: str) -> tuple[int, int, float]:
    """From the records themselves: pupils, those with the factor, and their attendance."""
    bit = 1 << BY_KEY[key].bit
    with_factor = [r for r in records if r.network_factors & bit]
    present = sum(
        r.sessions_present
        for r in with_factor
        if None not in (r.sessions_present, r.sessions_possible)
    )
    possible = sum(
        r.sessions_possible
        for r in with_factor
        if None not in (r.sessions_present, r.sessions_possible)
    )
    return len(records), len(with_factor), 100 * present / possible


def test_network_aggregate_gives_the_records_figures(coordinator, system_leader, random_network):
    records = list(PupilRecord.objects.filter(snapshot__is_latest=True))

    network = network_aggregate(user=coordinator)
    trust = network_aggregate(user=system_leader, factor_key="fsm_current")

    assert network is not None
    assert trust is not None
    assert network.pupils == len(records)
    by_key = {r.factor.key: r for d in network.domains for r in d.rows}
    for factor in FACTORS:
        row = by_key[factor.key]
        bit = 1 << factor.bit
        count = sum(1 for r in records if r.network_factors & bit)
        assert row.pupils.suppressed or row.pupils.count == count, factor.key
    _pupils, fsm_count, fsm_attendance = _expected(records, "fsm_current")
    assert by_key["fsm_current"].pupils.count == fsm_count
    assert by_key["fsm_current"].outcomes.attendance == pytest.approx(fsm_attendance)
    assert [g.name for g in trust.groups] == ["Demo School A", "Demo School A2"]
    for group in trust.groups:
        mine = [r for r in records if r.school.name == group.name]
        pupils, count, attendance = _expected(mine, "fsm_current")
        assert (group.pupils, group.factor.count, group.factor.of) == (pupils, count, pupils)
        assert group.outcomes.attendance == pytest.approx(attendance)
    boroughs = {g.name: g for g in network.groups}
    assert sorted(boroughs) == ["Camden", "Southwark"]
    for name, group in boroughs.items():
        mine = [r for r in records if r.school.local_authority.name == name]
        pupils, count, attendance = _expected(mine, "fsm_current")
        assert (group.pupils, group.factor.count) == (pupils, count)
        assert group.outcomes.attendance == pytest.approx(attendance)
