"""``hub_search``: one search of the Knowledge Hub, for the search page and the API alike.

The steps, and what each costs:

1. Read what was typed (``query.parse_query``): plain words only, or browse mode.
2. Check the versions of the Hub's content and vocabulary: one primary-key read.
3. Match every word in Wagtail's index (``fulltext.match``): one query. No match with all
   the words: correct typos against the vocabulary (visitors: public words only) and try
   again, or else accept items with any of the words, and say which happened.
4. Keep the live items this reader may see, apply the facet filters, count each facet
   disjunctively and sort, over the process's facet table (``facet_table``): no query.
5. Read the 20 items of the requested page and their indexed text for snippets: two
   queries, whatever the page size or the number of matches.
"""

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.search.models import IndexEntry

from reconnect.hub.analysis import eef, facets
from reconnect.hub.analysis.snippets import Snippet, make_snippet
from reconnect.hub.models import HubPage, Visibility
from reconnect.hub.search import fulltext, state, theme_matches, vocabulary
from reconnect.hub.search.facet_table import KIND_BY_KEY, Catalogue, catalogue
from reconnect.hub.search.query import ParsedQuery, parse_query
from reconnect.hub.selectors import can_see_members_only

PAGE_SIZE = 20

# How the results relate to the words typed.
MODE_BROWSE = "browse"  # no words: every visible item
MODE_ALL = "all"  # items with every word
MODE_ANY = "any"  # nothing had every word: items with any of them
MODE_CORRECTED = "corrected"  # nothing matched as typed: the corrected words' results
MODE_NONE = "none"  # nothing matched at all


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: tuple[FacetOption, ...]

    @property
    def selected(self) -> tuple[FacetOption, ...]:
        return tuple(option for option in self.options if option.selected)


@dataclass(frozen=True)
class SearchResult:
    pk: int
    title: str
    url: str
    kind: str
    kind_label: str
    summary: str
    snippet: Snippet
    published: date | None
    members_only: bool
    headline: str = ""  # interventions: "+4 months · £ · 3 padlocks"-style figures

    @property
    def snippet_html(self) -> SafeString:
        """The snippet with its matches in ``<mark>``; every piece of text escaped."""
        snippet = self.snippet
        pieces: list[tuple[str, str]] = []
        position = 0
        for start, end in snippet.marks:
            pieces.append((snippet.text[position:start], snippet.text[start:end]))
            position = end
        return format_html(
            "{}{}{}{}",
            "… " if snippet.cut_before else "",
            format_html_join("", "{}<mark>{}</mark>", pieces),
            snippet.text[position:],
            " …" if snippet.cut_after else "",
        )


@dataclass(frozen=True)
class ThemeCard:
    slug: str
    name: str
    url: str


@dataclass(frozen=True)
class SearchPage:
    query: ParsedQuery
    mode: str
    results: tuple[SearchResult, ...]
    total: int  # matching items after filters
    page: int
    page_count: int
    sort: str
    filters: Mapping[str, frozenset[str]]
    facets: tuple[Facet, ...]
    searched_terms: tuple[str, ...] = ()  # the words the results are for (after correction)
    corrected_query: str = ""  # MODE_CORRECTED: the words searched instead
    suggestion: str = ""  # results exist, but a word looks misspelt: "Did you mean ...?"
    themes: tuple[ThemeCard, ...] = ()
    unfiltered_total: int = 0  # matching items before filters
    per_page: int = PAGE_SIZE

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.results else 0

    @property
    def last_index(self) -> int:
        return (self.page - 1) * self.per_page + len(self.results)

    @property
    def filtered(self) -> bool:
        return any(self.filters.values())


def clean_filters(raw: Mapping[str, Iterable[str]], found: Catalogue) -> dict[str, frozenset[str]]:
    """Keep only the facet values that exist; anything else is ignored, never an error."""
    allowed: dict[str, set[str]] = {
        facets.TYPE: set(found.table.kinds),
        facets.THEME: set(found.theme_names),
        facets.PHASE: set(found.phase_names),
        facets.EVIDENCE: {str(value) for value in range(6)},
        facets.COST: {str(value) for value in range(1, 6)},
        facets.IMPACT: set(facets.IMPACT_BANDS),
    }
    return {
        name: frozenset(str(value)[:60] for value in raw.get(name, ()) if value in allowed[name])
        for name in facets.FACETS
    }


