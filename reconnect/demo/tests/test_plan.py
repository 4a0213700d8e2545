"""The plan is pure: these tests need no database."""

from collections import Counter
from decimal import Decimal

import pytest

from reconnect.demo.accounts import (
    DEMO_SCHOOL_A_NAME,
    DEMO_SCHOOL_A_URN,
    DEMO_SCHOOL_B_NAME,
    DEMO_SCHOOL_B_URN,
    DEMO_TRUST_A_NAME,
)
from reconnect.demo.plan import allocate, plan_network
from reconnect.schools.data.london import LOCAL_AUTHORITIES

THEMES = ["attendance", "engagement", "leadership", "send", "transition"]


@pytest.fixture(scope="module")
def small():
    return plan_network(seed=2026, theme_slugs=THEMES)


def test_plan_is_identical_for_the_same_seed(small):
    again = plan_network(seed=2026, theme_slugs=THEMES)

    assert again.schools == small.schools
    assert again.trusts == small.trusts
    assert again.members == small.members


def test_plan_differs_for_another_seed(small):
    other = plan_network(seed=7, theme_slugs=THEMES)

    assert [s.name for s in other.schools[2:]] != [s.name for s in small.schools[2:]]


def test_plan_puts_a_school_in_every_london_borough(small):
    boroughs = {school.la_code for school in small.schools}

    assert boroughs == {code for code, _, _ in LOCAL_AUTHORITIES}


def test_plan_has_every_phase_mostly_primary(small):
    phases = Counter(school.phase for school in small.schools)

    assert len(small.schools) == 60
    assert phases.most_common(2)[0][0] == "primary"
    assert phases.most_common(2)[1][0] == "secondary"
    for phase in ("special", "alternative_provision", "all_through", "nursery"):
        assert phases[phase] >= 1


def test_plan_puts_about_a_third_of_schools_in_six_trusts(small):
    in_trust = [school for school in small.schools if school.trust_name]

    assert len(small.trusts) == 6
    assert len(in_trust) == 20
    assert all(
        "Academy" in s.establishment_type or "Free" in s.establishment_type for s in in_trust
    )
    assert not any("Academy" in s.establishment_type for s in small.schools if s.trust_name is None)


def test_plan_demo_schools_are_a_camden_primary_and_a_southwark_secondary(small):
    school_a, school_b = small.schools[0], small.schools[1]

    assert (school_a.urn, school_a.name, school_a.phase, school_a.la_code) == (
        DEMO_SCHOOL_A_URN,
        DEMO_SCHOOL_A_NAME,
        "primary",
        202,
    )
    assert school_a.trust_name == DEMO_TRUST_A_NAME
    assert (school_b.urn, school_b.name, school_b.phase, school_b.la_code) == (
        DEMO_SCHOOL_B_URN,
        DEMO_SCHOOL_B_NAME,
        "secondary",
        210,
    )
    assert school_b.trust_name not in {None, DEMO_TRUST_A_NAME}


def test_plan_urns_are_consecutive_from_900001_and_names_unique(small):
    assert [s.urn for s in small.schools] == list(range(900001, 900061))
    assert len({s.name for s in small.schools}) == 60


def test_plan_context_figures_are_in_realistic_ranges():
    plan = plan_network(seed=11, schools=600, trusts=30)

    for school in plan.schools:
        assert Decimal(5) <= school.percent_fsm <= Decimal(60)
        assert Decimal(88) <= school.attendance_percent <= Decimal(97)
        assert school.percent_sen_support + school.percent_ehcp <= Decimal(100)
        assert 20 <= school.number_on_roll <= 2200
    special = [s for s in plan.schools if s.phase == "special"]
    assert all(s.percent_ehcp >= 90 for s in special)


def test_plan_inner_london_schools_have_more_free_school_meals_on_average():
    plan = plan_network(seed=3, schools=1000, trusts=40)
    inner = {code for code, _, is_inner in LOCAL_AUTHORITIES if is_inner}

    def mean(values):
        return sum(values) / len(values)

    inner_fsm = mean([s.percent_fsm for s in plan.schools if s.la_code in inner])
    outer_fsm = mean([s.percent_fsm for s in plan.schools if s.la_code not in inner])
    assert inner_fsm > outer_fsm + 5


def test_plan_gives_each_school_three_to_five_members_with_one_lead(small):
    members_by_school = Counter(m.school_urn for m in (*small.accounts, *small.members))
    leads = Counter(
        m.school_urn for m in (*small.accounts, *small.members) if m.school_role == "school_lead"
    )

    for school in small.schools[2:]:
        assert 3 <= members_by_school[school.urn] <= 5
        assert leads[school.urn] == 1
    assert members_by_school[DEMO_SCHOOL_A_URN] == 4
    assert members_by_school[DEMO_SCHOOL_B_URN] == 2


def test_plan_member_emails_are_unique_and_fictional(small):
    emails = [m.email for m in (*small.accounts, *small.members)]

    assert len(emails) == len(set(emails))
    assert all(email.endswith("example.org") for email in emails)


def test_plan_demo_accounts_are_the_documented_seven(small):
    assert [a.email for a in small.accounts] == [
        "admin@example.org",
        "coordinator@example.org",
        "head.a@example.org",
        "data.a@example.org",
        "staff.a@example.org",
        "head.b@example.org",
        "leader@example.org",
    ]


def test_allocate_gives_minimums_then_shares_by_weight():
    counts = allocate(10, {"a": 3.0, "b": 1.0, "c": 0.0}, {"c": 1})

    assert counts == {"a": 7, "b": 2, "c": 1}


def test_allocate_refuses_fewer_than_the_minimums():
    with pytest.raises(ValueError, match="fewer than"):
        allocate(1, {"a": 1.0, "b": 1.0}, {"a": 1, "b": 1})


def test_plan_refuses_fewer_schools_than_boroughs():
    with pytest.raises(ValueError, match="at least 33 schools"):
        plan_network(schools=20)
