"""The CP-SAT model: some schools, the sizes of the groups they must form, solved exactly.

Trios and pairs are *columns*: one boolean per possible trio (and pair, when a pair is
needed), carrying that group's exact score, lead bonus included; every school is in exactly
one chosen group. This set-partitioning model has a nearly whole-number linear relaxation,
so CP-SAT proves optimality for a cohort of 90 (117,480 trios) in about a second. An
assignment model (``x[school, group]`` with same-group pair variables, groups numbered by
their first member) was tried first: it could not close a 9% gap on 30 schools in 5 s.

Groups of four (at most two; C(90, 4) would be 2.5 million columns) are assignment
variables: ``x[s, k]`` (school s in four k), ``both[s, t, k]`` ≤ each of the two, with
Σ_t both[s, t, k] = 3·x[s, k] to tighten the relaxation, and a lead variable per four
bounded by the pairs with a lead in it; the second four may only hold schools after the first
four's first (symmetry). Pairs to keep together: columns splitting them are dropped and
their ``x`` are equal; pairs to keep apart: columns holding both are dropped and they share no
four. The greedy grouping is the hint.

Without fours, most columns are never worth a look, and proving so is cheap: the linear
relaxation (HiGHS, through scipy) gives a bound ``z`` and, per column, a reduced cost
``rc ≤ 0`` such that any grouping using that column scores at most ``z + rc``. CP-SAT first
gets only the columns with ``rc ≥ −δ`` (and the hint's); if its optimum there is at least
``z − δ``, no grouping using a left-out column can beat it, and it is optimal for the whole
problem. Otherwise ``δ`` grows to ``z`` minus that optimum and the model is solved again. For
90 schools this keeps about a tenth of the 117,480 trios.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt
from ortools.sat.python import cp_model
from scipy import optimize, sparse

from . import weights
from .scoring import ScoreTable

DELTA_START = 6.0  # points below the relaxation's bound that the first, small model covers


@dataclass(frozen=True, slots=True)
class Solved:
    groups: list[list[int]]  # global indices
    status: str  # "OPTIMAL", "FEASIBLE", "INFEASIBLE" or "UNKNOWN"
    bound: float


def _columns(
    m: int, k: int, weight: npt.NDArray[np.int64], leads: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    if k > m:
        return np.empty((0, k), dtype=np.int64), np.empty(0, dtype=np.int64)
    members = np.fromiter(
        (i for c in combinations(range(m), k) for i in c), dtype=np.int64
    ).reshape(-1, k)
    score = np.zeros(len(members), dtype=np.int64)
    lead = np.zeros(len(members), dtype=np.bool_)
    for a, b in combinations(range(k), 2):
        score += weight[members[:, a], members[:, b]]
        lead |= leads[members[:, a], members[:, b]]
    return members, score + weights.LEAD_BONUS * lead


@dataclass(frozen=True, slots=True)
class _Columns:
    size: int
    count: int
    members: npt.NDArray[np.int64]
    score: npt.NDArray[np.int64]


def _relaxation(
    m: int, columns: list[_Columns]
) -> tuple[float, list[npt.NDArray[np.float64]]] | None:
    """The linear relaxation's value and each column's reduced cost; None if infeasible."""
    scores = np.concatenate([c.score for c in columns]).astype(np.float64)
    rows, cols, offset = [], [], 0
    for k, c in enumerate(columns):
        rows.append(c.members.ravel())
        cols.append(np.repeat(np.arange(len(c.score)) + offset, c.size))
        rows.append(np.full(len(c.score), m + k))  # the count of groups of this size
        cols.append(np.arange(len(c.score)) + offset)
        offset += len(c.score)
    r, q = np.concatenate(rows), np.concatenate(cols)
    matrix = sparse.csr_matrix((np.ones(len(r)), (r, q)), shape=(m + len(columns), offset))
    rhs = np.concatenate([np.ones(m), [c.count for c in columns]])
    found = optimize.linprog(-scores, A_eq=matrix, b_eq=rhs, bounds=(0, None), method="highs")
    if found.status != 0:
        return None
    dual = -np.asarray(found.eqlin.marginals)
    reduced, offset = [], 0
    for k, c in enumerate(columns):
        reduced.append(c.score - dual[c.members].sum(axis=1) - dual[m + k])
        offset += len(c.score)
    return float(-found.fun), reduced


def solve(
    table: ScoreTable,
    schools: Sequence[int],
    sizes: Sequence[int],
    *,
    together: Sequence[tuple[int, int]] = (),
    apart: Sequence[tuple[int, int]] = (),
    hint: Sequence[Sequence[int]] | None = None,
    time_limit: float = 10.0,
    workers: int = 1,
    seed: int = 0,
) -> Solved:
    """Group ``schools`` (global indices) into groups of ``sizes``; pairs are global indices."""
    deadline = time.perf_counter() + time_limit
    m = len(schools)
    local = {s: i for i, s in enumerate(schools)}
    index = np.asarray(schools)
    weight = table.weight[np.ix_(index, index)].astype(np.int64)
    leads = table.leads[np.ix_(index, index)]
    kept_together = [(min(local[a], local[b]), max(local[a], local[b])) for a, b in together]
    kept_apart = [(min(local[a], local[b]), max(local[a], local[b])) for a, b in apart]
    hinted = {tuple(sorted(local[s] for s in group)) for group in hint or ()}

    columns: list[_Columns] = []
    for k in (3, 2):
        count = list(sizes).count(k)
        if not count:
            continue
        members, score = _columns(m, k, weight, leads)
        keep = np.ones(len(members), dtype=np.bool_)
        for i, j in kept_apart:
            keep &= ~((members == i).any(axis=1) & (members == j).any(axis=1))
        for i, j in kept_together:
            keep &= (members == i).any(axis=1) == (members == j).any(axis=1)
        columns.append(_Columns(k, count, members[keep], score[keep]))
    fours = list(sizes).count(4)

    if any(len(c.score) < c.count for c in columns):
        return Solved([], "INFEASIBLE", float("nan"))
    relaxation = _relaxation(m, columns) if columns and not fours else None
    if columns and not fours and relaxation is None:
        return Solved([], "INFEASIBLE", float("nan"))
    if relaxation is None:
        return _solve_model(weight, leads, schools, columns, None, fours, kept_together, kept_apart,
                            hinted, deadline - time.perf_counter(), workers, seed)  # fmt: skip
    bound, reduced = relaxation
    hinted_value = (
        sum(table.group_score([schools[s] for s in g]) for g in hinted) if hinted else None
    )
    delta = min(DELTA_START, bound - hinted_value) if hinted_value is not None else DELTA_START
    while True:
        kept = [rc >= -delta - 1e-6 for rc in reduced]
        solved = _solve_model(weight, leads, schools, columns, kept, 0, kept_together, kept_apart,
                              hinted, deadline - time.perf_counter(), workers, seed)  # fmt: skip
        everything = all(k.all() for k in kept)
        if solved.status == "OPTIMAL":
            value = sum(table.group_score(g) for g in solved.groups)
            if value >= bound - delta - 1e-6 or everything:
                return solved
            delta = bound - value
        elif solved.status == "INFEASIBLE" and not everything:
            delta = np.inf
        else:
            # Out of time: the relaxation's bound holds for the whole problem.
            return Solved(
                solved.groups, solved.status, min(solved.bound, bound) if everything else bound
            )
        if time.perf_counter() >= deadline:
            return Solved(solved.groups, "FEASIBLE" if solved.groups else "UNKNOWN", bound)


def _solve_model(
    weight: npt.NDArray[np.int64],
    leads: npt.NDArray[np.bool_],
    schools: Sequence[int],
    columns: list[_Columns],
    keep: list[npt.NDArray[np.bool_]] | None,
    fours: int,
    kept_together: Sequence[tuple[int, int]],
    kept_apart: Sequence[tuple[int, int]],
    hinted: set[tuple[int, ...]],
    time_limit: float,
    workers: int,
    seed: int,
) -> Solved:
    m = len(schools)
    model = cp_model.CpModel()
    cover: list[list[cp_model.IntVar]] = [[] for _ in range(m)]
    objective: list[cp_model.LinearExprT] = []
    chosen: list[tuple[cp_model.IntVar, tuple[int, ...]]] = []
    for k, c in enumerate(columns):
        sized: list[cp_model.IntVar] = []
        for row in range(len(c.score)):
            group = tuple(int(s) for s in c.members[row])
            if keep is not None and not keep[k][row] and group not in hinted:
                continue
            var = model.new_bool_var("")
            for s in group:
                cover[s].append(var)
            if c.score[row]:
                objective.append(int(c.score[row]) * var)
            sized.append(var)
            chosen.append((var, group))
        model.add(sum(sized) == c.count)

    x: dict[tuple[int, int], cp_model.IntVar] = {}
    for q in range(fours):
        for s in range(m):
            x[s, q] = model.new_bool_var("")
            cover[s].append(x[s, q])
        model.add(sum(x[s, q] for s in range(m)) == 4)
        both: dict[tuple[int, int], cp_model.IntVar] = {}
        for s, t in combinations(range(m), 2):
            both[s, t] = model.new_bool_var("")
            model.add_implication(both[s, t], x[s, q])
            model.add_implication(both[s, t], x[t, q])
            if weight[s, t]:
                objective.append(int(weight[s, t]) * both[s, t])
        for s in range(m):
            model.add(sum(both[min(s, t), max(s, t)] for t in range(m) if t != s) == 3 * x[s, q])
        lead_pairs = [both[s, t] for (s, t) in both if leads[s, t]]
        if lead_pairs:
            has_lead = model.new_bool_var("")
            model.add(has_lead <= sum(lead_pairs))
            objective.append(weights.LEAD_BONUS * has_lead)
        for i, j in kept_together:
            model.add(x[i, q] == x[j, q])
        for i, j in kept_apart:
            model.add_at_most_one(x[i, q], x[j, q])
    if fours == 2:
        # The second four's schools all come after the first four's first school.
        for s in range(m):
            model.add(sum(x[t, 0] for t in range(s)) >= 1).only_enforce_if(x[s, 1])

    for s in range(m):
        model.add_exactly_one(cover[s])
    model.maximize(sum(objective))

    if hinted:
        for var, group in chosen:
            model.add_hint(var, group in hinted)
        fours_hinted = sorted(g for g in hinted if len(g) == 4)
        for (s, q), var in x.items():
            model.add_hint(var, q < len(fours_hinted) and s in fours_hinted[q])

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.01)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.linearization_level = 2
    solver.parameters.cp_model_presolve = False  # seconds on 100,000 columns, for nothing

    code = solver.solve(model)
    status = solver.status_name(code)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solved([], status, float("nan"))
    groups = [
        sorted(schools[s] for s in group) for var, group in chosen if solver.boolean_value(var)
    ]
    for q in range(fours):
        groups.append(sorted(schools[s] for s in range(m) if solver.boolean_value(x[s, q])))
    return Solved(sorted(groups), status, solver.best_objective_bound)
