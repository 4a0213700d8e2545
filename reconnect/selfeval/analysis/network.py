"""The network view's figures: where schools across the network rate themselves weakest.

Input is one row per (school, domain): the school's latest submitted review's score in the
domain, as parallel arrays (a domain index, a group index such as the school's phase or
borough, and the score). Everything is computed with numpy over sorted arrays, so 2,500
schools of eleven domains each take milliseconds, never one query or loop per group.

Every figure is computed over schools, and a group of fewer than
``benchmark.SUPPRESS_BELOW`` schools gets no figure at all (its median is None): with four
schools, a member who knows three of the scores could work out the fourth. Quartiles are
type 7 (numpy's default, Excel's QUARTILE.INC), as in ``benchmark``.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from reconnect.selfeval.analysis.benchmark import SUPPRESS_BELOW, is_suppressed
from reconnect.selfeval.analysis.scoring import STRONG_FROM

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class DomainSpread:
    """One domain across the network. Figures are None when suppressed."""

    index: int  # the domain's position in the framework's order
    schools: int
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    # The share of schools scoring below Established (under 3.0), from 0 to 1.
    share_below: float | None

    @property
    def suppressed(self) -> bool:
        return self.median is None


def _as_arrays(
    domain: Sequence[int] | IntArray, score: Sequence[float] | FloatArray
) -> tuple[IntArray, FloatArray]:
    domains = np.asarray(domain, dtype=np.int64)
    scores = np.asarray(score, dtype=np.float64)
    if domains.shape != scores.shape or domains.ndim != 1:
        raise ValueError("domain and score must be one-dimensional and the same length")
    return domains, scores


def domain_spreads(
    domain: Sequence[int] | IntArray, score: Sequence[float] | FloatArray, *, domains: int
) -> list[DomainSpread]:
    """Each domain's median, quartiles and share below Established, in framework order.

    ``domain`` holds indexes 0 to ``domains - 1``; a domain with no rows has 0 schools.
    """
    codes, scores = _as_arrays(domain, score)
    result = []
    for index in range(domains):
        mine = scores[codes == index]
        if is_suppressed(len(mine)):
            result.append(DomainSpread(index, len(mine), None, None, None, None))
            continue
        q1, q2, q3 = np.percentile(mine, [25, 50, 75])
        below = float(np.count_nonzero(mine < STRONG_FROM)) / len(mine)
        result.append(DomainSpread(index, len(mine), float(q2), float(q1), float(q3), below))
    return result


def weakest_first(spreads: Sequence[DomainSpread]) -> list[DomainSpread]:
    """Lowest median first; a tie goes to the larger share below Established, then to the
    framework's order. Suppressed domains cannot be ranked: they follow, in framework order."""
    shown = [s for s in spreads if not s.suppressed]
    hidden = [s for s in spreads if s.suppressed]
    shown.sort(key=lambda s: (s.median, -(s.share_below or 0.0), s.index))
    hidden.sort(key=lambda s: s.index)
    return shown + hidden


@dataclass(frozen=True, slots=True)
class GroupMedians:
    """Medians of every (domain, group) pair: ``schools[d, g]`` and ``median[d, g]``, the
    median NaN where there are no rows or fewer than five schools."""

    schools: IntArray
    median: FloatArray

    def cell(self, domain: int, group: int) -> tuple[int, float | None]:
        """(schools, median or None when suppressed) of one pair."""
        value = float(self.median[domain, group])
        return int(self.schools[domain, group]), None if np.isnan(value) else value


def group_medians(
    domain: Sequence[int] | IntArray,
    group: Sequence[int] | IntArray,
    score: Sequence[float] | FloatArray,
    *,
    domains: int,
    groups: int,
) -> GroupMedians:
    """The median score of each domain in each group, vectorised: one sort, no loops.

    Rows are sorted by (domain, group, score); each pair's rows are then one run, whose
    median is the middle element (or the mean of the middle two).
    """
    codes, scores = _as_arrays(domain, score)
    groups_of = np.asarray(group, dtype=np.int64)
    if groups_of.shape != codes.shape:
        raise ValueError("group must be the same length as domain and score")
    counts = np.zeros((domains, groups), dtype=np.int64)
    medians = np.full((domains, groups), np.nan, dtype=np.float64)
    if len(codes) == 0:
        return GroupMedians(counts, medians)
    key = codes * groups + groups_of
    order = np.lexsort((scores, key))
    key, sorted_scores = key[order], scores[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    lengths = np.diff(np.r_[starts, len(key)])
    middle_low = sorted_scores[starts + (lengths - 1) // 2]
    middle_high = sorted_scores[starts + lengths // 2]
    run_keys = key[starts]
    counts.flat[run_keys] = lengths
    shown = lengths >= SUPPRESS_BELOW  # is_suppressed, for a whole array at once
    medians.flat[run_keys[shown]] = (middle_low[shown] + middle_high[shown]) / 2
    return GroupMedians(counts, medians)


def weakest_domain(medians: GroupMedians, group: int) -> int | None:
    """The domain with the lowest median in the group, or None when every domain there is
    suppressed. Ties go to the framework's order (the lower index)."""
    column = medians.median[:, group]
    if np.all(np.isnan(column)):
        return None
    return int(np.nanargmin(column))


def schools_per_group(school_group: Sequence[int] | IntArray, *, groups: int) -> IntArray:
    """How many schools each group holds, from one group index per school."""
    return np.bincount(np.asarray(school_group, dtype=np.int64), minlength=groups)
