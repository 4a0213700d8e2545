"""Peers: schools of the same phase strong in a domain, with someone open to contact."""

from decimal import Decimal
from typing import Any

import pytest

from reconnect.accounts.models import User
from reconnect.accounts.tests.factories import UserFactory
from reconnect.schools.models import School
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory
from reconnect.selfeval.models import DomainScore
from reconnect.selfeval.selectors.signposts import benchmark_computed_at, peers_strong_in
from reconnect.selfeval.tests.factories import published_framework, submitted_review

pytestmark = pytest.mark.django_db

STRONG = {"attendance": [3, 3, 4, 4], "belonging": [3, 3, 3, 3], "transition": [1, 1, 1, 1]}


def peer(
    name: str,
    version: Any,
    *,
    levels: dict[str, list[int]] | None = None,
    fsm: str | None = "24.5",
    open_to_contact: bool = True,
    active: bool = True,
    phase: str = School.Phase.PRIMARY,
    contact: str = "Olu Okafor",
    **figures: Any,
) -> Any:
    """A school with one staff member (open to contact unless told otherwise) and a submitted
    review (strong in attendance and belonging, weak in transition unless told otherwise).

    Every other context figure is school A's, so only % FSM tells schools apart."""
    school = SchoolFactory(
        name=name,
        phase=phase,
        percent_fsm=None if fsm is None else Decimal(fsm),
        **figures,
    )
    first, last = contact.split()
    member = UserFactory(
        first_name=first,
        last_name=last,
        job_title="Deputy head",
        open_to_contact=open_to_contact,
        is_active=active,
    )
    MembershipFactory(user=member, school=school)
    if version is not None:
        submitted_review(school, version, levels=levels or STRONG)
    return school


def names(peers: list[Any]) -> list[str]:
    return [p.school.name for p in peers]


def test_peers_are_ranked_by_similarity_and_the_reader_school_is_left_out(school_a):
    version = published_framework()
    submitted_review(school_a, version, levels=STRONG)  # strong too, but never its own peer
    MembershipFactory(user=UserFactory(open_to_contact=True), school=school_a)
    peer("Far Primary", version, fsm="60.0")
    peer("Near Primary", version, fsm="25.0")
    peer("Middle Primary", version, fsm="40.0")

    peers = peers_strong_in(
        school=school_a, framework=version.framework, codes=["attendance"], limit=10
    )

    assert names(peers["attendance"]) == ["Near Primary", "Middle Primary", "Far Primary"]
    reasons = peers["attendance"][0].reasons
    assert [(r.feature, r.here, r.there) for r in reasons] == [("percent_fsm", 24.5, 25.0)]


def test_a_peer_is_established_or_better_exactly_from_3_0(school_a):
    version = published_framework(statements_per_domain=10)
    peer("Just below", version, levels={"attendance": [3] * 9 + [2]}, fsm="25.0")
    peer("Just there", version, levels={"attendance": [3] * 10}, fsm="26.0")

    peers = peers_strong_in(
        school=school_a, framework=version.framework, codes=["attendance"], limit=10
    )

    assert sorted(
        DomainScore.objects.filter(code="attendance").values_list("score", flat=True)
    ) == [
        2.9,
        3.0,
    ]
    assert names(peers["attendance"]) == ["Just there"]


def test_only_the_latest_review_counts(school_a):
    version = published_framework()
    was_strong = peer("Was strong", version, fsm="25.0")
    submitted_review(
        was_strong, version, levels={"attendance": [2, 2, 2, 2]}, title="Spring review"
    )
    became_strong = peer("Became strong", version, levels={"attendance": [1, 1, 1, 1]}, fsm="26.0")
    submitted_review(became_strong, version, levels=STRONG, title="Spring review")

    peers = peers_strong_in(
        school=school_a, framework=version.framework, codes=["attendance"], limit=10
    )

    assert names(peers["attendance"]) == ["Became strong"]


