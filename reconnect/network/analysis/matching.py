"""Ranking schools that may help with (or may want) something, for one asker. Pure Python.

Used by the board ("Schools that may help", "Schools that may want this") and by "Who can
help me?". The selectors gather each candidate school's evidence from the database (only
what the school has made visible to the network, see ``selectors.helpers``) and how like
the asker's school it is; this module only scores and orders.

Score
-----
``score = evidence + place + phase + similarity``, where

- **evidence**: each kind of evidence the school has counts its weight once (``WEIGHTS``:
  a self-evaluation strength or a completed pilot 3, a published case study or an open
  board post 2, a member listing the theme in their profile 1); a second item of a kind
  already counted adds ``EXTRA_ITEM`` (0.5), once per kind. Several pilots say more than
  one, but ten case studies should not outweigh a strength and a pilot.
- **place**: the asker's own local authority 2, a neighbouring one 1, elsewhere 0.
- **phase**: 1 when the school's phase is one the asker wants (a board post's phases) or,
  when none is named, the asker's own phase.
- **similarity**: ``2 / (1 + d)`` for a school of the asker's phase at context distance
  ``d`` (``schools.analysis.similarity``: z-scored Euclidean distance); 0 when unknown.

Evidence always comes first in spirit: a school with no evidence is never ranked, however
near or alike, and a candidate that is the asker's own school is never ranked. Ties are
broken by the school's name (case-insensitive), then its key, so the order is stable.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class EvidenceKind(StrEnum):
    STRENGTH = "strength"  # latest submitted self-evaluation strong in a linked domain
    PILOT = "pilot"  # a completed Lab pilot of the theme
    CASE_STUDY = "case_study"  # a published case study naming the school (with consent)
    OFFER = "offer"  # an open "we can help with" on the board
    REQUEST = "request"  # an open "we are looking for help with" (who may want an offer)
    INTEREST = "interest"  # a member open to contact lists the theme in their profile


WEIGHTS: dict[EvidenceKind, float] = {
    EvidenceKind.STRENGTH: 3.0,
    EvidenceKind.PILOT: 3.0,
    EvidenceKind.CASE_STUDY: 2.0,
    EvidenceKind.OFFER: 2.0,
    EvidenceKind.REQUEST: 2.0,
    EvidenceKind.INTEREST: 1.0,
}
EXTRA_ITEM = 0.5
SAME_AUTHORITY = 2.0
NEIGHBOURING_AUTHORITY = 1.0
PHASE_WANTED = 1.0
SIMILARITY = 2.0

# The order reasons are listed in: the strongest kinds of evidence first.
KIND_ORDER: tuple[EvidenceKind, ...] = (
    EvidenceKind.PILOT,
    EvidenceKind.STRENGTH,
    EvidenceKind.CASE_STUDY,
    EvidenceKind.OFFER,
    EvidenceKind.REQUEST,
    EvidenceKind.INTEREST,
)


class Place(StrEnum):
    SAME = "same"
    NEIGHBOUR = "neighbour"
    ELSEWHERE = "elsewhere"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One thing a school has done or said about the theme.

    ``label`` names it (an intervention, a domain, a case study's or post's title, a
    member's name); ``detail`` adds what the wording needs (an academic year, a theme);
    ``ref`` is the row's key where the page links to it (0 otherwise)."""

    kind: EvidenceKind
    label: str
    detail: str = ""
    ref: int = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    key: int
    name: str
    phase: str
    authority: int | None
    evidence: tuple[Evidence, ...]
    # Context distance from the asker's school, when both are of one phase and comparable.
    distance: float | None = None


@dataclass(frozen=True, slots=True)
class Asker:
    """Whose point of view the ranking takes: a school (its key, phase and authority, and
    the authority's neighbours), or nobody in particular (evidence only)."""

    key: int | None = None
    phase: str = ""
    authority: int | None = None
    neighbours: frozenset[int] = frozenset()
    phases_wanted: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Ranked:
    candidate: Candidate
    score: float
    evidence_score: float
    place: Place
    phase_wanted: bool
    similarity: float

    @property
    def key(self) -> int:
        return self.candidate.key

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """The evidence, strongest kind first, in the order given within a kind."""
        order = {kind: index for index, kind in enumerate(KIND_ORDER)}
        return tuple(sorted(self.candidate.evidence, key=lambda e: order[e.kind]))


def evidence_score(evidence: Iterable[Evidence]) -> float:
    counts: dict[EvidenceKind, int] = {}
    for item in evidence:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return sum(WEIGHTS[kind] + (EXTRA_ITEM if n > 1 else 0.0) for kind, n in counts.items())


def place_of(asker: Asker, authority: int | None) -> Place:
    if asker.authority is None or authority is None:
        return Place.ELSEWHERE
    if authority == asker.authority:
        return Place.SAME
    if authority in asker.neighbours:
        return Place.NEIGHBOUR
    return Place.ELSEWHERE


def _place_points(place: Place) -> float:
    if place == Place.SAME:
        return SAME_AUTHORITY
    if place == Place.NEIGHBOUR:
        return NEIGHBOURING_AUTHORITY
    return 0.0


def _phase_wanted(asker: Asker, phase: str) -> bool:
    if asker.phases_wanted:
        return phase in asker.phases_wanted
    return bool(asker.phase) and phase == asker.phase


def similarity_points(distance: float | None) -> float:
    if distance is None or distance != distance or distance < 0:  # unknown, NaN
        return 0.0
    return SIMILARITY / (1.0 + distance)


def rank(asker: Asker, candidates: Sequence[Candidate]) -> list[Ranked]:
    """Every candidate with evidence, except the asker's own school, best first."""
    ranked = []
    for candidate in candidates:
        if asker.key is not None and candidate.key == asker.key:
            continue
        if not candidate.evidence:
            continue
        from_evidence = evidence_score(candidate.evidence)
        place = place_of(asker, candidate.authority)
        wanted = _phase_wanted(asker, candidate.phase)
        similar = similarity_points(candidate.distance)
        score = from_evidence + _place_points(place) + (PHASE_WANTED if wanted else 0.0) + similar
        ranked.append(
            Ranked(
                candidate=candidate,
                score=score,
                evidence_score=from_evidence,
                place=place,
                phase_wanted=wanted,
                similarity=similar,
            )
        )
    # Rounded for ordering only, so scores equal on paper tie and go by name.
    ranked.sort(key=lambda r: (-round(r.score, 9), r.candidate.name.casefold(), r.key))
    return ranked


def academic_year(day: datetime.date | datetime.datetime | None) -> str:
    """The English school year a day falls in, as "2025–26" (September to August)."""
    if day is None:
        return ""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}\u2013{(start + 1) % 100:02d}"
