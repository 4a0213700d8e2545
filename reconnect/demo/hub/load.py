"""Publishes the demo content as Wagtail pages under the Hub's sections, idempotently.

Pages are matched by slug within their section: an item already there (whoever edited it
since) is left alone, so running the loader again creates nothing and overwrites nothing.
Each new page is added with ``add_child`` and published through a revision, exactly as an
editor's would be: it gets a revision history, a search-index entry and a first
publication date. Dates are set relative to the day of loading and spread over two years.
"""

import logging
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from reconnect.accounts.models import User
from reconnect.demo.accounts import DEMO_SCHOOL_A_URN
from reconnect.demo.hub.case_studies import CASE_STUDIES
from reconnect.demo.hub.interventions import INTERVENTIONS
from reconnect.demo.hub.news import NEWS
from reconnect.demo.hub.reading import FURTHER_READING, READING_LISTS
from reconnect.demo.hub.research import RESEARCH
from reconnect.demo.hub.reviews import REVIEWS
from reconnect.demo.hub.shapes import (
    DemoCaseStudy,
    DemoIntervention,
    DemoItem,
    DemoNews,
    DemoReading,
    DemoReadingList,
    DemoResearch,
    DemoReview,
)
from reconnect.demo.plan import FIRST_URN
from reconnect.hub.models import (
    Audience,
    CaseStudyPage,
    CaseStudySectionPage,
    FurtherReadingPage,
    HubPage,
    InterventionPage,
    InterventionSectionPage,
    InterventionSource,
    NewsPage,
    NewsSectionPage,
    Phase,
    ReadingListEntry,
    ReadingListPage,
    ReadingSectionPage,
    ResearchReportPage,
    ResearchSectionPage,
    ReviewSectionPage,
    ThematicReviewPage,
    Theme,
    Visibility,
)
from reconnect.hub.services.tree import hub_tree_ensure
from reconnect.schools.models import School

SPREAD_DAYS = 730  # "the last two years"
PUBLISHED_AT = clock(9, 30, tzinfo=UTC)
PAGE_MODELS: tuple[type[HubPage], ...] = (
    InterventionPage,
    FurtherReadingPage,
    CaseStudyPage,
    ThematicReviewPage,
    ReadingListPage,
    ResearchReportPage,
    NewsPage,
)


@dataclass
class HubContentResult:
    created: int = 0
    existing: int = 0
    seconds: float = 0.0
    by_type: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.created + self.existing


def hub_content_items() -> list[DemoItem]:
    """Every demo item, in loading order (what others link to comes first)."""
    return [
        *INTERVENTIONS,
        *FURTHER_READING,
        *CASE_STUDIES,
        *REVIEWS,
        *READING_LISTS,
        *RESEARCH,
        *NEWS,
    ]


def hub_content_is_loaded() -> bool:
    """True when every demo item's slug is in the Hub already."""
    slugs = {item.slug for item in hub_content_items()}
    return HubPage.objects.filter(slug__in=slugs).count() >= len(slugs)


def hub_content_load() -> HubContentResult:
    """Publish whatever demo items are missing from the Hub; return what happened.

    Side effects: ensures the Hub's page tree, then adds and publishes one page (with a
    revision, its tags, inline sources or entries and a search-index entry) per missing
    item. Case studies are linked to demo schools when those are loaded (run after the
    network seed), otherwise to no school.
    """
    started = time.perf_counter()
    hub_tree_ensure()
    result = HubContentResult()
    with transaction.atomic():
        with _indexing_once():
            loader = _Loader(result)
            loader.run()
        _index(loader.new_pages)
    result.seconds = time.perf_counter() - started
    return result


@contextmanager
def _indexing_once() -> Iterator[None]:
    """Hold back the search and reference indexes (and Wagtail's log) while pages are built.

    Adding and publishing a page saves it three times, and each save would re-index it:
    two thirds of the loading time. The loader indexes each new page once at the end
    instead (``_index``). Only this process's signal receivers are touched, and they are
    reconnected whatever happens.
    """
    # Wagtail logs three lines per page ("created", "edited", "published"): 400 lines of
    # noise in `make run`. The admin's own history (log entries) is still written.
    wagtail_log = logging.getLogger("wagtail")
    level = wagtail_log.level
    wagtail_log.setLevel(logging.WARNING)
    for model in PAGE_MODELS:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in PAGE_MODELS:
            post_save.connect(post_save_signal_handler, sender=model)
        wagtail_log.setLevel(level)


