"""The self-evaluation API (``/api/v1/selfeval``): exact JSON, scoping and suppression."""

import datetime
from typing import Any, cast

import pytest
import time_machine

from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.schools.tests.factories import SchoolFactory
from reconnect.selfeval.models import Action, ActionStatus, Level, ReportShare, ShareKind
from reconnect.selfeval.services.reviews import answer_save
from reconnect.selfeval.tests.factories import (
    ActionFactory,
    open_review,
    published_framework,
    submitted_review,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/selfeval"
NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
STAMP = "2026-03-10T09:00:00Z"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def make_action(**fields: Any) -> Action:
    """``ActionFactory`` typed for mypy (the factory's base class is not parametrised)."""
    return cast(Action, ActionFactory(**fields))


def signed_in(client, user):
    client.force_login(user)
    return client


def small_framework(**kwargs):
    return published_framework(
        domains=[("attendance", ["attendance"]), ("transition", ["transition"])],
        statements_per_domain=2,
        **kwargs,
    )


def review_json(review, *, status="submitted", overall=None, submitted=STAMP):
    return {
        "id": review.pk,
        "school": {"urn": review.school.urn, "name": review.school.name},
        "framework": "reconnect",
        "version": review.version.number,
        "title": review.title,
        "status": status,
        "started_at": STAMP,
        "submitted_at": submitted,
        "overall_score": overall,
    }


def test_the_api_needs_a_session(client, school_a):
    review = submitted_review(school_a, small_framework())

    for path in (
        "/frameworks",
        "/frameworks/reconnect",
        "/reviews",
        f"/reviews/{review.pk}",
        f"/reviews/{review.pk}/report",
        f"/reviews/{review.pk}/actions",
    ):
        response = client.get(API + path)

        assert (response.status_code, response.json()) == (401, {"detail": "Unauthorized"})


def test_framework_list_gives_each_published_framework_and_its_latest_version(
    client, staff_at_school_a
):
    first = small_framework()
    small_framework(framework=first.framework)
    small_framework(framework=first.framework, status="draft")

    response = signed_in(client, staff_at_school_a).get(f"{API}/frameworks")

    assert response.json() == [
        {
            "slug": "reconnect",
            "name": "The Reconnect framework",
            "summary": "",
            "latest_version": 2,
            "published_at": STAMP,
        }
    ]


def _framework_json(version):
    domains = []
    for domain in version.domains.order_by("sort_order"):
        theme = domain.themes.get()
        domains.append(
            {
                "code": domain.code,
                "title": domain.title,
                "summary": "",
                "themes": [{"slug": theme.slug, "name": theme.name}],
                "statements": [
                    {
                        "code": statement.code,
                        "text": statement.text,
                        "evidence_prompt": "What would show this?",
                        "descriptors": {
                            "not_yet": "Nothing is in place.",
                            "emerging": "Something has started.",
                            "established": "It happens across the school.",
                            "embedded": "It is how we work, and we check its impact.",
                        },
                    }
                    for statement in domain.statements.order_by("sort_order")
                ],
            }
        )
    return {
        "framework": "reconnect",
        "name": "The Reconnect framework",
        "version": version.number,
        "published_at": STAMP,
        "introduction": "",
        "changes": "",
        "levels": [
            {"value": 1, "label": "Not yet"},
            {"value": 2, "label": "Emerging"},
            {"value": 3, "label": "Established"},
            {"value": 4, "label": "Embedded"},
        ],
        "domains": domains,
    }


def test_framework_detail_gives_the_latest_published_version_in_full(client, staff_at_school_a):
    small_framework()
    latest = small_framework()
    small_framework(status="draft")

    body = signed_in(client, staff_at_school_a).get(f"{API}/frameworks/reconnect").json()

    assert body == _framework_json(latest)
    assert [s["code"] for s in body["domains"][0]["statements"]] == [
        "attendance-1",
        "attendance-2",
    ]
    assert body["domains"][1]["themes"] == [{"slug": "transition", "name": "Transition"}]


def test_framework_detail_gives_an_older_published_version_on_request(client, staff_at_school_a):
    first = small_framework()
    small_framework()
    draft = small_framework(status="draft")
    client = signed_in(client, staff_at_school_a)

    older = client.get(f"{API}/frameworks/reconnect", {"version": 1})

    assert older.json() == _framework_json(first)
    assert client.get(f"{API}/frameworks/reconnect", {"version": draft.number}).status_code == 404
    assert client.get(f"{API}/frameworks/reconnect", {"version": 9}).status_code == 404
    assert client.get(f"{API}/frameworks/elsewhere").status_code == 404
    assert client.get(f"{API}/frameworks/reconnect", {"version": 0}).status_code == 422


def test_review_list_gives_the_callers_schools_reviews_newest_first(
    client, school_a, school_b, staff_at_school_a
):
    version = small_framework()
    older = submitted_review(
        school_a,
        version,
        levels={"attendance": [1, 2], "transition": [3, 3]},
        title="Last year",
        submitted_at=datetime.datetime(2025, 3, 1, 12, 0, tzinfo=datetime.UTC),
    )
    current = open_review(school_a, version, title="This year")
    submitted_review(school_b, version)

    response = signed_in(client, staff_at_school_a).get(f"{API}/reviews")

    assert response.json() == {
        "count": 2,
        "items": [
            review_json(current, status="in_progress", submitted=None),
            {
                **review_json(older, overall=2.25, submitted="2025-03-01T12:00:00Z"),
                "started_at": "2025-03-01T12:00:00Z",
            },
        ],
    }


def test_review_list_is_paginated(client, school_a, staff_at_school_a):
    version = small_framework()
    for title in ("One", "Two", "Three"):
        submitted_review(school_a, version, title=title)

    body = signed_in(client, staff_at_school_a).get(f"{API}/reviews", {"page_size": 2}).json()

    assert (body["count"], len(body["items"])) == (3, 2)


def test_review_detail_gives_every_answer_in_the_frameworks_order(
    client, school_a, head_at_school_a, staff_at_school_a
):
    review = open_review(school_a, small_framework(), user=head_at_school_a)
    second = review.version.domains.get(code="transition").statements.get(code="transition-2")
    first = review.version.domains.get(code="attendance").statements.get(code="attendance-1")
    answer_save(
        review=review,
        statement=second,
        user=staff_at_school_a,
        level=None,
        evidence="Visits planned",
        seen_revision=None,
    )
    answer_save(
        review=review,
        statement=first,
        user=head_at_school_a,
        level=Level.EMERGING,
        evidence="Weekly data",
        seen_revision=None,
    )

    response = signed_in(client, staff_at_school_a).get(f"{API}/reviews/{review.pk}")

    assert response.json() == {
        **review_json(review, status="in_progress", submitted=None),
        "scores": [],
        "answers": [
            {
                "domain": "attendance",
                "statement": "attendance-1",
                "level": 2,
                "level_label": "Emerging",
                "evidence": "Weekly data",
                "revision": 1,
                "updated_by": "Harriet Head",
                "updated_at": STAMP,
            },
            {
                "domain": "transition",
                "statement": "transition-2",
                "level": None,
                "level_label": None,
                "evidence": "Visits planned",
                "revision": 1,
                "updated_by": "Sam Staff",
                "updated_at": STAMP,
            },
        ],
    }


def test_review_detail_gives_a_submitted_reviews_scores(client, school_a, staff_at_school_a):
    review = submitted_review(
        school_a, small_framework(), levels={"attendance": [1, 2], "transition": [4, 3]}
    )

    body = signed_in(client, staff_at_school_a).get(f"{API}/reviews/{review.pk}").json()

    assert body["scores"] == [
        {"code": "attendance", "score": 1.5},
        {"code": "transition", "score": 3.5},
    ]
    assert (body["overall_score"], len(body["answers"])) == (2.5, 4)


def test_another_schools_review_is_404(client, school_a, head_at_school_b):
    review = submitted_review(school_a, small_framework())
    client = signed_in(client, head_at_school_b)

    for path in ("", "/report", "/actions"):
        response = client.get(f"{API}/reviews/{review.pk}{path}")

        assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})
    assert client.get(f"{API}/reviews").json() == {"count": 0, "items": []}


