"""The Hub's Wagtail pages as readers see them: content, tags, visibility, related items."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document

from reconnect.hub.models import ReadingListEntry, Visibility
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

MEMBERS_ONLY_TAG = '<strong class="govuk-tag govuk-tag--purple">Members only</strong>'


def count_queries(client, url: str) -> int:
    """Queries for one request, after a first one has warmed Wagtail's site-root cache."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _at(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2025, 3, day, 9, 0))


# --- Intervention ------------------------------------------------------------------------------


def test_intervention_page_shows_the_eef_headline_in_words(client):
    page = InterventionPageFactory(
        title="One to one tuition",
        themes=["learning-gaps"],
        phases=["primary", "secondary"],
        impact_months=5,
        effect_size=Decimal("0.38"),
        cost_rating=4,
        evidence_rating=4,
        figures_checked=datetime.date(2025, 2, 3),
        last_reviewed=datetime.date(2025, 2, 10),
    )

    html = _html(client.get(page.url))

    assert '<h1 class="govuk-heading-xl">One to one tuition</h1>' in html
    assert "Moderate impact (+5 months) for high cost, based on extensive evidence." in html
    assert (
        '<strong class="govuk-!-font-size-24">+5 months</strong><br>'
        "Moderate impact · effect size 0.38" in html
    )
    assert (
        '<strong class="govuk-!-font-size-24" aria-hidden="true">££££</strong>'
        '<span class="govuk-visually-hidden">4 out of 5</span><br>'
        "High cost: £720 to £1,200 per pupil a year" in html
    )
    assert (
        '<span class="govuk-visually-hidden">4 out of 5 padlocks</span><br>Extensive evidence'
        in html
    )
    assert "Figures checked on 3 February 2025." in html
    assert "Last reviewed 10 February 2025" in html
    assert '<a class="govuk-tag rc-tag" href="/hub/themes/learning-gaps/">Learning gaps</a>' in html
    assert '<strong class="govuk-tag govuk-tag--grey">Primary</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--grey">Secondary</strong>' in html
    for phase in ("Explore", "Prepare", "Deliver", "Sustain"):
        assert f'<h3 class="govuk-heading-s">{phase}</h3><p>{phase}.</p>' in html
    assert (
        '<a class="govuk-link" href="https://educationendowmentfoundation.org.uk/toolkit" '
        'rel="noopener noreferrer">EEF Toolkit: One to one tuition</a>'
    ) in html
    assert MEMBERS_ONLY_TAG not in html


def test_intervention_without_an_estimate_says_so(client):
    page = InterventionPageFactory(impact_months=None, effect_size=None, evidence_rating=0)

    html = _html(client.get(page.url))

    assert (
        '<strong class="govuk-!-font-size-24">Not estimated</strong><br>Impact not estimated</dd>'
        in html
    )
    assert "Insufficient evidence" in html


def test_intervention_related_items_hide_members_only_ones_from_visitors(client, staff_at_school_a):
    page = InterventionPageFactory()
    public_study = CaseStudyPageFactory(title="Public study", interventions=[page])
    CaseStudyPageFactory(title="Private study", interventions=[page], visibility=Visibility.MEMBERS)
    CaseStudyPageFactory(title="Draft study", interventions=[page], live=False)
    ThematicReviewPageFactory(
        title="Private review", related_interventions=[page], visibility=Visibility.MEMBERS
    )

    visitor = client.get(page.url)
    client.force_login(staff_at_school_a)
    member = client.get(page.url)

    assert [p.title for p in visitor.context["related_case_studies"]] == [public_study.title]
    assert visitor.context["related_reviews"] == []
    assert "Private study" not in visitor.content.decode()
    assert [p.title for p in member.context["related_case_studies"]] == [
        "Private study",
        "Public study",
    ]
    assert [p.title for p in member.context["related_reviews"]] == ["Private review"]


def test_members_only_intervention_is_404_for_visitors_and_200_for_members(
    client, staff_at_school_a
):
    page = InterventionPageFactory(title="Secret sauce", visibility=Visibility.MEMBERS)

    assert client.get(page.url).status_code == 404
    client.force_login(staff_at_school_a)
    html = _html(client.get(page.url))

    assert MEMBERS_ONLY_TAG in html
    assert "Secret sauce" in html


def test_draft_page_is_404_for_everyone(client, staff_at_school_a):
    page = NewsPageFactory(live=False)
    client.force_login(staff_at_school_a)

    assert client.get(f"/hub/news/{page.slug}/").status_code == 404


# --- Case study --------------------------------------------------------------------------------


