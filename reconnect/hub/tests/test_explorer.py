"""The interventions explorer and the compare page: filters, sorts, visibility, errors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.hub.models import Visibility
from reconnect.hub.tests.factories import InterventionPageFactory

pytestmark = pytest.mark.django_db

URL = "/hub/interventions/"


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [page.title for page in response.context["interventions"]]


@pytest.fixture
def interventions():
    return {
        "tutoring": InterventionPageFactory(
            title="Tutoring",
            impact_months=5,
            cost_rating=4,
            evidence_rating=4,
            themes=["learning-gaps"],
            phases=["primary", "secondary"],
        ),
        "feedback": InterventionPageFactory(
            title="Feedback",
            impact_months=6,
            cost_rating=1,
            evidence_rating=3,
            themes=["learning-gaps", "engagement"],
            phases=["primary"],
        ),
        "mentoring": InterventionPageFactory(
            title="Mentoring",
            impact_months=2,
            cost_rating=2,
            evidence_rating=5,
            themes=["attendance"],
            phases=["secondary"],
        ),
        "breakfast": InterventionPageFactory(
            title="Breakfast club",
            impact_months=None,
            effect_size=None,
            cost_rating=1,
            evidence_rating=1,
            themes=["poverty-and-hunger"],
            phases=["early-years"],
        ),
    }


def test_explorer_ranks_by_impact_by_default(client, interventions):
    assert _titles(client.get(URL)) == ["Feedback", "Tutoring", "Mentoring", "Breakfast club"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("impact", ["Feedback", "Tutoring", "Mentoring", "Breakfast club"]),
        ("cost", ["Feedback", "Breakfast club", "Mentoring", "Tutoring"]),
        ("evidence", ["Mentoring", "Tutoring", "Feedback", "Breakfast club"]),
        ("name", ["Breakfast club", "Feedback", "Mentoring", "Tutoring"]),
        ("nonsense", ["Feedback", "Tutoring", "Mentoring", "Breakfast club"]),
    ],
)
def test_explorer_sorts(client, interventions, sort, expected):
    assert _titles(client.get(URL, {"sort": sort})) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"theme": "learning-gaps"}, ["Feedback", "Tutoring"]),
        ({"phase": ["primary"]}, ["Feedback", "Tutoring"]),
        ({"phase": ["primary", "secondary"]}, ["Feedback", "Tutoring", "Mentoring"]),
        ({"min_evidence": "4"}, ["Tutoring", "Mentoring"]),
        ({"max_cost": "1"}, ["Feedback", "Breakfast club"]),
        ({"theme": "learning-gaps", "max_cost": "2"}, ["Feedback"]),
        ({"theme": "no-such-theme"}, ["Feedback", "Tutoring", "Mentoring", "Breakfast club"]),
        (
            {"min_evidence": "9", "max_cost": "x"},
            ["Feedback", "Tutoring", "Mentoring", "Breakfast club"],
        ),
    ],
)
def test_explorer_filters(client, interventions, query, expected):
    assert _titles(client.get(URL, query)) == expected


def test_explorer_shows_the_three_measures_in_words(client, interventions):
    html = client.get(URL, {"theme": "poverty-and-hunger"}).content.decode()

    assert (
        '<strong>Not estimated</strong><br><span class="govuk-body-s">Impact not estimated</span>'
        in html
    )
    assert "Very low cost: under £80 per pupil a year" in html
    assert "Very limited evidence" in html
    assert (
        f'<input class="govuk-checkboxes__input" id="compare-{interventions["breakfast"].pk}" '
        f'name="id" type="checkbox" value="{interventions["breakfast"].pk}">'
    ) in html
    assert '<form method="get" action="/hub/compare/"' in html
    assert "1 intervention</p>" in html


def test_explorer_hides_members_only_interventions_from_visitors(client, staff_at_school_a):
    InterventionPageFactory(title="Open")
    InterventionPageFactory(title="Closed", visibility=Visibility.MEMBERS)
    InterventionPageFactory(title="Draft", live=False)

    assert _titles(client.get(URL)) == ["Open"]
    client.force_login(staff_at_school_a)
    assert sorted(_titles(client.get(URL))) == ["Closed", "Open"]


def test_explorer_answers_htmx_with_the_results_only(client, interventions):
    response = client.get(URL, {"sort": "name"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert '<p id="result-count" hx-swap-oob="innerHTML">4 interventions</p>' in html


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_explorer_and_compare_query_counts_do_not_grow(client):
    first = InterventionPageFactory(phases=["primary"])
    explorer_one = _queries(client, URL + "?phase=primary&sort=cost")
    solo = InterventionPageFactory(phases=["secondary"])
    compare_two = _queries(client, f"/hub/compare/?id={first.pk}&id={solo.pk}")
    second = InterventionPageFactory(phases=["primary", "secondary"], themes=["send", "attendance"])
    third = InterventionPageFactory(phases=["primary"])

    assert _queries(client, URL + "?phase=primary&sort=cost") == explorer_one
    assert (
        _queries(client, f"/hub/compare/?id={first.pk}&id={second.pk}&id={third.pk}") == compare_two
    )


# --- Compare -------------------------------------------------------------------------------------


def test_compare_shows_the_chosen_interventions_in_the_order_chosen(client, interventions):
    ids = [
        interventions["mentoring"].pk,
        interventions["feedback"].pk,
        interventions["mentoring"].pk,
    ]

    response = client.get("/hub/compare/", {"id": ids})
    html = response.content.decode()

    assert _titles(response) == ["Mentoring", "Feedback"]
    assert response.context["error"] == ""
    for row in (
        "Impact",
        "Cost",
        "Evidence",
        "What it is",
        "Behind the average",
        "How to implement",
        "Sources",
    ):
        assert f'<th scope="row" class="govuk-table__header">{row}</th>' in html
    assert "Figures checked on 15 January 2025" in html


@pytest.mark.parametrize(
    ("ids", "status", "message"),
    [
        (
            ["1", "2", "3", "4"],
            400,
            "You can compare up to 3 interventions at a time. You chose 4.",
        ),
        (["1; DROP TABLE"], 400, "That link to compare interventions is not valid."),
        (["９"], 400, "That link to compare interventions is not valid."),
        ([], 200, "Choose two or three interventions in the explorer to compare them."),
        (["999999", "999998"], 404, "2 of the interventions you chose could not be found."),
    ],
)
def test_compare_explains_what_is_wrong(client, ids, status, message):
    response = client.get("/hub/compare/", {"id": ids})

    assert response.status_code == status
    assert response.context["error"] == message
    assert message in response.content.decode()


def test_compare_treats_members_only_as_unknown_for_visitors(client, staff_at_school_a):
    open_one = InterventionPageFactory(title="Open")
    closed = InterventionPageFactory(title="Closed", visibility=Visibility.MEMBERS)
    url = f"/hub/compare/?id={open_one.pk}&id={closed.pk}"

    visitor = client.get(url)
    client.force_login(staff_at_school_a)
    member = client.get(url)

    assert visitor.status_code == 404
    assert visitor.context["error"] == "One of the interventions you chose could not be found."
    assert "Closed" not in visitor.content.decode()
    assert _titles(member) == ["Open", "Closed"]


def test_compare_needs_at_least_two_interventions(client):
    only = InterventionPageFactory(title="Alone")

    response = client.get(reverse("hub:intervention-compare"), {"id": [only.pk]})

    assert response.status_code == 400
    assert "Choose two or three interventions in the explorer to compare them." in (
        response.content.decode()
    )


def test_explorer_ticks_again_the_interventions_brought_back_from_compare(client):
    first = InterventionPageFactory(title="First")
    second = InterventionPageFactory(title="Second")
    InterventionPageFactory(title="Third")
    compare = client.get(reverse("hub:intervention-compare"), {"id": [first.pk, second.pk]})
    back = f'href="/hub/interventions/?id={first.pk}&amp;id={second.pk}"'

    response = client.get(reverse("hub:intervention-explorer"), {"id": [first.pk, second.pk]})

    assert back in compare.content.decode()
    html = response.content.decode()
    assert html.count(" checked>") == 2
    assert f'id="compare-{first.pk}" name="id" type="checkbox" value="{first.pk}" checked>' in html


def test_explorer_selects_are_govuk_selects(client):
    html = client.get(reverse("hub:intervention-explorer")).content.decode()

    for name in ("theme", "min_evidence", "max_cost", "sort"):
        assert f'<select name="{name}" class="govuk-select" id="id_{name}">' in html
