"""Submitting a review: the confirmation page, the refusal listing what is unanswered, and
who may submit."""

import pytest
from django.urls import reverse

from reconnect.core.models import AuditEvent
from reconnect.schools.tests.html import soup, text
from reconnect.selfeval.models import DomainScore, Review, ReviewStatus
from reconnect.selfeval.services.reviews import answer_save
from reconnect.selfeval.tests.factories import (
    ReviewContributorFactory,
    answer_all,
    open_review,
    published_framework,
    submitted_review,
)

pytestmark = pytest.mark.django_db


def submit_url(review):
    return reverse("selfeval:review-submit", args=[review.pk])


def one(element, selector):
    """The first element matching ``selector``; the test fails if there is none."""
    found = element.select_one(selector)
    assert found is not None, f"no {selector}"
    return found


def texts(response, selector):
    return [text(element) for element in soup(response).select(selector)]


@pytest.fixture
def review(school_a, head_at_school_a):
    return open_review(
        school_a, published_framework(), user=head_at_school_a, title="Autumn review"
    )


def _unanswered_except(review, user, keep):
    """Answer every statement, then take the level back from those coded in ``keep``."""
    answer_all(review, user=user)
    for answer in review.answers.filter(statement__code__in=keep).select_related("statement"):
        answer_save(
            review=review,
            statement=answer.statement,
            user=user,
            level=None,
            evidence="Still gathering this.",
            seen_revision=answer.revision,
        )


def test_the_confirmation_page_lists_unanswered_statements_by_area(
    client, review, head_at_school_a
):
    _unanswered_except(review, head_at_school_a, ["attendance-3", "transition-1", "transition-4"])
    client.force_login(head_at_school_a)

    response = client.get(submit_url(review))

    assert response.status_code == 200
    page = soup(response)
    assert text(one(page, "#unanswered-heading")) == "3 statements still need an answer"
    assert texts(response, "#unanswered h3") == ["1. Attendance", "3. Transition"]
    links = page.select(".rc-unanswered a")
    third = review.version.domains.get(code="attendance").statements.get(code="attendance-3")
    assert [text(a).split(" ")[0] for a in links] == ["1.3", "3.1", "3.4"]
    assert text(links[0]) == f"1.3 {third.text}"
    assert links[0]["href"] == (
        f"/self-evaluation/reviews/{review.pk}/domains/attendance/#statement-{third.pk}"
    )
    assert page.select_one("form[action$='/submit/']") is None


def test_a_complete_review_offers_the_submit_button(client, review, head_at_school_a):
    answer_all(review, user=head_at_school_a)
    client.force_login(head_at_school_a)

    response = client.get(submit_url(review))

    assert texts(response, "main .govuk-body-l") == ["All 12 statements have an answer."]
    assert texts(response, "main form button") == ["Submit the review"]


def test_submitting_locks_the_review_and_opens_the_report(
    client, review, head_at_school_a, django_capture_on_commit_callbacks
):
    answer_all(review, user=head_at_school_a, levels={"attendance": [1, 2, 2, 3]})
    client.force_login(head_at_school_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url(review))

    assert response.status_code == 302
    assert response["Location"] == f"/self-evaluation/reviews/{review.pk}/report/"
    review.refresh_from_db()
    assert (review.status, review.submitted_by, review.is_latest) == (
        ReviewStatus.SUBMITTED,
        head_at_school_a,
        True,
    )
    assert dict(DomainScore.objects.filter(review=review).values_list("code", "score")) == {
        "attendance": 2.0,
        "belonging": 3.0,
        "transition": 3.0,
    }
    assert AuditEvent.objects.filter(action="selfeval.review_submitted").count() == 1
    detail = client.get(reverse("selfeval:review-detail", args=[review.pk]))
    assert texts(detail, ".govuk-notification-banner__heading") == [
        "You submitted “Autumn review”. Here is your report."
    ]


def test_submitting_with_unanswered_statements_is_refused_with_the_list(
    client, review, head_at_school_a
):
    _unanswered_except(review, head_at_school_a, ["belonging-2"])
    client.force_login(head_at_school_a)

    response = client.post(submit_url(review))

    assert response.status_code == 400
    assert texts(response, ".govuk-error-summary__list li") == [
        "1 statement still needs an answer before you can submit."
    ]
    assert text(one(soup(response), "#unanswered-heading")) == ("1 statement still needs an answer")
    assert [text(a).split(" ")[0] for a in soup(response).select(".rc-unanswered a")] == ["2.2"]
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS
    assert DomainScore.objects.count() == 0


def test_a_contributor_cannot_submit(client, review, head_at_school_a, staff_at_school_a):
    ReviewContributorFactory(review=review, user=staff_at_school_a)
    answer_all(review, user=head_at_school_a)
    client.force_login(staff_at_school_a)

    assert client.get(submit_url(review)).status_code == 403
    assert client.post(submit_url(review)).status_code == 403
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS


def test_another_schools_lead_cannot_submit_and_nothing_changes(
    client, review, head_at_school_a, head_at_school_b
):
    answer_all(review, user=head_at_school_a)
    client.force_login(head_at_school_b)

    assert client.get(submit_url(review)).status_code == 404
    assert client.post(submit_url(review)).status_code == 404
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS


def test_a_submitted_review_goes_to_its_report(client, school_a, head_at_school_a):
    review = submitted_review(school_a, published_framework(), user=head_at_school_a)
    client.force_login(head_at_school_a)

    response = client.post(submit_url(review))

    assert response.status_code == 302
    assert response["Location"] == f"/self-evaluation/reviews/{review.pk}/report/"
    assert Review.objects.get(pk=review.pk).submitted_by == head_at_school_a


def test_submitting_sends_visitors_to_sign_in(client, review):
    response = client.get(submit_url(review))

    assert response["Location"] == f"/accounts/login/?next={submit_url(review)}"