def _index(page_ids: dict[type[HubPage], list[int]]) -> None:
    """Index the new pages for search (one bulk write per type) and for references."""
    backends = list(get_search_backends(with_auto_update=True))
    for model, ids in page_ids.items():
        pages = list(model.objects.filter(pk__in=ids).prefetch_related("themes"))
        for backend in backends:
            backend.add_bulk(model, pages)
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)


class _Loader:
    def __init__(self, result: HubContentResult) -> None:
        self.result = result
        self.today = timezone.localdate()
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.phases = {phase.slug: phase for phase in Phase.objects.all()}
        self.audiences = {audience.slug: audience for audience in Audience.objects.all()}
        self.published: list[tuple[int, int, datetime]] = []  # page, revision, date
        self.new_pages: dict[type[HubPage], list[int]] = {}

    def run(self) -> None:
        interventions = self._load(
            InterventionSectionPage, INTERVENTIONS, InterventionPage, self._intervention
        )
        reading = self._load(ReadingSectionPage, FURTHER_READING, FurtherReadingPage, self._reading)
        self.schools = self._school_picks(CASE_STUDIES)
        self.submitter = User.objects.filter(email="head.a@example.org").first()
        self.interventions = interventions
        case_studies = self._load(
            CaseStudySectionPage, CASE_STUDIES, CaseStudyPage, self._case_study
        )
        self.case_studies = case_studies
        self._load(ReviewSectionPage, REVIEWS, ThematicReviewPage, self._review)
        self.reading = reading
        self._load(ReadingSectionPage, READING_LISTS, ReadingListPage, self._reading_list)
        self._load(ResearchSectionPage, RESEARCH, ResearchReportPage, self._research)
        self._load(NewsSectionPage, NEWS, NewsPage, self._news)
        self._backdate()

    def _load[P: HubPage, I: DemoItem](
        self, section_model: type[Page], items: Sequence[I], model: type[P], build: object
    ) -> dict[str, P]:
        """Add the missing ``items`` under the section; return every item's page by slug."""
        section = section_model.objects.get()
        slugs = [item.slug for item in items]
        pages: dict[str, P] = {
            page.slug: page for page in model.objects.child_of(section).filter(slug__in=slugs)
        }
        self.result.existing += len(pages)
        for item in items:
            if item.slug in pages:
                continue
            page = build(item)  # type: ignore[operator]
            self._tag(page, item)
            section.add_child(instance=page)
            # add_child has validated the page already; the revision need not do it again.
            revision = page.save_revision(clean=False)
            revision.publish()
            self.published.append((page.pk, revision.pk, page.first_published_at))
            self.new_pages.setdefault(model, []).append(page.pk)
            pages[item.slug] = page
            self.result.created += 1
            self.result.by_type[model.__name__] = self.result.by_type.get(model.__name__, 0) + 1
        return pages

    def _when(self, item: DemoItem) -> date:
        days = item.days_ago
        if days is None:
            # Stable across runs and machines: the same item always lands on the same day.
            days = zlib.crc32(item.slug.encode()) % SPREAD_DAYS
        return self.today - timedelta(days=days)

    def _tag(self, page: HubPage, item: DemoItem) -> None:
        published = self._when(item)
        page.first_published_at = datetime.combine(published, PUBLISHED_AT)
        page.visibility = Visibility.MEMBERS if item.members_only else Visibility.PUBLIC
        if page.last_reviewed is None:
            reviewed = published + timedelta(days=zlib.crc32(item.title.encode()) % 120)
            page.last_reviewed = min(reviewed, self.today)
        page.themes = [self.themes[slug] for slug in item.themes]
        page.phases = [self.phases[slug] for slug in item.phases]
        page.audiences = [self.audiences[slug] for slug in item.audiences]

    def _backdate(self) -> None:
        """Date each new page's publication and revision as if written on its day."""
        for page_id, revision_id, published in self.published:
            Page.objects.filter(pk=page_id).update(
                last_published_at=published, latest_revision_created_at=published
            )
            Revision.objects.filter(pk=revision_id).update(created_at=published)

    # Builders: one unsaved page per demo item.

    def _intervention(self, item: DemoIntervention) -> InterventionPage:
        page = InterventionPage(
            title=item.title,
            slug=item.slug,
            summary=item.summary,
            impact_months=item.impact_months,
            effect_size=item.effect_size,
            cost_rating=item.cost_rating,
            evidence_rating=item.evidence_rating,
            figures_checked=item.figures_checked,
            last_reviewed=item.figures_checked,
            what_it_is=item.what_it_is,
            key_findings=item.key_findings,
            behind_the_average=item.behind_the_average,
            closing_the_gap=item.closing_the_gap,
            explore=item.explore,
            prepare=item.prepare,
            deliver=item.deliver,
            sustain=item.sustain,
        )
        page.sources = [
            InterventionSource(title=source.title, url=source.url, date_checked=source.checked)
            for source in item.sources
        ]
        return page

    def _reading(self, item: DemoReading) -> FurtherReadingPage:
        return FurtherReadingPage(
            title=item.title,
            slug=item.slug,
            summary=item.summary,
            authors=item.authors,
            year=item.year,
            publisher=item.publisher,
            external_url=item.url,
            annotation=item.annotation,
        )

    def _school_picks(self, studies: Iterable[DemoCaseStudy]) -> dict[str, School]:
        """The demo school for each case study: by URN, or the next one of a phase."""
        schools = list(
            School.objects.filter(urn__gte=FIRST_URN).order_by("urn").only("pk", "urn", "phase")
        )
        by_urn = {school.urn: school for school in schools}
        taken = {study.school for study in studies if isinstance(study.school, int)}
        picks: dict[str, School] = {}
        for study in studies:
            if isinstance(study.school, int):
                school = by_urn.get(study.school)
            else:
                school = next(
                    (s for s in schools if s.phase == study.school and s.urn not in taken), None
                )
            if school is not None:
                taken.add(school.urn)
                picks[study.slug] = school
        return picks

    def _case_study(self, item: DemoCaseStudy) -> CaseStudyPage:
        school = self.schools.get(item.slug)
        page = CaseStudyPage(
            title=item.title,
            slug=item.slug,
            summary=item.summary,
            school=school,
            school_consent=item.school_consent,
            context=item.context,
            what_we_did=item.what_we_did,
            evidence_of_impact=item.evidence_of_impact,
            what_others_can_take=item.what_others_can_take,
            submitted_by=(
                self.submitter if school is not None and school.urn == DEMO_SCHOOL_A_URN else None
            ),
        )
        page.interventions = [self.interventions[slug] for slug in item.interventions]
        return page

    def _review(self, item: DemoReview) -> ThematicReviewPage:
        page = ThematicReviewPage(
            title=item.title,
            slug=item.slug,
            summary=item.summary,
            theme=self.themes[item.theme],
            evidence_says=item.evidence_says,
            london_practice=item.london_practice,
            questions_for_leaders=item.questions_for_leaders,
        )
        page.related_interventions = [self.interventions[s] for s in item.interventions]
        page.related_case_studies = [self.case_studies[s] for s in item.case_studies]
        return page

    def _reading_list(self, item: DemoReadingList) -> ReadingListPage:
        page = ReadingListPage(
            title=item.title, slug=item.slug, summary=item.summary, introduction=item.introduction
        )
        page.entries = [
            ReadingListEntry(item=self.reading[slug], note=note, sort_order=position)
            for position, (slug, note) in enumerate(item.entries)
        ]
        return page

    def _research(self, item: DemoResearch) -> ResearchReportPage:
        return ResearchReportPage(
            title=item.title,
            slug=item.slug,
            summary=item.summary,
            authors=item.authors,
            publication_date=self._when(item),
            key_findings=item.key_findings,
            body=item.body,
        )

    def _news(self, item: DemoNews) -> NewsPage:
        return NewsPage(title=item.title, slug=item.slug, summary=item.summary, body=item.body)