def _facet_labels(found: Catalogue) -> dict[str, tuple[str, dict[str, str]]]:
    """Each facet's label and its values' labels, in the active language (cached)."""
    language = get_language() or ""
    labels: dict[str, tuple[str, dict[str, str]]] | None = found.labels.get(language)
    if labels is None:
        labels = {
            facets.TYPE: (
                _("Type"),
                {key: str(kind.label) for key, kind in KIND_BY_KEY.items()},
            ),
            facets.THEME: (_("Theme"), found.theme_names),
            facets.PHASE: (_("Phase"), found.phase_names),
            facets.EVIDENCE: (
                _("Evidence strength"),
                {str(value): str(label) for value, label in eef.EVIDENCE_LABELS.items()},
            ),
            facets.COST: (
                _("Cost"),
                {str(value): str(band.label) for value, band in eef.COST_BANDS.items()},
            ),
            facets.IMPACT: (_("Impact"), impact_band_labels()),
        }
        found.labels[language] = labels
    return labels


def impact_band_labels() -> dict[str, str]:
    return {
        "none": _("Not estimated"),
        "negative": _("Negative"),
        "0-1": _("0 to 1 month"),
        "2-3": _("2 to 3 months"),
        "4-5": _("4 to 5 months"),
        "6+": _("6 months or more"),
    }


def _facets(
    found: Catalogue, counts: facets.Counts, filters: Mapping[str, frozenset[str]]
) -> tuple[Facet, ...]:
    labels = _facet_labels(found)
    built: list[Facet] = []
    for name in facets.FACETS:
        label, value_labels = labels[name]
        options = tuple(
            FacetOption(
                value=value,
                label=value_labels.get(value, value),
                count=count,
                selected=value in filters.get(name, frozenset()),
            )
            # Every value, even at 0, so the form keeps its shape as the counts change.
            for value, count in counts[name].items()
        )
        built.append(Facet(name=name, label=label, options=options))
    return tuple(built)


def _matches(
    found: Catalogue, terms: tuple[str, ...], *, members: bool, any_term: bool
) -> tuple[facets.IntArray, facets.FloatArray]:
    """Visible rows matching ``terms``, and their scores (aligned)."""
    table = found.table
    pks, scores = fulltext.match(
        terms, any_term=any_term, entry_ids=found.entry_ids, entry_pks=found.entry_pks
    )
    if pks.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    rows, present = facets.rows_for_pks(table, pks)
    scores = scores[present]
    keep = np.ones(rows.shape[0], dtype=np.bool_) if members else table.public[rows]
    rows, scores = rows[keep], scores[keep]
    # One entry per item: if an item was indexed twice, its best score counts.
    order = np.lexsort((-scores, rows))
    rows, scores = rows[order], scores[order]
    first = np.ones(rows.shape[0], dtype=np.bool_)
    first[1:] = rows[1:] != rows[:-1]
    return rows[first], scores[first]


def _results(
    found: Catalogue, ordered: facets.IntArray, terms: tuple[str, ...]
) -> list[SearchResult]:
    if ordered.size == 0:
        return []
    table = found.table
    pks = [int(pk) for pk in table.pks[ordered]]
    pages = {
        pk: (title, url_path, summary, visibility)
        for pk, title, url_path, summary, visibility in HubPage.objects.filter(
            pk__in=pks
        ).values_list("pk", "title", "url_path", "summary", "visibility")
    }
    url_for = _url_maker()
    kind_labels = _facet_labels(found)[facets.TYPE][1]
    text_column = "body_text" if connection.vendor == "postgresql" else "body"
    texts = dict(
        IndexEntry.objects.filter(
            content_type_id__in=fulltext.hub_content_type_ids(),
            object_id__in=[str(pk) for pk in pks],
        ).values_list("object_id", text_column)
    )
    results: list[SearchResult] = []
    for row in ordered:
        pk = int(table.pks[row])
        page = pages.get(pk)
        if page is None:  # deleted since the facet table was read
            continue
        title, url_path, summary, visibility = page
        kind = table.kinds[int(table.kind[row])]
        body = str(texts.get(str(pk)) or "")
        snippet = make_snippet(body, terms) if terms else make_snippet(summary, ())
        if not snippet.marks and terms:
            snippet = make_snippet(summary, terms)
        headline = ""
        if table.is_intervention[row]:
            impact = int(table.impact[row])
            headline = eef.headline(
                None if impact == facets.NO_IMPACT else impact,
                int(table.cost[row]),
                int(table.evidence[row]),
            )
        published = float(table.published[row])
        results.append(
            SearchResult(
                pk=pk,
                title=title,
                url=url_for(url_path),
                kind=kind,
                kind_label=kind_labels[kind],
                summary=summary,
                snippet=snippet,
                published=_local_date(published),
                members_only=visibility == Visibility.MEMBERS,
                headline=headline,
            )
        )
    return results


def _local_date(timestamp: float) -> date | None:
    """The date a timestamp falls on in the site's time zone (Europe/London), not UTC."""
    if not timestamp:
        return None
    return timezone.localtime(datetime.fromtimestamp(timestamp, tz=UTC)).date()


