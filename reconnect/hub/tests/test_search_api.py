"""The search router, through Ninja's test client (mounted by reconnect.hub.api)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from ninja.testing import TestClient

from reconnect.hub.models import Visibility
from reconnect.hub.search.api import router
from reconnect.hub.tests import factories_search as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return TestClient(router)


def test_api_search_returns_items_snippets_with_offsets_and_facets(client):
    make.intervention("Mentoring", body="Mentors <b>help</b>.", impact_months=4, cost=1, evidence=3)
    make.case_study("Hidden mentoring", body="Mentoring.", visibility=Visibility.MEMBERS)

    response = client.get("/search?q=mentors&theme=attendance&theme=bogus", user=AnonymousUser())

    body = response.json()
    assert response.status_code == 200
    assert (body["mode"], body["total"], body["terms"]) == ("all", 1, ["mentors"])
    item = body["items"][0]
    assert (item["title"], item["kind"], item["members_only"]) == (
        "Mentoring",
        "intervention",
        False,
    )
    snippet = item["snippet"]
    assert snippet["text"] == "About Mentoring. Mentors help. Attendance"
    assert [snippet["text"][m["start"] : m["end"]] for m in snippet["marks"]] == [
        "Mentoring",
        "Mentors",
    ]
    theme = next(f for f in body["facets"] if f["name"] == "theme")
    attendance = next(o for o in theme["options"] if o["value"] == "attendance")
    assert (attendance["count"], attendance["selected"]) == (1, True)


def test_api_search_for_a_member_includes_members_only_items(client, head_at_school_a):
    make.case_study("Hidden mentoring", body="Mentoring.", visibility=Visibility.MEMBERS)

    body = client.get("/search?q=mentoring", user=head_at_school_a).json()

    assert [item["title"] for item in body["items"]] == ["Hidden mentoring"]
    assert body["items"][0]["members_only"] is True


def test_api_search_odd_input_is_a_clean_miss_not_an_error(client):
    body = client.get("/search?q=%22+OR+1%3D1+--%2A", user=AnonymousUser()).json()

    assert (body["mode"], body["terms"]) == ("none", ["1"])


def test_api_search_rejects_a_page_below_one(client):
    assert client.get("/search?page=0", user=AnonymousUser()).status_code == 422


def test_api_search_cuts_an_over_long_query_like_the_page_instead_of_refusing_it(client):
    make.intervention("Mentoring", body="Mentors help.")
    query = "mentoring " + "x" * 2_100  # 2,110 characters

    response = client.get(f"/search?q={query}", user=AnonymousUser())

    body = response.json()
    assert response.status_code == 200
    # As on the page: cut to 2,000 characters, and the half word at the cut dropped.
    assert (body["mode"], body["total"], body["terms"]) == ("all", 1, ["mentoring"])
    assert [item["title"] for item in body["items"]] == ["Mentoring"]
