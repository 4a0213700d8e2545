"""Reads of Hub content, always through the visibility rule.

Every listing, count and search in the Hub starts from ``hub_pages_visible_to`` so a
members-only item can never leak to a visitor by a path someone forgot to filter.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Prefetch, QuerySet

from reconnect.hub.models import (
    CaseStudyPage,
    FurtherReadingPage,
    HubPage,
    InterventionPage,
    InterventionSource,
    NewsPage,
    Phase,
    ReadingListEntry,
    ReadingListPage,
    ResearchReportPage,
    ThematicReviewPage,
    Theme,
    Visibility,
)

if TYPE_CHECKING:
    from reconnect.schools.models import School


def can_see_members_only(user: Any) -> bool:
    """Every signed-in account is a member of the network (sign-up is by invitation)."""
    return bool(user is not None and not isinstance(user, AnonymousUser) and user.is_authenticated)


def hub_pages_visible_to[PageT: HubPage](
    user: Any, queryset: QuerySet[PageT] | None = None
) -> QuerySet[PageT]:
    """Live Hub pages this user may read: public ones, plus members-only for members."""
    pages: QuerySet[Any] = queryset if queryset is not None else HubPage.objects.all()
    pages = pages.filter(live=True)
    if not can_see_members_only(user):
        pages = pages.filter(visibility=Visibility.PUBLIC)
    return pages


# --- Reader pages, theme pages and the interventions explorer (all via the rule above) ------

THEME_SECTION_LIMIT = 5
HOME_NEWEST_LIMIT = 6
HOME_TOP_INTERVENTIONS = 5
COMPARE_MAX = 3


class InterventionSort(StrEnum):
    IMPACT = "impact"
    COST = "cost"
    EVIDENCE = "evidence"
    NAME = "name"


# Ties always fall back to the explorer's ranking, then the title, so the order is stable.
_RANKING = (
    F("impact_months").desc(nulls_last=True),
    F("evidence_rating").desc(),
    F("cost_rating").asc(),
    F("title").asc(),
)
_SORTS: dict[InterventionSort, tuple[Any, ...]] = {
    InterventionSort.IMPACT: _RANKING,
    InterventionSort.COST: (F("cost_rating").asc(), *_RANKING),
    InterventionSort.EVIDENCE: (F("evidence_rating").desc(), *_RANKING),
    InterventionSort.NAME: (F("title").asc(), F("pk").asc()),
}


@dataclass(frozen=True)
class InterventionFilters:
    theme: str = ""  # a theme's slug
    phases: tuple[str, ...] = ()  # phase slugs: an intervention for any of them matches
    min_evidence: int | None = None
    max_cost: int | None = None
    sort: InterventionSort = InterventionSort.IMPACT


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.all()


def phase_list() -> QuerySet[Phase]:
    return Phase.objects.all()


def newest_first[PageT: HubPage](pages: QuerySet[PageT]) -> QuerySet[PageT]:
    return pages.order_by(F("first_published_at").desc(nulls_last=True), "-pk")


def hub_listing[PageT: HubPage](user: Any, queryset: QuerySet[PageT]) -> QuerySet[PageT]:
    """Visible pages, newest first, with their tags fetched in two queries whatever the size."""
    return newest_first(hub_pages_visible_to(user, queryset)).prefetch_related("themes", "phases")


def case_studies_of_school(user: Any, school: "School") -> QuerySet[CaseStudyPage]:
    """The school's case studies this reader may see, only where the school agreed to be named.

    A case study without consent is still in the Hub, but never tied back to its school.
    """
    return hub_listing(user, CaseStudyPage.objects.filter(school=school, school_consent=True))


def interventions_visible_to(user: Any) -> QuerySet[InterventionPage]:
    return hub_pages_visible_to(user, InterventionPage.objects.all())


def intervention_list(
    user: Any, filters: InterventionFilters | None = None, *, with_tags: bool = False
) -> QuerySet[InterventionPage]:
    """The explorer's rows: visible interventions filtered and sorted.

    ``with_tags`` prefetches themes and phases (two queries whatever the count), for the API;
    the explorer's table does not show them, so it does not pay for them.
    """
    filters = filters or InterventionFilters()
    pages = interventions_visible_to(user)
    if filters.theme:
        pages = pages.filter(themes__slug=filters.theme)
    if filters.phases:
        # A subquery, not a join, so an intervention for two chosen phases appears once.
        pages = pages.filter(
            pk__in=InterventionPage.objects.filter(phases__slug__in=filters.phases).values("pk")
        )
    if filters.min_evidence is not None:
        pages = pages.filter(evidence_rating__gte=filters.min_evidence)
    if filters.max_cost is not None:
        pages = pages.filter(cost_rating__lte=filters.max_cost)
    pages = pages.order_by(*_SORTS[filters.sort])
    return pages.prefetch_related("themes", "phases") if with_tags else pages


def intervention_detail_queryset(user: Any) -> QuerySet[InterventionPage]:
    """Interventions with everything the compare page and the API show, in fixed queries."""
    return interventions_visible_to(user).prefetch_related(
        "themes",
        "phases",
        Prefetch("sources", queryset=InterventionSource.objects.order_by("sort_order", "pk")),
    )


def interventions_for_compare(user: Any, ids: list[int]) -> list[InterventionPage]:
    """The chosen interventions, in the order chosen; unknown and invisible ids are left out."""
    found = {page.pk: page for page in intervention_detail_queryset(user).filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


@dataclass(frozen=True)
class Capped[T]:
    """The first few items of a list and whether there are more ("see all")."""

    items: list[T]
    has_more: bool


def capped[T](queryset: QuerySet[Any], limit: int = THEME_SECTION_LIMIT) -> Capped[T]:
    """One query: fetch one more than shown, to know whether to offer "see all"."""
    rows = list(queryset[: limit + 1])
    return Capped(items=rows[:limit], has_more=len(rows) > limit)


@dataclass(frozen=True)
class ThemeSignposts:
    """Everything a theme's page signposts, each list visible-only and capped."""

    review: ThematicReviewPage | None
    interventions: Capped[InterventionPage]
    case_studies: Capped[CaseStudyPage]
    research: Capped[ResearchReportPage]
    reading_lists: Capped[ReadingListPage]
    further_reading: Capped[FurtherReadingPage]
    news: Capped[NewsPage]


