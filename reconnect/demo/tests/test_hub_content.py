import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from reconnect.demo.builder import seed_demo
from reconnect.demo.hub.interventions import EEF_PAGES_READ, INTERVENTIONS, OAK_SNAPSHOT, TOOLKIT
from reconnect.demo.hub.load import hub_content_is_loaded, hub_content_items, hub_content_load
from reconnect.demo.hub.shapes import DemoIntervention
from reconnect.hub.models import (
    CaseStudyPage,
    FurtherReadingPage,
    HubPage,
    InterventionPage,
    InterventionSource,
    NewsPage,
    ReadingListEntry,
    ReadingListPage,
    ResearchReportPage,
    ThematicReviewPage,
    Theme,
    Visibility,
)

MINIMUMS = {
    InterventionPage: 30,
    ResearchReportPage: 3,
    ThematicReviewPage: 6,
    CaseStudyPage: 12,
    FurtherReadingPage: 60,
    ReadingListPage: 4,
    NewsPage: 4,
}


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MINIMUMS}


# Pure checks of the data, before any database.


def test_hub_content_slugs_are_unique_and_summaries_fit():
    items = hub_content_items()

    assert len({item.slug for item in items}) == len(items)
    assert [item.slug for item in items if len(item.summary) > 400] == []
    assert [item.slug for item in items if not item.themes] == []


def test_hub_content_interventions_carry_figures_within_the_eef_scales():
    for item in INTERVENTIONS:
        assert item.cost_rating in range(1, 6), item.slug
        assert item.evidence_rating in range(6), item.slug
        assert item.impact_months is None or -12 <= item.impact_months <= 12, item.slug
        # No estimate without evidence: a zero-padlock strand shows no months.
        assert (item.evidence_rating == 0) == (item.impact_months is None), item.slug
        assert item.figures_checked in {EEF_PAGES_READ, OAK_SNAPSHOT}, item.slug
        assert item.sources, item.slug
        assert all(source.url.startswith("http") for source in item.sources), item.slug


def _intervention(slug: str) -> DemoIntervention:
    return next(item for item in INTERVENTIONS if item.slug == slug)


@pytest.mark.parametrize(
    ("slug", "months", "cost", "padlocks"),
    [
        ("feedback", 6, 1, 4),  # EEF page: +6, very low cost, extensive evidence
        ("metacognition-and-self-regulation", 8, 1, 4),  # current EEF page text: +8
        ("reading-comprehension-strategies", 6, 1, 4),  # EEF page, not the 2025 copy's +7
        ("behaviour-interventions", 4, 2, 2),  # EEF page, not the 2025 copy's +3 / 3
        ("mentoring", 2, 3, 3),
        ("repeating-a-year", -3, 5, 2),
        ("aspiration-interventions", None, 1, 0),
        ("one-to-one-tuition", 5, 3, 3),  # no EEF page read: the 2025 figures
        ("early-years-communication-and-language", 7, 1, 3),
    ],
)
def test_hub_content_known_eef_figures(slug, months, cost, padlocks):
    item = _intervention(slug)

    assert (item.impact_months, item.cost_rating, item.evidence_rating) == (months, cost, padlocks)
    assert item.effect_size is None


def test_hub_content_figure_dates_follow_the_source_used():
    assert _intervention("feedback").figures_checked == datetime.date(2026, 11, 20)
    assert _intervention("one-to-one-tuition").figures_checked == datetime.date(2026, 4, 2)


# Loaded into the database. Loading publishes 133 pages (several seconds), so each test
# below loads once and checks everything that load should have produced.


@pytest.mark.django_db
def test_hub_content_load_publishes_linked_tagged_searchable_content():
    seed_demo()

    result = hub_content_load()

    counts = _counts()
    assert result.created == len(hub_content_items()) == sum(counts.values())
    assert result.existing == 0
    for model, minimum in MINIMUMS.items():
        assert counts[model.__name__] >= minimum, model.__name__
    assert counts == {
        "InterventionPage": 33,
        "ResearchReportPage": 3,
        "ThematicReviewPage": 6,
        "CaseStudyPage": 12,
        "FurtherReadingPage": 70,
        "ReadingListPage": 4,
        "NewsPage": 5,
    }
    _assert_every_item_is_live_tagged_and_dated()
    _assert_interventions_have_sources_and_known_figures()
    _assert_reviews_case_studies_and_lists_are_linked()
    _assert_search_finds_the_demo_words()
    _assert_publication_dates_spread_over_two_years()


def _assert_every_item_is_live_tagged_and_dated():
    pages = HubPage.objects.all()
    assert pages.filter(live=False).count() == 0
    assert pages.filter(live_revision__isnull=True).count() == 0
    assert pages.filter(themes__isnull=True).count() == 0
    assert pages.filter(last_reviewed__isnull=True).count() == 0
    # Every theme carries content; about a fifth of items are for members only.
    assert Theme.objects.count() == 12
    assert Theme.objects.filter(hub_pages__isnull=True).count() == 0
    members = pages.filter(visibility=Visibility.MEMBERS).count()
    assert members == 30
    assert 0.15 <= members / pages.count() <= 0.25


