"""Many schools: start from the greedy grouping and re-solve neighbourhoods of it exactly.

A neighbourhood is a seed group and the groups whose members score best with the seed's
members (the group's "affinity"), up to about ``size`` schools. Its schools are regrouped by
the CP-SAT model into groups of the same sizes, with the current grouping as the hint, so
the objective never falls. Seeds are taken lowest-scoring group first, then in a fixed
random order, until the time is up.
"""

from __future__ import annotations

import time

import numpy as np

from . import exact
from .checks import Prepared
from .scoring import ScoreTable


def improve(
    table: ScoreTable,
    prepared: Prepared,
    groups: list[list[int]],
    *,
    deadline: float,
    size: int,
    seed: int,
    workers: int,
) -> list[list[int]]:
    n = table.weight.shape[0]
    rng = np.random.default_rng(seed)
    group_of = np.empty(n, dtype=np.int64)
    for g, members in enumerate(groups):
        group_of[members] = g
    scores = np.array([table.group_score(members) for members in groups])
    together = [(u[k], u[k + 1]) for u in prepared.units for k in range(len(u) - 1)]
    apart = sorted(prepared.apart)
    order = list(np.argsort(scores, kind="stable"))
    while time.perf_counter() < deadline - 0.05:
        if not order:
            order = list(rng.permutation(len(groups)))
        start = int(order.pop(0))
        affinity = table.weight[groups[start]].sum(axis=0).astype(np.float64)
        by_group = np.bincount(group_of, weights=affinity, minlength=len(groups))
        by_group += rng.random(len(groups))  # breaks ties, and varies repeat visits
        by_group[start] = np.inf
        chosen: list[int] = []
        count = 0
        for picked in np.argsort(-by_group, kind="stable"):
            if count >= size:
                break
            chosen.append(int(picked))
            count += len(groups[int(picked)])
        schools = sorted(s for g in chosen for s in groups[g])
        inside = set(schools)
        solved = exact.solve(
            table,
            schools,
            sorted((len(groups[g]) for g in chosen), reverse=True),
            together=[p for p in together if p[0] in inside],
            apart=[p for p in apart if p[0] in inside and p[1] in inside],
            hint=[groups[g] for g in chosen],
            time_limit=min(2.0, deadline - time.perf_counter()),
            workers=workers,
            seed=seed,
        )
        if not solved.groups:
            continue
        before = sum(int(scores[g]) for g in chosen)
        after = [table.group_score(members) for members in solved.groups]
        if sum(after) <= before:
            continue
        for g, members, score in zip(sorted(chosen), solved.groups, after, strict=True):
            groups[g] = members
            group_of[members] = g
            scores[g] = score
    return groups
