"""The pilot services: exact behaviour, the status transitions, default milestones, bounds."""

import datetime

import pytest

from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.lab.models import (
    Design,
    MeasureKind,
    Milestone,
    OutcomeMeasure,
    Phase,
    Pilot,
    PilotStatus,
)
from reconnect.lab.services import pilots as services
from reconnect.lab.services.pilots import LogPlan, MeasurePlan, PilotPlan
from reconnect.lab.tests.factories import MilestoneFactory, OutcomeMeasureFactory, PilotFactory
from reconnect.spectrum.tests.factories import SavedCohortFactory


def _plan(**overrides):
    values = {
        "title": " Year 7 reading ",
        "challenge": "Year 7 pupils on free school meals read two years behind.",
        "design": Design.MATCHED,
    }
    return PilotPlan(**{**values, **overrides})


def test_pilot_create_makes_a_draft_with_the_default_milestones_and_audits_it(
    school_a, head_at_school_a
):
    pilot = services.pilot_create(school=school_a, user=head_at_school_a, plan=_plan())

    assert pilot.title == "Year 7 reading"
    assert (pilot.status, pilot.phase, pilot.created_by) == (
        PilotStatus.DRAFT,
        Phase.EXPLORE,
        head_at_school_a,
    )
    milestones = list(Milestone.objects.filter(pilot=pilot).order_by("pk"))
    assert [(m.phase, m.title) for m in milestones[:2]] == [
        ("explore", "Agree the problem with staff and name the pupils it affects"),
        ("explore", "Look at what the evidence says and choose an approach that fits"),
    ]
    assert [m.phase for m in milestones] == ["explore"] * 2 + ["prepare"] * 3 + ["deliver"] * 2 + [
        "sustain"
    ] * 3
    assert all(m.done_on is None and m.due_on is None for m in milestones)
    event = AuditEvent.objects.get(action="lab.pilot.created")
    assert (event.actor, event.school_urn, event.target_id) == (
        head_at_school_a,
        900001,
        str(pilot.pk),
    )
    assert event.detail == {"design": "matched", "intervention": None}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "Enter a name for the pilot."),
        ({"challenge": ""}, "challenge", "Describe the challenge the pilot answers."),
        ({"design": "guess"}, "design", "Choose how the pilot will compare."),
        (
            {"starts_on": datetime.date(2026, 9, 1), "ends_on": datetime.date(2026, 8, 31)},
            "ends_on",
            "The end date must be the same as or after the start date.",
        ),
        (
            {"planned_intervention": 0},
            "planned_intervention",
            "Enter a number of pupils between 1 and 5000.",
        ),
        (
            {"design": Design.SINGLE_GROUP, "planned_comparison": 20},
            "planned_comparison",
            "A one-group pilot has no comparison group: leave its number empty.",
        ),
    ],
)
def test_pilot_create_refuses_a_bad_plan(school_a, head_at_school_a, overrides, field, message):
    with pytest.raises(ApplicationError) as error:
        services.pilot_create(school=school_a, user=head_at_school_a, plan=_plan(**overrides))

    assert (error.value.field, error.value.message) == (field, message)
    assert not Pilot.objects.exists()


def test_pilot_create_refuses_another_schools_target_group_and_a_draft_page(
    school_a, school_b, head_at_school_a
):
    theirs = SavedCohortFactory.create(school=school_b)
    draft = InterventionPageFactory.create(live=False)

    with pytest.raises(ApplicationError) as group:
        services.pilot_create(
            school=school_a, user=head_at_school_a, plan=_plan(target_group=theirs)
        )
    with pytest.raises(ApplicationError) as page:
        services.pilot_create(
            school=school_a, user=head_at_school_a, plan=_plan(intervention=draft)
        )

    assert group.value.message == "Choose one of your school’s target groups."
    assert page.value.field == "intervention"
    assert not Pilot.objects.exists()


