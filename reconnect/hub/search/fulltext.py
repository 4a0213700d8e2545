"""Full-text matching of Hub items, straight from Wagtail's search index.

Wagtail keeps the index itself: publishing a page writes its title and searchable text to
``wagtailsearch_indexentry`` (``index.SearchField``s of each page model), and on SQLite
triggers copy them into the FTS5 table ``wagtailsearch_indexentry_fts`` (Porter-stemmed by
hub migration 0005); on PostgreSQL the entry's ``title`` and ``body`` are tsvectors in the
``english`` configuration, with GIN indexes. So the Hub's search is Wagtail's search: the
same index, kept up to date by Wagtail on publish, unpublish and delete.

What this module does differently from ``Page.objects.search()``: it asks for every match
at once, as page ids and scores, in one query per vendor. The facets need every match
(counts are over the whole result, not a page of it), and modelsearch's SQLite compiler
scores each row with a correlated subquery, which grows with the square of the matches.
Here the score is computed once per match by the engine itself: SQLite's ``bm25()`` with
the title weighted four times the body, or PostgreSQL's ``ts_rank`` on the title (weighted
four times) plus the body.

Only plain words reach this module (``query.parse_query``), and each is passed again as a
quoted FTS5 string or as a ``plainto_tsquery`` parameter: nothing a reader types is ever
syntax.
"""

from collections.abc import Sequence
from functools import cache

import numpy as np
from django.db import connection
from wagtail.search.backends import get_search_backend

from reconnect.hub.analysis.facets import FloatArray, IntArray
from reconnect.hub.models import HubPage

TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0
FTS_TABLE = "wagtailsearch_indexentry_fts"
ENTRY_TABLE = "wagtailsearch_indexentry"

type Matches = list[tuple[int, float]]


@cache
def hub_content_type_ids() -> tuple[int, ...]:
    """The content types of every Hub item model (the index stores the specific type)."""
    from django.contrib.contenttypes.models import ContentType

    models = [HubPage, *_subclasses(HubPage)]
    return tuple(sorted(ct.pk for ct in ContentType.objects.get_for_models(*models).values()))


def _subclasses(model: type) -> list[type]:
    found: list[type] = []
    sub: type
    for sub in model.__subclasses__():
        if getattr(getattr(sub, "_meta", None), "abstract", False):
            continue
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def fts5_string(term: str) -> str:
    """One word as an FTS5 string: double quotes doubled, so it can only be a word."""
    return '"' + term.replace('"', '""') + '"'


def fts5_expression(terms: Sequence[str], *, any_term: bool = False) -> str:
    """``{title body} : ("a" AND "b")``: every (or any) word, in the title or the body."""
    operator = " OR " if any_term else " AND "
    return "{title body} : (" + operator.join(fts5_string(term) for term in terms) + ")"


def _sqlite(terms: Sequence[str], any_term: bool) -> Matches:
    """``(index row id, score)``: the FTS table alone; see ``facet_table._index_entries``."""
    sql = (
        f"SELECT rowid, -bm25({FTS_TABLE}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT}) "  # noqa: S608
        f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [fts5_expression(terms, any_term=any_term)])
        return cursor.fetchall()


def search_config() -> str:
    config = getattr(get_search_backend(), "config", None)
    return str(config or "english")


def _postgres(terms: Sequence[str], any_term: bool) -> Matches:
    config = search_config()
    word = "plainto_tsquery(%s::regconfig, %s)"
    word_params = [[config, term] for term in terms]
    ranked = " || ".join([word] * len(terms))  # any of the words, for the rank
    in_title_or_body = f"(e.title @@ {word} OR e.body @@ {word})"
    joiner = " OR " if any_term else " AND "
    condition = joiner.join([in_title_or_body] * len(terms))
    placeholders = ", ".join(["%s"] * len(hub_content_type_ids()))
    sql = (
        f"SELECT e.object_id::bigint, "  # noqa: S608 (fixed names and placeholders)
        f"ts_rank(e.title, {ranked}) * {TITLE_WEIGHT} + ts_rank(e.body, {ranked}) * {BODY_WEIGHT} "
        f"FROM {ENTRY_TABLE} e "
        f"WHERE e.content_type_id IN ({placeholders}) AND ({condition})"
    )
    rank_params = [param for pair in word_params for param in pair]
    condition_params = [param for pair in word_params for param in pair * 2]
    params: list[str | int] = [
        *rank_params,
        *rank_params,
        *hub_content_type_ids(),
        *condition_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def match(
    terms: Sequence[str],
    *,
    any_term: bool = False,
    entry_ids: IntArray | None = None,
    entry_pks: IntArray | None = None,
) -> tuple[IntArray, FloatArray]:
    """Every indexed Hub item matching all (or any) of ``terms``: page ids and scores.

    Higher scores are better. Items of every visibility and state are included: the caller
    keeps only the live ones the reader may see. On SQLite, ``entry_ids``/``entry_pks``
    (sorted index row ids of Hub items and their pages) turn index rows into pages, and
    rows of anything else (other pages, documents) fall out there.
    """
    empty = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    if not terms:
        return empty
    if connection.vendor == "postgresql":
        found = _postgres(terms, any_term)
        if not found:
            return empty
        pairs = np.array(found, dtype=np.float64)  # ids are far below 2**53: exact
        return pairs[:, 0].astype(np.int64), pairs[:, 1]
    found = _sqlite(terms, any_term)
    if not found or entry_ids is None or entry_pks is None or entry_ids.size == 0:
        return empty
    pairs = np.array(found, dtype=np.float64)
    rows = pairs[:, 0].astype(np.int64)
    positions = np.minimum(np.searchsorted(entry_ids, rows), entry_ids.size - 1)
    hub = entry_ids[positions] == rows
    return entry_pks[positions[hub]], pairs[:, 1][hub]