def test_report_gives_scores_change_strengths_priorities_and_suppressed_benchmark(
    client, school_a, staff_at_school_a
):
    version = small_framework()
    previous = submitted_review(
        school_a,
        version,
        levels={"attendance": [1, 1], "transition": [3, 3]},
        title="Last year",
        submitted_at=datetime.datetime(2025, 3, 1, 12, 0, tzinfo=datetime.UTC),
    )
    review = submitted_review(
        school_a, version, levels={"attendance": [2, 3], "transition": [4, 3]}
    )

    response = signed_in(client, staff_at_school_a).get(f"{API}/reviews/{review.pk}/report")

    withheld = {
        "schools": 1,
        "suppressed": True,
        "lower_quartile": None,
        "median": None,
        "upper_quartile": None,
    }
    assert previous.overall_score == 2.0
    assert response.json() == {
        "review": review_json(review, overall=3.0),
        "phase": "primary",
        "overall": {
            "score": 3.0,
            "level": 3,
            "level_words": "Established",
            "previous_score": 2.0,
            "change": 1.0,
            "benchmark": withheld,
            "position": None,
        },
        "domains": [
            {
                "code": "attendance",
                "title": "Attendance",
                "score": 2.5,
                "level": 2,
                "level_words": "between Emerging and Established",
                "previous_score": 1.0,
                "change": 1.5,
                "benchmark": withheld,
                "position": None,
            },
            {
                "code": "transition",
                "title": "Transition",
                "score": 3.5,
                "level": 3,
                "level_words": "between Established and Embedded",
                "previous_score": 3.0,
                "change": 0.5,
                "benchmark": withheld,
                "position": None,
            },
        ],
        "strengths": ["transition"],
        "priorities": ["attendance"],
        "previous_review": {"title": "Last year", "submitted_at": "2025-03-01T12:00:00Z"},
    }


