"""Theme signposting pages: each section visible-only, ranked, capped with "see all"."""

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reconnect.hub.models import Theme, Visibility
from reconnect.hub.selectors import THEME_SECTION_LIMIT
from reconnect.hub.tests.factories import (
    CaseStudyPageFactory,
    FurtherReadingPageFactory,
    InterventionPageFactory,
    NewsPageFactory,
    ReadingListPageFactory,
    ResearchReportPageFactory,
    ThematicReviewPageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

URL = "/hub/themes/attendance/"


def _at(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2025, 3, day, 9, 0))


def _titles(capped) -> list[str]:
    return [item.title for item in capped.items]


def test_theme_list_shows_the_twelve_themes_in_order(client):
    response = client.get("/hub/themes/")

    assert [t.slug for t in response.context["themes"]][:3] == [
        "attendance",
        "engagement",
        "mental-health-and-wellbeing",
    ]
    assert len(response.context["themes"]) == 12
    assert '<a class="govuk-link" href="/hub/themes/send/">SEND</a>' in response.content.decode()


def test_unknown_theme_is_404(client):
    assert client.get("/hub/themes/no-such-theme/").status_code == 404


def test_theme_page_gathers_each_kind_for_the_theme_only(client):
    ThematicReviewPageFactory(title="Older review", first_published_at=_at(1))
    ThematicReviewPageFactory(title="Attendance review", first_published_at=_at(2))
    ThematicReviewPageFactory(title="SEND review", theme=ThemeFactory(slug="send"))
    CaseStudyPageFactory(title="Mentoring story")
    CaseStudyPageFactory(title="Elsewhere", themes=["send"])
    ResearchReportPageFactory(title="Absence study")
    ReadingListPageFactory(title="Start here")
    FurtherReadingPageFactory(title="A good book")
    NewsPageFactory(title="Attendance day")

    response = client.get(URL)
    signposts = response.context["signposts"]

    assert signposts.review.title == "Attendance review"
    assert _titles(signposts.case_studies) == ["Mentoring story"]
    assert _titles(signposts.research) == ["Absence study"]
    assert _titles(signposts.reading_lists) == ["Start here"]
    assert _titles(signposts.further_reading) == ["A good book"]
    assert _titles(signposts.news) == ["Attendance day"]
    html = response.content.decode()
    assert '<h2 class="govuk-heading-l" id="case-studies-heading">Case studies</h2>' in html
    assert "Nothing has been published on this theme yet." not in html


def test_theme_page_ranks_interventions_by_impact_then_evidence_then_cost(client):
    InterventionPageFactory(title="Cheap strong", impact_months=5, evidence_rating=4, cost_rating=1)
    InterventionPageFactory(title="Dear strong", impact_months=5, evidence_rating=4, cost_rating=3)
    InterventionPageFactory(title="Weak", impact_months=5, evidence_rating=2, cost_rating=1)
    InterventionPageFactory(title="Best", impact_months=8, evidence_rating=1, cost_rating=5)
    InterventionPageFactory(title="Unknown", impact_months=None, evidence_rating=5)

    response = client.get(URL)

    assert _titles(response.context["signposts"].interventions) == [
        "Best",
        "Cheap strong",
        "Dear strong",
        "Weak",
        "Unknown",
    ]


def test_theme_page_hides_members_only_items_from_visitors(client, staff_at_school_a):
    ThematicReviewPageFactory(title="Private review", visibility=Visibility.MEMBERS)
    CaseStudyPageFactory(title="Private story", visibility=Visibility.MEMBERS)
    InterventionPageFactory(title="Private approach", visibility=Visibility.MEMBERS)
    CaseStudyPageFactory(title="Draft story", live=False)

    visitor = client.get(URL)
    client.force_login(staff_at_school_a)
    member = client.get(URL)

    assert visitor.context["signposts"].review is None
    assert _titles(visitor.context["signposts"].case_studies) == []
    assert _titles(visitor.context["signposts"].interventions) == []
    assert "Nothing has been published on this theme yet." in visitor.content.decode()
    assert member.context["signposts"].review.title == "Private review"
    assert _titles(member.context["signposts"].case_studies) == ["Private story"]
    assert _titles(member.context["signposts"].interventions) == ["Private approach"]


def test_theme_page_caps_each_list_and_links_to_search_for_the_rest(client):
    for day in range(1, THEME_SECTION_LIMIT + 2):
        CaseStudyPageFactory(title=f"Story {day}", first_published_at=_at(day))
    NewsPageFactory(title="Only news")

    response = client.get(URL)
    html = response.content.decode()

    assert _titles(response.context["signposts"].case_studies) == [
        "Story 6",
        "Story 5",
        "Story 4",
        "Story 3",
        "Story 2",
    ]
    assert response.context["signposts"].case_studies.has_more is True
    assert response.context["signposts"].news.has_more is False
    assert (
        '<a class="govuk-link" href="/hub/search/?theme=attendance&amp;type=case-study">'
        "See all case studies on Attendance</a>"
    ) in html
    assert "type=news" not in html