def test_case_study_escapes_member_text_and_keeps_line_breaks(client, staff_at_school_a):
    page = CaseStudyPageFactory(
        title="Attendance mentors",
        context="Line one\nLine two <script>alert(1)</script>",
        what_we_did="We <b>mentored</b>.",
        visibility=Visibility.MEMBERS,
    )
    client.force_login(staff_at_school_a)

    html = _html(client.get(page.url))

    assert '<h2 class="govuk-heading-m">Context</h2>' in html
    assert "<p>Line one<br>Line two &lt;script&gt;alert(1)&lt;/script&gt;</p>" in html
    assert "<p>We &lt;b&gt;mentored&lt;/b&gt;.</p>" in html
    for heading in ("What we did", "Evidence of impact", "What others can take"):
        assert f'<h2 class="govuk-heading-m">{heading}</h2>' in html
    assert MEMBERS_ONLY_TAG in html


def test_case_study_names_its_school_only_with_consent(client, school_a, school_b):
    named = CaseStudyPageFactory(school=school_a, school_consent=True)
    unnamed = CaseStudyPageFactory(school=school_b, school_consent=False)

    assert (
        '<p class="govuk-body">School: '
        '<a class="govuk-link" href="/schools/900001/">Demo School A</a></p>'
        in _html(client.get(named.url))
    )
    assert "Demo School B" not in _html(client.get(unnamed.url))


def test_case_study_lists_only_visible_interventions(client):
    public = InterventionPageFactory(title="Public approach")
    private = InterventionPageFactory(title="Private approach", visibility=Visibility.MEMBERS)
    page = CaseStudyPageFactory(interventions=[public, private], themes=["send"])

    response = client.get(page.url)

    assert [p.title for p in response.context["related_interventions"]] == ["Public approach"]
    assert '<a class="govuk-link" href="/hub/themes/send/">SEND</a>' in _html(response)


# --- Research, reviews, reading, news ----------------------------------------------------------


def test_research_report_offers_its_document_with_type_and_size(client):
    # The admin's upload form records the size; the page never computes it on a GET.
    document = Document(title="Report", file_size=2048)
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2039), save=False)
    document.save()
    page = ResearchReportPageFactory(
        title="Absence in Camden",
        authors="R. Author",
        publication_date=datetime.date(2024, 11, 5),
        document=document,
    )

    html = _html(client.get(page.url))

    assert '<dd class="govuk-summary-list__value">R. Author</dd>' in html
    assert '<dd class="govuk-summary-list__value">5 November 2024</dd>' in html
    assert (
        f'href="{document.url}">Download the report “Absence in Camden”</a> '
        '<span class="govuk-body-s">(PDF, 2.0\xa0KB)</span>' in html
    )
    assert "<li>Attendance rose.</li>" in html
    assert "<p>The full text.</p>" in html


def test_thematic_review_shows_its_sections_and_visible_links(client):
    theme = ThemeFactory(slug="transition")
    intervention = InterventionPageFactory(title="Summer school", impact_months=2)
    hidden = CaseStudyPageFactory(visibility=Visibility.MEMBERS)
    page = ThematicReviewPageFactory(
        theme=theme, related_interventions=[intervention], related_case_studies=[hidden]
    )

    response = client.get(page.url)
    html = _html(response)

    assert (
        '<a class="govuk-link" href="/hub/themes/transition/">Everything on Transition</a>' in html
    )
    for heading in ("What the evidence says", "What London schools do", "Questions for leaders"):
        assert f'<h2 class="govuk-heading-m">{heading}</h2>' in html
    assert [p.title for p in response.context["related_interventions"]] == ["Summer school"]
    assert response.context["related_case_studies"] == []


def test_further_reading_cites_and_links_out_safely(client):
    page = FurtherReadingPageFactory(
        title="Belonging in schools",
        authors="K. Allen",
        year=2019,
        publisher="OUP",
        external_url="https://example.org/belonging",
        annotation="Read it.\n\nTwice.",
    )

    html = _html(client.get(page.url))

    assert "K. Allen (2019). <cite>Belonging in schools</cite>. OUP." in html
    assert (
        '<a class="govuk-link" href="https://example.org/belonging" rel="noopener noreferrer">'
        "Read “Belonging in schools”" in html
    )
    assert "<p>Read it.</p>\n\n<p>Twice.</p>" in html


