"""The pilots pages: the Lab home, starting a pilot, its page, the log, milestones, measures."""

import datetime

import pytest

from reconnect.core.models import AuditEvent
from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.lab.models import LogEntry, Milestone, OutcomeMeasure, Pilot, PilotStatus
from reconnect.lab.tests.factories import (
    LogEntryFactory,
    MilestoneFactory,
    PilotFactory,
)
from reconnect.spectrum.tests.factories import SavedCohortFactory, StaffCohortGrantFactory

NEW = "/lab/900001/pilots/new/"


def _url(pilot, rest=""):
    return f"/lab/{pilot.school.urn}/pilots/{pilot.pk}/{rest}"


def _form(**overrides):
    data = {
        "title": "Year 7 reading",
        "challenge": "Pupils on free school meals read two years behind.",
        "design": "matched",
        "planned_intervention": "30",
        "planned_comparison": "30",
    }
    return {**data, **overrides}


@pytest.fixture
def pilot(school_a):
    return PilotFactory.create(
        school=school_a, title="Reading catch-up", planned_intervention=30, planned_comparison=30
    )


def test_starting_a_pilot_saves_it_and_goes_to_its_page(client, head_at_school_a, school_a):
    intervention = InterventionPageFactory.create(title="Reading comprehension", impact_months=6)
    group = SavedCohortFactory.create(school=school_a, name="Year 7 FSM")
    client.force_login(head_at_school_a)

    response = client.post(
        NEW, _form(intervention=str(intervention.pk), target_group=str(group.pk))
    )

    pilot = Pilot.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/lab/900001/pilots/{pilot.pk}/"
    assert (pilot.school, pilot.intervention, pilot.target_group) == (
        school_a,
        intervention,
        group,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Pilot started: Year 7 reading" in page
    assert "Agree the problem with staff and name the pupils it affects" in page
    assert (
        "With 30 and 30 pupils your pilot can only detect an effect of 0.74 or more (about 9 "
        "months’ progress); the Hub’s evidence for this approach is +6 months (about 0.45). "
        "Consider a larger group or a baseline test."
    ) in page
    assert "Year 7 FSM" in page


def test_tampered_ids_are_form_errors_never_another_schools_objects(
    client, head_at_school_a, school_b
):
    theirs = SavedCohortFactory.create(school=school_b)
    draft = InterventionPageFactory.create(live=False)
    client.force_login(head_at_school_a)

    response = client.post(
        NEW, _form(target_group=str(theirs.pk), intervention=str(draft.pk), theme="999999")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose one of your school’s target groups, or none." in page
    assert "Choose an intervention from the list, or none." in page
    assert "Choose a theme from the list, or none." in page
    assert not Pilot.objects.exists()


def test_missing_fields_show_the_errors(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post(
        NEW, {"design": "", "starts_on_day": "31", "starts_on_month": "2", "starts_on_year": "2026"}
    )

    page = response.content.decode()
    assert "Enter a name for the pilot." in page
    assert "Describe the challenge the pilot answers." in page
    assert "Choose how the pilot will compare." in page
    assert "The start date must be a real date." in page
    assert '<a href="#id_starts_on_day">' in page


def test_prefill_from_a_target_group_and_an_action_is_checked(
    client, head_at_school_a, school_a, school_b
):
    ours = SavedCohortFactory.create(school=school_a)
    theirs = SavedCohortFactory.create(school=school_b)
    client.force_login(head_at_school_a)

    chosen = client.get(f"{NEW}?target_group={ours.pk}")
    tampered = client.get(f"{NEW}?target_group={theirs.pk}&priority=abc")

    assert chosen.context["form"].initial == {"target_group": ours.pk}
    assert tampered.context["form"].initial == {}


def test_staff_read_the_pilot_without_controls_and_may_change_nothing(
    client, staff_at_school_a, pilot
):
    milestone = MilestoneFactory.create(pilot=pilot)
    client.force_login(staff_at_school_a)

    page = client.get(_url(pilot))
    html = page.content.decode()

    assert page.status_code == 200
    assert "Reading catch-up" in html
    assert "Change the plan" not in html
    assert "Tick off" not in html
    assert "Add to the log" not in html
    assert client.get(NEW).status_code == 403
    assert client.get(_url(pilot, "edit/")).status_code == 403
    assert client.post(_url(pilot, "status/"), {"status": "running"}).status_code == 403
    assert client.post(_url(pilot, f"milestones/{milestone.pk}/done/")).status_code == 403
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.DRAFT


def test_another_schools_pilot_is_a_404_and_nothing_changes(client, head_at_school_b, pilot):
    client.force_login(head_at_school_b)

    assert client.get(_url(pilot)).status_code == 404
    assert client.post(_url(pilot, "status/"), {"status": "running"}).status_code == 404
    assert client.post(_url(pilot, "log/"), {"log-notes": "x"}).status_code == 404
    assert client.get("/lab/900001/pilots/new/").status_code == 404
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.DRAFT
    assert not LogEntry.objects.exists()


def test_a_pilot_under_the_wrong_school_is_a_404(client, head_at_school_a, school_b):
    theirs = PilotFactory.create(school=school_b)
    client.force_login(head_at_school_a)

    assert client.get(f"/lab/900001/pilots/{theirs.pk}/").status_code == 404
    assert client.get(f"/lab/900001/pilots/{2**40}/").status_code == 404


def test_anonymous_is_sent_to_sign_in(client, pilot):
    response = client.get(_url(pilot))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_status_moves_with_a_message_and_refuses_a_bad_move(client, head_at_school_a, pilot):
    client.force_login(head_at_school_a)

    started = client.post(_url(pilot, "status/"), {"status": "running"}, follow=True)
    refused = client.post(_url(pilot, "status/"), {"status": "draft"}, follow=True)

    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.RUNNING
    assert "The pilot is now running." in started.content.decode()
    assert "A running pilot cannot become draft." in refused.content.decode()
    assert AuditEvent.objects.filter(action="lab.pilot.status_changed").count() == 1


def test_milestones_tick_off_add_and_delete(client, head_at_school_a, pilot):
    milestone = MilestoneFactory.create(pilot=pilot, title="Train the tutors")
    client.force_login(head_at_school_a)

    client.post(_url(pilot, f"milestones/{milestone.pk}/done/"), {"done": "1"})
    milestone.refresh_from_db()
    assert milestone.done_on is not None

    added = client.post(
        _url(pilot, "milestones/"),
        {"milestone-phase": "prepare", "milestone-title": "Order the books"},
    )
    new = Milestone.objects.get(title="Order the books")
    assert added["Location"] == _url(pilot, f"#milestone-{new.pk}")
    blank = client.post(_url(pilot, "milestones/"), {"milestone-phase": "prepare"})
    assert blank.status_code == 200
    assert "Enter what needs to happen." in blank.content.decode()

    client.post(_url(pilot, f"milestones/{milestone.pk}/delete/"))
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_another_pilots_milestone_is_a_404(client, head_at_school_a, pilot, school_a):
    other = MilestoneFactory.create(pilot=PilotFactory.create(school=school_a))
    client.force_login(head_at_school_a)

    assert client.post(_url(pilot, f"milestones/{other.pk}/done/")).status_code == 404


def test_the_log_adds_an_entry_and_shows_dosage_and_fidelity(client, head_at_school_a, pilot):
    LogEntryFactory.create(
        pilot=pilot,
        sessions_planned=4,
        sessions_delivered=3,
        pupils_present=10,
        fidelity="as_planned",
    )
    client.force_login(head_at_school_a)
    today = datetime.date.today()

    response = client.post(
        _url(pilot, "log/"),
        {
            "log-happened_on_day": str(today.day),
            "log-happened_on_month": str(today.month),
            "log-happened_on_year": str(today.year),
            "log-sessions_planned": "4",
            "log-sessions_delivered": "1",
            "log-pupils_present": "12",
            "log-fidelity": "partly",
            "log-notes": "Two sessions lost to mocks.",
        },
        follow=True,
    )

    page = response.content.decode()
    assert LogEntry.objects.filter(pilot=pilot).count() == 2
    assert "Log entry added." in page
    assert "Dosage: 4 of 8 planned sessions delivered (50%)" in page
    assert "On average 11.0 pupils present" in page
    assert "Fidelity: 50% of rated entries as planned or mostly as planned" in page
    assert "Two sessions lost to mocks." in page


def test_a_log_entry_in_error_shows_the_page_with_the_errors(client, head_at_school_a, pilot):
    client.force_login(head_at_school_a)

    response = client.post(
        _url(pilot, "log/"), {"log-sessions_planned": "2", "log-sessions_delivered": "3"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the date." in page
    assert not LogEntry.objects.exists()


def test_measures_add_edit_and_delete(client, head_at_school_a, pilot):
    client.force_login(head_at_school_a)

    added = client.post(
        _url(pilot, "measures/new/"),
        {"kind": "swemwbs", "name": "Wellbeing", "higher_is_better": "on"},
    )
    measure = OutcomeMeasure.objects.get()
    assert added["Location"] == _url(pilot, "#measures")
    assert (measure.lowest, measure.highest, measure.is_primary) == (7, 35, True)

    twice = client.post(_url(pilot, "measures/new/"), {"kind": "custom", "name": "Wellbeing"})
    assert "The pilot already has a measure called “Wellbeing”." in twice.content.decode()

    client.post(
        _url(pilot, f"measures/{measure.pk}/"),
        {"kind": "swemwbs", "name": "SWEMWBS", "lowest": "7", "highest": "35"},
    )
    measure.refresh_from_db()
    assert (measure.name, measure.higher_is_better) == ("SWEMWBS", False)

    client.post(_url(pilot, f"measures/{measure.pk}/delete/"))
    assert not OutcomeMeasure.objects.exists()


def test_editing_keeps_a_target_group_and_changes_the_plan(
    client, head_at_school_a, pilot, school_a
):
    group = SavedCohortFactory.create(school=school_a)
    pilot.target_group = group
    pilot.save()
    client.force_login(head_at_school_a)

    form = client.get(_url(pilot, "edit/"))
    response = client.post(
        _url(pilot, "edit/"), _form(title="Reading catch-up, Year 8", target_group=str(group.pk))
    )

    assert form.context["form"].initial["target_group"] == group.pk
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert (pilot.title, pilot.target_group) == ("Reading catch-up, Year 8", group)


def test_deleting_a_draft(client, head_at_school_a, pilot):
    client.force_login(head_at_school_a)

    confirm = client.get(_url(pilot, "delete/"))
    response = client.post(_url(pilot, "delete/"))

    assert "Delete “Reading catch-up”?" in confirm.content.decode()
    assert response["Location"] == "/lab/"
    assert not Pilot.objects.exists()


def test_the_target_group_is_shown_only_to_those_who_see_cohorts(
    client, staff_at_school_a, pilot, school_a, head_at_school_a
):
    pilot.target_group = SavedCohortFactory.create(school=school_a, name="Persistent absentees")
    pilot.save()
    client.force_login(staff_at_school_a)

    hidden = client.get(_url(pilot)).content.decode()
    StaffCohortGrantFactory.create(
        school=school_a, user=staff_at_school_a, granted_by=head_at_school_a
    )
    shown = client.get(_url(pilot)).content.decode()

    assert "Persistent absentees" not in hidden
    assert "Persistent absentees" in shown


def test_planning_fragment_follows_the_numbers(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.get(
        "/lab/900001/pilots/planning/",
        {"design": "randomised", "planned_intervention": "60", "planned_comparison": "60"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode().strip()
    assert html.startswith('<p class="govuk-body" data-testid="planning-text">With 60 and 60 ')
    assert (
        "pupils your pilot can only detect an effect of 0.52 or more (about 6 months’ "
        "progress). Choose the Hub intervention to compare this with the evidence for it.</p>"
    ) in html


def test_lab_home_lists_the_schools_pilots_and_the_network_for_coordinators(
    client, head_at_school_a, coordinator, pilot, school_b
):
    running = PilotFactory.create(school=school_b, title="Attendance calls", status="running")
    PilotFactory.create(school=school_b, title="Secret draft")
    client.force_login(head_at_school_a)
    mine = client.get("/lab/").content.decode()
    client.force_login(coordinator)
    network = client.get("/lab/")

    assert "Reading catch-up" in mine
    assert "Start a pilot at Demo School A" in mine
    assert "Attendance calls" not in mine
    assert [p.title for p in network.context["network"]] == [running.title]
    assert "Secret draft" not in network.content.decode()
