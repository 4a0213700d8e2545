"""Coordinators review, schedule and publish Hub pages in Wagtail's admin."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from reconnect.hub.models import ReviewSectionPage, ThematicReviewPage, Theme
from reconnect.hub.services.case_studies import (
    SubmissionStatus,
    case_study_submissions,
    submission_status,
)
from reconnect.hub.tests.factories_submissions import (
    review,
    submission_form_data,
    submitted_case_study,
)
from reconnect.schools.tests.html import soup, text


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def status_of(user, page) -> SubmissionStatus:
    return submission_status(case_study_submissions(user=user).get(pk=page.pk))


def workflow_action(client, page, action: str, comment: str = ""):
    task_state = page.workflow_states.active().get().current_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
        {"comment": comment},
    )


# --- Members' case studies ---------------------------------------------------------------------


def test_service_approval_publishes_the_submission(staff_at_school_a, coordinator):
    page = submitted_case_study(staff_at_school_a)

    review(page, coordinator, "approve")

    page.refresh_from_db()
    assert page.live is True
    assert page.first_published_at is not None
    assert status_of(staff_at_school_a, page) == SubmissionStatus.PUBLISHED


def test_coordinator_approves_in_the_admin_and_the_page_goes_live(
    client, as_coordinator, staff_at_school_a
):
    page = submitted_case_study(staff_at_school_a, title="Walking bus")
    mail.outbox.clear()

    response = workflow_action(as_coordinator, page, "approve")

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live is True
    assert page.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    # Members-only by default: the coordinator decides whether to make it public.
    assert client.get(page.url).status_code == 200
    client.logout()
    assert client.get(page.url).status_code == 404
    assert [message.to for message in mail.outbox] == [["staff.a@example.org"]]


def test_coordinator_requests_changes_and_the_member_sees_them(
    client, coordinator, staff_at_school_a
):
    page = submitted_case_study(staff_at_school_a, title="Walking bus")
    client.force_login(coordinator)

    response = workflow_action(client, page, "reject", comment="Say how many pupils joined.")

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live is False
    assert status_of(staff_at_school_a, page) == SubmissionStatus.CHANGES_REQUESTED
    client.force_login(staff_at_school_a)
    listing = client.get(reverse("hub:case-study-submissions"))
    row = soup(listing).select_one("tbody tr")
    assert text(row) == (
        "Walking bus Changes requested The coordinator said: Say how many pupils joined. "
        f"{timezone.localdate():%-d %b %Y} Change and resubmit Walking bus Withdraw Walking bus"
    )


def test_resubmitted_case_study_is_reviewed_again_and_published(
    client, coordinator, staff_at_school_a
):
    page = submitted_case_study(staff_at_school_a, title="Walking bus")
    review(page, coordinator, "reject", comment="Add figures.")
    client.force_login(staff_at_school_a)
    data = submission_form_data(title="Walking bus, with figures")
    client.post(reverse("hub:case-study-resubmit", args=[page.pk]), data)

    client.force_login(coordinator)
    workflow_action(client, page, "approve")

    page.refresh_from_db()
    assert (page.live, page.title) == (True, "Walking bus, with figures")
    assert status_of(staff_at_school_a, page) == SubmissionStatus.PUBLISHED


# --- Editors' pages: scheduling and moderation -------------------------------------------------


def review_form(**overrides):
    theme = Theme.objects.get(slug="attendance")
    data = {
        "title": "Attendance: what works",
        "slug": "attendance-what-works",
        "summary": "What the evidence says about persistent absence.",
        "visibility": "public",
        "theme": theme.pk,
        "evidence_says": rich_text("<p>Evidence.</p>"),
        "london_practice": rich_text("<p>Practice.</p>"),
        "questions_for_leaders": rich_text("<ul><li>Who is absent?</li></ul>"),
        "comments": inline_formset([]),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    # nested_form_data flattens nested dicts; a multiple choice is a plain list of values.
    return {**nested_form_data(data), "themes": [str(theme.pk)]}


def add_review(client, **data):
    section = ReviewSectionPage.objects.get()
    return client.post(
        reverse("wagtailadmin_pages:add", args=["hub", "thematicreviewpage", section.pk]),
        review_form(**data),
    )


def test_coordinator_schedules_a_review_and_publish_scheduled_publishes_it(client, as_coordinator):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        response = add_review(
            as_coordinator, go_live_at="2026-03-09 08:00", **{"action-publish": "action-publish"}
        )

        assert response.status_code == 302
        page = ThematicReviewPage.objects.get()
        assert page.live is False
        revision = page.latest_revision
        assert revision.approved_go_live_at is not None
        assert client.get("/hub/reviews/attendance-what-works/").status_code == 404

    with time_machine.travel(datetime.datetime(2026, 3, 8, 9, 0, tzinfo=datetime.UTC), tick=False):
        call_command("publish_scheduled")
        page.refresh_from_db()
        assert page.live is False

    with time_machine.travel(datetime.datetime(2026, 3, 9, 9, 0, tzinfo=datetime.UTC), tick=False):
        call_command("publish_scheduled")
        page.refresh_from_db()
        assert page.live is True
        response = client.get("/hub/reviews/attendance-what-works/")
        assert response.status_code == 200


def test_an_editors_submission_goes_through_the_hub_review(
    client, as_coordinator, coordinator, admin_user
):
    mail.outbox.clear()

    response = add_review(as_coordinator, **{"action-submit": "action-submit"})

    assert response.status_code == 302
    page = ThematicReviewPage.objects.get()
    assert page.live is False
    state = page.workflow_states.get()
    assert (state.workflow.name, state.status) == ("Hub review", WorkflowState.STATUS_IN_PROGRESS)
    assert state.current_task_state.task.name == "Coordinator approval"
    client.force_login(admin_user)
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert page.live is True


def test_members_without_admin_access_are_sent_away_from_the_admin(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.get("/admin/")
    pages = client.get(reverse("wagtailadmin_explore_root"))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    assert pages.status_code == 302