def theme_signposts(user: Any, theme: Theme) -> ThemeSignposts:
    def tagged[PageT: HubPage](model: type[PageT]) -> QuerySet[PageT]:
        return hub_pages_visible_to(user, model.objects.filter(themes=theme))

    review = newest_first(
        hub_pages_visible_to(user, ThematicReviewPage.objects.filter(theme=theme))
    ).first()
    return ThemeSignposts(
        review=review,
        interventions=capped(tagged(InterventionPage).order_by(*_RANKING)),
        case_studies=capped(newest_first(tagged(CaseStudyPage))),
        research=capped(
            tagged(ResearchReportPage).order_by("-publication_date", "-first_published_at", "-pk")
        ),
        reading_lists=capped(newest_first(tagged(ReadingListPage))),
        further_reading=capped(newest_first(tagged(FurtherReadingPage))),
        news=capped(newest_first(tagged(NewsPage))),
    )


def related_visible[PageT: HubPage](user: Any, queryset: QuerySet[PageT]) -> list[PageT]:
    """Pages linked from another page, minus the ones this reader may not see."""
    return list(newest_first(hub_pages_visible_to(user, queryset)))


def reading_list_entries(user: Any, reading_list: ReadingListPage) -> QuerySet[ReadingListEntry]:
    """A list's entries in the editor's order, leaving out items the reader cannot see."""
    visible = hub_pages_visible_to(user, FurtherReadingPage.objects.all())
    return (
        ReadingListEntry.objects.filter(page=reading_list, item__in=visible.values("pk"))
        .select_related("item")
        .order_by("sort_order", "pk")
    )
