"""The shapes of the demo content, and two tiny helpers for the rich-text fields."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape


def p(*sentences: str) -> str:
    """One rich-text paragraph from plain sentences (escaped)."""
    return f"<p>{escape(' '.join(sentences), quote=False)}</p>"


def ul(*items: str) -> str:
    """A rich-text bullet list from plain items (escaped)."""
    return "<ul>" + "".join(f"<li>{escape(item, quote=False)}</li>" for item in items) + "</ul>"


@dataclass(frozen=True, kw_only=True)
class DemoItem:
    """What every Hub item carries: its title, summary and tags.

    ``days_ago`` dates the item's first publication relative to the day it is loaded, so
    "newest first" means something; ``None`` spreads it over the last two years by slug.
    """

    slug: str
    title: str
    summary: str
    themes: tuple[str, ...]
    phases: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ("school-leaders",)
    members_only: bool = False
    days_ago: int | None = None


@dataclass(frozen=True)
class DemoSource:
    title: str
    url: str
    checked: date


@dataclass(frozen=True, kw_only=True)
class DemoIntervention(DemoItem):
    impact_months: int | None
    cost_rating: int
    evidence_rating: int
    figures_checked: date
    sources: tuple[DemoSource, ...]
    what_it_is: str
    key_findings: str
    behind_the_average: str
    closing_the_gap: str
    explore: str
    prepare: str
    deliver: str
    sustain: str
    # No strand page in our research states a pooled effect size, so none is filled in;
    # deriving one from the months band would invent a figure.
    effect_size: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class DemoReading(DemoItem):
    authors: str
    year: int
    publisher: str
    url: str
    annotation: str


@dataclass(frozen=True, kw_only=True)
class DemoReadingList(DemoItem):
    introduction: str
    # (further-reading slug, why it is on the list), in reading order.
    entries: tuple[tuple[str, str], ...]


@dataclass(frozen=True, kw_only=True)
class DemoCaseStudy(DemoItem):
    # A demo school's URN, or a phase ("special", "secondary"...): the loader then picks
    # the next demo school of that phase, so the story fits the school whatever the seed.
    school: int | str
    school_consent: bool
    context: str
    what_we_did: str
    evidence_of_impact: str
    what_others_can_take: str
    interventions: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class DemoReview(DemoItem):
    theme: str
    evidence_says: str
    london_practice: str
    questions_for_leaders: str
    interventions: tuple[str, ...] = ()
    case_studies: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class DemoResearch(DemoItem):
    authors: str
    key_findings: str
    body: str


@dataclass(frozen=True, kw_only=True)
class DemoNews(DemoItem):
    body: str