def test_report_gives_the_benchmark_from_five_schools(client, school_a, staff_at_school_a):
    version = small_framework()
    for level in (1, 2, 4, 4):
        submitted_review(SchoolFactory(), version, levels={"attendance": [level, level]})
    review = submitted_review(school_a, version, levels={"attendance": [3, 3]})

    body = signed_in(client, staff_at_school_a).get(f"{API}/reviews/{review.pk}/report").json()

    # Attendance across the five primaries: 1, 2, 3, 4, 4 (type-7 quartiles 2 and 4).
    attendance = body["domains"][0]
    assert attendance["benchmark"] == {
        "schools": 5,
        "suppressed": False,
        "lower_quartile": 2.0,
        "median": 3.0,
        "upper_quartile": 4.0,
    }
    assert attendance["position"] == "within"
    assert body["previous_review"] is None


def test_report_reaches_whom_the_school_shared_it_with(client, school_a, system_leader, trust_a):
    review = submitted_review(school_a, small_framework())
    client = signed_in(client, system_leader)

    before = client.get(f"{API}/reviews/{review.pk}/report")
    ReportShare.objects.create(review=review, kind=ShareKind.TRUST, trust=trust_a)
    after = client.get(f"{API}/reviews/{review.pk}/report")

    assert (before.status_code, after.status_code) == (404, 200)
    assert after.json()["review"]["school"] == {"urn": 900001, "name": "Demo School A"}
    # Sharing the report does not share the answers or the plan.
    assert client.get(f"{API}/reviews/{review.pk}").status_code == 404
    assert client.get(f"{API}/reviews/{review.pk}/actions").status_code == 404


def test_an_open_review_has_no_report(client, school_a, head_at_school_a):
    review = open_review(school_a, small_framework(), user=head_at_school_a)

    response = signed_in(client, head_at_school_a).get(f"{API}/reviews/{review.pk}/report")

    assert response.status_code == 404