def _url_maker() -> Callable[[str], str]:
    """Page URLs as ``Page.get_url()`` gives them, with the site roots read once.

    ``get_url()`` reads the site roots from the cache for every page (a query each with the
    database cache); a results page reads them once.
    """
    roots = Site.get_site_root_paths()
    serve_prefix = reverse("wagtail_serve", args=("",))

    def url_for(url_path: str) -> str:
        for root in roots:
            if url_path.startswith(root.root_path):
                path = serve_prefix + url_path[len(root.root_path) :]
                return path if len(roots) == 1 else root.root_url + path
        return ""

    return url_for


def _theme_cards(found: Catalogue, terms: tuple[str, ...]) -> tuple[ThemeCard, ...]:
    slugs = theme_matches.matching_themes(terms, found.theme_names)
    return tuple(
        ThemeCard(
            slug=slug,
            name=found.theme_names[slug],
            url=reverse("hub:theme-detail", kwargs={"slug": slug}),
        )
        for slug in slugs
    )


def _words_visible(found: Catalogue, words: Iterable[str], *, members: bool) -> bool:
    """Whether each of ``words`` is in at least one item this reader may see.

    The vocabulary lags the content (it is rebuilt by a queued task), so a word it offers
    a visitor may by now be only in members-only items; a suggestion is checked against
    the index and the facet table's visibility before it is shown.
    """
    return all(_matches(found, (word,), members=members, any_term=False)[0].size for word in words)


def _page_number(page: Any, page_count: int) -> int:
    try:
        number = int(str(page)[:6])
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), page_count)


def hub_search(
    *,
    user: Any,
    query: str | None,
    filters: Mapping[str, Iterable[str]] | None = None,
    sort: str | None = None,
    page: Any = 1,
    correct: bool = True,
    versions: tuple[int, int, int] | None = None,
) -> SearchPage:
    """Search the Hub as ``user`` sees it. Never raises on odd input (see ``query``).

    ``correct=False`` searches the words exactly as typed ("search instead for ...").
    ``versions``: ``state.versions()`` when the caller has just read them.
    """
    parsed = parse_query(query)
    members = can_see_members_only(user)
    content_version, vocabulary_version, index_version = versions or state.versions()
    found = catalogue(content_version, index_version)
    table = found.table
    cleaned = clean_filters(filters or {}, found)

    mode = MODE_BROWSE
    terms = parsed.terms
    corrected_query = suggestion = ""
    scores: facets.FloatArray | None = None
    if parsed.is_browse:
        all_rows = np.arange(len(table), dtype=np.int64)
        rows = facets.visible_rows(table, all_rows, members=members)
    else:
        rows, scores = _matches(found, terms, members=members, any_term=False)
        speller = vocabulary.speller(members=members, vocabulary_version=vocabulary_version)
        corrections = speller.corrections(terms) if correct else {}
        corrected = tuple(corrections.get(term, term) for term in terms)
        mode = MODE_ALL
        if rows.size == 0 and corrections:
            rows, scores = _matches(found, corrected, members=members, any_term=False)
            if rows.size:
                mode, terms, corrected_query = MODE_CORRECTED, corrected, " ".join(corrected)
        if rows.size == 0 and len(parsed.terms) > 1:
            rows, scores = _matches(found, parsed.terms, members=members, any_term=True)
            mode = MODE_ANY
        if rows.size == 0:
            mode = MODE_NONE
        elif (
            corrections
            and mode != MODE_CORRECTED
            and _words_visible(found, set(corrections.values()), members=members)
        ):
            suggestion = " ".join(corrected)

    default_sort = facets.SORT_NEWEST if parsed.is_browse else facets.SORT_RELEVANCE
    chosen_sort = sort if sort in facets.SORTS else default_sort
    if parsed.is_browse and chosen_sort == facets.SORT_RELEVANCE:
        chosen_sort = facets.SORT_NEWEST

    counts = facets.facet_counts(table, rows, cleaned)
    keep = facets.apply_filters(table, rows, cleaned)
    kept_rows = rows[keep]
    kept_scores = scores[keep] if scores is not None else None
    ordered = facets.order_rows(table, kept_rows, kept_scores, chosen_sort)
    total = int(ordered.shape[0])
    page_count = max(1, math.ceil(total / PAGE_SIZE))
    number = _page_number(page, page_count)
    shown = ordered[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]

    return SearchPage(
        query=parsed,
        mode=mode,
        results=tuple(_results(found, shown, terms)),
        total=total,
        page=number,
        page_count=page_count,
        sort=chosen_sort,
        filters=cleaned,
        facets=_facets(found, counts, cleaned),
        searched_terms=terms,
        corrected_query=corrected_query,
        suggestion=suggestion,
        # Corrected: the card for the words searched ("attendence" finds Attendance).
        themes=_theme_cards(found, terms) if terms else (),
        unfiltered_total=int(rows.shape[0]),
    )
