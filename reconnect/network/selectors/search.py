"""Searching the network's discussions, through the Hub's search index.

Threads (their title) and posts (their body) are ``modelsearch``-indexed models: saving
either enqueues modelsearch's ``insert_or_update_object_task``, which writes the row's
``wagtailsearch_indexentry`` (on SQLite copied into the stemmed FTS5 table of hub migration
0005; on PostgreSQL ``title``/``body`` tsvectors in the ``english`` configuration). So the
network is searched by the same backend and the same words as the Hub
(``reconnect.hub.search``): the reader's text is reduced to plain words by the Hub's
``parse_query`` and each word is passed again as a quoted FTS5 string or a
``plainto_tsquery`` parameter, so nothing typed is ever query syntax.

What a reader finds is only what they may read, decided here in the database and never by
the index: threads that are not hidden, in a network-wide category or in a group the reader
belongs to (moderators included: search is no moderation tool), whose opening post is
published; a thread matches by its title or by a PUBLISHED post's body (held, hidden and
rejected posts are never searched, whoever wrote them). Private messages are not indexed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.search.models import IndexEntry

from reconnect.hub.search.fulltext import fts5_expression, search_config
from reconnect.network.models import Category, Post, PostStatus, Thread, ThreadKind
from reconnect.network.selectors.membership import group_ids_of

FTS_TABLE = "wagtailsearch_indexentry_fts"
SNIPPET_CHARS = 220


@dataclass(frozen=True)
class Filters:
    category: Category | None = None
    kind: str = ""  # a ThreadKind, or "" for both
    answered: str = ""  # "yes", "no" or "" for either


def _matching_ids(model: type[Thread] | type[Post], terms: Sequence[str]) -> RawSQL:
    """A subquery of the ids of ``model`` rows whose indexed text holds every word."""
    content_type = ContentType.objects.get_for_model(model).pk
    entry_table = IndexEntry._meta.db_table
    if connection.vendor == "postgresql":
        config = search_config()
        word = "plainto_tsquery(%s::regconfig, %s)"
        condition = " AND ".join([f"(e.title @@ {word} OR e.body @@ {word})"] * len(terms))
        params: list[Any] = [content_type]
        for term in terms:
            params += [config, term, config, term]
        return RawSQL(  # noqa: S611 (fixed names; every word is a parameter)
            f"SELECT e.object_id::bigint FROM {entry_table} e "  # noqa: S608 (fixed names)
            f"WHERE e.content_type_id = %s AND {condition}",
            params,
        )
    return RawSQL(  # noqa: S611 (fixed names; every word is a parameter)
        f"SELECT CAST(e.object_id AS INTEGER) FROM {entry_table} e "  # noqa: S608 (fixed names)
        f"WHERE e.content_type_id = %s AND e.id IN "
        f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
        [content_type, fts5_expression(terms)],
    )


def readable_threads(user: Any) -> QuerySet[Thread]:
    """Threads ``user`` may find by searching: see the module's docstring."""
    opening_published = Post.objects.filter(
        thread=OuterRef("pk"), number=1, status=PostStatus.PUBLISHED
    )
    return Thread.objects.filter(
        Q(group__isnull=True) | Q(group_id__in=sorted(group_ids_of(user))),
        Exists(opening_published),
        is_hidden=False,
    )


def search_threads(user: Any, terms: Sequence[str], filters: Filters) -> QuerySet[Thread]:
    """The threads ``user`` may read that match every word of ``terms`` in their title or
    in a published post; titles first, then the most recently active. Each carries
    ``title_matched`` and ``snippet_html`` (the first matching post's HTML, or the opening
    post's for a title match), for ``snippets``. One query per page (plus the count)."""
    thread_ids = _matching_ids(Thread, terms)
    post_ids = _matching_ids(Post, terms)
    published = Post.objects.filter(thread=OuterRef("pk"), status=PostStatus.PUBLISHED)
    matching_post = published.filter(pk__in=post_ids).order_by("number")
    threads = readable_threads(user).filter(
        Q(pk__in=thread_ids)
        | Q(
            pk__in=Post.objects.filter(status=PostStatus.PUBLISHED, pk__in=post_ids).values(
                "thread_id"
            )
        )
    )
    if filters.category is not None:
        threads = threads.filter(category=filters.category)
    if filters.kind:
        threads = threads.filter(kind=filters.kind)
    if filters.answered == "yes":
        threads = threads.filter(accepted_post__isnull=False)
    elif filters.answered == "no":
        threads = threads.filter(kind=ThreadKind.QUESTION, accepted_post__isnull=True)
    return (
        threads.select_related("category", "group")
        .annotate(
            title_matched=Case(
                When(pk__in=thread_ids, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            snippet_html=Coalesce(
                Subquery(matching_post.values("body_html")[:1]),
                Subquery(published.filter(number=1).values("body_html")[:1]),
            ),
        )
        .order_by("-title_matched", "-last_posted_at", "-pk")
    )


def _plain(body_html: str) -> str:
    return " ".join(html.unescape(strip_tags(body_html or "")).split())


def snippet(body_html: str, terms: Sequence[str], *, chars: int = SNIPPET_CHARS) -> SafeString:
    """A passage of a post around the first of ``terms`` it holds, the words marked.

    The post's HTML is reduced to text and every piece escaped again, so only our own
    ``<mark>`` is markup. A word stemmed differently in the text (``mentors`` for
    ``mentoring``) is found by its first five letters; with no word found the passage is
    the post's start.
    """
    text = _plain(body_html)
    stems = [re.escape(term[:5] if len(term) > 5 else term) for term in terms]
    pattern = re.compile(r"\b(?:" + "|".join(stems) + r")\w*", re.IGNORECASE) if stems else None
    first = pattern.search(text) if pattern else None
    start = 0
    if first is not None and first.start() > chars // 3:
        start = text.rfind(" ", 0, first.start() - chars // 3) + 1
    end = min(len(text), start + chars)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    passage = text[start:end]
    pieces: list[str] = ["…" if start > 0 else ""]
    position = 0
    for found in pattern.finditer(passage) if pattern else ():
        pieces.append(escape(passage[position : found.start()]))
        pieces.append(f"<mark>{escape(found.group())}</mark>")
        position = found.end()
    pieces.append(escape(passage[position:]))
    pieces.append("…" if end < len(text) else "")
    return mark_safe("".join(pieces))  # noqa: S308 (every piece escaped above)


def snippets(threads: Sequence[Thread], terms: Sequence[str]) -> list[dict[str, Any]]:
    """The page's rows: each thread with its passage (no queries)."""
    return [
        {
            "thread": thread,
            "snippet": snippet(getattr(thread, "snippet_html", "") or "", terms),
        }
        for thread in threads
    ]