@pytest.mark.parametrize(
    ("start", "to", "allowed"),
    [
        ("draft", "running", True),
        ("draft", "withdrawn", True),
        ("draft", "completed", False),
        ("running", "completed", True),
        ("running", "withdrawn", True),
        ("running", "draft", False),
        ("completed", "running", False),
        ("completed", "withdrawn", False),
        ("withdrawn", "draft", True),
        ("withdrawn", "running", False),
    ],
)
def test_pilot_status_set_follows_the_transitions(school_a, head_at_school_a, start, to, allowed):
    pilot = PilotFactory.create(school=school_a, status=start)

    if allowed:
        services.pilot_status_set(pilot=pilot, user=head_at_school_a, status=to)
        pilot.refresh_from_db()
        assert pilot.status == to
        assert (pilot.completed_at is not None) == (to == "completed")
        event = AuditEvent.objects.get(action="lab.pilot.status_changed")
        assert event.detail == {"from": start, "to": to}
    else:
        with pytest.raises(ApplicationError) as error:
            services.pilot_status_set(pilot=pilot, user=head_at_school_a, status=to)
        assert error.value.message == (
            f"A {PilotStatus(start).label.lower()} pilot cannot become "
            f"{PilotStatus(to).label.lower()}."
        )
        pilot.refresh_from_db()
        assert pilot.status == start
        assert not AuditEvent.objects.filter(action="lab.pilot.status_changed").exists()


def test_pilot_update_changes_the_plan_but_not_a_completed_pilot(school_a, head_at_school_a):
    pilot = PilotFactory.create(school=school_a)
    services.pilot_update(
        pilot=pilot, user=head_at_school_a, plan=_plan(title="New name", planned_intervention=30)
    )
    pilot.refresh_from_db()
    assert (pilot.title, pilot.planned_intervention) == ("New name", 30)

    pilot.status = PilotStatus.COMPLETED
    with pytest.raises(ApplicationError) as error:
        services.pilot_update(pilot=pilot, user=head_at_school_a, plan=_plan())
    assert error.value.message == "A completed pilot cannot be changed."


def test_pilot_phase_set(school_a, head_at_school_a):
    pilot = PilotFactory.create(school=school_a)

    services.pilot_phase_set(pilot=pilot, user=head_at_school_a, phase=Phase.DELIVER)

    pilot.refresh_from_db()
    assert pilot.phase == "deliver"
    with pytest.raises(ApplicationError):
        services.pilot_phase_set(pilot=pilot, user=head_at_school_a, phase="celebrate")


def test_pilot_delete_only_drafts_and_withdrawn_and_audits_it(school_a, head_at_school_a):
    running = PilotFactory.create(school=school_a, status=PilotStatus.RUNNING)
    draft = PilotFactory.create(school=school_a, title="Old idea")
    MilestoneFactory.create(pilot=draft)
    draft_id = draft.pk

    with pytest.raises(ApplicationError) as error:
        services.pilot_delete(pilot=running, user=head_at_school_a)
    services.pilot_delete(pilot=draft, user=head_at_school_a)

    assert (
        error.value.message == "Only a draft or withdrawn pilot can be deleted. Withdraw it first."
    )
    assert list(Pilot.objects.all()) == [running]
    assert not Milestone.objects.filter(pilot_id=draft_id).exists()
    event = AuditEvent.objects.get(action="lab.pilot.deleted")
    assert event.detail == {"title": "Old idea", "status": "draft"}
    assert event.target_id == str(draft_id)


@pytest.mark.parametrize(
    ("kind", "bounds"),
    [
        (MeasureKind.WEMWBS, (14, 70)),
        (MeasureKind.SWEMWBS, (7, 35)),
        (MeasureKind.ATTENDANCE, (0, 100)),
        (MeasureKind.ATTAINMENT, (None, None)),
    ],
)
def test_measure_add_gives_the_scales_default_bounds(school_a, kind, bounds):
    pilot = PilotFactory.create(school=school_a)

    measure = services.measure_add(pilot=pilot, plan=MeasurePlan(kind=kind, name="Score"))

    assert (measure.lowest, measure.highest) == bounds
    assert measure.is_primary is True  # the first measure is the main one


