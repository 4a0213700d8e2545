"""The self-evaluation home page, starting a review, and the public framework page."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.core.models import AuditEvent
from reconnect.schools.tests.html import soup, text
from reconnect.selfeval.models import Framework, ReportShare, Review, ShareKind
from reconnect.selfeval.tests.factories import (
    answer_all,
    open_review,
    published_framework,
    submitted_review,
)

pytestmark = pytest.mark.django_db

LIST = reverse("selfeval:review-list")
START = reverse("selfeval:review-start")
FRAMEWORK = reverse("selfeval:framework-detail")
AUTUMN_2025 = datetime.datetime(2025, 10, 15, 9, 0, tzinfo=datetime.UTC)


def one(element, selector):
    """The first element matching ``selector``; the test fails if there is none."""
    found = element.select_one(selector)
    assert found is not None, f"no {selector}"
    return found


def texts(response, selector):
    return [text(element) for element in soup(response).select(selector)]


def errors(response):
    return texts(response, ".govuk-error-summary__list li")


# --- The list ----------------------------------------------------------------------------------


def test_the_list_sends_visitors_to_sign_in(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={LIST}"


def test_the_lead_sees_the_open_review_with_its_progress(client, school_a, head_at_school_a):
    version = published_framework()
    with time_machine.travel(AUTUMN_2025, tick=False):
        review = open_review(school_a, version, user=head_at_school_a, title="Autumn review")
    answer_all(review, user=head_at_school_a, levels={}, default=3)
    # Take back a level on two statements: evidence alone is not an answer.
    review.answers.filter(statement__code__in=["transition-3", "transition-4"]).update(level=None)
    client.force_login(head_at_school_a)

    response = client.get(LIST)

    assert response.status_code == 200
    card = one(soup(response), ".rc-review-card")
    assert text(one(card, "h3")) == "Autumn review"
    assert one(card, "h3 a")["href"] == f"/self-evaluation/reviews/{review.pk}/"
    assert text(one(card, ".rc-muted")) == "Started by Harriet Head on 15 October 2025"
    assert text(one(card, ".rc-progress__text")) == "10 of 12 statements answered"
    assert one(card, "progress")["value"] == "10"
    assert text(one(card, ".govuk-button")) == "Continue “Autumn review”"
    # One review open at a time: no start form while this one is in progress.
    assert soup(response).select_one(".rc-start-card") is None


def test_submitted_reviews_are_listed_newest_first_with_score_report_and_plan(
    client, school_a, head_at_school_a
):
    version = published_framework()
    older = submitted_review(
        school_a,
        version,
        default=2,
        title="Spring review",
        submitted_at=datetime.datetime(2025, 3, 20, 12, tzinfo=datetime.UTC),
    )
    newer = submitted_review(
        school_a,
        version,
        levels={"attendance": [2, 3, 3, 3], "transition": [2, 3, 3, 3]},
        title="Autumn review",
        submitted_at=datetime.datetime(2025, 11, 5, 12, tzinfo=datetime.UTC),
    )
    client.force_login(head_at_school_a)

    response = client.get(LIST)

    items = soup(response).select(".rc-review-history .rc-result-list__item")
    assert [text(one(item, "h4")) for item in items] == [
        "Autumn review Latest",
        "Spring review",
    ]
    assert [text(item.select("p")[0]) for item in items] == [
        "Submitted on 5 November 2025 by Harriet Head",
        "Submitted on 20 March 2025 by Harriet Head",
    ]
    assert [text(item.select("p")[1]) for item in items] == [
        "Overall score: 2.8 out of 4 (Established)",
        "Overall score: 2.0 out of 4 (Emerging)",
    ]
    assert [a["href"] for a in items[0].select(".rc-inline-links a")] == [
        f"/self-evaluation/reviews/{newer.pk}/report/",
        f"/self-evaluation/reviews/{newer.pk}/actions/",
    ]
    assert older.pk != newer.pk


def test_the_lead_is_offered_a_review_with_a_suggested_title(client, school_a, head_at_school_a):
    version = published_framework()
    client.force_login(head_at_school_a)

    with time_machine.travel(AUTUMN_2025, tick=False):
        response = client.get(LIST)

    form = one(soup(response), ".rc-start-card form")
    assert form["action"] == START
    assert {i["name"]: i.get("value") for i in form.select("input")} == {
        "csrfmiddlewaretoken": one(form, "[name=csrfmiddlewaretoken]")["value"],
        "school": str(school_a.pk),
        "framework": str(version.framework_id),
        "title": "Autumn term 2025 review",
    }
    assert text(one(form, f"label[for=start-{school_a.pk}-title]")) == "Name of the review"
    framework = one(form, ".govuk-body-s")
    assert framework.get_text() == "The review uses the latest version of The Reconnect framework."
    assert one(framework, "a")["href"] == FRAMEWORK
    assert texts(response, ".rc-review-school > p") == [
        "None yet. A review’s report appears here once it is submitted."
    ]


def test_a_choice_of_framework_appears_only_when_two_are_published(
    client, school_a, head_at_school_a
):
    published_framework()
    other = Framework.objects.create(slug="attendance-deep-dive", name="Attendance deep dive")
    published_framework(framework=other)
    client.force_login(head_at_school_a)

    response = client.get(LIST)

    options = texts(response, ".rc-start-card select[name=framework] option")
    assert options == ["Attendance deep dive", "The Reconnect framework"]
    assert one(soup(response), ".rc-start-card select option[selected]")["value"] == str(
        Framework.objects.get(slug="reconnect").pk
    )


def test_staff_see_their_schools_reviews_but_no_start_form(client, school_a, staff_at_school_a):
    version = published_framework()
    open_review(school_a, version, title="Autumn review")
    client.force_login(staff_at_school_a)

    response = client.get(LIST)

    assert texts(response, ".rc-review-card h3") == ["Autumn review"]
    assert soup(response).select_one(".rc-start-card") is None


def test_staff_are_told_who_starts_a_review(client, school_a, staff_at_school_a):
    published_framework()
    client.force_login(staff_at_school_a)

    response = client.get(LIST)

    assert "Your school lead starts a review and can invite you to help answer it." in texts(
        response, ".rc-review-school p"
    )


def test_the_list_explains_the_review_and_its_length(client, school_a, staff_at_school_a):
    published_framework()  # 3 areas of 4 statements
    client.force_login(staff_at_school_a)

    response = client.get(LIST)

    assert texts(response, ".rc-review-about p")[:3] == [
        (
            "You rate your school against 12 statements in 3 areas, from attendance to staff "
            "development."
        ),
        (
            "Each statement has four levels: Not yet, Emerging, Established and Embedded, with "
            "what each looks like."
        ),
        (
            "Allow about 25 minutes in all. Answers save as you go, so you can stop and come "
            "back, and colleagues you invite can answer the areas they know best."
        ),
    ]


def test_another_schools_reviews_never_appear(client, school_a, school_b, head_at_school_b):
    version = published_framework()
    submitted_review(school_a, version, title="School A's review")
    client.force_login(head_at_school_b)

    response = client.get(LIST)

    assert texts(response, ".rc-review-school h2") == ["Demo School B"]
    assert "School A's review" not in response.content.decode()


def test_reports_shared_with_the_user_are_listed(
    client, school_a, school_b, staff_at_school_a, head_at_school_b
):
    version = published_framework()
    review = submitted_review(
        school_b,
        version,
        title="Autumn review",
        submitted_at=datetime.datetime(2025, 11, 5, 12, tzinfo=datetime.UTC),
    )
    ReportShare.objects.create(
        review=review, kind=ShareKind.SCHOOL, school=school_a, shared_by=head_at_school_b
    )
    client.force_login(staff_at_school_a)

    response = client.get(LIST)

    shared = one(soup(response), "[aria-labelledby=shared-heading]")
    assert [text(h) for h in shared.select("h3")] == ["Demo School B: Autumn review"]
    assert one(shared, "h3 a")["href"] == f"/self-evaluation/reviews/{review.pk}/report/"
    assert text(one(shared, ".govuk-body-s")) == "Submitted on 5 November 2025"


def test_a_coordinator_without_a_school_sees_the_explanation_and_the_network_view(
    client, coordinator
):
    published_framework()
    client.force_login(coordinator)

    response = client.get(LIST)

    assert response.status_code == 200
    assert texts(response, ".govuk-inset-text") == [
        (
            "Reviews belong to schools, and you are not a member of a school, so you have no "
            "reviews of your own. Schools can share their reports with you; they appear below."
        )
    ]
    assert texts(response, "[aria-labelledby=shared-heading] p") == [
        "No school has shared a report with you yet."
    ]
    network = one(soup(response), "[aria-labelledby=network-heading] a")
    assert (text(network), network["href"]) == ("See the network view", "/self-evaluation/network/")


def test_members_without_network_rights_get_no_network_link(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.get(LIST)

    assert soup(response).select_one("[aria-labelledby=network-heading]") is None


def test_the_list_makes_as_many_queries_for_three_reviews_as_for_one(
    client, school_a, head_at_school_a
):
    version = published_framework()
    client.force_login(head_at_school_a)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(LIST)
        return len(queries)

    submitted_review(school_a, version, title="First")
    count()  # the first request fills the per-member caches (second-factor gate, bell)
    one = count()
    submitted_review(school_a, version, title="Second")
    open_review(school_a, version, title="Third")
    three = count()

    assert Review.objects.filter(school=school_a).count() == 3
    assert three == one


# --- Starting a review -------------------------------------------------------------------------


def test_the_lead_starts_a_review_and_is_taken_to_it(client, school_a, head_at_school_a):
    version = published_framework()
    client.force_login(head_at_school_a)

    response = client.post(
        START,
        {"school": school_a.pk, "framework": version.framework_id, "title": " Spring review "},
    )

    review = Review.objects.get(school=school_a)
    assert response.status_code == 302
    assert response["Location"] == f"/self-evaluation/reviews/{review.pk}/"
    assert (review.title, review.version, review.started_by) == (
        "Spring review",
        version,
        head_at_school_a,
    )
    assert AuditEvent.objects.filter(action="selfeval.review_started").count() == 1
    page = client.get(response["Location"])
    assert texts(page, ".govuk-notification-banner__heading") == [
        "You started “Spring review”. Invite colleagues to help you answer it."
    ]


def test_a_blank_title_gets_the_services_default(client, school_a, head_at_school_a):
    version = published_framework()
    client.force_login(head_at_school_a)

    with time_machine.travel(AUTUMN_2025, tick=False):
        client.post(START, {"school": school_a.pk, "framework": version.framework_id})

    assert Review.objects.get(school=school_a).title == "Review of October 2025"


def test_staff_cannot_start_a_review(client, school_a, staff_at_school_a):
    version = published_framework()
    client.force_login(staff_at_school_a)

    response = client.post(START, {"school": school_a.pk, "framework": version.framework_id})

    assert response.status_code == 403
    assert Review.objects.count() == 0


def test_a_member_of_no_school_cannot_start_a_review(client, coordinator, school_a):
    version = published_framework()
    client.force_login(coordinator)

    response = client.post(START, {"school": school_a.pk, "framework": version.framework_id})

    assert response.status_code == 403
    assert Review.objects.count() == 0


def test_a_lead_cannot_start_a_review_at_another_school(
    client, school_a, school_b, head_at_school_b
):
    version = published_framework()
    client.force_login(head_at_school_b)

    response = client.post(START, {"school": school_a.pk, "framework": version.framework_id})

    assert response.status_code == 400
    assert errors(response) == ["Choose one of the schools you lead"]
    assert Review.objects.count() == 0


def test_an_unknown_school_or_framework_is_a_form_error(client, school_a, head_at_school_a):
    published_framework()
    client.force_login(head_at_school_a)

    response = client.post(START, {"school": "999999", "framework": "abc", "title": "x" * 121})

    assert response.status_code == 400
    assert errors(response) == [
        "Choose one of the schools you lead",
        "Choose one of the published frameworks",
        "Name of the review must be 120 characters or fewer",
    ]
    assert Review.objects.count() == 0


def test_a_second_open_review_is_refused_with_the_reason(client, school_a, head_at_school_a):
    version = published_framework()
    open_review(school_a, version, user=head_at_school_a)
    client.force_login(head_at_school_a)

    response = client.post(START, {"school": school_a.pk, "framework": version.framework_id})

    assert response.status_code == 400
    assert errors(response) == [
        "Your school already has a review in progress. Finish or submit it first."
    ]
    assert Review.objects.filter(school=school_a).count() == 1


def test_starting_sends_visitors_to_sign_in(client, db):
    response = client.post(START, {})

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={START}"


# --- The framework ----------------------------------------------------------------------------


def test_the_framework_is_public_with_every_statement_and_its_rubric(client):
    version = published_framework(domains=[("attendance", ["attendance"]), ("transition", [])])
    published_framework(framework=version.framework, status="draft")

    response = client.get(FRAMEWORK)

    assert response.status_code == 200
    page = soup(response)
    assert text(one(page, "h1")) == "The Reconnect framework"
    assert text(one(page, ".govuk-caption-l")).startswith("Version 1, published ")
    assert texts(response, ".rc-framework-contents li") == ["Attendance", "Transition"]
    assert texts(response, ".rc-framework-domain > h2") == ["1. Attendance", "2. Transition"]
    statements = page.select(".rc-framework-statement")
    assert len(statements) == 8
    first = statements[0]
    statement = version.domains.get(code="attendance").statements.get(code="attendance-1")
    assert text(one(first, "h3")) == f"1.1 {statement.text}"
    assert text(one(first, ".rc-evidence-prompt")) == "Evidence: What would show this?"
    assert [[text(c) for c in row.select("th, td")] for row in first.select("tbody tr")] == [
        ["Not yet", "Nothing is in place."],
        ["Emerging", "Something has started."],
        ["Established", "It happens across the school."],
        ["Embedded", "It is how we work, and we check its impact."],
    ]
    assert text(statements[-1].select_one("h3")).startswith("2.4 ")


def test_the_framework_shows_the_latest_published_version(client):
    first = published_framework(domains=[("attendance", [])])
    published_framework(framework=first.framework, domains=[("belonging", [])])

    response = client.get(FRAMEWORK)

    assert text(one(soup(response), ".govuk-caption-l")).startswith("Version 2, ")
    assert texts(response, ".rc-framework-contents li") == ["Belonging"]


def test_the_framework_is_not_found_before_one_is_published(client, db):
    published_framework(status="draft")

    response = client.get(FRAMEWORK)

    assert response.status_code == 404