def test_a_school_with_nobody_open_to_contact_is_no_peer(school_a):
    version = published_framework()
    peer("Nobody open", version, open_to_contact=False, fsm="25.0")
    peer("Only a former member open", version, active=False, fsm="26.0")
    kept = peer("Someone open", version, fsm="27.0", contact="Ada Zed")
    # A colleague not open to contact and an inactive one who is: neither is listed.
    MembershipFactory(user=UserFactory(first_name="Not", last_name="Open"), school=kept)
    MembershipFactory(
        user=UserFactory(
            first_name="Gone", last_name="Away", open_to_contact=True, is_active=False
        ),
        school=kept,
    )
    MembershipFactory(
        user=UserFactory(first_name="Bea", last_name="Able", open_to_contact=True), school=kept
    )

    peers = peers_strong_in(
        school=school_a, framework=version.framework, codes=["attendance"], limit=10
    )

    assert names(peers["attendance"]) == ["Someone open"]
    assert [u.display_name for u in peers["attendance"][0].contacts] == ["Bea Able", "Ada Zed"]


def test_peers_are_open_schools_of_the_same_phase(school_a):
    version = published_framework()
    peer("A secondary", version, phase=School.Phase.SECONDARY, fsm="25.0")
    peer("A closed primary", version, fsm="25.0", is_open=False)
    peer("An open primary", version, fsm="26.0")

    peers = peers_strong_in(
        school=school_a, framework=version.framework, codes=["attendance"], limit=10
    )

    assert names(peers["attendance"]) == ["An open primary"]


def test_each_domain_has_its_own_peers_and_none_shows_a_score(school_a):
    version = published_framework()
    weak = [2, 2, 2, 2]
    peer(
        "Strong in attendance",
        version,
        levels={"attendance": [4] * 4, "belonging": [3, 3, 3, 3], "transition": weak},
        fsm="25.0",
    )
    peer(
        "Strong in transition",
        version,
        levels={"attendance": weak, "belonging": [3, 4, 3, 4], "transition": [3] * 4},
        fsm="26.0",
    )

    peers = peers_strong_in(
        school=school_a,
        framework=version.framework,
        codes=["attendance", "transition", "belonging"],
        limit=10,
    )

    assert {code: names(found) for code, found in peers.items()} == {
        "attendance": ["Strong in attendance"],
        "transition": ["Strong in transition"],
        "belonging": ["Strong in attendance", "Strong in transition"],
    }
    assert not hasattr(peers["attendance"][0], "score")


def test_schools_without_figures_in_common_come_after_by_name(school_a):
    version = published_framework()
    no_figures: dict[str, Any] = {
        "number_on_roll": None,
        "percent_eal": None,
        "percent_sen_support": None,
        "percent_ehcp": None,
        "attendance_percent": None,
    }
    peer("Zebra Primary", version, fsm=None, **no_figures)
    peer("Apple Primary", version, fsm=None, **no_figures)
    peer("Far Primary", version, fsm="70.0")
    peer("Near Primary", version, fsm="25.0")

    peers = peers_strong_in(
        school=school_a, framework=version.framework, codes=["attendance"], limit=3
    )

    assert names(peers["attendance"]) == ["Near Primary", "Far Primary", "Apple Primary"]
    assert peers["attendance"][2].match is None
    assert peers["attendance"][2].reasons == ()


def test_a_peer_beyond_the_nearest_fifty_is_still_found(school_a):
    version = published_framework()
    for index in range(60):  # near school A, but never submitted a review
        SchoolFactory(name=f"Quiet {index:02d}", percent_fsm=Decimal("24.6"))
    peer("Far but strong", version, fsm="80.0")

    peers = peers_strong_in(
        school=school_a, framework=version.framework, codes=["attendance"], limit=3
    )

    assert names(peers["attendance"]) == ["Far but strong"]


def test_limit_keeps_the_nearest(school_a):
    version = published_framework()
    for index, fsm in enumerate(["30.0", "25.0", "50.0", "26.0"]):
        peer(f"Peer {index}", version, fsm=fsm)

    peers = peers_strong_in(
        school=school_a, framework=version.framework, codes=["attendance"], limit=2
    )

    assert names(peers["attendance"]) == ["Peer 1", "Peer 3"]


def test_no_codes_or_no_candidates_need_few_queries(school_a, django_assert_num_queries):
    version = published_framework()

    with django_assert_num_queries(0):
        assert (
            peers_strong_in(school=school_a, framework=version.framework, codes=[], limit=3) == {}
        )
    # When the benchmark was computed (the cache key), then the strong schools: none.
    with django_assert_num_queries(2):
        assert peers_strong_in(
            school=school_a, framework=version.framework, codes=["attendance"], limit=3
        ) == {"attendance": []}
    # Cached: only the benchmark's time is read.
    with django_assert_num_queries(1):
        assert peers_strong_in(
            school=school_a, framework=version.framework, codes=["attendance"], limit=3
        ) == {"attendance": []}