def test_measure_add_keeps_one_primary_and_refuses_a_repeated_name(school_a):
    pilot = PilotFactory.create(school=school_a)
    first = services.measure_add(pilot=pilot, plan=MeasurePlan(kind="attainment", name="Reading"))
    second = services.measure_add(
        pilot=pilot, plan=MeasurePlan(kind="wemwbs", name="Wellbeing", is_primary=True)
    )

    with pytest.raises(ApplicationError) as twice:
        services.measure_add(pilot=pilot, plan=MeasurePlan(kind="custom", name="Reading"))
    with pytest.raises(ApplicationError) as backwards:
        services.measure_add(
            pilot=pilot, plan=MeasurePlan(kind="custom", name="X", lowest=10, highest=10)
        )

    first.refresh_from_db()
    assert (first.is_primary, second.is_primary) == (False, True)
    assert twice.value.message == "The pilot already has a measure called “Reading”."
    assert backwards.value.message == "The highest possible score must be more than the lowest."
    assert OutcomeMeasure.objects.filter(pilot=pilot).count() == 2


def test_measure_update_and_delete_pass_the_primary_on(school_a):
    pilot = PilotFactory.create(school=school_a)
    first = OutcomeMeasureFactory.create(pilot=pilot, is_primary=True)
    second = OutcomeMeasureFactory.create(pilot=pilot)

    services.measure_update(measure=first, plan=MeasurePlan(kind="attendance", name="Attendance"))
    first.refresh_from_db()
    assert (first.name, first.is_primary, first.lowest, first.highest) == (
        "Attendance",
        True,
        0,
        100,
    )

    services.measure_delete(measure=first)
    second.refresh_from_db()
    assert second.is_primary is True


def test_milestones_add_tick_untick_and_delete(school_a):
    pilot = PilotFactory.create(school=school_a)

    milestone = services.milestone_add(
        pilot=pilot, phase=Phase.PREPARE, title=" Buy the books ", due_on=datetime.date(2026, 3, 1)
    )
    services.milestone_complete(milestone=milestone, done_on=datetime.date(2026, 2, 20))
    assert (milestone.title, milestone.done_on) == ("Buy the books", datetime.date(2026, 2, 20))
    services.milestone_complete(milestone=milestone, done=False)
    milestone.refresh_from_db()
    assert milestone.done_on is None
    with pytest.raises(ApplicationError) as error:
        services.milestone_add(pilot=pilot, phase=Phase.PREPARE, title="")
    assert error.value.message == "Enter what needs to happen."

    services.milestone_delete(milestone=milestone)
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_log_entry_add_records_and_refuses_the_impossible(school_a, head_at_school_a):
    pilot = PilotFactory.create(school=school_a)
    today = datetime.date(2026, 2, 2)

    entry = services.log_entry_add(
        pilot=pilot,
        user=head_at_school_a,
        entry=LogPlan(
            happened_on=today,
            sessions_planned=3,
            sessions_delivered=2,
            pupils_present=11,
            fidelity="mostly",
            notes=" Tuesday lost to a trip. ",
        ),
        today=today,
    )

    assert (entry.sessions_delivered, entry.fidelity, entry.notes, entry.author) == (
        2,
        "mostly",
        "Tuesday lost to a trip.",
        head_at_school_a,
    )
    for bad, message in (
        (
            LogPlan(happened_on=today + datetime.timedelta(days=1), notes="x"),
            "The date must be today or in the past.",
        ),
        (
            LogPlan(happened_on=today, sessions_planned=2, sessions_delivered=3),
            "Sessions delivered cannot be more than sessions planned.",
        ),
        (
            LogPlan(happened_on=today),
            "Enter the sessions, the pupils present, how it went or a note.",
        ),
    ):
        with pytest.raises(ApplicationError) as error:
            services.log_entry_add(pilot=pilot, user=head_at_school_a, entry=bad, today=today)
        assert error.value.message == message
    assert pilot.log.count() == 1