def test_actions_give_the_plan_with_owner_status_and_intervention(
    client, school_a, staff_at_school_a
):
    review = submitted_review(school_a, small_framework())
    intervention = InterventionPageFactory(title="Mentoring", slug="mentoring")
    late = make_action(
        review=review,
        title="Daily calls",
        owner=staff_at_school_a,
        due_date=datetime.date(2026, 3, 1),
        status=ActionStatus.IN_PROGRESS,
        notes="Year 7 first.",
        intervention=intervention,
    )
    done = make_action(
        review=review,
        domain=review.version.domains.get(code="transition"),
        title="Visit feeders",
        due_date=datetime.date(2026, 2, 1),
        status=ActionStatus.DONE,
    )

    response = signed_in(client, staff_at_school_a).get(f"{API}/reviews/{review.pk}/actions")

    assert response.json() == [
        {
            "id": late.pk,
            "domain": "attendance",
            "title": "Daily calls",
            "owner": {"id": staff_at_school_a.pk, "name": "Sam Staff"},
            "due_date": "2026-03-01",
            "status": "in_progress",
            "overdue": True,
            "notes": "Year 7 first.",
            "intervention": {
                "id": intervention.pk,
                "title": "Mentoring",
                "url": "/hub/interventions/mentoring/",
            },
            "created_at": STAMP,
            "updated_at": STAMP,
        },
        {
            "id": done.pk,
            "domain": "transition",
            "title": "Visit feeders",
            "owner": None,
            "due_date": "2026-02-01",
            "status": "done",
            "overdue": False,
            "notes": "",
            "intervention": None,
            "created_at": STAMP,
            "updated_at": STAMP,
        },
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_actions_query_count_does_not_grow(
    client, school_a, staff_at_school_a, django_assert_num_queries, count
):
    review = submitted_review(school_a, small_framework())
    for _ in range(count):
        make_action(review=review, owner=staff_at_school_a, intervention=InterventionPageFactory())
    client = signed_in(client, staff_at_school_a)
    from django.core.cache import cache

    cache.clear()

    with django_assert_num_queries(9):
        response = client.get(f"{API}/reviews/{review.pk}/actions")

    assert len(response.json()) == count


@pytest.mark.parametrize("count", [1, 3])
def test_review_list_query_count_does_not_grow(
    client, school_a, staff_at_school_a, django_assert_num_queries, count
):
    version = small_framework()
    for _ in range(count):
        submitted_review(school_a, version)
    client = signed_in(client, staff_at_school_a)

    with django_assert_num_queries(7):
        response = client.get(f"{API}/reviews")

    assert response.json()["count"] == count


def test_selfeval_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    operations = {
        path: (op["get"]["operationId"], op["get"]["tags"], op["get"]["summary"])
        for path, op in paths.items()
        if path.startswith("/api/v1/selfeval/")
    }
    assert operations == {
        "/api/v1/selfeval/frameworks": (
            "selfeval_framework_list",
            ["self-evaluation"],
            "Frameworks with a published version, and the number of their latest",
        ),
        "/api/v1/selfeval/frameworks/{slug}": (
            "selfeval_framework_detail",
            ["self-evaluation"],
            "A framework's latest published version in full, or an older one",
        ),
        "/api/v1/selfeval/reviews": (
            "selfeval_review_list",
            ["self-evaluation"],
            "Your schools' reviews, newest first",
        ),
        "/api/v1/selfeval/reviews/{review_id}": (
            "selfeval_review_detail",
            ["self-evaluation"],
            "One of your schools' reviews, with every answer",
        ),
        "/api/v1/selfeval/reviews/{review_id}/report": (
            "selfeval_review_report",
            ["self-evaluation"],
            "A submitted review's report: scores, change, benchmark, strengths, priorities",
        ),
        "/api/v1/selfeval/reviews/{review_id}/actions": (
            "selfeval_review_actions",
            ["self-evaluation"],
            "The action plan of one of your schools' reviews",
        ),
    }
