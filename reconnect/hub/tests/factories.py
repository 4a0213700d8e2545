"""Factories for the Knowledge Hub: the taxonomy and one per page type.

Page factories file each page under its section (the skeleton exists in every test
database, see ``services/tree.py``) with ``add_child`` and then publish a revision, as an
editor would, so Wagtail's search index and ``first_published_at`` are what a real page
has. Pass ``live=False`` for a draft that was never published.

    InterventionPageFactory(title="Tutoring", themes=["attendance"], phases=["primary"],
                            visibility=Visibility.MEMBERS, impact_months=4)

``themes``, ``phases`` and ``audiences`` take slugs or objects; themes default to
attendance. The taxonomy rows are seeded by migrations, so their factories look them up.
"""

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import factory
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

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


class ThemeFactory(factory.django.DjangoModelFactory):
    """One of the twelve seeded themes (``ThemeFactory(slug="send")``), or a new one."""

    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    slug = "attendance"
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    position = 99


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase
        django_get_or_create = ("slug",)

    slug = "primary"
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    position = 99


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("slug",)

    slug = "school-leaders"
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    position = 99


def _taxonomy(model: Any, values: Iterable[Any]) -> list[Any]:
    return [v if isinstance(v, model) else model.objects.get(slug=v) for v in values]


class HubPageFactory(factory.django.DjangoModelFactory):
    """Builds a page under its section and publishes it; subclasses name the section."""

    class Meta:
        model = HubPage
        abstract = True
        exclude = ("section_model",)

    if TYPE_CHECKING:
        # factory_boy's metaclass returns the page, which its untyped __new__ cannot say.
        def __new__(cls, *args: Any, **kwargs: Any) -> Any: ...

    title = factory.Sequence(lambda n: f"Hub item {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title)[:50])
    summary = factory.LazyAttribute(lambda o: f"Summary of {o.title}.")
    visibility = Visibility.PUBLIC
    live = True

    @classmethod
    def _create(cls, model_class: type[HubPage], *args: Any, **kwargs: Any) -> HubPage:
        themes = kwargs.pop("themes", None)
        phases = kwargs.pop("phases", ())
        audiences = kwargs.pop("audiences", ())
        parent = kwargs.pop("parent", None)
        # Inline children and page-to-page links live in the page's cluster until it is
        # saved, so the published revision carries them as an editor's would.
        children = {name: kwargs.pop(name) for name in cls._child_relations() if name in kwargs}
        live = kwargs.pop("live", True)
        page = model_class(*args, live=False, **kwargs)
        page.themes = _taxonomy(Theme, themes if themes is not None else ["attendance"])
        page.phases = _taxonomy(Phase, phases)
        page.audiences = _taxonomy(Audience, audiences)
        for name, rows in children.items():
            setattr(page, name, list(rows))
        if parent is None:
            parent = cls._section_model().objects.get()
        with transaction.atomic():
            parent.add_child(instance=page)
            revision = page.save_revision()
            if live:
                revision.publish()
                page.refresh_from_db()
        return page

    @classmethod
    def _section_model(cls) -> type[Page]:
        raise NotImplementedError

    @classmethod
    def _child_relations(cls) -> tuple[str, ...]:
        return ()


class ResearchReportPageFactory(HubPageFactory):
    class Meta:
        model = ResearchReportPage

    title = factory.Sequence(lambda n: f"Research report {n}")
    authors = "A. Researcher and B. Analyst"
    publication_date = datetime.date(2025, 3, 1)
    key_findings = "<ul><li>Attendance rose.</li></ul>"
    body = "<p>The full text.</p>"

    @classmethod
    def _section_model(cls) -> type[Page]:
        return ResearchSectionPage


class InterventionPageFactory(HubPageFactory):
    """An intervention with one source, unless ``sources=[...]`` says otherwise."""

    class Meta:
        model = InterventionPage

    title = factory.Sequence(lambda n: f"Intervention {n}")
    impact_months = 4
    effect_size = None  # most strands publish months without the pooled effect size
    cost_rating = 2
    evidence_rating = 3
    figures_checked = datetime.date(2025, 1, 15)
    what_it_is = "<p>What it is.</p>"
    key_findings = "<p>Key findings.</p>"
    behind_the_average = "<p>Behind the average.</p>"
    closing_the_gap = "<p>Closing the gap.</p>"
    explore = "<p>Explore.</p>"
    prepare = "<p>Prepare.</p>"
    deliver = "<p>Deliver.</p>"
    sustain = "<p>Sustain.</p>"
    sources = factory.LazyAttribute(
        lambda o: [
            InterventionSource(
                title=f"EEF Toolkit: {o.title}",
                url="https://educationendowmentfoundation.org.uk/toolkit",
                date_checked=o.figures_checked,
            )
        ]
    )

    @classmethod
    def _section_model(cls) -> type[Page]:
        return InterventionSectionPage

    @classmethod
    def _child_relations(cls) -> tuple[str, ...]:
        return ("sources",)


class ThematicReviewPageFactory(HubPageFactory):
    class Meta:
        model = ThematicReviewPage

    title = factory.Sequence(lambda n: f"Thematic review {n}")
    theme = factory.SubFactory(ThemeFactory)
    evidence_says = "<p>What the evidence says.</p>"
    london_practice = "<p>What London schools do.</p>"
    questions_for_leaders = "<ul><li>Do you know who is absent?</li></ul>"

    @classmethod
    def _create(cls, model_class: type[HubPage], *args: Any, **kwargs: Any) -> HubPage:
        # A review is tagged with the theme it is about, unless a test says otherwise.
        kwargs.setdefault("themes", [kwargs["theme"]])
        return super()._create(model_class, *args, **kwargs)

    @classmethod
    def _section_model(cls) -> type[Page]:
        return ReviewSectionPage

    @classmethod
    def _child_relations(cls) -> tuple[str, ...]:
        return ("related_interventions", "related_case_studies")


class CaseStudyPageFactory(HubPageFactory):
    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"Case study {n}")
    context = "Our context."
    what_we_did = "What we did."
    evidence_of_impact = "Our evidence."
    what_others_can_take = "What you can take."
    school_consent = False

    @classmethod
    def _section_model(cls) -> type[Page]:
        return CaseStudySectionPage

    @classmethod
    def _child_relations(cls) -> tuple[str, ...]:
        return ("interventions",)


