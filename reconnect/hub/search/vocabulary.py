"""The words of the Hub's live items, counted, for typo correction.

``vocabulary_rebuild`` reads the text Wagtail's search indexed for every live Hub item and
stores each word with the number of public items and of all items that contain it. It runs
as a background task after each publish, unpublish or delete (``state``), and from
``manage.py rebuild_hub_vocabulary``.

``speller(members=...)`` is this process's ``Speller`` for a kind of reader, rebuilt when
the vocabulary's version changes: visitors are only ever corrected to words that occur in
public items, so a suggestion cannot reveal what members-only items say.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from reconnect.hub.analysis.snippets import stem
from reconnect.hub.models import HubPage, SearchTerm, Visibility
from reconnect.hub.search import state
from reconnect.hub.search.facet_table import VersionedCache
from reconnect.hub.search.fulltext import ENTRY_TABLE, hub_content_type_ids
from reconnect.hub.search.query import MAX_TERM_LENGTH, STOP_WORDS
from reconnect.hub.search.spelling import Speller

# Letters only (digits are never misspelt), 3 to 40 of them.
VOCABULARY_WORD = re.compile(r"\b[^\W\d_]{3,40}\b", re.UNICODE)


@dataclass(frozen=True)
class VocabularyResult:
    words: int
    items: int


def indexed_texts() -> list[tuple[int, str]]:
    """``(page id, title and body text)`` of every indexed Hub item, whatever its state."""
    # Either column may be NULL, and NULL || text is NULL: keep whichever is there.
    text = (
        "COALESCE(e.title_text, '') || ' ' || COALESCE(e.body_text, '')"
        if connection.vendor == "postgresql"
        else "COALESCE(e.title, '') || ' ' || COALESCE(e.body, '')"
    )
    cast = (
        "e.object_id::bigint"
        if connection.vendor == "postgresql"
        else ("CAST(e.object_id AS INTEGER)")
    )
    placeholders = ", ".join(["%s"] * len(hub_content_type_ids()))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {cast}, {text} FROM {ENTRY_TABLE} e "  # noqa: S608 (fixed names)
            f"WHERE e.content_type_id IN ({placeholders})",
            list(hub_content_type_ids()),
        )
        return [(pk, body or "") for pk, body in cursor.fetchall()]


def live_texts() -> list[tuple[str, bool]]:
    """``(indexed text, is public)`` of every live Hub item."""
    live = dict(HubPage.objects.filter(live=True).values_list("pk", "visibility"))
    return [(text, live[pk] == Visibility.PUBLIC) for pk, text in indexed_texts() if pk in live]


def count_words(texts: list[tuple[str, bool]]) -> dict[str, tuple[int, int]]:
    """``{word: (public items, all items)}`` over ``(text, is_public)`` pairs."""
    public: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text, is_public in texts:
        words = set(VOCABULARY_WORD.findall(text.lower())) - STOP_WORDS
        total.update(words)
        if is_public:
            public.update(words)
    return {word: (public[word], count) for word, count in total.items()}


def vocabulary_rebuild() -> VocabularyResult:
    """Replace the vocabulary with the words of the live Hub items.

    Side effects: rewrites every ``SearchTerm`` row and moves the vocabulary version, in one
    transaction. Reads only committed, live items; drafts never leak a word.
    """
    read_at = timezone.now()
    texts = live_texts()
    counts = count_words(texts)
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(
            [
                SearchTerm(
                    word=word,
                    stem=stem(word)[:MAX_TERM_LENGTH],
                    public_count=public,
                    total_count=total,
                )
                for word, (public, total) in sorted(counts.items())
            ],
            batch_size=2_000,
        )
        state.vocabulary_changed(read_at=read_at)
    return VocabularyResult(words=len(counts), items=len(texts))


_spellers = {True: VersionedCache(), False: VersionedCache()}


def _load_speller(*, members: bool) -> Speller:
    column = "total_count" if members else "public_count"
    frequencies = dict(
        SearchTerm.objects.filter(**{f"{column}__gt": 0}).values_list("word", column)
    )
    return Speller(frequencies=frequencies, stem=stem)


def speller(*, members: bool, vocabulary_version: int) -> Speller:
    """This process's speller for members (every word) or visitors (public words only)."""
    result: Speller = _spellers[members].get(
        vocabulary_version, lambda: _load_speller(members=members)
    )
    return result