def test_the_query_count_is_the_same_for_one_peer_and_for_three(
    school_a, django_assert_num_queries
):
    version = published_framework()
    peer("One", version, fsm="25.0")

    # The benchmark's time; strong schools; the phase's figures; the schools and contacts.
    with django_assert_num_queries(5):
        one = peers_strong_in(
            school=school_a, framework=version.framework, codes=["attendance"], limit=3
        )
    peer("Two", version, fsm="26.0")
    peer("Three", version, fsm="27.0")
    with django_assert_num_queries(5):
        three = peers_strong_in(
            school=school_a,
            framework=version.framework,
            codes=["attendance", "belonging"],
            limit=3,
        )

    assert names(one["attendance"]) == ["One"]
    assert names(three["belonging"]) == ["One", "Two", "Three"]


# --- The cache -----------------------------------------------------------------------------


def _attendance_peers(school: Any, version: Any, **kwargs: Any) -> list[Any]:
    peers = peers_strong_in(
        school=school, framework=version.framework, codes=["attendance"], limit=3, **kwargs
    )
    return peers["attendance"]


def test_a_cached_ranking_answers_the_same_with_only_the_schools_read_again(
    school_a, django_assert_num_queries
):
    version = published_framework()
    peer("Near", version, fsm="25.0")
    peer("Far", version, fsm="60.0")
    first = _attendance_peers(school_a, version)

    # The benchmark's time (the key), then the schools and their contacts: no ranking.
    with django_assert_num_queries(3):
        again = _attendance_peers(school_a, version)

    assert names(again) == names(first) == ["Near", "Far"]
    assert [p.match for p in again] == [p.match for p in first]


def test_a_caller_that_knows_the_benchmark_time_saves_its_query(
    school_a, django_assert_num_queries
):
    version = published_framework()
    peer("Near", version, fsm="25.0")
    computed_at = benchmark_computed_at(framework_id=version.framework_id, phase=school_a.phase)
    _attendance_peers(school_a, version, benchmarked_at=computed_at)

    with django_assert_num_queries(2):
        again = _attendance_peers(school_a, version, benchmarked_at=computed_at)

    assert names(again) == ["Near"]


def test_a_new_submission_in_the_phase_replaces_the_cached_ranking(school_a):
    version = published_framework()
    peer("Far", version, fsm="60.0")
    before = benchmark_computed_at(framework_id=version.framework_id, phase=school_a.phase)
    assert names(_attendance_peers(school_a, version)) == ["Far"]

    peer("Near", version, fsm="25.0")  # submits: the phase's benchmark is computed again

    after = benchmark_computed_at(framework_id=version.framework_id, phase=school_a.phase)
    assert before is not None
    assert after is not None
    assert after > before
    assert names(_attendance_peers(school_a, version)) == ["Near", "Far"]


def test_a_submission_in_another_phase_keeps_the_cached_ranking(
    school_a, django_assert_num_queries
):
    version = published_framework()
    peer("Far", version, fsm="60.0")
    _attendance_peers(school_a, version)

    peer("A secondary", version, phase=School.Phase.SECONDARY, fsm="25.0")

    with django_assert_num_queries(3):
        assert names(_attendance_peers(school_a, version)) == ["Far"]


def test_a_cached_peer_whose_contact_stops_being_open_is_no_longer_shown(school_a):
    version = published_framework()
    peer("Near", version, fsm="25.0")
    peer("Far", version, fsm="60.0", contact="Ola Far")
    assert names(_attendance_peers(school_a, version)) == ["Near", "Far"]

    User.objects.filter(last_name="Far").update(open_to_contact=False)

    assert names(_attendance_peers(school_a, version)) == ["Near"]


def test_each_limit_and_code_is_cached_on_its_own(school_a):
    version = published_framework()
    for index, fsm in enumerate(["25.0", "26.0", "27.0"]):
        peer(f"Peer {index}", version, fsm=fsm)
    assert names(_attendance_peers(school_a, version)) == ["Peer 0", "Peer 1", "Peer 2"]

    two = peers_strong_in(
        school=school_a,
        framework=version.framework,
        codes=["attendance", "belonging", "transition"],
        limit=2,
    )

    assert {code: names(found) for code, found in two.items()} == {
        "attendance": ["Peer 0", "Peer 1"],
        "belonging": ["Peer 0", "Peer 1"],
        "transition": [],
    }
