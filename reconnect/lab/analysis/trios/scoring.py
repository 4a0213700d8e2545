"""The pair score and the lead relation for every pair of applicants, as numpy matrices.

``pair_score`` and ``lead`` are the definitions, one pair at a time, for reasons and tests;
``ScoreTable`` computes the same for all pairs at once (2,500 schools in well under a
second) for the solver.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from . import weights
from .inputs import Applicant
from .result import Lead, PairReason, Travel

Neighbours = Mapping[int, Collection[int]]
Related = Mapping[str, Collection[str]]


def _symmetric(relation: Related | None) -> dict[str, set[str]]:
    closed: dict[str, set[str]] = {}
    for key, others in (relation or {}).items():
        for other in others:
            if other != key:
                closed.setdefault(key, set()).add(other)
                closed.setdefault(other, set()).add(key)
    return closed


def _are_neighbours(neighbours: Neighbours, a: int, b: int) -> bool:
    return b in neighbours.get(a, ()) or a in neighbours.get(b, ())


def pair_reason(
    s: Applicant, t: Applicant, neighbours: Neighbours, related_challenges: Related | None = None
) -> PairReason:
    """Why ``s`` and ``t`` go together, and the points: the definition of the pair score."""
    related = _symmetric(related_challenges)
    shared = tuple(sorted(s.challenges & t.challenges))
    related_challenge = not shared and any(
        other in t.challenges for key in s.challenges for other in related.get(key, ())
    )
    same_intervention = s.intervention is not None and s.intervention == t.intervention
    related_intervention = not same_intervention and (
        bool(s.themes & t.themes)
        or (t.intervention is not None and t.intervention in s.related_interventions)
        or (s.intervention is not None and s.intervention in t.related_interventions)
    )
    travel: Travel
    if s.borough == t.borough:
        travel, travel_points = "same borough", weights.SAME_BOROUGH
    elif _are_neighbours(neighbours, s.borough, t.borough):
        travel, travel_points = "neighbouring boroughs", weights.NEIGHBOURING_BOROUGH
    else:
        travel, travel_points = "far", weights.FAR
    score = travel_points
    if shared:
        score += weights.SHARED_CHALLENGE + weights.EXTRA_SHARED_CHALLENGE * (len(shared) - 1)
    elif related_challenge:
        score += weights.RELATED_CHALLENGE
    if same_intervention:
        score += weights.SAME_INTERVENTION
    elif related_intervention:
        score += weights.RELATED_INTERVENTION
    return PairReason(
        s.label, t.label, score, shared, related_challenge, same_intervention,
        related_intervention, travel,
    )  # fmt: skip


def lead(s: Applicant, t: Applicant) -> Lead | None:
    """``s`` leads ``t`` when, in a domain ``t`` names as a challenge, ``s``'s score is at least
    ``LEAD_MARGIN`` above ``t``'s (both known). The largest difference wins, then the domain
    that sorts first."""
    best: Lead | None = None
    for domain in sorted(t.challenges):
        mine, theirs = s.strengths.get(domain), t.strengths.get(domain)
        if mine is None or theirs is None or mine < theirs + weights.LEAD_MARGIN:
            continue
        if best is None or mine - theirs > best.score - best.helped_score:
            best = Lead(s.label, t.label, domain, mine, theirs)
    return best


def group_lead(members: Sequence[Applicant]) -> Lead | None:
    """The group's lead: the largest margin over any ordered pair of members, or None."""
    best: Lead | None = None
    for s in members:
        for t in members:
            if s is t:
                continue
            found = lead(s, t)
            if found and (
                best is None or found.score - found.helped_score > best.score - best.helped_score
            ):
                best = found
    return best


def group_score(
    members: Sequence[Applicant], neighbours: Neighbours, related_challenges: Related | None = None
) -> int:
    """The sum of the pairs' scores, plus ``LEAD_BONUS`` if the group has a lead."""
    total = sum(
        pair_reason(s, t, neighbours, related_challenges).score for s, t in combinations(members, 2)
    )
    return total + (weights.LEAD_BONUS if group_lead(members) else 0)


def _membership(sets: Sequence[Iterable[str]]) -> tuple[npt.NDArray[np.float32], list[str]]:
    keys = sorted({key for keys in sets for key in keys})
    index = {key: k for k, key in enumerate(keys)}
    matrix = np.zeros((len(sets), max(len(keys), 1)), dtype=np.float32)
    for row, members in enumerate(sets):
        for key in members:
            matrix[row, index[key]] = 1.0
    return matrix, keys


