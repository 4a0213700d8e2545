"""The search page, /hub/search/: visitors and members, htmx fragments, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from modelsearch.tasks import insert_or_update_object_task

from reconnect.hub.models import HubPage, InterventionPage, Visibility
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


# --- The cached content (reconnect.hub.fragments) ----------------------------------------


def _content_queries(client, params, **kwargs) -> tuple[list[str], str]:
    """The queries a search makes beyond reading the versions, and the page it gives."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params, **kwargs)
    assert response.status_code == 200
    versions_read = [q for q in captured.captured_queries if "hub_searchstate" in q["sql"]]
    assert len(versions_read) == 1
    searched = [
        q["sql"]
        for q in captured.captured_queries
        if "hub_searchstate" not in q["sql"] and ("hub_" in q["sql"] or "wagtailsearch" in q["sql"])
    ]
    return searched, response.content.decode()


def test_a_repeated_search_reads_only_the_versions(client, head_at_school_a, items):
    client.force_login(head_at_school_a)
    first_queries, _first = _content_queries(client, {"q": "mentoring"})

    again_queries, again = _content_queries(client, {"q": "mentoring"})

    assert first_queries  # the first one searched
    assert again_queries == []
    assert "2 items found" in again
    assert "Members mentoring" in again


def test_a_published_or_unpublished_item_shows_on_the_next_search(client, items):
    assert "1 item found" in client.get(URL, {"q": "mentoring"}).content.decode()

    added = make.news("Mentoring news", body="Mentoring again.")
    content = client.get(URL, {"q": "mentoring"}).content.decode()
    assert "2 items found" in content
    assert "Mentoring news" in content

    added.unpublish()
    content = client.get(URL, {"q": "mentoring"}).content.decode()
    assert "1 item found" in content
    assert "Mentoring news" not in content


def test_an_edited_title_shows_on_the_next_search(client, items):
    assert "Open mentoring" in client.get(URL, {"q": "attendance"}).content.decode()
    page = HubPage.objects.get(title="Open mentoring").specific
    page.title = "Renamed mentoring"
    page.save_revision().publish()

    content = client.get(URL, {"q": "attendance"}).content.decode()

    assert ">Renamed mentoring</a>" in content
    assert ">Open mentoring</a>" not in content


def test_a_rebuilt_vocabulary_corrects_the_next_search(client):
    make.intervention("Open mentoring", body="Mentoring for attendance.")
    before = client.get(URL, {"q": "mentorng"}).content.decode()
    assert "Showing results for" not in before

    vocabulary_rebuild()

    after = client.get(URL, {"q": "mentorng"}).content.decode()
    assert "Showing results for <strong>mentoring</strong>" in after


def test_a_members_cached_search_never_reaches_a_visitor(client, head_at_school_a, items):
    client.force_login(head_at_school_a)
    member = client.get(URL, {"q": "mentoring"}).content.decode()
    member_htmx = client.get(URL, {"q": "mentoring"}, headers={"HX-Request": "true"})
    client.logout()

    visitor = client.get(URL, {"q": "mentoring"}).content.decode()
    visitor_htmx = client.get(URL, {"q": "mentoring"}, headers={"HX-Request": "true"})

    assert "Members mentoring" in member
    assert "Members mentoring" in member_htmx.content.decode()
    assert "Members mentoring" not in visitor
    assert "1 item found" in visitor
    assert "Members mentoring" not in visitor_htmx.content.decode()
    assert "<html" not in visitor_htmx.content.decode()


def test_a_visitors_cached_search_does_not_hide_items_from_members(client, head_at_school_a, items):
    assert "Members mentoring" not in client.get(URL, {"q": "mentoring"}).content.decode()
    client.force_login(head_at_school_a)

    assert "Members mentoring" in client.get(URL, {"q": "mentoring"}).content.decode()


def test_each_query_string_and_the_htmx_fragment_are_kept_apart(client, items):
    page = client.get(URL, {"q": "mentoring"}).content.decode()
    fragment = client.get(URL, {"q": "mentoring"}, headers={"HX-Request": "true"})
    other = client.get(URL, {"q": "mentoring", "type": "case-study"}).content.decode()
    corrected = client.get(URL, {"q": "mentorng"}).content.decode()
    corrected_from_home = client.get(URL, {"q": "mentorng", "from": "home"}).content.decode()

    assert "<html" in page
    assert "<html" not in fragment.content.decode()
    assert "1 item found" in page
    assert "0 items found" in other
    # "Search instead for" carries every parameter along, so each is part of the key.
    assert "from=home" not in corrected
    assert "from=home" in corrected_from_home
    assert "Search: mentoring" in page


def test_an_edit_indexed_after_the_publish_shows_on_the_next_search(client, items):
    """Wagtail indexes in a queued task, after the publish moved the content version."""
    page = HubPage.objects.get(title="Open mentoring")
    assert "0 items found" in client.get(URL, {"q": "zebras"}).content.decode()
    # The saved text, as the publish left it, without the signals (the index task is apart).
    InterventionPage.objects.filter(pk=page.pk).update(what_it_is="<p>Zebras mentoring.</p>")
    assert "0 items found" in client.get(URL, {"q": "zebras"}).content.decode()

    insert_or_update_object_task.enqueue("hub", "interventionpage", str(page.pk))

    assert "1 item found" in client.get(URL, {"q": "zebras"}).content.decode()
