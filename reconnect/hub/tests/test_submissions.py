"""Members submit case studies; they wait, as drafts, for a coordinator's review."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import WorkflowState

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.models import AuditEvent
from reconnect.hub.models import (
    CaseStudyPage,
    CaseStudySectionPage,
    Visibility,
)
from reconnect.hub.services.case_studies import SUBMISSIONS_PER_DAY
from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.hub.tests.factories_submissions import (
    review,
    submission_form_data,
    submitted_case_study,
)
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory
from reconnect.schools.tests.html import attribute, soup, text

SUBMIT = reverse("hub:case-study-submit")
MINE = reverse("hub:case-study-submissions")


def option_labels(response, name):
    page = soup(response)
    return [
        text(page.select_one(f"label[for={item['id']}]"))
        for item in page.select(f"input[name={name}]")
    ] or [text(option) for option in page.select(f"select[name={name}] option")]


def errors(response):
    return [text(item) for item in soup(response).select(".govuk-error-summary__list li")]


@pytest.fixture
def member(client, staff_at_school_a):
    client.force_login(staff_at_school_a)
    return staff_at_school_a


def test_submit_sends_visitors_to_sign_in(client, db):
    response = client.get(SUBMIT)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={SUBMIT}"


def test_submit_offers_only_the_members_own_schools(client, member, school_a, school_b):
    other = SchoolFactory(name="Another School")
    MembershipFactory(user=member, school=other, role=SchoolRole.STAFF)

    response = client.get(SUBMIT)

    assert response.status_code == 200
    assert option_labels(response, "school") == [
        "Do not link a school",
        f"Another School ({other.urn})",
        "Demo School A (900001)",
    ]


def test_submit_files_a_members_only_draft_and_starts_the_review(
    client, member, school_a, coordinator
):
    intervention = InterventionPageFactory.create(title="Mentoring")
    mail.outbox.clear()

    response = client.post(
        SUBMIT,
        submission_form_data(
            school=str(school_a.pk),
            school_consent="on",
            interventions=[str(intervention.pk)],
            phases=["2"],
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == MINE
    page = CaseStudyPage.objects.get()
    assert page.live is False
    assert page.has_unpublished_changes is True
    assert page.title == "Breakfast club and first-day calls"
    assert page.get_parent().specific_class is CaseStudySectionPage
    assert page.slug == "breakfast-club-and-first-day-calls"
    assert (page.owner, page.submitted_by) == (member, member)
    assert page.visibility == Visibility.MEMBERS
    assert (page.school, page.school_consent) == (school_a, True)
    assert [t.slug for t in page.themes.all()] == ["attendance"]
    assert list(page.interventions.all()) == [intervention]
    assert page.revisions.count() == 1
    state = page.workflow_states.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Hub review"
    assert state.requested_by == member
    event = AuditEvent.objects.get(action=AuditEvent.Action.CASE_STUDY_SUBMITTED)
    assert (event.actor, event.target_id, event.school_urn) == (member, str(page.pk), 900001)
    # Wagtail's own workflow e-mail tells the coordinators, through our mailer.
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]
    assert "Breakfast club and first-day calls" in mail.outbox[0].subject


def test_submit_thanks_the_member_on_their_list(client, member, db):
    response = client.post(SUBMIT, submission_form_data(), follow=True)

    banner = text(soup(response).select_one(".govuk-notification-banner__heading"))
    assert banner == (
        "Thank you. “Breakfast club and first-day calls” has been sent to the network "
        "coordinators, who will review it before it is published."
    )


def test_submit_without_a_school_for_a_member_with_none(client, db):
    loner = UserFactory(email="loner@example.org")
    client.force_login(loner)

    form = client.get(SUBMIT)
    response = client.post(SUBMIT, submission_form_data())

    assert soup(form).select("select[name=school]") == []
    assert response.status_code == 302
    page = CaseStudyPage.objects.get()
    assert (page.school, page.school_consent, page.submitted_by) == (None, False, loner)


def test_submit_refuses_another_schools_id(client, member, school_b):
    response = client.post(SUBMIT, submission_form_data(school=str(school_b.pk)))

    assert response.status_code == 200
    assert errors(response) == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert CaseStudyPage.objects.count() == 0


def test_submit_refuses_consent_without_a_school(client, member):
    response = client.post(SUBMIT, submission_form_data(school_consent="on"))

    assert errors(response) == ["Choose the school that agrees to be named, or untick this box."]
    assert CaseStudyPage.objects.count() == 0


def test_submit_needs_a_theme_and_limits_lengths(client, member):
    response = client.post(SUBMIT, submission_form_data(themes=None, context="x" * 6001))

    assert errors(response) == [
        "Choose at least one theme.",
        "Ensure this value has at most 6000 characters (it has 6001).",
    ]


def test_submit_offers_live_interventions_only(client, member):
    InterventionPageFactory(title="Tutoring")
    InterventionPageFactory(title="Members' mentoring", visibility=Visibility.MEMBERS)
    InterventionPageFactory(title="Unfinished draft", live=False)

    response = client.get(SUBMIT)

    assert option_labels(response, "interventions") == ["Members' mentoring", "Tutoring"]


def test_submit_keeps_markup_as_plain_text(client, member):
    client.post(SUBMIT, submission_form_data(title="<script>alert(1)</script> club"))

    page = CaseStudyPage.objects.get()
    assert page.title == "<script>alert(1)</script> club"
    listing = client.get(MINE)
    assert b"<script>alert(1)</script>" not in listing.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; club" in listing.content


def test_submit_is_limited_per_member_per_day(client, member):
    for number in range(SUBMISSIONS_PER_DAY):
        submitted_case_study(member, title=f"Study {number}")

    response = client.post(SUBMIT, submission_form_data())

    assert response.status_code == 429
    assert errors(response) == [
        (
            "You have submitted 10 case studies in the last 24 hours, the most we accept in "
            "a day. Please try again tomorrow."
        )
    ]
    assert CaseStudyPage.objects.count() == SUBMISSIONS_PER_DAY


def test_submit_titles_that_slugify_to_nothing_or_repeat(member):
    first = submitted_case_study(member, title="!!!")
    second = submitted_case_study(member, title="???")
    third = submitted_case_study(member, title="Same")
    fourth = submitted_case_study(member, title="Same")

    assert [first.slug, second.slug, third.slug, fourth.slug] == [
        "case-study",
        "case-study-2",
        "same",
        "same-2",
    ]


# --- The member's list -------------------------------------------------------------------------


def rows(response):
    return [
        [text(cell) for cell in row.select("th, td")] for row in soup(response).select("tbody tr")
    ]


def test_list_states_each_submission_in_plain_words(client, member, coordinator):
    waiting = submitted_case_study(member, title="Waiting")
    sent_back = submitted_case_study(member, title="Sent back")
    review(sent_back, coordinator, "reject", comment="Add your attendance figures.")
    published = submitted_case_study(member, title="Published")
    review(published, coordinator, "approve")
    withdrawn = submitted_case_study(member, title="Withdrawn")
    client.post(reverse("hub:case-study-withdraw", args=[withdrawn.pk]))
    taken_down = submitted_case_study(member, title="Taken down")
    review(taken_down, coordinator, "approve")
    taken_down.refresh_from_db()
    taken_down.unpublish()
    submitted_case_study(UserFactory(), title="Someone else's")

    response = client.get(MINE)

    assert [row[:2] for row in rows(response)] == [
        ["Taken down", "Taken down by a coordinator"],
        ["Withdrawn", "Withdrawn from review"],
        ["Published", "Published"],
        [
            "Sent back",
            "Changes requested The coordinator said: Add your attendance figures.",
        ],
        ["Waiting", "Awaiting review"],
    ]
    assert attribute(response, "tbody a.govuk-link", "href") == "/hub/case-studies/published/"
    assert soup(response).select_one(f"a[href='/hub/my-case-studies/{sent_back.pk}/change/']")
    assert waiting.pk  # still waiting: it offers a withdraw button, tested below


def test_list_query_count_is_constant(client, member, coordinator):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(MINE)
        return len(queries)

    review(submitted_case_study(member, title="One"), coordinator, "approve")
    count()  # the first request fills the per-member caches (second-factor gate, bell)
    one = count()
    review(submitted_case_study(member, title="Two"), coordinator, "approve")
    submitted_case_study(member, title="Three")

    assert count() == one


def test_list_sends_visitors_to_sign_in(client, db):
    response = client.get(MINE)

    assert response["Location"] == f"/accounts/login/?next={MINE}"


# --- Changing and withdrawing --------------------------------------------------------------------


def test_resubmit_after_changes_requested_puts_it_back_in_review(client, member, coordinator):
    page = submitted_case_study(member)
    review(page, coordinator, "reject", comment="Add figures.")
    url = reverse("hub:case-study-resubmit", args=[page.pk])

    form = client.get(url)
    response = client.post(url, submission_form_data(title="Breakfast club, with figures"))

    assert attribute(form, "input[name=title]", "value") == ("Breakfast club and first-day calls")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.draft_title == "Breakfast club, with figures"
    assert page.get_latest_revision_as_object().title == "Breakfast club, with figures"
    assert page.live is False
    state = page.workflow_states.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision == page.latest_revision
    assert (
        AuditEvent.objects.filter(
            action=AuditEvent.Action.CASE_STUDY_SUBMITTED, detail__resubmitted=True
        ).count()
        == 1
    )


def test_resubmit_while_waiting_goes_back_to_the_list(client, member):
    page = submitted_case_study(member)

    response = client.post(
        reverse("hub:case-study-resubmit", args=[page.pk]),
        submission_form_data(title="Sneaky edit"),
        follow=True,
    )

    assert text(soup(response).select_one(".govuk-notification-banner__heading")) == (
        "Only a case study a coordinator has sent back can be changed."
    )
    page.refresh_from_db()
    assert page.draft_title == "Breakfast club and first-day calls"


def test_resubmit_and_withdraw_are_404_for_another_member(client, member, head_at_school_b):
    theirs = submitted_case_study(head_at_school_b)

    change = client.get(reverse("hub:case-study-resubmit", args=[theirs.pk]))
    withdraw = client.post(reverse("hub:case-study-withdraw", args=[theirs.pk]))

    assert (change.status_code, withdraw.status_code) == (404, 404)
    assert theirs.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS


def test_withdraw_cancels_the_review(client, member):
    page = submitted_case_study(member)

    response = client.post(reverse("hub:case-study-withdraw", args=[page.pk]))

    assert response["Location"] == MINE
    assert page.workflow_states.get().status == WorkflowState.STATUS_CANCELLED
    event = AuditEvent.objects.get(action=AuditEvent.Action.CASE_STUDY_WITHDRAWN)
    assert (event.actor, event.target_id) == (member, str(page.pk))


def test_withdraw_twice_says_it_is_no_longer_in_review(client, member):
    page = submitted_case_study(member)
    client.post(reverse("hub:case-study-withdraw", args=[page.pk]))

    response = client.post(reverse("hub:case-study-withdraw", args=[page.pk]), follow=True)

    assert text(soup(response).select(".govuk-notification-banner__heading")[-1]) == (
        "Only a case study still in review can be withdrawn."
    )