class FurtherReadingPageFactory(HubPageFactory):
    class Meta:
        model = FurtherReadingPage

    title = factory.Sequence(lambda n: f"Further reading {n}")
    authors = "C. Author"
    year = 2023
    publisher = "Demo Press"
    external_url = "https://example.org/reading"
    annotation = "Why it is worth reading."

    @classmethod
    def _section_model(cls) -> type[Page]:
        return ReadingSectionPage


class ReadingListPageFactory(HubPageFactory):
    """A reading list; ``entries=[ReadingListEntry(item=..., note=...)]`` fills it."""

    class Meta:
        model = ReadingListPage

    title = factory.Sequence(lambda n: f"Reading list {n}")
    introduction = "Start here."

    @classmethod
    def _section_model(cls) -> type[Page]:
        return ReadingSectionPage

    @classmethod
    def _child_relations(cls) -> tuple[str, ...]:
        return ("entries",)


class NewsPageFactory(HubPageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"News {n}")
    body = "<p>News body.</p>"

    @classmethod
    def _section_model(cls) -> type[Page]:
        return NewsSectionPage


class InterventionSourceFactory(factory.django.DjangoModelFactory):
    """A further source saved straight onto a published intervention."""

    class Meta:
        model = InterventionSource

    page = factory.SubFactory(InterventionPageFactory)
    title = factory.Sequence(lambda n: f"Source {n}")
    url = "https://example.org/source"
    date_checked = datetime.date(2025, 1, 15)


class ReadingListEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReadingListEntry

    page = factory.SubFactory(ReadingListPageFactory)
    item = factory.SubFactory(FurtherReadingPageFactory)
    note = "Read the first chapter."
