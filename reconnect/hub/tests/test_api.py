"""The Hub's JSON API: themes and interventions, public to visitors, members-only to members."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reconnect.hub.models import Visibility
from reconnect.hub.tests.factories import InterventionPageFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/hub"


def test_themes_are_listed_in_order_for_anyone(client):
    response = client.get(f"{API}/themes")

    assert response.status_code == 200
    body = response.json()
    assert len(body) == 12
    assert body[0] == {
        "slug": "attendance",
        "name": "Attendance",
        "summary": "Getting every pupil to school, every day, and keeping them there.",
    }


def test_intervention_list_is_ranked_filtered_and_paginated(client):
    page = InterventionPageFactory(
        title="Tutoring",
        impact_months=5,
        effect_size=Decimal("0.40"),
        cost_rating=4,
        evidence_rating=4,
        themes=["learning-gaps"],
        phases=["primary"],
        last_reviewed=datetime.date(2025, 2, 1),
    )
    InterventionPageFactory(title="Mentoring", impact_months=2, themes=["attendance"])

    response = client.get(f"{API}/interventions", {"theme": "learning-gaps"})

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "id": page.pk,
                "title": "Tutoring",
                "url": page.url,
                "summary": "Summary of Tutoring.",
                "visibility": "public",
                "themes": [{"slug": "learning-gaps", "name": "Learning gaps"}],
                "phases": [{"slug": "primary", "name": "Primary"}],
                "impact_months": 5,
                "impact_label": "moderate",
                "effect_size": 0.4,
                "cost_rating": 4,
                "cost_label": "High",
                "cost_per_pupil": "£720 to £1,200 per pupil a year",
                "evidence_rating": 4,
                "evidence_label": "Extensive evidence",
                "headline": (
                    "Moderate impact (+5 months) for high cost, based on extensive evidence"
                ),
                "figures_checked": "2025-01-15",
                "last_reviewed": "2025-02-01",
            }
        ],
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["High", "Middle", "Low"]),
        ({"sort": "cost"}, ["Low", "Middle", "High"]),
        ({"sort": "name"}, ["High", "Low", "Middle"]),
        ({"min_evidence": 3}, ["Middle", "Low"]),
        ({"max_cost": 2}, ["Middle", "Low"]),
        ({"phase": ["secondary", "special"]}, ["Middle", "Low"]),
    ],
)
def test_intervention_list_filters_and_sorts_like_the_explorer(client, query, expected):
    InterventionPageFactory(title="High", impact_months=8, cost_rating=5, evidence_rating=1)
    InterventionPageFactory(
        title="Middle", impact_months=4, cost_rating=2, evidence_rating=3, phases=["secondary"]
    )
    InterventionPageFactory(
        title="Low", impact_months=1, cost_rating=1, evidence_rating=5, phases=["special"]
    )

    response = client.get(f"{API}/interventions", query)

    assert [item["title"] for item in response.json()["items"]] == expected


def test_intervention_list_rejects_out_of_range_filters(client):
    response = client.get(f"{API}/interventions", {"min_evidence": 6})

    assert response.status_code == 422


@pytest.mark.parametrize(
    "query", [{"theme": "attendance\x00"}, {"phase": "<script>"}, {"theme": "A" * 61}]
)
def test_intervention_list_rejects_filters_that_are_not_slugs(client, query):
    response = client.get(f"{API}/interventions", query)

    assert response.status_code == 422


def test_intervention_list_accepts_an_empty_theme(client):
    InterventionPageFactory(title="Open")

    response = client.get(f"{API}/interventions", {"theme": ""})

    assert [item["title"] for item in response.json()["items"]] == ["Open"]


@pytest.mark.parametrize("intervention_id", ["0", "99999999999999999999"])
def test_intervention_detail_outside_the_id_range_is_a_validation_error(client, intervention_id):
    response = client.get(f"{API}/interventions/{intervention_id}")

    assert response.status_code == 422


def test_intervention_list_looks_up_urls_once_whatever_the_count(client, settings):
    # With no cache to hide it (as with the database cache, Redis-less production's
    # default), a per-item lookup of the site's root paths would cost a query per item.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for title in ("One", "Two", "Three", "Four", "Five"):
        InterventionPageFactory(title=title)
    client.get(f"{API}/interventions")

    with CaptureQueriesContext(connection) as five:
        client.get(f"{API}/interventions")
    InterventionPageFactory(title="Six")
    InterventionPageFactory(title="Seven")

    with CaptureQueriesContext(connection) as seven:
        response = client.get(f"{API}/interventions")

    assert response.json()["count"] == 7
    assert len(seven) == len(five)


def test_members_only_interventions_exist_only_for_members(client, staff_at_school_a):
    InterventionPageFactory(title="Open")
    closed = InterventionPageFactory(title="Closed", visibility=Visibility.MEMBERS)

    visitor_list = client.get(f"{API}/interventions").json()
    visitor_detail = client.get(f"{API}/interventions/{closed.pk}")
    client.force_login(staff_at_school_a)
    member_list = client.get(f"{API}/interventions", {"sort": "name"}).json()
    member_detail = client.get(f"{API}/interventions/{closed.pk}")

    assert [i["title"] for i in visitor_list["items"]] == ["Open"]
    assert visitor_list["count"] == 1
    assert visitor_detail.status_code == 404
    assert [i["title"] for i in member_list["items"]] == ["Closed", "Open"]
    assert member_detail.status_code == 200
    assert member_detail.json()["visibility"] == "members"


def test_intervention_detail_has_guidance_and_sources(client):
    page = InterventionPageFactory(title="Feedback", what_it_is="<p>Telling pupils how.</p>")

    body = client.get(f"{API}/interventions/{page.pk}").json()

    assert body["what_it_is"] == "<p>Telling pupils how.</p>"
    assert body["explore"] == "<p>Explore.</p>"
    assert body["sustain"] == "<p>Sustain.</p>"
    assert body["sources"] == [
        {
            "title": "EEF Toolkit: Feedback",
            "url": "https://educationendowmentfoundation.org.uk/toolkit",
            "date_checked": "2025-01-15",
        }
    ]


def test_unknown_and_draft_interventions_are_404(client):
    draft = InterventionPageFactory(live=False)

    assert client.get(f"{API}/interventions/999999").status_code == 404
    assert client.get(f"{API}/interventions/{draft.pk}").status_code == 404


def test_hub_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert "/api/v1/hub/themes" in paths
    assert "/api/v1/hub/interventions" in paths
    assert "/api/v1/hub/interventions/{intervention_id}" in paths
    assert "/api/v1/hub/search" in paths
    assert paths["/api/v1/hub/interventions"]["get"]["operationId"] == "hub_intervention_list"


def test_intervention_detail_turns_internal_page_links_into_urls(client):
    target = InterventionPageFactory(title="Mentoring", slug="mentoring")
    page = InterventionPageFactory(
        title="Tutoring",
        what_it_is=f'<p>See <a linktype="page" id="{target.pk}">mentoring</a>.</p>',
        closing_the_gap="",
    )

    body = client.get(f"{API}/interventions/{page.pk}").json()

    assert body["what_it_is"] == '<p>See <a href="/hub/interventions/mentoring/">mentoring</a>.</p>'
    assert body["closing_the_gap"] == ""
