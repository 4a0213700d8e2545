"""The coordinator's pairs checked before solving, with plain-English reasons on failure.

The pairs to keep together join schools into units (connected pieces: a with b and b with c
puts a, b and c in one group). A unit must fit in a group, contain no pair to keep apart,
and the units together must fit the group sizes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .inputs import Applicant, Constraints, TrioInfeasibleError
from .sizes import group_sizes


def names(labels: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


@dataclass(frozen=True, slots=True)
class Prepared:
    sizes: tuple[int, ...]
    units: tuple[tuple[int, ...], ...]  # every school in exactly one unit, each sorted
    apart: frozenset[tuple[int, int]]  # (i, j) with i < j


def prepare(applicants: Sequence[Applicant], constraints: Constraints) -> Prepared:
    n = len(applicants)
    if n == 0:
        raise TrioInfeasibleError("No schools have applied: a group needs at least two.")
    if n == 1:
        label = applicants[0].label
        raise TrioInfeasibleError(
            f"Only one school has applied ({label}): a group needs at least two.",
            (applicants[0].id,),
        )
    index: dict[str, int] = {}
    for i, a in enumerate(applicants):
        if a.id in index:
            raise TrioInfeasibleError(f"Two applicants have the same id: {a.id}.", (a.id,))
        index[a.id] = i
    labels = [a.label for a in applicants]

    def resolve(pairs: tuple[tuple[str, str], ...], kind: str) -> set[tuple[int, int]]:
        resolved: set[tuple[int, int]] = set()
        for first, second in pairs:
            for school in (first, second):
                if school not in index:
                    raise TrioInfeasibleError(
                        f"A pair to keep {kind} names a school that has not applied: {school}.",
                        (school,),
                    )
            i, j = sorted((index[first], index[second]))
            if i == j:
                if kind == "apart":
                    raise TrioInfeasibleError(
                        f"{labels[i]} cannot be kept apart from itself.", (first,)
                    )
                continue
            resolved.add((i, j))
        return resolved

    together = resolve(constraints.together, "together")
    apart = resolve(constraints.apart, "apart")
    for i, j in sorted(together & apart):
        raise TrioInfeasibleError(
            f"{labels[i]} and {labels[j]} are both to be kept together and to be kept apart.",
            (applicants[i].id, applicants[j].id),
        )

    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(together):
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(root(i), []).append(i)
    units = tuple(tuple(m) for m in sorted(members.values()))
    unit_of = {i: u for u, unit in enumerate(units) for i in unit}

    sizes = group_sizes(n)
    for unit in units:
        if len(unit) > sizes[0]:
            raise TrioInfeasibleError(
                f"{names([labels[i] for i in unit])} must all be in one group (through the pairs "
                f"to keep together), but with {n} schools the largest group has {sizes[0]}.",
                tuple(applicants[i].id for i in unit),
            )
    for i, j in sorted(apart):
        if unit_of[i] == unit_of[j]:
            unit = units[unit_of[i]]
            raise TrioInfeasibleError(
                f"{labels[i]} and {labels[j]} are to be kept apart, but the pairs to keep together "
                f"put them in one group: {names([labels[k] for k in unit])}.",
                (applicants[i].id, applicants[j].id),
            )
    if pack(sizes, [len(u) for u in units]) is None:
        joined = [u for u in units if len(u) > 1]
        raise TrioInfeasibleError(
            f"The pairs to keep together cannot all be met with {n} schools in groups of "
            f"{names([str(s) for s in sizes])}: "
            + "; ".join(names([labels[k] for k in unit]) for unit in joined)
            + ".",
            tuple(applicants[k].id for unit in joined for k in unit),
        )
    return Prepared(sizes, units, frozenset(apart))


def pack(sizes: Sequence[int], unit_sizes: Sequence[int]) -> list[int] | None:
    """A group (index into ``sizes``) for every unit of two or more, single schools filling
    the rest; None when they cannot fit. Largest units first, each into the smallest group
    with room, which is optimal for groups of at most four: a four saved for two pairs is
    never worse than a four spent on a three."""
    room = list(sizes)
    placed = [-1] * len(unit_sizes)
    for u in sorted(range(len(unit_sizes)), key=lambda u: -unit_sizes[u]):
        if unit_sizes[u] < 2:
            continue
        fits = [g for g in range(len(room)) if room[g] >= unit_sizes[u]]
        if not fits:
            return None
        g = min(fits, key=lambda g: (room[g], g))
        room[g] -= unit_sizes[u]
        placed[u] = g
    return placed
