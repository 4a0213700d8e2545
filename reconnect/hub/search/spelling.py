"""Typo correction against the Hub's vocabulary: "attendence" → "attendance".

A word is known when it, or its stem, occurs in the vocabulary. An unknown word of 5 to 8
letters is corrected to a known word at most one edit away, a longer one to a word at most
two edits away (Damerau-Levenshtein: an insertion, deletion, substitution or swap of two
neighbours is one edit); among candidates the closest wins, then the most frequent, then
the first alphabetically. Shorter words are left alone: too many short words are one
edit apart.

Candidates are found with the symmetric-delete method: each vocabulary word is filed under
every string left after deleting up to two of its letters, and an unknown word looks up its
own deletions, so a lookup costs a few hundred dictionary reads, not a pass over the
vocabulary. Pure Python, no Django.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

MIN_LENGTH = 5
ONE_EDIT_MAX_LENGTH = 8


def max_edits(word: str) -> int:
    if len(word) < MIN_LENGTH:
        return 0
    return 1 if len(word) <= ONE_EDIT_MAX_LENGTH else 2


def damerau_levenshtein(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, or ``limit + 1`` as soon as it must exceed it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[len(b)]


def deletions(word: str, depth: int) -> set[str]:
    """Every string left after deleting up to ``depth`` letters of ``word`` (and itself)."""
    found = {word}
    for count in range(1, min(depth, len(word) - 1) + 1):
        for positions in combinations(range(len(word)), count):
            found.add("".join(ch for i, ch in enumerate(word) if i not in positions))
    return found


@dataclass
class Speller:
    """Known words, their document frequencies and their stems, with a deletions index."""

    frequencies: Mapping[str, int]
    stem: Callable[[str], str]
    _stems: frozenset[str] = field(init=False)
    _index: dict[str, list[str]] = field(init=False)

    def __post_init__(self) -> None:
        self._stems = frozenset(self.stem(word) for word in self.frequencies)
        index: dict[str, list[str]] = {}
        for word in self.frequencies:
            # A word can correct a query word of its length ± 2; those of 5+ letters only.
            if len(word) < MIN_LENGTH - 1:
                continue
            depth = 1 if len(word) <= ONE_EDIT_MAX_LENGTH - 1 else 2
            for variant in deletions(word, depth):
                index.setdefault(variant, []).append(word)
        self._index = index

    def is_known(self, word: str) -> bool:
        return word in self.frequencies or self.stem(word) in self._stems

    def correct(self, word: str) -> str | None:
        """The best correction of an unknown ``word``, or None (known, short, or no match)."""
        limit = max_edits(word)
        if not limit or self.is_known(word):
            return None
        candidates: set[str] = set()
        for variant in deletions(word, limit):
            candidates.update(self._index.get(variant, ()))
        best: tuple[int, int, str] | None = None
        for candidate in candidates:
            distance = damerau_levenshtein(word, candidate, limit)
            if distance > limit:
                continue
            key = (distance, -self.frequencies[candidate], candidate)
            if best is None or key < best:
                best = key
        return best[2] if best is not None else None

    def corrections(self, words: Iterable[str]) -> dict[str, str]:
        """``{typed: corrected}`` for each word that has a correction."""
        found: dict[str, str] = {}
        for word in words:
            corrected = self.correct(word)
            if corrected is not None:
                found[word] = corrected
        return found
