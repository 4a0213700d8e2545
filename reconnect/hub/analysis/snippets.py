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

DEFAULT_WIDTH = 220  # characters: two or three lines of a results page
CONTEXT = 30  # characters shown before the first match


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


def _key(word: str, keys: frozenset[str]) -> str | None:
    lowered = word.lower()
    if lowered in keys:
        return lowered
    stemmed = stem(lowered)
    return stemmed if stemmed in keys else None


def _candidates(keys: frozenset[str]) -> re.Pattern[str]:
    """Words that start like a term: the only ones worth stemming."""
    prefixes = sorted({key[:3] for key in keys}, key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(re.escape(prefix) for prefix in prefixes) + r")\w*",
        re.IGNORECASE | re.UNICODE,
    )


def _start_of_word(text: str, position: int) -> int:
    """``position`` moved back to the start of the word it falls in."""
    while position > 0 and text[position - 1].isalnum():
        position -= 1
    return position


def _end_of_word(text: str, position: int) -> int:
    while position < len(text) and text[position].isalnum():
        position += 1
    return position


def make_snippet(text: str, terms: Iterable[str], *, width: int = DEFAULT_WIDTH) -> Snippet:
    """The best stretch of about ``width`` characters of ``text`` for ``terms``, marked.

    The stretch with the most distinct terms wins, then the one with the most matches, then
    the earliest; it starts a few words before its first match. With no match (or no
    terms), the opening of the text, unmarked.
    """
    text = " ".join(text.split())  # indexed text runs fields together with odd spacing
    keys = term_keys(terms)
    hits: list[tuple[int, int, str]] = []
    if keys:
        for match in _candidates(keys).finditer(text):
            key = _key(match.group(), keys)
            if key is not None:
                hits.append((match.start(), match.end(), key))
    first = 0
    if hits:
        starts = [hit[0] for hit in hits]
        best: tuple[int, int, int] = (0, 0, 0)
        for n, start in enumerate(starts):
            inside = hits[n : bisect_left(starts, start + width - CONTEXT)]
            score = (len({key for _s, _e, key in inside}), len(inside), -start)
            if score > best:
                best = score
                first = 0 if start < width // 2 else _start_of_word(text, start - CONTEXT)
    last = len(text) if first + width >= len(text) else _end_of_word(text, first + width)
    marks = tuple(
        (start - first, end - first) for start, end, _ in hits if first <= start and end <= last
    )
    return Snippet(
        text=text[first:last],
        marks=marks,
        cut_before=first > 0,
        cut_after=last < len(text),
    )
