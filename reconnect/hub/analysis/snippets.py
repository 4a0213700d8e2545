"""Search-result snippets: the best few lines of an item's text, with the matches marked.

The text is the item's indexed body (what Wagtail's search stored) or its summary. The
window with the most distinct query terms wins (then the most matches, then the earliest).
Matching is stem-aware, as the index is: "mentors" marks "mentoring".

A ``Snippet`` is plain text plus the character ranges that matched, so the JSON API can
hand both to a client; ``as_html`` escapes every piece of text before it adds its own
``<mark>`` tags, so nothing in an item's text can become markup.
"""

import html
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
DEFAULT_WORDS = 32


@lru_cache(maxsize=1)
def _english() -> Callable[[str], str]:
    stemmer = snowballstemmer.stemmer("english")

    def stem(word: str) -> str:
        return str(stemmer.stemWord(word))

    return stem


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The English (Porter 2) stem of a lower-case word: "mentoring" → "mentor"."""
    return _english()(word)


@dataclass(frozen=True)
class Snippet:
    text: str
    marks: tuple[tuple[int, int], ...]  # [start, end) character ranges of ``text``
    cut_before: bool = False
    cut_after: bool = False

    def as_html(self) -> str:
        """The text, escaped, with each match in ``<mark>``; ellipses where it was cut."""
        parts: list[str] = ["… " if self.cut_before else ""]
        position = 0
        for start, end in self.marks:
            parts.append(html.escape(self.text[position:start]))
            parts.append(f"<mark>{html.escape(self.text[start:end])}</mark>")
            position = end
        parts.append(html.escape(self.text[position:]))
        parts.append(" …" if self.cut_after else "")
        return "".join(parts)

    def as_marked_text(self) -> str:
        """Plain text with matches in [brackets], for logs and tests."""
        parts: list[str] = []
        position = 0
        for start, end in self.marks:
            parts.extend((self.text[position:start], "[", self.text[start:end], "]"))
            position = end
        parts.append(self.text[position:])
        return "".join(parts)


def term_keys(terms: Iterable[str]) -> frozenset[str]:
    """The forms a word of the text is compared in: each term and its stem."""
    keys: set[str] = set()
    for term in terms:
        lowered = term.lower()
        keys.add(lowered)
        keys.add(stem(lowered))
    return frozenset(keys)


def _key(word: str, keys: frozenset[str], prefixes: frozenset[str]) -> str | None:
    lowered = word.lower()
    if lowered in keys:
        return lowered
    if lowered[:3] not in prefixes:  # cheap test first: most words share nothing with a term
        return None
    stemmed = stem(lowered)
    return stemmed if stemmed in keys else None


def make_snippet(text: str, terms: Iterable[str], *, words: int = DEFAULT_WORDS) -> Snippet:
    """The best window of ``words`` words of ``text`` for ``terms``, matches marked.

    With no match (or no terms), the opening words, unmarked.
    """
    text = " ".join(text.split())  # indexed text runs fields together with odd spacing
    spans = [(match.start(), match.end()) for match in WORD.finditer(text)]
    if not spans:
        return Snippet(text="", marks=())
    keys = term_keys(terms)
    prefixes = frozenset(key[:3] for key in keys)
    matched = [_key(text[start:end], keys, prefixes) for start, end in spans]
    hits = [i for i, key in enumerate(matched) if key is not None]
    first = 0
    if hits:
        best: tuple[int, int, int] = (0, 0, 0)
        for n, hit in enumerate(hits):
            inside = hits[n : bisect_left(hits, hit + words)]
            found = [matched[i] for i in inside]
            score = (len(set(found)), len(found), -hit)
            if score > best:
                best = score
                # A few words of context before the first match; from the start of the
                # text when the match is near it anyway.
                first = 0 if hit < words // 2 else hit - 3
    last = min(len(spans), first + words) - 1
    # Whole text at either end keeps its punctuation ("... older pupils.").
    start_char = 0 if first == 0 else spans[first][0]
    end_char = len(text) if last == len(spans) - 1 else spans[last][1]
    marks = tuple(
        (spans[i][0] - start_char, spans[i][1] - start_char) for i in hits if first <= i <= last
    )
    return Snippet(
        text=text[start_char:end_char],
        marks=marks,
        cut_before=first > 0,
        cut_after=last < len(spans) - 1,
    )
