"""Sharing a pilot: the refusals, the prefilled form, the POST and the pilot page's section."""

import re

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.hub.models import CaseStudyPage
from reconnect.hub.services.case_studies import case_study_withdraw
from reconnect.hub.tests.factories_submissions import case_study_draft, review
from reconnect.lab.models import Pilot, PilotStatus
from reconnect.lab.services.sharing import pilot_share
from reconnect.lab.tests.factories import OutcomeMeasureFactory, PilotFactory
from reconnect.lab.tests.test_sharing_draft import HEADLINE, known_pilot

pytestmark = pytest.mark.django_db


def share_url(pilot):
    return reverse("lab:pilot-share", kwargs={"urn": pilot.school.urn, "pilot_id": pilot.pk})


def detail_url(pilot):
    return reverse("lab:pilot-detail", kwargs={"urn": pilot.school.urn, "pilot_id": pilot.pk})


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def form_data(response):
    """The prefilled form, as the browser would post it back unchanged."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        data[name] = [str(item) for item in value] if isinstance(value, list) else str(value)
    return data


@pytest.fixture
def lead(client, head_at_school_a):
    client.force_login(head_at_school_a)
    return head_at_school_a


# --- The service's refusals -------------------------------------------------------------------


def test_pilot_share_refuses_a_pilot_not_completed(head_at_school_a):
    pilot = known_pilot(head_at_school_a.memberships.get().school, status=PilotStatus.RUNNING)

    with pytest.raises(ApplicationError, match="Only a completed pilot can be shared"):
        pilot_share(pilot=pilot, user=head_at_school_a, data=case_study_draft())

    assert CaseStudyPage.objects.count() == 0


def test_pilot_share_refuses_a_pilot_without_a_ready_evaluation(head_at_school_a):
    school = head_at_school_a.memberships.get().school
    pilot = PilotFactory.create(school=school, status=PilotStatus.COMPLETED)
    OutcomeMeasureFactory.create(pilot=pilot, is_primary=True)

    with pytest.raises(ApplicationError, match="evaluation is not ready yet"):
        pilot_share(pilot=pilot, user=head_at_school_a, data=case_study_draft())

    assert CaseStudyPage.objects.count() == 0


def test_pilot_share_refuses_a_pilot_without_measures(head_at_school_a):
    school = head_at_school_a.memberships.get().school
    pilot = PilotFactory.create(school=school, status=PilotStatus.COMPLETED)

    with pytest.raises(ApplicationError, match="evaluation is not ready yet"):
        pilot_share(pilot=pilot, user=head_at_school_a, data=case_study_draft())


def test_pilot_share_refuses_a_pilot_already_shared(head_at_school_a):
    pilot = known_pilot(head_at_school_a.memberships.get().school)
    first = pilot_share(pilot=pilot, user=head_at_school_a, data=case_study_draft())

    with pytest.raises(ApplicationError, match="already been shared"):
        pilot_share(pilot=pilot, user=head_at_school_a, data=case_study_draft())

    assert list(CaseStudyPage.objects.values_list("pk", flat=True)) == [first.pk]


def test_pilot_share_allows_again_once_the_case_study_was_withdrawn(head_at_school_a):
    pilot = known_pilot(head_at_school_a.memberships.get().school)
    first = pilot_share(pilot=pilot, user=head_at_school_a, data=case_study_draft())
    case_study_withdraw(user=head_at_school_a, page=first)

    second = pilot_share(pilot=pilot, user=head_at_school_a, data=case_study_draft())

    pilot.refresh_from_db()
    assert second.pk != first.pk
    assert pilot.case_study_id == second.pk


def test_pilot_share_allows_again_once_the_case_study_was_deleted(head_at_school_a):
    pilot = known_pilot(head_at_school_a.memberships.get().school)
    pilot_share(pilot=pilot, user=head_at_school_a, data=case_study_draft()).delete()
    pilot.refresh_from_db()

    again = pilot_share(pilot=pilot, user=head_at_school_a, data=case_study_draft())

    assert Pilot.objects.get(pk=pilot.pk).case_study_id == again.pk


# --- The page ---------------------------------------------------------------------------------


def test_share_page_prefills_the_hub_form_from_the_pilot(client, lead):
    pilot = known_pilot(lead.memberships.get().school)

    response = client.get(share_url(pilot))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["title"].value() == "Reading catch-up"
    assert form["summary"].value() == HEADLINE
    assert form["school"].value() == pilot.school.pk
    assert form["school_consent"].value() is False
    assert form["evidence_of_impact"].value().startswith(HEADLINE)
    assert "Share as a case study" in text_of(response)


def test_share_post_files_a_draft_in_review_linked_to_the_pilot(client, lead):
    pilot = known_pilot(lead.memberships.get().school)
    data = form_data(client.get(share_url(pilot)))
    data["what_others_can_take"] += "\n\nStart with the Year 2 team."

    response = client.post(share_url(pilot), data)

    assert response.status_code == 302
    assert response["Location"] == detail_url(pilot)
    page = CaseStudyPage.objects.get()
    pilot.refresh_from_db()
    assert pilot.case_study_id == page.pk
    assert page.live is False
    assert page.title == "Reading catch-up"
    assert page.submitted_by == lead
    assert page.school == pilot.school
    assert page.school_consent is False
    assert page.what_others_can_take.endswith("Start with the Year 2 team.")
    assert [theme.slug for theme in page.themes.all()] == ["learning-gaps"]
    assert page.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS
    event = AuditEvent.objects.get(action=AuditEvent.Action.CASE_STUDY_SUBMITTED)
    assert (event.actor, event.school_urn, event.detail) == (
        lead,
        pilot.school.urn,
        {"title": "Reading catch-up"},
    )
    page_after = client.get(detail_url(pilot))
    assert "has been sent to the network coordinators" in text_of(page_after)
    assert "Sent for review" in text_of(page_after)
    assert "Share as a case study" not in text_of(page_after)


def test_share_page_of_a_shared_pilot_sends_the_member_back(client, lead):
    pilot = known_pilot(lead.memberships.get().school)
    pilot_share(pilot=pilot, user=lead, data=case_study_draft())

    response = client.get(share_url(pilot), follow=True)

    assert response.redirect_chain == [(detail_url(pilot), 302)]
    assert "This pilot has already been shared as a case study." in text_of(response)


def test_share_refuses_staff_with_403_and_changes_nothing(client, staff_at_school_a):
    pilot = known_pilot(staff_at_school_a.memberships.get().school)
    client.force_login(staff_at_school_a)

    assert client.get(share_url(pilot)).status_code == 403
    assert client.post(share_url(pilot), {"title": "Mine"}).status_code == 403
    assert CaseStudyPage.objects.count() == 0


def test_share_is_404_for_another_school_and_changes_nothing(client, head_at_school_b, school_a):
    pilot = known_pilot(school_a)
    client.force_login(head_at_school_b)

    assert client.get(share_url(pilot)).status_code == 404
    assert client.post(share_url(pilot), {"title": "Mine"}).status_code == 404
    assert CaseStudyPage.objects.count() == 0
    assert Pilot.objects.get(pk=pilot.pk).case_study_id is None


def test_share_sends_visitors_to_sign_in(client, school_a):
    pilot = known_pilot(school_a)

    response = client.get(share_url(pilot))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- The pilot page's section -----------------------------------------------------------------


def test_pilot_page_offers_sharing_to_editors_of_a_completed_pilot_only(
    client, lead, staff_at_school_a
):
    pilot = known_pilot(lead.memberships.get().school)
    running = known_pilot(
        pilot.school, status=PilotStatus.RUNNING, title="Still running", intervention=None
    )

    assert f'href="{share_url(pilot)}"' in text_of(client.get(detail_url(pilot)))
    assert "Share as a case study" not in text_of(client.get(detail_url(running)))
    client.force_login(staff_at_school_a)
    assert "Share as a case study" not in text_of(client.get(detail_url(pilot)))


def test_pilot_page_links_the_published_case_study(client, lead, coordinator):
    pilot = known_pilot(lead.memberships.get().school)
    page = pilot_share(pilot=pilot, user=lead, data=case_study_draft(title="Reading catch-up"))
    review(page, coordinator, "approve")
    page.refresh_from_db()

    text = text_of(client.get(detail_url(pilot)))

    assert page.live is True
    assert "Published" in text
    assert f'href="{page.url}"' in text
    assert "Sent for review" not in text
