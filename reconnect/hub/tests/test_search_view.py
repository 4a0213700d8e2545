"""The search page, /hub/search/: visitors and members, htmx fragments, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.hub.models import Visibility
from reconnect.hub.search.vocabulary import vocabulary_rebuild
from reconnect.hub.tests import factories_search as make

pytestmark = pytest.mark.django_db

URL = reverse("hub:search")


@pytest.fixture
def items():
    make.intervention("Open mentoring", body="Mentoring for attendance.", themes=["attendance"])
    make.case_study(
        "Members mentoring", body="Mentoring in our school.", visibility=Visibility.MEMBERS
    )
    vocabulary_rebuild()


def test_visitor_finds_public_items_only(client, items):
    response = client.get(URL, {"q": "mentors"})

    assert response.status_code == 200
    assert [r.title for r in response.context["search"].results] == ["Open mentoring"]
    content = response.content.decode()
    assert "1 item found" in content
    assert "Members mentoring" not in content
    assert "<mark>Mentoring</mark>" in content


def test_member_finds_both(client, head_at_school_a, items):
    client.force_login(head_at_school_a)

    response = client.get(URL, {"q": "mentoring"})

    content = response.content.decode()
    assert "2 items found" in content
    assert "Members mentoring" in content
    assert "Members only" in content


def test_page_renders_facets_with_counts_and_the_theme_card(client, items):
    response = client.get(URL, {"q": "persistent absence mentoring", "theme": "attendance"})

    content = response.content.decode()
    assert '<a class="govuk-link" href="/hub/themes/attendance/">Attendance</a>' in content
    assert (
        '<input class="govuk-checkboxes__input" id="filter-theme-1" name="theme" '
        'type="checkbox" value="attendance" checked>'
    ) in content
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Theme</legend>' in (
        content
    )


def test_htmx_request_gets_the_results_fragment_with_counts_out_of_band(client, items):
    response = client.get(URL, {"q": "mentoring"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert "<html" not in content
    assert '<p id="result-count" hx-swap-oob="innerHTML">1 item found</p>' in content
    assert '<span id="count-type-3" hx-swap-oob="true">1</span>' in content  # interventions
    assert "Open mentoring" in content


def test_odd_input_gets_a_clear_page(client, items):
    punctuation = client.get(URL, {"q": "?!*"})
    long = client.get(URL, {"q": "x" * 5_000})
    injection = client.get(URL, {"q": '" OR 1=1 --', "page": "-1", "sort": "bogus"})

    assert "There were no words to search for in “?!*”" in punctuation.content.decode()
    assert "only its first 12 words were used" in long.content.decode()
    assert "Nothing in the Knowledge Hub matches “&quot; OR 1=1 --”" in (injection.content.decode())


def test_corrected_search_offers_the_original(client, items):
    response = client.get(URL, {"q": "mentorng"})

    content = response.content.decode()
    assert "Showing results for <strong>mentoring</strong>" in content
    assert "Search instead for mentorng" in content
    assert client.get(URL, {"q": "mentorng", "exact": "1"}).context["search"].total == 0


def test_title_with_markup_is_escaped(client):
    make.news("<script>alert(1)</script> tutoring", body="Tutoring.")

    content = client.get(URL, {"q": "tutoring"}).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; tutoring" in content


def _queries(client, query):
    client.get(URL, {"q": query})  # warm this process's tables for the current content
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return len(captured)


def test_query_count_is_the_same_for_one_and_three_results(client, head_at_school_a):
    client.force_login(head_at_school_a)
    make.intervention("Tutoring one", body="Tutoring.")
    one = _queries(client, "tutoring")
    make.research("Tutoring two", body="Tutoring.")
    make.case_study("Tutoring three", body="Tutoring.", visibility=Visibility.MEMBERS)
    three = _queries(client, "tutoring")

    assert one == three