@dataclass(frozen=True, slots=True)
class ScoreTable:
    """``weight[i, j]``: the pair score of applicants i and j (0 on the diagonal);
    ``helps[i, j]``: i leads j (see ``lead``)."""

    weight: npt.NDArray[np.int32]
    helps: npt.NDArray[np.bool_]

    @property
    def leads(self) -> npt.NDArray[np.bool_]:
        """Whether the pair has a lead either way: the pair gives its group the bonus."""
        return self.helps | self.helps.T

    @classmethod
    def build(
        cls,
        applicants: Sequence[Applicant],
        neighbours: Neighbours,
        related_challenges: Related | None = None,
    ) -> ScoreTable:
        n = len(applicants)
        # Challenges: how many in common; whether any of one's is related to the other's.
        challenges, keys = _membership([a.challenges for a in applicants])
        shared = np.rint(challenges @ challenges.T).astype(np.int32)
        related = _symmetric(related_challenges)
        relation = np.zeros((challenges.shape[1], challenges.shape[1]), dtype=np.float32)
        position = {key: k for k, key in enumerate(keys)}
        for key, others in related.items():
            for other in others:
                if key in position and other in position:
                    relation[position[key], position[other]] = 1.0
        is_related = (challenges @ relation @ challenges.T) > 0.5
        weight = np.where(
            shared > 0,
            weights.SHARED_CHALLENGE + weights.EXTRA_SHARED_CHALLENGE * (shared - 1),
            np.where(is_related, weights.RELATED_CHALLENGE, 0),
        ).astype(np.int32)

        # Interventions: the same one; or sharing a theme, or one declared related to the other.
        chosen = [a.intervention for a in applicants]
        codes = {name: k for k, name in enumerate(sorted({c for c in chosen if c is not None}))}
        code = np.array([codes[c] if c is not None else -1 - i for i, c in enumerate(chosen)])
        same = code[:, None] == code[None, :]
        themes, _ = _membership([a.themes for a in applicants])
        related_iv = (themes @ themes.T) > 0.5
        declared = np.zeros((n, max(len(codes), 1)), dtype=np.float32)
        for i, a in enumerate(applicants):
            for other in a.related_interventions:
                if other in codes:
                    declared[i, codes[other]] = 1.0
        chosen_onehot = np.zeros((n, max(len(codes), 1)), dtype=np.float32)
        for i, c in enumerate(chosen):
            if c is not None:
                chosen_onehot[i, codes[c]] = 1.0
        names_other = (declared @ chosen_onehot.T) > 0.5
        related_iv |= names_other | names_other.T
        weight += np.where(
            same, weights.SAME_INTERVENTION, np.where(related_iv, weights.RELATED_INTERVENTION, 0)
        ).astype(np.int32)

        # Travel.
        boroughs = sorted({a.borough for a in applicants})
        where = {b: k for k, b in enumerate(boroughs)}
        near = np.zeros((len(boroughs), len(boroughs)), dtype=np.int32)
        for here in boroughs:
            for there in boroughs:
                if here == there:
                    points = weights.SAME_BOROUGH
                elif _are_neighbours(neighbours, here, there):
                    points = weights.NEIGHBOURING_BOROUGH
                else:
                    points = weights.FAR
                near[where[here], where[there]] = points
        borough = np.array([where[a.borough] for a in applicants])
        weight += near[borough[:, None], borough[None, :]]
        np.fill_diagonal(weight, 0)

        # Lead: i is at least LEAD_MARGIN above j in a domain j names, both scores known.
        helps = np.zeros((n, n), dtype=np.bool_)
        for k, domain in enumerate(keys):
            score = np.array(
                [a.strengths.get(domain, np.nan) for a in applicants], dtype=np.float64
            )
            names = challenges[:, k] > 0.5
            known = ~np.isnan(score)
            filled = np.where(known, score, 0.0)
            stronger = (
                (filled[:, None] >= filled[None, :] + weights.LEAD_MARGIN)
                & known[:, None]
                & known[None, :]
            )
            helps |= stronger & names[None, :]
        np.fill_diagonal(helps, False)
        return cls(weight, helps)

    def group_score(self, members: Sequence[int]) -> int:
        index = np.asarray(members)
        block = self.weight[np.ix_(index, index)]
        bonus = weights.LEAD_BONUS if self.helps[np.ix_(index, index)].any() else 0
        return int(block.sum()) // 2 + bonus
