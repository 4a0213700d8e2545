"""A review's page: progress per area, who is answering, recent changes; inviting and
removing colleagues, and the invitation e-mail."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from reconnect.core.models import AuditEvent
from reconnect.schools.tests.html import soup, text
from reconnect.selfeval.models import Answer, ReviewContributor
from reconnect.selfeval.services.reviews import answer_save
from reconnect.selfeval.tests.factories import (
    ReviewContributorFactory,
    open_review,
    published_framework,
    submitted_review,
)

pytestmark = pytest.mark.django_db

MORNING = datetime.datetime(2025, 10, 15, 9, 30, tzinfo=datetime.UTC)  # 10:30 in London


def detail(review):
    return reverse("selfeval:review-detail", args=[review.pk])


def one(element, selector):
    """The first element matching ``selector``; the test fails if there is none."""
    found = element.select_one(selector)
    assert found is not None, f"no {selector}"
    return found


def texts(response, selector):
    return [text(element) for element in soup(response).select(selector)]


def statement(review, code):
    return review.version.domains.get(statements__code=code).statements.get(code=code)


def answer(review, code, user, level, evidence=""):
    return answer_save(
        review=review,
        statement=statement(review, code),
        user=user,
        level=level,
        evidence=evidence,
        seen_revision=None,
    )


@pytest.fixture
def review(school_a, head_at_school_a):
    return open_review(
        school_a, published_framework(), user=head_at_school_a, title="Autumn review"
    )


# --- The page ---------------------------------------------------------------------------------


def test_the_page_shows_progress_in_each_area(client, review, head_at_school_a):
    for code in ["attendance-1", "attendance-2", "attendance-3", "attendance-4", "belonging-2"]:
        answer(review, code, head_at_school_a, 3)
    answer(review, "transition-1", head_at_school_a, None, "Evidence only, no level yet.")
    client.force_login(head_at_school_a)

    response = client.get(detail(review))

    assert response.status_code == 200
    assert text(one(soup(response), "h1")) == "Autumn review"
    assert texts(response, ".rc-progress--large .rc-progress__text") == [
        "5 of 12 statements answered"
    ]
    rows = soup(response).select(".govuk-task-list__item")
    assert [
        [
            text(one(row, ".govuk-task-list__link")),
            text(one(row, ".rc-progress__text")),
            text(one(row, ".govuk-task-list__status")),
        ]
        for row in rows
    ] == [
        ["1. Attendance", "4 of 4 answered", "Completed"],
        ["2. Belonging", "1 of 4 answered", "In progress"],
        ["3. Transition", "0 of 4 answered", "Not started"],
    ]
    assert one(rows[1], "a")["href"] == (f"/self-evaluation/reviews/{review.pk}/domains/belonging/")
    assert one(rows[1], "progress")["value"] == "1"
    # Continue goes to the first area with something left to answer.
    assert one(soup(response), "a.govuk-button")["href"] == (
        f"/self-evaluation/reviews/{review.pk}/domains/belonging/"
    )


def test_the_lead_is_offered_submit_with_what_is_left(client, review, head_at_school_a):
    answer(review, "attendance-1", head_at_school_a, 3)
    client.force_login(head_at_school_a)

    response = client.get(detail(review))

    card = one(soup(response), ".rc-submit-card")
    assert text(one(card, "p")) == (
        "11 statements still need an answer. The submit page lists them, and you can submit "
        "once every statement has an answer."
    )
    assert one(card, "a")["href"] == f"/self-evaluation/reviews/{review.pk}/submit/"


def test_staff_who_were_not_invited_read_the_review_without_submit_or_invite(
    client, review, staff_at_school_a
):
    client.force_login(staff_at_school_a)

    response = client.get(detail(review))

    assert response.status_code == 200
    assert texts(response, ".govuk-inset-text") == [
        "You can read this review. To answer its statements, ask your school lead to invite you."
    ]
    page = soup(response)
    assert page.select_one(".rc-submit-card") is None
    assert page.select_one(".rc-invite-form") is None
    assert page.select(".rc-contributors form") == []


def test_an_invited_colleague_may_answer(client, review, staff_at_school_a):
    ReviewContributorFactory(review=review, user=staff_at_school_a)
    client.force_login(staff_at_school_a)

    response = client.get(detail(review))

    assert texts(response, "main a.govuk-button") == ["Start answering with Attendance"]
    assert soup(response).select_one(".rc-submit-card") is None


def test_the_lead_sees_contributors_and_colleagues_to_invite(
    client, review, head_at_school_a, staff_at_school_a, data_lead_at_school_a, head_at_school_b
):
    ReviewContributorFactory(review=review, user=data_lead_at_school_a, added_by=head_at_school_a)
    client.force_login(head_at_school_a)

    response = client.get(detail(review))

    names = texts(response, ".rc-contributors__item .govuk-\\!-font-weight-bold")
    assert names == ["Dana Data"]
    assert one(soup(response), ".rc-contributors form")["action"] == (
        f"/self-evaluation/reviews/{review.pk}/contributors/{data_lead_at_school_a.pk}/remove/"
    )
    # Leads answer anyway and Dana already helps; school B's head is not a colleague.
    assert texts(response, ".rc-invite-form select option") == [
        "Choose a colleague",
        "Sam Staff (Teacher)",
    ]


def test_recent_changes_say_who_chose_what_and_when(
    client, review, head_at_school_a, staff_at_school_a
):
    with time_machine.travel(MORNING, tick=False):
        answer(review, "belonging-2", staff_at_school_a, 2)
    with time_machine.travel(MORNING + datetime.timedelta(minutes=5), tick=False):
        answer(review, "attendance-1", head_at_school_a, None, "Our attendance officer's notes.")
    client.force_login(head_at_school_a)

    response = client.get(detail(review))

    items = soup(response).select(".rc-changes li")
    first = statement(review, "attendance-1")
    second = statement(review, "belonging-2")
    assert [text(item) for item in items] == [
        f"Harriet Head noted evidence for 1.1 {first.text} 15 October 2025 at 10:35",
        f"Sam Staff chose Emerging for 2.2 {second.text} 15 October 2025 at 10:30",
    ]
    assert one(items[1], "a")["href"] == (
        f"/self-evaluation/reviews/{review.pk}/domains/belonging/#statement-{second.pk}"
    )


def test_a_submitted_review_says_so_and_links_to_its_report(
    client, school_a, head_at_school_a, staff_at_school_a
):
    review = submitted_review(
        school_a,
        published_framework(),
        user=head_at_school_a,
        submitted_at=datetime.datetime(2025, 11, 5, 12, tzinfo=datetime.UTC),
    )
    client.force_login(staff_at_school_a)

    response = client.get(detail(review))

    card = one(soup(response), ".rc-review-submitted")
    assert text(one(card, "p")) == (
        "It was submitted on 5 November 2025 by Harriet Head. Its answers can no longer be changed."
    )
    assert one(card, "a.govuk-button")["href"] == (f"/self-evaluation/reviews/{review.pk}/report/")
    assert soup(response).select_one(".rc-submit-card") is None


def test_another_schools_review_is_not_found(client, review, head_at_school_b):
    client.force_login(head_at_school_b)

    assert client.get(detail(review)).status_code == 404


def test_the_review_sends_visitors_to_sign_in(client, review):
    response = client.get(detail(review))

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={detail(review)}"


def test_an_id_beyond_any_database_is_not_found(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.get("/self-evaluation/reviews/99999999999999999999/")

    assert response.status_code == 404


# --- Inviting and removing colleagues --------------------------------------------------------


def test_the_lead_invites_a_colleague_who_is_emailed(
    client, review, head_at_school_a, staff_at_school_a, django_capture_on_commit_callbacks
):
    client.force_login(head_at_school_a)
    url = reverse("selfeval:contributor-add", args=[review.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"colleague": staff_at_school_a.pk})

    assert response.status_code == 302
    assert response["Location"] == f"{detail(review)}#contributors"
    assert list(review.contributors.values_list("user", "added_by")) == [
        (staff_at_school_a.pk, head_at_school_a.pk)
    ]
    assert AuditEvent.objects.filter(action="selfeval.contributor_added").count() == 1
    page = client.get(response["Location"])
    assert texts(page, ".govuk-notification-banner__heading") == [
        "Sam Staff can now answer this review. We have emailed them a link to it."
    ]
    (message,) = mail.outbox
    assert message.to == ["staff.a@example.org"]
    assert (
        message.subject
        == "[Reconnect] Harriet Head asked you to help with Demo School A’s self-evaluation"
    )
    assert message.body.splitlines()[:3] == [
        "Hello Sam,",
        "",
        (
            "Harriet Head has invited you to help answer “Autumn review”, Demo School A’s "
            "self-evaluation on Reconnect."
        ),
    ]
    assert f"Open the review:\nhttp://testserver/self-evaluation/reviews/{review.pk}/\n" in (
        message.body
    )
    assert isinstance(message, EmailMultiAlternatives)  # the HTML part is only on these
    html, mimetype = message.alternatives[0]
    assert isinstance(html, str)
    assert mimetype == "text/html"
    assert (
        f'<a href="http://testserver/self-evaluation/reviews/{review.pk}/">Open the review</a>'
        in (html)
    )


def test_inviting_someone_from_another_school_is_a_form_error(
    client, review, head_at_school_a, head_at_school_b
):
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("selfeval:contributor-add", args=[review.pk]), {"colleague": head_at_school_b.pk}
    )

    assert response.status_code == 400
    assert texts(response, ".govuk-error-summary__list li") == [
        "Choose a colleague at your school who is not yet helping"
    ]
    assert ReviewContributor.objects.count() == 0
    assert mail.outbox == []


def test_staff_cannot_invite(client, review, staff_at_school_a, data_lead_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.post(
        reverse("selfeval:contributor-add", args=[review.pk]),
        {"colleague": data_lead_at_school_a.pk},
    )

    assert response.status_code == 403
    assert ReviewContributor.objects.count() == 0


def test_another_schools_lead_cannot_invite_to_the_review(
    client, review, head_at_school_b, staff_at_school_a
):
    client.force_login(head_at_school_b)

    response = client.post(
        reverse("selfeval:contributor-add", args=[review.pk]), {"colleague": staff_at_school_a.pk}
    )

    assert response.status_code == 404
    assert ReviewContributor.objects.count() == 0


def test_a_submitted_review_takes_no_new_colleagues(
    client, school_a, head_at_school_a, staff_at_school_a
):
    review = submitted_review(school_a, published_framework(), user=head_at_school_a)
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("selfeval:contributor-add", args=[review.pk]), {"colleague": staff_at_school_a.pk}
    )

    assert response.status_code == 302
    assert texts(client.get(response["Location"]), ".govuk-notification-banner__heading") == [
        "This review has been submitted; it takes no more answers."
    ]
    assert ReviewContributor.objects.count() == 0


def test_the_lead_removes_a_colleague_whose_answers_stay(
    client, review, head_at_school_a, staff_at_school_a
):
    ReviewContributorFactory(review=review, user=staff_at_school_a)
    answer(review, "attendance-1", staff_at_school_a, 2)
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("selfeval:contributor-remove", args=[review.pk, staff_at_school_a.pk])
    )

    assert response.status_code == 302
    assert response["Location"] == f"{detail(review)}#contributors"
    assert ReviewContributor.objects.count() == 0
    assert Answer.objects.get(review=review).updated_by == staff_at_school_a
    assert AuditEvent.objects.filter(action="selfeval.contributor_removed").count() == 1
    assert texts(client.get(response["Location"]), ".govuk-notification-banner__heading") == [
        "Sam Staff can no longer answer this review. Their answers stay, with their name."
    ]


def test_another_schools_lead_cannot_remove_a_colleague(
    client, review, head_at_school_b, staff_at_school_a
):
    ReviewContributorFactory(review=review, user=staff_at_school_a)
    client.force_login(head_at_school_b)

    response = client.post(
        reverse("selfeval:contributor-remove", args=[review.pk, staff_at_school_a.pk])
    )

    assert response.status_code == 404
    assert ReviewContributor.objects.count() == 1


def test_staff_cannot_remove_a_colleague(client, review, staff_at_school_a, data_lead_at_school_a):
    ReviewContributorFactory(review=review, user=data_lead_at_school_a)
    client.force_login(staff_at_school_a)

    response = client.post(
        reverse("selfeval:contributor-remove", args=[review.pk, data_lead_at_school_a.pk])
    )

    assert response.status_code == 403
    assert ReviewContributor.objects.count() == 1