def _assert_interventions_have_sources_and_known_figures():
    assert InterventionPage.objects.filter(sources__isnull=True).count() == 0
    assert InterventionSource.objects.filter(url="").count() == 0
    feedback = InterventionPage.objects.get(slug="feedback")
    assert (feedback.impact_months, feedback.cost_rating, feedback.evidence_rating) == (6, 1, 4)
    assert feedback.effect_size is None
    assert feedback.figures_checked == datetime.date(2026, 11, 20)
    assert TOOLKIT == (
        "https://educationendowmentfoundation.org.uk/education-evidence/teaching-learning-toolkit"
    )
    assert feedback.headline == (
        "High impact (+6 months) for very low cost, based on extensive evidence"
    )
    assert [source.url for source in feedback.sources.all()] == [
        f"{TOOLKIT}/feedback",
        "https://github.com/oaknational/oak-open-curriculum-ecosystem",
    ]
    assert "Primary: about +7 months" in feedback.behind_the_average
    assert set(feedback.themes.values_list("slug", flat=True)) == {"learning-gaps", "engagement"}
    assert InterventionPage.objects.get(slug="metacognition-and-self-regulation").impact_months == 8
    assert InterventionPage.objects.get(slug="aspiration-interventions").impact_months is None


def _assert_reviews_case_studies_and_lists_are_linked():
    attendance = ThematicReviewPage.objects.get(slug="review-attendance")
    assert attendance.theme.slug == "attendance"
    assert sorted(attendance.related_interventions.values_list("slug", flat=True)) == [
        "behaviour-interventions",
        "mentoring",
        "parental-engagement",
    ]
    assert attendance.related_case_studies.count() == 2
    assert sorted(ThematicReviewPage.objects.values_list("theme__slug", flat=True)) == [
        "attendance",
        "learning-gaps",
        "mental-health-and-wellbeing",
        "poverty-and-hunger",
        "send",
        "transition",
    ]

    school_a = CaseStudyPage.objects.get(slug="morning-welcome-persistent-absence")
    assert school_a.school is not None
    assert (school_a.school.urn, school_a.school_consent) == (900001, True)
    assert school_a.submitted_by is not None
    assert school_a.submitted_by.email == "head.a@example.org"
    school_b = CaseStudyPage.objects.get(slug="year-9-mentoring-engagement")
    assert school_b.school is not None
    assert school_b.school.urn == 900002
    assert CaseStudyPage.objects.filter(school__isnull=True).count() == 0
    assert CaseStudyPage.objects.filter(school_consent=False).count() == 2
    assert CaseStudyPage.objects.filter(visibility=Visibility.MEMBERS).count() == 3
    special = CaseStudyPage.objects.get(slug="structured-ta-interventions-special-school")
    assert special.school is not None
    assert special.school.phase == "special"
    assert len(set(CaseStudyPage.objects.values_list("school", flat=True))) == 12
    assert school_a.interventions.count() == 2

    entries = ReadingListEntry.objects.filter(page__slug="reading-list-persistent-absence")
    assert [entry.item.slug for entry in entries.order_by("sort_order")][:2] == [
        "working-together-to-improve-attendance-summary",
        "the-key-senior-attendance-champion",
    ]
    assert ReadingListEntry.objects.count() == 23
    assert ReadingListPage.objects.filter(entries__isnull=True).count() == 0


def _assert_search_finds_the_demo_words():
    mentoring = list(InterventionPage.objects.live().search("mentoring"))
    absence = {page.slug for page in HubPage.objects.live().search("persistent absence")}

    assert mentoring[0].slug == "mentoring"
    assert {"morning-welcome-persistent-absence", "review-attendance"} <= absence


def _assert_publication_dates_spread_over_two_years():
    dates = list(HubPage.objects.values_list("first_published_at", flat=True))
    newest, oldest = max(dates), min(dates)

    assert len({value.date() for value in dates}) > 80
    assert datetime.timedelta(days=600) < newest - oldest < datetime.timedelta(days=731)
    news = NewsPage.objects.order_by("-first_published_at").first()
    assert news is not None
    assert news.slug == "knowledge-hub-opens"
    assert news.last_published_at == news.first_published_at


@pytest.mark.django_db
def test_hub_content_load_twice_creates_nothing_and_keeps_edits():
    first = hub_content_load()
    counts = (_counts(), Page.objects.count(), InterventionSource.objects.count())
    InterventionPage.objects.filter(slug="feedback").update(summary="Edited by a coordinator.")

    second = hub_content_load()

    items = len(hub_content_items())
    assert (first.created, second.created, second.existing) == (items, 0, items)
    assert (_counts(), Page.objects.count(), InterventionSource.objects.count()) == counts
    assert InterventionPage.objects.get(slug="feedback").summary == "Edited by a coordinator."
    assert hub_content_is_loaded()


@pytest.mark.django_db
def test_seed_demo_command_loads_the_hub_once_and_if_empty_keeps_it():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    again = StringIO()
    call_command("seed_demo", "--if-empty", stdout=again)

    assert f"Loaded the Knowledge Hub: {len(hub_content_items())} new items" in out.getvalue()
    assert InterventionPage.objects.count() == 33
    assert again.getvalue().startswith("The demo network is already loaded; nothing to do.")
    assert "Loaded the Knowledge Hub" not in again.getvalue()


@pytest.mark.django_db
def test_seed_demo_command_if_empty_fills_a_missing_hub():
    seed_demo()
    out = StringIO()

    call_command("seed_demo", "--if-empty", stdout=out)

    assert out.getvalue().startswith("The demo network is already loaded; nothing to do.")
    assert "Loaded the Knowledge Hub: 133 new items, 133 in all, in " in out.getvalue()
    assert InterventionPage.objects.count() == 33


@pytest.mark.django_db
def test_seed_demo_command_dry_run_mentions_the_hub_and_writes_nothing():
    out = StringIO()

    call_command("seed_demo", "--dry-run", stdout=out)

    assert "Would publish up to 133 Knowledge Hub items (those not there yet)." in out.getvalue()
    assert HubPage.objects.count() == 0


def test_hub_content_effect_sizes_are_left_empty():
    # No strand page read states a pooled effect size; none is derived from a months band.
    assert {item.effect_size for item in INTERVENTIONS} == {None}
