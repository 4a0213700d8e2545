"""The network aggregate's figures: known answers, suppression, scope and query counts."""

from datetime import date

import pytest

from reconnect.schools.tests.factories import (
    SchoolFactory,
    SystemLeaderScopeFactory,
    local_authority,
)
from reconnect.spectrum.analysis.catalogue import BY_KEY
from reconnect.spectrum.selectors import network as selectors
from reconnect.spectrum.selectors.network import HIDDEN, Figure, NetworkAggregate, scopes_for
from reconnect.spectrum.tests.factories import PupilRecordFactory, SnapshotFactory

FSM = 1 << BY_KEY["fsm_current"].bit
LAC = 1 << BY_KEY["looked_after"].bit
PA = 1 << BY_KEY["persistent_absence"].bit
SA = 1 << BY_KEY["severe_absence"].bit


def _pupils(snapshot, count, mask, present, possible=100):
    PupilRecordFactory.create_batch(
        count,
        snapshot=snapshot,
        network_factors=mask,
        sessions_present=present,
        sessions_possible=possible,
    )


@pytest.fixture
def network(school_a, school_b, trust_a):
    """School A (trust A, Camden): 20 pupils; A2 (trust A, Camden): 11; B (no trust,
    Southwark): 11. An older snapshot of school A must count for nothing."""
    school_a2 = SchoolFactory(name="Demo School A2", trust=trust_a)
    old = SnapshotFactory(school=school_a, as_at_date=date(2026, 9, 18), is_latest=False)
    _pupils(old, 50, FSM | LAC, 10)
    a = SnapshotFactory(school=school_a, is_latest=True, pupil_count=20)
    _pupils(a, 8, FSM | PA, 80)
    _pupils(a, 2, FSM | SA, 40)
    _pupils(a, 3, LAC, 95)
    _pupils(a, 7, 0, 98)
    a2 = SnapshotFactory(school=school_a2, is_latest=True, pupil_count=10)
    _pupils(a2, 6, FSM, 96)
    _pupils(a2, 5, 0, 97)
    b = SnapshotFactory(school=school_b, is_latest=True, pupil_count=11)
    _pupils(b, 6, FSM, 90)
    _pupils(b, 5, 0, 95)
    return school_a2


def network_aggregate(**kwargs) -> NetworkAggregate:
    view = selectors.network_aggregate(**kwargs)
    assert view is not None
    return view


def _row(view, key):
    return next(r for d in view.domains for r in d.rows if r.factor.key == key)


def test_system_leader_sees_their_trust_school_by_school(system_leader, network):
    view = network_aggregate(user=system_leader)

    assert [s.key for s in view.scopes] == [
        f"trust-{system_leader.system_leader_scopes.get().trust_id}"
    ]
    assert view.by == "school"
    assert view.factor.key == "fsm_current"
    assert (view.schools, view.schools_without_data, view.pupils) == (2, 0, 31)
    fsm = _row(view, "fsm_current")
    assert fsm.pupils == Figure(16, 31)
    # (8 x 80 + 2 x 40 + 6 x 96) / 1,600 sessions
    assert fsm.outcomes.attendance == pytest.approx(100 * 1296 / 1600)
    assert fsm.outcomes.persistent == Figure(10, 16)
    assert fsm.outcomes.severe == HIDDEN  # 2 pupils
    assert _row(view, "looked_after").pupils == HIDDEN  # 3 pupils
    assert _row(view, "ehcp").pupils == HIDDEN  # none: zero is suppressed too
    assert [g.name for g in view.groups] == ["Demo School A", "Demo School A2"]
    school_a, school_a2 = view.groups
    assert (school_a.pupils, school_a.factor) == (20, Figure(10, 20))
    assert school_a.outcomes.attendance == pytest.approx(72.0)
    assert (school_a2.pupils, school_a2.factor) == (11, Figure(6, 11))
    assert school_a2.outcomes.attendance == pytest.approx(96.0)
    # A2 has no pupil with FSM in persistent absence (zero: hidden); with the trust's 10
    # shown above, A's 10 would say exactly that, so it is hidden too.
    assert school_a2.outcomes.persistent == HIDDEN
    assert school_a.outcomes.persistent == HIDDEN
    assert school_a.outcomes.severe == HIDDEN
    assert [label for label, _f in view.bands] == ["0", "1", "2–5", "6+"]
    assert [f for _l, f in view.bands] == [Figure(12, 31), Figure(9, 31), Figure(10, 31), HIDDEN]


def test_a_lone_small_cell_takes_its_neighbour_with_it(system_leader, network):
    view = network_aggregate(user=system_leader)

    # Bands (0, 1, 2–5, 6+) by school: A = [7, 3, 10, 0], A2 = [5, 6, 0, 0]. The 3 and the
    # zeros are under 5; the 3 and A2's first zero then stand alone in their band's row,
    # whose total is shown above, so the other school's 6 and 10 go too.
    assert [g.bands for g in view.groups] == [
        [Figure(7, 20), HIDDEN, HIDDEN, HIDDEN],
        [Figure(5, 11), HIDDEN, HIDDEN, HIDDEN],
    ]


