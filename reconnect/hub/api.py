"""The Knowledge Hub as JSON (``/api/v1/hub``): themes and the interventions explorer.

Public items are open to anyone, as on the website, so these operations take no
authentication of their own (``auth=None``); the reader is Django's session user, and
members-only interventions exist only for a signed-in member (a visitor gets a 404, exactly
as for an unknown id). The same selectors serve the explorer page, so the two never
disagree, and every rating is put into words by ``reconnect.hub.analysis.eef``.
"""

import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, P, PathEx, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator
from wagtail.rich_text import expand_db_html

from reconnect.core.api_schema import INVALID, NOT_FOUND, BoundedPagination
from reconnect.hub import selectors
from reconnect.hub.analysis import eef
from reconnect.hub.models import InterventionPage, Phase, Theme, Visibility
from reconnect.hub.search.api import router as search_router

# Slugs as the taxonomy writes them: anything else cannot match, and a NUL byte would
# otherwise reach PostgreSQL (which refuses it) inside a filter.
SLUG = r"^[a-z0-9-]*$"
RICH_TEXT_FIELDS = (
    "what_it_is",
    "key_findings",
    "behind_the_average",
    "closing_the_gap",
    "explore",
    "prepare",
    "deliver",
    "sustain",
)

router = Router(tags=["hub"])
# Search (``/hub/search``) lives with the search engine; it is mounted here, under /hub.
router.add_router("", search_router)

MAX_PAGE_SIZE = 100


class ThemeOut(Schema):
    slug: str
    name: str
    summary: str


class TagOut(Schema):
    slug: str
    name: str


class SourceOut(Schema):
    title: str
    url: str
    date_checked: datetime.date


class InterventionOut(Schema):
    """An intervention's headline: the EEF Toolkit's three measures, in figures and words."""

    id: int
    title: str
    url: str = Field(description="The intervention's page on the website")
    summary: str
    visibility: Visibility
    themes: list[TagOut]
    phases: list[TagOut]
    impact_months: int | None = Field(description="Months of additional progress, if estimated")
    impact_label: str = Field(description='The Toolkit\'s word for the impact ("moderate")')
    effect_size: float | None
    cost_rating: int = Field(ge=1, le=5)
    cost_label: str
    cost_per_pupil: str = Field(description="The £-per-pupil band of the cost rating")
    evidence_rating: int = Field(ge=0, le=5, description="Evidence strength in padlocks, 0 to 5")
    evidence_label: str
    headline: str
    figures_checked: datetime.date
    last_reviewed: datetime.date | None

    @staticmethod
    def resolve_id(page: InterventionPage) -> int:
        return page.pk

    @staticmethod
    def resolve_url(page: InterventionPage, context: dict[str, Any]) -> str:
        # With the request, Wagtail caches the site's root paths on it: one lookup per
        # response, not one per item.
        return page.get_url(request=context["request"]) or ""

    @staticmethod
    def resolve_themes(page: InterventionPage) -> list[Theme]:
        return list(page.themes.all())

    @staticmethod
    def resolve_phases(page: InterventionPage) -> list[Phase]:
        return list(page.phases.all())

    @staticmethod
    def resolve_effect_size(page: InterventionPage) -> float | None:
        return None if page.effect_size is None else float(page.effect_size)

    @staticmethod
    def resolve_cost_label(page: InterventionPage) -> str:
        return eef.COST_BANDS[page.cost_rating].label

    @staticmethod
    def resolve_cost_per_pupil(page: InterventionPage) -> str:
        return eef.COST_BANDS[page.cost_rating].per_pupil


class InterventionDetailOut(InterventionOut):
    """The whole intervention; the text fields are sanitised HTML from the editors."""

    what_it_is: str
    key_findings: str
    behind_the_average: str
    closing_the_gap: str
    explore: str
    prepare: str
    deliver: str
    sustain: str
    sources: list[SourceOut]

    @staticmethod
    def resolve_sources(page: InterventionPage) -> list[Any]:
        return list(page.sources.all())

    # Editors' rich text, with Wagtail's internal page and document links made real URLs.
    @field_validator(*RICH_TEXT_FIELDS, mode="before")
    @classmethod
    def expand_rich_text(cls, value: str | None) -> str:
        return expand_db_html(value or "")


class InterventionFiltersIn(Schema):
    theme: str = Field("", max_length=60, pattern=SLUG, description="A theme's slug")
    phase: list[Annotated[str, Field(max_length=40, pattern=SLUG)]] = Field(
        default_factory=list, description="Phase slugs; an intervention for any of them matches"
    )
    min_evidence: int | None = Field(None, ge=0, le=5, description="At least this many padlocks")
    max_cost: int | None = Field(None, ge=1, le=5, description="At most this cost rating")
    sort: Literal["impact", "cost", "evidence", "name"] = Field(
        "impact",
        description="impact (highest first), cost (lowest first), evidence (strongest first) "
        "or name; ties fall back to impact, evidence, then cost",
    )


@router.get(
    "/themes",
    response=list[ThemeOut],
    auth=None,
    url_name="hub-theme-list",
    operation_id="hub_theme_list",
    summary="The Hub's themes, in the network's order",
)
def theme_list(request: HttpRequest) -> Any:
    return selectors.theme_list()


@router.get(
    "/interventions",
    response={200: list[InterventionOut], **INVALID},
    auth=None,
    url_name="hub-intervention-list",
    operation_id="hub_intervention_list",
    summary="Interventions, filtered and ranked as in the explorer",
)
@paginate(BoundedPagination, page_size=25, max_page_size=MAX_PAGE_SIZE)
def intervention_list(request: HttpRequest, filters: Query[InterventionFiltersIn]) -> Any:
    return selectors.intervention_list(
        request.user,
        selectors.InterventionFilters(
            theme=filters.theme,
            phases=tuple(filters.phase),
            min_evidence=filters.min_evidence,
            max_cost=filters.max_cost,
            sort=selectors.InterventionSort(filters.sort),
        ),
        with_tags=True,
    )


@router.get(
    "/interventions/{intervention_id}",
    response={200: InterventionDetailOut, **NOT_FOUND, **INVALID},
    auth=None,
    url_name="hub-intervention-detail",
    operation_id="hub_intervention_detail",
    summary="One intervention in full: measures, guidance and sources",
)
def intervention_detail(
    request: HttpRequest, intervention_id: PathEx[int, P(ge=1, le=2**31 - 1)]
) -> Any:
    return get_object_or_404(
        selectors.intervention_detail_queryset(request.user), pk=intervention_id
    )
