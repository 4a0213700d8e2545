"""Learning trios: group a Lab cohort's applicants into trios that score best together.

Pure Python over plain data (numpy and OR-Tools' CP-SAT); no Django. Written for the
network coordinator in ``docs/trios.md``.

**Score.** A pair scores for a shared (or related) challenge, the same (or a related)
intervention, and nearness (same or neighbouring borough); a group scores the sum of its
pairs plus a bonus, once, when it has a *lead*: a member at least one level stronger in a
domain another member names as a challenge. Weights: ``weights.py``; definitions:
``scoring.py``. The lead is a bonus, not a rule: many applicants have no self-evaluation
yet, and a rule would leave whole cohorts with no grouping at all.

**Sizes.** Trios; a group of four (n % 3 == 1) or two (n % 3 == 2) when the numbers force
it; a pair only for 2 or 5 schools (``sizes.py``).

**Method.** Up to ``Options.exact_limit`` schools (120): one CP-SAT model (``exact.py``).
Every possible trio (and pair, when one is needed) is a boolean column carrying its exact
score, lead included; each school is in exactly one chosen group; the one or two groups of
four are assignment variables ``x[school, four]`` with same-four pair variables. Without
fours, the linear relaxation's reduced costs prove most trios useless before CP-SAT sees
them, so a cohort of 90 is proven optimal in about a second; with a four the full model
runs (91 schools: about 11 s). The greedy grouping (``greedy.py``) is the hint. The status
is CP-SAT's: OPTIMAL when proven, and the bound is CP-SAT's best bound (or the relaxation's).
An assignment model for every group (``x[school, group]``, pair variables, groups numbered
by their first member) was tried first and dropped: its relaxation is weak, and it left a
9% gap on 30 schools after 5 s.

More schools (all of London is 2,500: 3 million pairs, 833 groups, far too large for one
model): the greedy grouping, then large-neighbourhood search (``large.py``): about 48
schools at a time, a low-scoring group and the groups whose members score best with it,
regrouped exactly by the same CP-SAT model, kept if better, until the time is up. The
result is FEASIBLE; its quality is measured against an upper bound computed independently
of the search (``bound.py``): every group's score shared among its members, each member's
share bounded by the best group it could be in (best trio, or best two partners), summed.
The gap ``(bound − objective) / bound`` is then an honest worst case: the best grouping is
at most that far above the one returned, and usually much less, because the bound lets
every school have its best group at once.

**Constraints.** Pairs to keep together and apart are checked first (``checks.py``); when no
grouping can meet them, ``TrioInfeasibleError`` says why in plain English, naming the
schools.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from .bound import upper_bound
from .checks import prepare
from .exact import solve
from .greedy import greedy
from .inputs import Applicant, Constraints, Options, TrioInfeasibleError
from .large import improve
from .result import Lead, PairReason, TrioGroup, TrioPlan
from .scoring import Neighbours, Related, ScoreTable, group_lead, pair_reason
from .sizes import group_sizes

__all__ = [
    "Applicant",
    "Constraints",
    "Lead",
    "Options",
    "PairReason",
    "TrioGroup",
    "TrioInfeasibleError",
    "TrioPlan",
    "build_trios",
    "group_sizes",
]


def build_trios(
    applicants: Sequence[Applicant],
    *,
    neighbours: Neighbours,
    related_challenges: Related | None = None,
    constraints: Constraints | None = None,
    options: Options | None = None,
) -> TrioPlan:
    """Group ``applicants`` into learning trios. Raises ``TrioInfeasibleError``."""
    started = time.perf_counter()
    constraints = constraints or Constraints()
    options = options or Options()
    deadline = started + options.time_limit
    prepared = prepare(applicants, constraints)
    table = ScoreTable.build(applicants, neighbours, related_challenges)
    start = greedy(table, prepared)
    n = len(applicants)
    impossible = (
        f"No grouping of these {n} schools keeps apart every pair to keep apart "
        "while meeting the pairs to keep together."
    )
    together = [(u[k], u[k + 1]) for u in prepared.units for k in range(len(u) - 1)]
    if n <= options.exact_limit:
        solved = solve(
            table,
            list(range(n)),
            prepared.sizes,
            together=together,
            apart=sorted(prepared.apart),
            hint=start,
            time_limit=deadline - time.perf_counter(),
            workers=options.workers,
            seed=options.seed,
        )
        if solved.status == "INFEASIBLE":
            raise TrioInfeasibleError(impossible)
        if not solved.groups:
            if start is None:
                raise TrioInfeasibleError(
                    f"No grouping was found in {options.time_limit:g} seconds."
                )
            groups, status, bound = start, "FEASIBLE", float(upper_bound(table, prepared.sizes))
        else:
            groups, status, bound = solved.groups, solved.status, solved.bound
        method = "exact"
    else:
        if start is None:
            raise TrioInfeasibleError(impossible)
        # The bound first: it takes a fixed time, the search takes whatever is left.
        bound = float(upper_bound(table, prepared.sizes))
        groups = improve(
            table,
            prepared,
            start,
            deadline=deadline,
            size=options.neighbourhood_size,
            seed=options.seed,
            workers=options.workers,
        )
        status, method = "FEASIBLE", "neighbourhoods"

    found = tuple(
        sorted(
            (
                _describe(applicants, sorted(g), table, neighbours, related_challenges)
                for g in groups
            ),
            key=lambda group: group.schools,
        )
    )
    objective = sum(group.score for group in found)
    whole_bound = max(int(bound + 1e-6), objective)
    if status == "OPTIMAL":
        whole_bound = objective
    gap = (whole_bound - objective) / whole_bound if whole_bound > 0 else 0.0
    return TrioPlan(
        found, objective, whole_bound, gap, "OPTIMAL" if status == "OPTIMAL" else "FEASIBLE",
        time.perf_counter() - started, method,
    )  # fmt: skip


def _describe(
    applicants: Sequence[Applicant],
    members: list[int],
    table: ScoreTable,
    neighbours: Neighbours,
    related: Related | None,
) -> TrioGroup:
    chosen = [applicants[i] for i in members]
    pairs = tuple(
        pair_reason(chosen[a], chosen[b], neighbours, related)
        for a in range(len(chosen))
        for b in range(a + 1, len(chosen))
    )
    lead = group_lead(chosen)
    score = table.group_score(members)
    return TrioGroup(tuple(s.id for s in chosen), score, pairs, lead)