def test_a_count_that_leaves_fewer_than_five_without_is_hidden(coordinator, network):
    school_c = SchoolFactory(name="Demo School C", local_authority=local_authority(210))
    _pupils(SnapshotFactory(school=school_c, is_latest=True), 8, FSM | PA, 85)
    leader = SystemLeaderScopeFactory(trust=None, local_authority=local_authority(210)).user

    boroughs = network_aggregate(user=coordinator)
    schools = network_aggregate(user=leader, factor_key="fsm_current")

    # Southwark: 14 of 19 with FSM leaves 5 without, so it is shown; of them, 8 in
    # persistent absence (6 not). Camden: 16 of 31, 10 of them in persistent absence.
    assert [(g.name, g.factor, g.outcomes.persistent) for g in boroughs.groups] == [
        ("Camden", Figure(16, 31), Figure(10, 16)),
        ("Southwark", Figure(14, 19), Figure(8, 14)),
    ]
    # School by school, C's 8 of 8 would say that every pupil there has FSM: hidden, and
    # B's 6 with it (the borough's 14 is shown above).
    assert [(g.name, g.pupils, g.factor) for g in schools.groups] == [
        ("Demo School B", 11, HIDDEN),
        ("Demo School C", 8, HIDDEN),
    ]
    assert _row(schools, "fsm_current").pupils == Figure(14, 19)


def test_coordinator_sees_the_network_by_borough_and_by_trust(coordinator, network):
    by_borough = network_aggregate(user=coordinator)
    by_trust = network_aggregate(user=coordinator, scope_key="network", by="trust")

    assert [s.key for s in by_borough.scopes] == ["network"]
    assert by_borough.by == "borough"
    assert by_borough.pupils == 42
    assert [(g.name, g.schools, g.pupils, g.factor) for g in by_borough.groups] == [
        ("Camden", 2, 31, Figure(16, 31)),
        ("Southwark", 1, 11, Figure(6, 11)),
    ]
    assert by_trust.by == "trust"
    assert [(g.name, g.schools, g.pupils) for g in by_trust.groups] == [
        ("Northbank Learning Trust", 2, 31),
        ("No trust", 1, 11),
    ]


def test_borough_leader_sees_the_borough_only(network):
    leader = SystemLeaderScopeFactory(trust=None, local_authority=local_authority(210)).user

    view = network_aggregate(user=leader, scope_key="network", by="borough")

    assert [s.name for s in view.scopes] == ["Southwark"]
    assert view.by == "school"
    assert [(g.name, g.pupils) for g in view.groups] == [("Demo School B", 11)]
    assert view.schools_without_data == 0


def test_members_of_schools_have_no_scope(head_at_school_a, staff_at_school_a, network):
    assert scopes_for(head_at_school_a) == []
    assert selectors.network_aggregate(user=staff_at_school_a) is None


def test_schools_without_data_are_counted_not_shown(system_leader, trust_a, network):
    SchoolFactory(trust=trust_a, name="Demo School A3")

    view = network_aggregate(user=system_leader)

    assert view.schools_without_data == 1
    assert "Demo School A3" not in [g.name for g in view.groups]


def test_no_data_yet(system_leader, school_a):
    view = network_aggregate(user=system_leader)

    assert view.empty
    assert (view.schools, view.schools_without_data, view.groups) == (0, 1, [])


def test_an_unknown_factor_falls_back_to_free_school_meals(coordinator, network):
    view = network_aggregate(user=coordinator, factor_key="pupil_ref", by="school")

    assert (view.factor.key, view.by) == ("fsm_current", "borough")


def _add_school(trust, pupils):
    school = SchoolFactory(trust=trust)
    _pupils(SnapshotFactory(school=school, is_latest=True), pupils, FSM, 90)


def test_query_count_does_not_grow_with_schools(
    system_leader, coordinator, trust_a, network, django_assert_num_queries
):
    with django_assert_num_queries(5):
        network_aggregate(user=system_leader)
    with django_assert_num_queries(5):
        network_aggregate(user=coordinator, by="trust")
    for _ in range(3):
        _add_school(trust_a, 6)

    with django_assert_num_queries(5):
        view = network_aggregate(user=system_leader)
    with django_assert_num_queries(5):
        network_aggregate(user=coordinator, by="trust")
    assert view.schools == 5


def test_imported_files_reach_the_aggregate(system_leader, school_a):
    from reconnect.spectrum.tests.factories import imported_snapshot

    imported_snapshot(school_a, pupils=60, seed=3)

    view = network_aggregate(user=system_leader)

    assert view.pupils == 60
    assert view.groups[0].pupils == 60
    shown = [r for d in view.domains for r in d.rows if not r.pupils.suppressed]
    assert all((r.pupils.count or 0) >= 5 for r in shown)
    assert any(r.pupils.suppressed for d in view.domains for r in d.rows)
