"""An upper limit on any grouping's objective, computed without solving.

Split each group's score among its members; a school's share can be no more than the best
it could get in any group, so the sum of those bests bounds the objective. Two splits are
computed and the smaller total is the bound (each total is a valid bound on its own; the
smaller is the tighter):

- **Best group**: a trio's score in equal thirds, a pair's in halves. A school's share is at
  most a third of the best trio containing it (found exactly among its ``top`` best partners;
  beyond them a trio is bounded by the ``top``-th partner's score plus the best partner's
  plus the highest pair score anywhere plus the lead bonus, which enters if larger).
- **Best partners**: a group's pair scores split as half of each pair to each member, the
  lead bonus in equal parts. A school's share in a trio is at most half its two best pair
  scores plus a third of the bonus.

A group of four splits as in the second (half its three best pair scores plus a quarter of
the bonus); only as many schools as the fours hold can take that share, so the schools
gaining most from it do. Pairs to keep together or apart are left out: leaving out a
constraint can only raise the best, so the bound stays valid.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from . import weights
from .scoring import ScoreTable


def _best_trio(table: ScoreTable, top: int) -> npt.NDArray[np.float64]:
    weight = table.weight.astype(np.int64)
    leads = table.leads
    n = weight.shape[0]
    highest = int(weight.max()) if n else 0
    best = np.zeros(n, dtype=np.float64)
    for s in range(n):
        row = weight[s].copy()
        row[s] = -1
        k = min(top, n - 1)
        candidates = (
            np.argpartition(-row, k - 1)[:k] if k < n - 1 else np.flatnonzero(np.arange(n) != s)
        )
        w = row[candidates]
        inner = weight[np.ix_(candidates, candidates)]
        lead = (
            leads[np.ix_(candidates, candidates)]
            | leads[s, candidates][:, None]
            | leads[s, candidates][None, :]
        )
        scores = w[:, None] + w[None, :] + inner + weights.LEAD_BONUS * lead
        np.fill_diagonal(scores, -1)
        value = float(scores.max())
        if k < n - 1:
            outside = float(np.sort(row)[::-1][k]) + float(w.max()) + highest + weights.LEAD_BONUS
            value = max(value, outside)
        best[s] = value
    return best


def upper_bound(table: ScoreTable, sizes: Sequence[int], top: int = 60) -> int:
    n = table.weight.shape[0]
    if n < 2:
        return 0
    ordered = -np.sort(-table.weight, axis=1)  # each row descending; the diagonal 0 is last or tied
    pairs = ordered[:, 0].astype(np.float64)
    two = ordered[:, :2].sum(axis=1) / 2 if n > 2 else pairs / 2
    three = ordered[:, :3].sum(axis=1) / 2 if n > 3 else two
    bonus = weights.LEAD_BONUS
    in_fours = 4 * list(sizes).count(4)
    in_pairs = 2 * list(sizes).count(2)

    def total(base: npt.NDArray[np.float64]) -> float:
        value = float(base.sum())
        if in_fours:
            value += float(np.sort(np.maximum(three + bonus / 4 - base, 0))[::-1][:in_fours].sum())
        if in_pairs:
            value += float(
                np.sort(np.maximum((pairs + bonus) / 2 - base, 0))[::-1][:in_pairs].sum()
            )
        return value

    partners = total(two + bonus / 3)
    trio = total(_best_trio(table, top) / 3) if n > 2 else partners
    # Scores are whole numbers, so the bound rounds down; a hair of slack for float sums.
    return int(np.floor(min(partners, trio) + 1e-6))
