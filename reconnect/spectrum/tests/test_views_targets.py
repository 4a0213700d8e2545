"""Target groups: save a filter, see it with its current size, open it, delete it."""

import pytest

from reconnect.core.models import AuditEvent
from reconnect.spectrum.models import SavedCohort
from reconnect.spectrum.tests.factories import StaffCohortGrantFactory, imported_snapshot
from reconnect.spectrum.tests.test_views_pupils import _csv


@pytest.fixture
def snapshot(school_a, head_at_school_a):
    return imported_snapshot(school_a, user=head_at_school_a, data=_csv())


LIST = "/pupil-data/900001/target-groups/"


def test_saving_a_filter_keeps_the_definition_and_audits_it(client, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)

    response = client.post(
        LIST, {"name": " Year 7  FSM ", "factor": "fsm_current", "year": "7", "description": ""}
    )

    cohort = SavedCohort.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{cohort.pk}/"
    assert cohort.name == "Year 7 FSM"
    assert cohort.definition == {"factors": ["fsm_current"], "year_groups": ["7"]}
    event = AuditEvent.objects.get(action="spectrum.cohort.saved")
    assert event.detail == {"change": "created", "definition": cohort.definition}
    assert "Year 7 FSM" not in str(event.detail)


def test_saving_without_a_name_or_twice_shows_the_error(client, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)
    client.post(LIST, {"name": "FSM", "factor": "fsm_current"})

    blank = client.post(LIST, {"name": "", "factor": "fsm_current"})
    twice = client.post(LIST, {"name": "FSM", "factor": "sen_support"})
    everyone = client.post(LIST, {"name": "All"})

    assert "Enter a name for the target group." in blank.content.decode()
    assert "already has a target group called “FSM”" in twice.content.decode()
    assert "Choose at least one filter first" in everyone.content.decode()
    assert SavedCohort.objects.count() == 1


def test_list_and_detail_show_the_current_size(client, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)
    client.post(LIST, {"name": "FSM", "factor": "fsm_current"})
    cohort = SavedCohort.objects.get()

    listing = client.get(LIST)
    detail = client.get(f"{LIST}{cohort.pk}/")

    assert [g.size for g in listing.context["groups"]] == [3]
    summary = detail.context["summary"]
    assert summary.size == 3
    assert [r.pupil_ref for r in summary.rows] == ["P1", "P6", "P2"]


def test_granted_staff_see_the_size_but_not_pupils_and_may_not_delete(
    client, school_a, head_at_school_a, staff_at_school_a, snapshot
):
    client.force_login(head_at_school_a)
    client.post(LIST, {"name": "FSM", "factor": "fsm_current"})
    cohort = SavedCohort.objects.get()
    StaffCohortGrantFactory(school=school_a, user=staff_at_school_a)
    client.force_login(staff_at_school_a)

    detail = client.get(f"{LIST}{cohort.pk}/")
    delete = client.post(f"{LIST}{cohort.pk}/delete/")

    assert detail.context["summary"].size == 3
    assert detail.context["summary"].rows == []
    assert "/pupils/" not in detail.content.decode().split("<main")[1]
    assert delete.status_code == 403
    assert SavedCohort.objects.count() == 1


def test_deleting_a_group_audits_it(client, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)
    client.post(LIST, {"name": "FSM", "factor": "fsm_current"})
    cohort = SavedCohort.objects.get()

    response = client.post(f"{LIST}{cohort.pk}/delete/")

    assert response.status_code == 302
    assert not SavedCohort.objects.exists()
    assert (
        AuditEvent.objects.filter(action="spectrum.cohort.saved", detail__change="deleted").count()
        == 1
    )
