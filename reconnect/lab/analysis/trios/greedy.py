"""A quick feasible grouping: the CP-SAT model's hint, and the start of the large method.

The units of two or more (pairs to keep together) are placed first (``checks.pack``). Then
each group is filled in turn, largest first: an empty group is seeded with the best-scoring
pair of free schools, and a group is grown by the free school (or unit that fits) adding
most to it, lead bonus included. Pairs to keep apart are never put together; if the last
groups cannot be filled without doing so, there is no greedy grouping (None).
"""

from __future__ import annotations

import numpy as np

from . import weights
from .checks import Prepared, pack
from .scoring import ScoreTable


def greedy(table: ScoreTable, prepared: Prepared) -> list[list[int]] | None:
    n = table.weight.shape[0]
    sizes = prepared.sizes
    groups: list[list[int]] = [[] for _ in sizes]
    placed = pack(sizes, [len(u) for u in prepared.units])
    if placed is None:
        return None
    free = np.ones(n, dtype=np.bool_)
    unit_of = np.empty(n, dtype=np.int64)
    for u, unit in enumerate(prepared.units):
        unit_of[list(unit)] = u
        if placed[u] >= 0:
            groups[placed[u]].extend(unit)
            free[list(unit)] = False
    conflict = np.zeros((n, n), dtype=np.bool_) if prepared.apart else None
    if conflict is not None:
        for i, j in prepared.apart:
            conflict[i, j] = conflict[j, i] = True
    single = np.array([len(prepared.units[unit_of[i]]) == 1 for i in range(n)])
    leads = table.leads
    weight = table.weight

    # Pairs of single schools, best first, for seeding empty groups.
    upper = np.triu_indices(n, 1)
    scores = weight[upper]
    order = np.argsort(-scores, kind="stable")
    firsts, seconds = upper[0][order], upper[1][order]
    cursor = 0

    for g in sorted(range(len(sizes)), key=lambda g: (-len(groups[g]), g)):
        group = groups[g]
        if not group:
            while cursor < len(firsts):
                i, j = int(firsts[cursor]), int(seconds[cursor])
                cursor += 1
                ok = free[i] and free[j] and single[i] and single[j]
                if ok and (conflict is None or not conflict[i, j]):
                    group.extend((i, j))
                    free[[i, j]] = False
                    break
            if not group and sizes[g] >= 2:
                return None
        while len(group) < sizes[g]:
            members = np.array(group)
            gain = weight[members].sum(axis=0).astype(np.float64)
            if not leads[np.ix_(members, members)].any():
                gain += weights.LEAD_BONUS * leads[members].any(axis=0)
            allowed = free & single
            if conflict is not None:
                allowed &= ~conflict[members].any(axis=0)
            if not allowed.any():
                return None
            best = int(np.argmax(np.where(allowed, gain, -np.inf)))
            group.append(best)
            free[best] = False
    return [sorted(group) for group in groups]