def _queries(client) -> int:
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def _one_of_each(**kwargs) -> None:
    ThematicReviewPageFactory(**kwargs)
    InterventionPageFactory(phases=["primary"], **kwargs)
    CaseStudyPageFactory(**kwargs)
    ResearchReportPageFactory(**kwargs)
    ReadingListPageFactory(**kwargs)
    FurtherReadingPageFactory(**kwargs)
    NewsPageFactory(**kwargs)


def test_theme_page_query_count_does_not_grow(client):
    _one_of_each()
    one = _queries(client)
    _one_of_each(themes=["attendance", "send"])
    _one_of_each(visibility=Visibility.PUBLIC)

    assert _queries(client) == one


# --- The cached content (reconnect.hub.fragments) ----------------------------------------


def _hub_queries(client) -> list[str]:
    """The queries a request makes of the Hub's content tables (its version row aside)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return [
        query["sql"]
        for query in queries.captured_queries
        if "hub_" in query["sql"] and "hub_searchstate" not in query["sql"]
    ]


def test_a_repeat_visit_reads_no_hub_content(client, staff_at_school_a):
    _one_of_each()
    client.force_login(staff_at_school_a)
    first = client.get(URL).content.decode()

    assert _hub_queries(client) == []
    # The same content; the base template around it (nonces, CSRF token) is per request.
    [kept] = [value for key, value in _cached() if key.startswith("hub:v1:theme:")]
    assert "Attendance" in kept.body
    assert kept.body in first
    assert kept.body in client.get(URL).content.decode()
    assert "nonce" not in kept.body
    assert "csrf" not in kept.body


def _cached() -> list[tuple[str, Any]]:
    """Every (key, value) in the test's in-process cache (its keys are ``:1:<our key>``)."""
    keys = [key.split(":", 2)[2] for key in cache._cache]  # type: ignore[attr-defined]
    return [(key, cache.get(key)) for key in keys]


def test_a_published_item_shows_on_the_next_request(client):
    CaseStudyPageFactory(title="First story")
    assert "First story" in client.get(URL).content.decode()

    CaseStudyPageFactory(title="Second story")

    html = client.get(URL).content.decode()
    assert "First story" in html
    assert "Second story" in html


def test_an_edited_or_unpublished_item_shows_as_changed_on_the_next_request(client):
    story = CaseStudyPageFactory(title="Old title")
    NewsPageFactory(title="Leaving soon")
    assert "Old title" in client.get(URL).content.decode()

    story.title = "New title"
    story.save_revision().publish()
    html = client.get(URL).content.decode()
    assert ">New title</a>" in html
    assert ">Old title</a>" not in html

    leaving = NewsPageFactory._meta.model.objects.get(title="Leaving soon")
    leaving.unpublish()
    assert "Leaving soon" not in client.get(URL).content.decode()


def test_a_retagged_item_or_renamed_theme_shows_on_the_next_request(client):
    story = CaseStudyPageFactory(title="Moving story")
    assert "Moving story" in client.get(URL).content.decode()

    story.themes.set([ThemeFactory(slug="send")])
    story.save_revision().publish()
    assert "Moving story" not in client.get(URL).content.decode()

    theme = Theme.objects.get(slug="attendance")
    theme.name = "School attendance"
    theme.save()
    assert '<h1 class="govuk-heading-xl">School attendance</h1>' in client.get(URL).content.decode()


def test_a_members_cached_page_never_reaches_a_visitor(client, staff_at_school_a):
    CaseStudyPageFactory(title="Private story", visibility=Visibility.MEMBERS)
    ThematicReviewPageFactory(title="Private review", visibility=Visibility.MEMBERS)
    CaseStudyPageFactory(title="Open story")
    client.force_login(staff_at_school_a)
    member = client.get(URL).content.decode()
    client.logout()

    visitor = client.get(URL).content.decode()

    assert "Private story" in member
    assert "Private review" in member
    assert "Who can help with this?" in member
    assert "Open story" in visitor
    assert "Private story" not in visitor
    assert "Private review" not in visitor
    assert "Who can help with this?" not in visitor


def test_a_visitors_cached_page_does_not_hide_members_only_items_from_members(
    client, staff_at_school_a
):
    CaseStudyPageFactory(title="Private story", visibility=Visibility.MEMBERS)
    assert "Private story" not in client.get(URL).content.decode()

    client.force_login(staff_at_school_a)

    assert "Private story" in client.get(URL).content.decode()


def test_an_unknown_theme_is_404_even_after_a_known_one_was_cached(client):
    client.get(URL)

    assert client.get("/hub/themes/no-such-theme/").status_code == 404
    assert client.get("/hub/themes/no-such-theme/").status_code == 404
