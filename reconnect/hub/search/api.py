"""The Knowledge Hub's search as JSON: ``GET /api/v1/hub/search``.

The same engine as the search page (``engine.hub_search``), so the two never disagree.
Open to visitors like the page (``auth=None``): the reader is Django's session user, and a
visitor's results, counts, facets and corrections come from public items only.

Snippets are plain text with the character ranges that matched, so a client marks them up
its own way; nothing in them is HTML.
"""

import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from reconnect.core.api_schema import INVALID
from reconnect.hub.search.engine import SearchPage, hub_search
from reconnect.hub.search.query import MAX_CHARS

router = Router(tags=["hub"])


class SearchParams(Schema):
    q: str = Field(
        "",
        description=f"The words to search for; empty: browse. Cut to {MAX_CHARS:,} characters",
    )
    type: list[str] = Field(default_factory=list, description="Item types, e.g. intervention")
    theme: list[str] = Field(default_factory=list, description="Theme slugs")
    phase: list[str] = Field(default_factory=list, description="Phase slugs")
    evidence: list[str] = Field(default_factory=list, description="Evidence strength, 0 to 5")
    cost: list[str] = Field(default_factory=list, description="Cost rating, 1 to 5")
    impact: list[str] = Field(
        default_factory=list, description="Impact bands: none, negative, 0-1, 2-3, 4-5, 6+"
    )
    sort: str | None = Field(None, description="relevance (default with words), newest, impact")
    page: int = Field(1, ge=1, le=100_000)
    exact: bool = Field(False, description="Search the words as typed, without correction")

    @field_validator("q", mode="before")
    @classmethod
    def _cut(cls, value: object) -> object:
        """Keep an over-long query (the search then cuts it as the page does), not refuse it.

        One character past the limit is kept so that ``parse_query`` still sees the cut
        fall inside a word and drops that half word, exactly as for the page.
        """
        return value[: MAX_CHARS + 1] if isinstance(value, str) else value


class MarkOut(Schema):
    start: int
    end: int


class SnippetOut(Schema):
    text: str = Field(description="Plain text; never HTML")
    marks: list[MarkOut] = Field(description="Character ranges of text that matched")
    cut_before: bool
    cut_after: bool


class SearchItemOut(Schema):
    id: int
    title: str
    url: str
    kind: str
    kind_label: str
    summary: str
    snippet: SnippetOut
    published: datetime.date | None
    members_only: bool
    headline: str = Field(description="Interventions: impact, cost and evidence in words")


class FacetOptionOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
    label: str
    options: list[FacetOptionOut]


class ThemeMatchOut(Schema):
    slug: str
    name: str
    url: str


class SearchOut(Schema):
    query: str
    terms: list[str] = Field(description="The words the results are for, after correction")
    mode: str = Field(description="browse, all, any (no item had every word), corrected, none")
    corrected_query: str
    suggestion: str = Field(description="A likely correction, when results exist anyway")
    total: int
    page: int
    page_count: int
    sort: str
    themes: list[ThemeMatchOut] = Field(description="Themes the query names")
    facets: list[FacetOut]
    items: list[SearchItemOut]


def _out(result: SearchPage) -> SearchOut:
    return SearchOut(
        query=result.query.text,
        terms=list(result.searched_terms),
        mode=result.mode,
        corrected_query=result.corrected_query,
        suggestion=result.suggestion,
        total=result.total,
        page=result.page,
        page_count=result.page_count,
        sort=result.sort,
        themes=[ThemeMatchOut(slug=t.slug, name=t.name, url=t.url) for t in result.themes],
        facets=[
            FacetOut(
                name=facet.name,
                label=facet.label,
                options=[
                    FacetOptionOut(value=o.value, label=o.label, count=o.count, selected=o.selected)
                    for o in facet.options
                ],
            )
            for facet in result.facets
        ],
        items=[
            SearchItemOut(
                id=item.pk,
                title=item.title,
                url=item.url,
                kind=item.kind,
                kind_label=item.kind_label,
                summary=item.summary,
                snippet=SnippetOut(
                    text=item.snippet.text,
                    marks=[MarkOut(start=s, end=e) for s, e in item.snippet.marks],
                    cut_before=item.snippet.cut_before,
                    cut_after=item.snippet.cut_after,
                ),
                published=item.published,
                members_only=item.members_only,
                headline=item.headline,
            )
            for item in result.results
        ],
    )


@router.get(
    "/search",
    response={200: SearchOut, **INVALID},
    auth=None,
    url_name="hub-search",
    summary="Search the Knowledge Hub",
)
def search(request: HttpRequest, params: Query[SearchParams]) -> SearchOut:
    """Ranked, faceted search over every Hub item the caller may read, 20 to a page."""
    result = hub_search(
        user=request.user,
        query=params.q,
        filters={
            "type": params.type,
            "theme": params.theme,
            "phase": params.phase,
            "evidence": params.evidence,
            "cost": params.cost,
            "impact": params.impact,
        },
        sort=params.sort,
        page=params.page,
        correct=not params.exact,
    )
    return _out(result)
