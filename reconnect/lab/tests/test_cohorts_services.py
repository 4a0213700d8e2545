"""Lab cohorts' services: opening cohorts, applying, pairing rules, proposing, moving and
confirming trios, with their refusals and audit records."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.hub.tests.factories import InterventionPageFactory, ThemeFactory
from reconnect.lab import audit_actions
from reconnect.lab.models import (
    Application,
    ApplicationStatus,
    CohortStatus,
    LabCohort,
    PairingConstraint,
    PairingRule,
    Pilot,
    PilotStatus,
    Trio,
    TrioMember,
    TrioStatus,
)
from reconnect.lab.models.trios import ProposalStatus
from reconnect.lab.services import cohorts as services
from reconnect.lab.tests.factories import (
    ApplicationFactory,
    LabCohortFactory,
    PairingConstraintFactory,
    PilotFactory,
)
from reconnect.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

CAMDEN, HACKNEY, BROMLEY = 202, 204, 305


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


def _cohort_of_nine() -> tuple[LabCohort, dict[str, int]]:
    """Nine schools, three in each of Camden, Hackney and Bromley (none neighbours another);
    in each borough one works on attendance, one on SEND, one on transition."""
    cohort = LabCohortFactory.create(name="Spring 2027")
    ids: dict[str, int] = {}
    themes = {
        "attendance": ThemeFactory.create(slug="attendance"),
        "send": ThemeFactory.create(slug="send"),
        "transition": ThemeFactory.create(slug="transition"),
    }
    for borough, prefix in ((CAMDEN, "C"), (HACKNEY, "H"), (BROMLEY, "B")):
        for number, slug in enumerate(("attendance", "send", "transition"), start=1):
            school = SchoolFactory.create(
                name=f"{prefix}{number} School", local_authority__code=borough
            )
            pilot = PilotFactory.create(school=school, theme=themes[slug])
            ApplicationFactory.create(cohort=cohort, pilot=pilot)
            ids[f"{prefix}{number}"] = school.pk
    return cohort, ids


def _groups(cohort: LabCohort, ids: dict[str, int], status: str = TrioStatus.PROPOSED) -> set:
    names = {pk: name for name, pk in ids.items()}
    found = set()
    for trio in Trio.objects.filter(cohort=cohort, status=status):
        found.add(frozenset(names[m.school_id] for m in trio.members.all()))
    return found


# --- Cohorts ------------------------------------------------------------------------------


def test_cohort_open_creates_an_open_cohort_and_audits_it(coordinator):
    plan = services.CohortPlan(
        name="  Attendance cohort  ",
        description="For schools working on attendance.",
        applications_close_on=datetime.date(2027, 3, 27),
    )

    cohort = services.cohort_open(user=coordinator, plan=plan)

    assert (cohort.name, cohort.status, cohort.created_by) == (
        "Attendance cohort",
        CohortStatus.OPEN,
        coordinator,
    )
    assert cohort.applications_close_on == datetime.date(2027, 3, 27)
    event = AuditEvent.objects.get()
    assert (event.action, event.target_id, event.detail) == (
        audit_actions.COHORT_OPENED,
        str(cohort.pk),
        {"name": "Attendance cohort"},
    )


def test_cohort_open_refuses_a_name_already_used(coordinator):
    LabCohortFactory.create(name="Spring 2027")

    with pytest.raises(ApplicationError) as refused:
        services.cohort_open(user=coordinator, plan=services.CohortPlan(name="spring 2027"))

    assert (refused.value.message, refused.value.field) == (
        "A cohort with this name already exists.",
        "name",
    )
    assert LabCohort.objects.count() == 1


def test_cohort_update_changes_the_fields_and_audits(coordinator):
    cohort = LabCohortFactory.create(name="Old")

    services.cohort_update(
        cohort=cohort, user=coordinator, plan=services.CohortPlan(name="New", description="D")
    )

    cohort.refresh_from_db()
    assert (cohort.name, cohort.description) == ("New", "D")
    assert _actions() == [audit_actions.COHORT_UPDATED]


def test_cohort_status_moves_one_step_at_a_time(coordinator):
    cohort = LabCohortFactory.create()

    services.cohort_status_set(cohort=cohort, user=coordinator, status=CohortStatus.FORMING)
    with pytest.raises(ApplicationError) as refused:
        services.cohort_status_set(cohort=cohort, user=coordinator, status=CohortStatus.CLOSED)

    assert refused.value.message == (
        "A cohort moves on one step at a time: open, forming trios, running, closed."
    )
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.FORMING
    event = AuditEvent.objects.get()
    assert event.detail == {"from": "open", "to": "forming"}


# --- Applications -------------------------------------------------------------------------


def test_application_submit_records_the_application(school_a, head_at_school_a):
    cohort = LabCohortFactory.create()
    pilot = PilotFactory.create(school=school_a)

    application = services.application_submit(
        cohort=cohort, school=school_a, pilot=pilot, user=head_at_school_a, statement=" Keen. "
    )

    assert (application.status, application.statement, application.submitted_by) == (
        ApplicationStatus.SUBMITTED,
        "Keen.",
        head_at_school_a,
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.school_urn, event.detail) == (
        audit_actions.APPLICATION_SUBMITTED,
        900001,
        {"cohort": cohort.pk, "pilot": pilot.pk},
    )


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("closed", "This cohort is not open for applications."),
        ("other_school", "Choose one of your school’s pilots."),
        ("withdrawn", "This pilot is withdrawn: choose another, or take it up again first."),
        ("twice", "Your school has already applied to this cohort."),
    ],
)
def test_application_submit_refusals(school_a, school_b, head_at_school_a, case, message):
    cohort = LabCohortFactory.create(
        status=CohortStatus.FORMING if case == "closed" else CohortStatus.OPEN
    )
    pilot = PilotFactory.create(
        school=school_b if case == "other_school" else school_a,
        status=PilotStatus.WITHDRAWN if case == "withdrawn" else PilotStatus.DRAFT,
    )
    if case == "twice":
        ApplicationFactory.create(cohort=cohort, pilot=PilotFactory.create(school=school_a))
    before = Application.objects.count()

    with pytest.raises(ApplicationError) as refused:
        services.application_submit(
            cohort=cohort, school=school_a, pilot=pilot, user=head_at_school_a
        )

    assert refused.value.message == message
    assert Application.objects.count() == before
    assert not AuditEvent.objects.exists()


def test_a_withdrawn_application_may_be_replaced(school_a, head_at_school_a):
    cohort = LabCohortFactory.create()
    first = ApplicationFactory.create(cohort=cohort, pilot=PilotFactory.create(school=school_a))
    services.application_withdraw(application=first, user=head_at_school_a)

    again = services.application_submit(
        cohort=cohort,
        school=school_a,
        pilot=PilotFactory.create(school=school_a),
        user=head_at_school_a,
    )

    assert again.status == ApplicationStatus.SUBMITTED
    assert _actions() == [audit_actions.APPLICATION_WITHDRAWN, audit_actions.APPLICATION_SUBMITTED]


def test_application_withdraw_leaves_the_proposed_trio(coordinator, head_at_school_a):
    cohort, ids = _cohort_of_nine()
    services.trios_propose(cohort=cohort, user=coordinator)
    application = Application.objects.get(school_id=ids["C1"])

    services.application_withdraw(application=application, user=coordinator)

    assert application.status == ApplicationStatus.WITHDRAWN
    assert not TrioMember.objects.filter(school_id=ids["C1"]).exists()


def test_application_withdraw_refuses_a_placed_application(coordinator):
    application = ApplicationFactory.create(status=ApplicationStatus.PLACED)

    with pytest.raises(ApplicationError) as refused:
        services.application_withdraw(application=application, user=coordinator)

    assert refused.value.message == (
        "Your school is in a confirmed trio: ask the network coordinator to withdraw."
    )


# --- Pairing rules ------------------------------------------------------------------------


def test_pairing_add_stores_the_smaller_id_first(coordinator):
    cohort = LabCohortFactory.create()
    low, high = SchoolFactory.create(), SchoolFactory.create()

    pairing = services.pairing_add(
        cohort=cohort, first=high, second=low, rule=PairingRule.MUST_PAIR, user=coordinator
    )

    assert (pairing.first_id, pairing.second_id, pairing.rule) == (
        low.pk,
        high.pk,
        PairingRule.MUST_PAIR,
    )
    assert AuditEvent.objects.get().detail == {
        "cohort": cohort.pk,
        "first": low.pk,
        "second": high.pk,
        "rule": "must_pair",
    }


def test_pairing_add_refuses_the_same_school_and_a_second_rule(coordinator):
    cohort = LabCohortFactory.create()
    low, high = SchoolFactory.create(), SchoolFactory.create()
    services.pairing_add(
        cohort=cohort, first=low, second=high, rule=PairingRule.MUST_PAIR, user=coordinator
    )

    with pytest.raises(ApplicationError) as same:
        services.pairing_add(
            cohort=cohort, first=low, second=low, rule=PairingRule.MUST_PAIR, user=coordinator
        )
    with pytest.raises(ApplicationError) as twice:
        services.pairing_add(
            cohort=cohort,
            first=high,
            second=low,
            rule=PairingRule.MUST_NOT_PAIR,
            user=coordinator,
        )

    assert same.value.message == "Choose two different schools."
    assert twice.value.message == "These two schools already have a pairing rule: remove it first."
    assert PairingConstraint.objects.count() == 1


def test_pairing_remove_deletes_and_audits(coordinator):
    pairing = PairingConstraintFactory.create(
        first=SchoolFactory.create(), second=SchoolFactory.create()
    )

    services.pairing_remove(pairing=pairing, user=coordinator)

    assert not PairingConstraint.objects.exists()
    assert _actions() == [audit_actions.PAIRING_REMOVED]


# --- Proposing ----------------------------------------------------------------------------


def test_nine_schools_are_grouped_by_their_challenge_before_their_borough(coordinator):
    """Per borough, each trio would score 3 a pair (9 a trio); per challenge, 6 a pair (18 a
    trio, the boroughs being far apart): the challenge wins, as docs/trios.md promises."""
    cohort, ids = _cohort_of_nine()

    trios = services.trios_propose(cohort=cohort, user=coordinator)

    assert trios is not None
    assert [t.name for t in trios] == ["Trio 1", "Trio 2", "Trio 3"]
    assert [t.score for t in trios] == [18, 18, 18]
    assert _groups(cohort, ids) == {
        frozenset({"C1", "H1", "B1"}),
        frozenset({"C2", "H2", "B2"}),
        frozenset({"C3", "H3", "B3"}),
    }
    attendance = next(t for t in trios if t.members.filter(school_id=ids["C1"]).exists())
    assert attendance.reasons["lead"] is None
    assert {
        (p["first"], p["second"], p["score"], tuple(p["shared_challenges"]), p["travel"])
        for p in attendance.reasons["pairs"]
    } == {
        (ids["C1"], ids["H1"], 6, ("attendance",), "far"),
        (ids["C1"], ids["B1"], 6, ("attendance",), "far"),
        (ids["H1"], ids["B1"], 6, ("attendance",), "far"),
    }
    cohort.refresh_from_db()
    assert cohort.proposal_status == ProposalStatus.DONE
    assert cohort.proposal_message == (
        "9 schools in 3 groups, scoring 54: no grouping that meets your rules scores higher."
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.detail) == (
        audit_actions.TRIOS_PROPOSED,
        {"schools": 9, "trios": 3, "score": 54, "status": "OPTIMAL"},
    )


def test_the_same_intervention_and_borough_add_to_the_score(coordinator):
    cohort = LabCohortFactory.create()
    theme = ThemeFactory.create(slug="attendance")
    intervention = InterventionPageFactory.create(title="Parental engagement")
    for _ in range(3):
        school = SchoolFactory.create(local_authority__code=HACKNEY)
        pilot = PilotFactory.create(school=school, theme=theme, intervention=intervention)
        ApplicationFactory.create(cohort=cohort, pilot=pilot)

    (trio,) = services.trios_propose(cohort=cohort, user=coordinator) or []

    # Each pair: the challenge 6, the same intervention 5, the same borough 3.
    assert trio.score == 3 * 14
    assert {p["same_intervention"] for p in trio.reasons["pairs"]} == {True}


def test_pairing_rules_are_honoured(coordinator):
    cohort, ids = _cohort_of_nine()
    apart = sorted((ids["C1"], ids["H1"]))
    together = sorted((ids["C1"], ids["C2"]))
    PairingConstraintFactory.create(
        cohort=cohort, first_id=apart[0], second_id=apart[1], rule=PairingRule.MUST_NOT_PAIR
    )
    PairingConstraintFactory.create(
        cohort=cohort, first_id=together[0], second_id=together[1], rule=PairingRule.MUST_PAIR
    )

    services.trios_propose(cohort=cohort, user=coordinator)

    groups = _groups(cohort, ids)
    assert sorted(len(g) for g in groups) == [3, 3, 3]
    (with_c1,) = [g for g in groups if "C1" in g]
    assert "C2" in with_c1
    assert "H1" not in with_c1


def test_rules_that_cannot_be_met_are_refused_with_the_builders_words(coordinator):
    cohort, ids = _cohort_of_nine()
    chain = ["C1", "C2", "C3", "H1", "H2"]
    for a, b in itertools.pairwise(chain):
        low, high = sorted((ids[a], ids[b]))
        PairingConstraintFactory.create(
            cohort=cohort, first_id=low, second_id=high, rule=PairingRule.MUST_PAIR
        )

    with pytest.raises(ApplicationError) as refused:
        services.trios_propose(cohort=cohort, user=coordinator)

    assert refused.value.message == (
        "C1 School, C2 School, C3 School, H1 School and H2 School must all be in one group "
        "(through the pairs to keep together), but with 9 schools the largest group has 3."
    )
    assert not Trio.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_new_proposal_replaces_proposed_trios_and_keeps_confirmed_ones(coordinator):
    cohort, ids = _cohort_of_nine()
    trios = services.trios_propose(cohort=cohort, user=coordinator) or []
    confirmed = next(t for t in trios if t.members.filter(school_id=ids["C1"]).exists())
    services.trio_confirm(trio=confirmed, user=coordinator)

    again = services.trios_propose(cohort=cohort, user=coordinator) or []

    assert _groups(cohort, ids, TrioStatus.CONFIRMED) == {frozenset({"C1", "H1", "B1"})}
    assert _groups(cohort, ids) == {frozenset({"C2", "H2", "B2"}), frozenset({"C3", "H3", "B3"})}
    assert Trio.objects.filter(pk=confirmed.pk, status=TrioStatus.CONFIRMED).exists()
    assert confirmed.name == "Trio 1"
    assert sorted(t.name for t in again) == ["Trio 2", "Trio 3"]


def test_proposing_needs_two_waiting_schools(coordinator):
    cohort = LabCohortFactory.create()
    ApplicationFactory.create(cohort=cohort)

    with pytest.raises(ApplicationError) as refused:
        services.trios_propose(cohort=cohort, user=coordinator)

    assert refused.value.message == "At least two schools must be waiting for a trio."


def test_a_large_cohort_is_proposed_by_a_background_task(
    coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    cohort, ids = _cohort_of_nine()
    monkeypatch.setattr(services, "INLINE_LIMIT", 5)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = services.trios_propose(cohort=cohort, user=coordinator)

    assert result is None
    cohort.refresh_from_db()
    assert cohort.proposal_status == ProposalStatus.QUEUED
    assert not Trio.objects.exists()
    assert len(callbacks) == 1

    callbacks[0]()  # the immediate backend runs the task now

    cohort.refresh_from_db()
    assert cohort.proposal_status == ProposalStatus.DONE
    assert len(_groups(cohort, ids)) == 3


def test_a_background_proposal_that_fails_says_why(coordinator):
    cohort, ids = _cohort_of_nine()
    low, high = sorted((ids["C1"], ids["C2"]))
    PairingConstraintFactory.create(
        cohort=cohort, first_id=low, second_id=high, rule=PairingRule.MUST_PAIR
    )
    chain = ["C2", "C3", "H1", "H2"]
    for a, b in itertools.pairwise(chain):
        x, y = sorted((ids[a], ids[b]))
        PairingConstraintFactory.create(
            cohort=cohort, first_id=x, second_id=y, rule=PairingRule.MUST_PAIR
        )
    LabCohort.objects.filter(pk=cohort.pk).update(proposal_status=ProposalStatus.QUEUED)

    status = services.trios_propose_run(cohort_id=cohort.pk)

    cohort.refresh_from_db()
    assert status == cohort.proposal_status == ProposalStatus.FAILED
    assert cohort.proposal_message.endswith("but with 9 schools the largest group has 3.")


# --- Moving and confirming ----------------------------------------------------------------


def _member(cohort: LabCohort, school_id: int) -> TrioMember:
    return TrioMember.objects.select_related("trio__cohort", "school").get(
        cohort=cohort, school_id=school_id
    )


def test_a_move_changes_the_trio_and_rescores_both(coordinator):
    cohort, ids = _cohort_of_nine()
    services.trios_propose(cohort=cohort, user=coordinator)
    member = _member(cohort, ids["C1"])
    to_trio = _member(cohort, ids["C2"]).trio
    from_trio = member.trio

    services.trio_member_move(member=member, to_trio=to_trio, user=coordinator)

    assert _groups(cohort, ids) >= {frozenset({"H1", "B1"}), frozenset({"C1", "C2", "H2", "B2"})}
    to_trio.refresh_from_db()
    from_trio.refresh_from_db()
    # C2, H2, B2 share SEND (6 each, 18); C1 adds the same borough with C2 (3) only.
    assert (to_trio.score, from_trio.score) == (21, 6)
    assert AuditEvent.objects.filter(action=audit_actions.TRIO_MEMBER_MOVED).count() == 1


def test_a_move_that_breaks_a_must_not_pair_is_refused(coordinator):
    cohort, ids = _cohort_of_nine()
    services.trios_propose(cohort=cohort, user=coordinator)
    low, high = sorted((ids["C1"], ids["C2"]))
    PairingConstraintFactory.create(
        cohort=cohort, first_id=low, second_id=high, rule=PairingRule.MUST_NOT_PAIR
    )
    member = _member(cohort, ids["C1"])
    to_trio = _member(cohort, ids["C2"]).trio

    with pytest.raises(ApplicationError) as refused:
        services.trio_member_move(member=member, to_trio=to_trio, user=coordinator)

    assert refused.value.message == "C1 School must not be in the same trio as C2 School."
    assert _member(cohort, ids["C1"]).trio_id == member.trio_id


def test_a_move_into_a_confirmed_trio_is_refused(coordinator):
    cohort, ids = _cohort_of_nine()
    services.trios_propose(cohort=cohort, user=coordinator)
    to_trio = _member(cohort, ids["C2"]).trio
    services.trio_confirm(trio=to_trio, user=coordinator)

    with pytest.raises(ApplicationError) as refused:
        services.trio_member_move(
            member=_member(cohort, ids["C1"]), to_trio=to_trio, user=coordinator
        )

    assert refused.value.message == "A confirmed trio cannot be changed."


def test_trio_confirm_places_applications_and_links_pilots(coordinator):
    cohort, ids = _cohort_of_nine()
    services.trios_propose(cohort=cohort, user=coordinator)
    trio = _member(cohort, ids["C1"]).trio

    services.trio_confirm(trio=trio, user=coordinator)

    trio.refresh_from_db()
    assert (trio.status, trio.confirmed_by) == (TrioStatus.CONFIRMED, coordinator)
    placed = {ids["C1"], ids["H1"], ids["B1"]}
    assert (
        set(
            Application.objects.filter(status=ApplicationStatus.PLACED).values_list(
                "school_id", flat=True
            )
        )
        == placed
    )
    assert set(Pilot.objects.filter(trio=trio).values_list("school_id", flat=True)) == placed
    event = AuditEvent.objects.get(action=audit_actions.TRIO_CONFIRMED)
    assert event.detail == {"cohort": cohort.pk, "schools": sorted(placed)}
    with pytest.raises(ApplicationError) as again:
        services.trio_confirm(trio=trio, user=coordinator)
    assert again.value.message == "This trio is already confirmed."


def test_trios_confirm_all_confirms_every_proposed_trio(coordinator):
    cohort, _ids = _cohort_of_nine()
    services.trios_propose(cohort=cohort, user=coordinator)

    confirmed = services.trios_confirm_all(cohort=cohort, user=coordinator)

    assert len(confirmed) == 3
    assert not Trio.objects.filter(status=TrioStatus.PROPOSED).exists()
    assert Application.objects.filter(status=ApplicationStatus.PLACED).count() == 9
    with pytest.raises(ApplicationError) as none_left:
        services.trios_confirm_all(cohort=cohort, user=coordinator)
    assert none_left.value.message == "There are no proposed trios to confirm."


def test_a_queued_proposal_blocks_another_until_it_is_stale(coordinator):
    cohort, ids = _cohort_of_nine()
    now = timezone.now()
    LabCohort.objects.filter(pk=cohort.pk).update(
        proposal_status=ProposalStatus.RUNNING, proposal_updated_at=now
    )
    cohort.refresh_from_db()

    with pytest.raises(ApplicationError) as refused:
        services.trios_propose(cohort=cohort, user=coordinator)
    cohort.proposal_updated_at = now - datetime.timedelta(minutes=16)
    trios = services.trios_propose(cohort=cohort, user=coordinator)

    assert refused.value.message == "Trios are being proposed already: wait for them."
    assert trios is not None
    assert len(_groups(cohort, ids)) == 3