def test_reading_list_keeps_its_order_and_hides_entries_the_reader_cannot_see(
    client, staff_at_school_a
):
    first = FurtherReadingPageFactory(title="First read")
    private = FurtherReadingPageFactory(title="Private read", visibility=Visibility.MEMBERS)
    last = FurtherReadingPageFactory(title="Last read")
    page = ReadingListPageFactory(
        entries=[
            ReadingListEntry(item=last, note="Finish here.", sort_order=2),
            ReadingListEntry(item=first, note="Start here.", sort_order=0),
            ReadingListEntry(item=private, note="Members' extra.", sort_order=1),
        ]
    )

    visitor = client.get(page.url)
    client.force_login(staff_at_school_a)
    member = client.get(page.url)

    assert [e.item.title for e in visitor.context["entries"]] == ["First read", "Last read"]
    assert "Private read" not in visitor.content.decode()
    assert [e.note for e in member.context["entries"]] == [
        "Start here.",
        "Members' extra.",
        "Finish here.",
    ]


def test_news_page_shows_its_body_and_published_date(client):
    page = NewsPageFactory(title="Network day", body="<p>See you there.</p>")

    html = _html(client.get(page.url))

    assert "<p>See you there.</p>" in html
    assert f"Published {page.first_published_at:%-d %B %Y}" in html
    assert (
        '<li class="govuk-breadcrumbs__list-item">'
        '<a class="govuk-breadcrumbs__link" href="/hub/news/">News</a></li>' in html
    )


# --- Hub home and sections ---------------------------------------------------------------------


def test_hub_home_has_search_themes_newest_and_top_interventions(client):
    low = InterventionPageFactory(title="Low", impact_months=1, first_published_at=_at(1))
    high = InterventionPageFactory(title="High", impact_months=7, first_published_at=_at(2))
    InterventionPageFactory(title="Hidden", impact_months=9, visibility=Visibility.MEMBERS)
    news = NewsPageFactory(title="Latest", first_published_at=_at(3))

    response = client.get("/hub/")
    html = _html(response)

    assert '<form method="get" action="/hub/search/" role="search"' in html
    assert 'name="q" type="search"' in html
    assert len(response.context["themes"]) == 12
    assert (
        '<a class="govuk-link" href="/hub/themes/poverty-and-hunger/">Poverty and hunger</a>'
        in html
    )
    assert [p.title for p in response.context["newest"]] == [news.title, high.title, low.title]
    assert [p.title for p in response.context["top_interventions"]] == ["High", "Low"]


def test_section_lists_visible_children_newest_first(client, staff_at_school_a):
    old = CaseStudyPageFactory(title="Old", first_published_at=_at(1))
    new = CaseStudyPageFactory(title="New", first_published_at=_at(5))
    CaseStudyPageFactory(title="Private", first_published_at=_at(3), visibility=Visibility.MEMBERS)
    CaseStudyPageFactory(title="Draft", live=False)

    visitor = client.get("/hub/case-studies/")
    client.force_login(staff_at_school_a)
    member = client.get("/hub/case-studies/")

    assert [p.title for p in visitor.context["items"]] == [new.title, old.title]
    assert [p.title for p in member.context["items"]] == ["New", "Private", "Old"]
    assert MEMBERS_ONLY_TAG in member.content.decode()


def test_reading_section_lists_both_reading_types(client):
    FurtherReadingPageFactory(title="A book", first_published_at=_at(1))
    ReadingListPageFactory(title="A list", first_published_at=_at(2))

    html = _html(client.get("/hub/reading/"))

    assert '<p class="govuk-caption-s govuk-!-margin-bottom-1">Reading list</p>' in html
    assert '<p class="govuk-caption-s govuk-!-margin-bottom-1">Further reading item</p>' in html


def _three_more_case_studies() -> None:
    for n in range(2):
        CaseStudyPageFactory(
            themes=["send", "transition"],
            phases=["primary"],
            last_reviewed=datetime.date(2025, 1, n + 1),
        )


def test_section_page_query_count_does_not_grow(client):
    CaseStudyPageFactory(themes=["send"], phases=["primary"])
    one = count_queries(client, "/hub/case-studies/")
    _three_more_case_studies()

    three = count_queries(client, "/hub/case-studies/")

    assert three == one


def test_hub_home_query_count_does_not_grow(client):
    InterventionPageFactory()
    NewsPageFactory()
    one = count_queries(client, "/hub/")
    InterventionPageFactory(themes=["send", "leadership"], phases=["primary"])
    InterventionPageFactory(themes=["send"], phases=["secondary"])
    NewsPageFactory(themes=["send"])

    three = count_queries(client, "/hub/")

    assert three == one


def test_item_page_query_count_does_not_grow_with_related_items(client):
    page = InterventionPageFactory()
    CaseStudyPageFactory(interventions=[page])
    one = count_queries(client, page.url)
    CaseStudyPageFactory(interventions=[page], themes=["send"])
    CaseStudyPageFactory(interventions=[page])
    ThematicReviewPageFactory(related_interventions=[page])

    three = count_queries(client, page.url)

    assert three == one
