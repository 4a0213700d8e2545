"""The network benchmark: the middle half of schools' scores, and when to say nothing.

A benchmark is the median and interquartile range of one score across schools (each
school's latest submitted review counts once). Quartiles are Hyndman and Fan's type 7, the
linear interpolation between order statistics that numpy, R (by default) and Python's
``statistics.quantiles(method="inclusive")`` use, so anyone can check a figure in a
spreadsheet (Excel's QUARTILE.INC is the same rule).

Any group of fewer than ``SUPPRESS_BELOW`` schools is suppressed: with four schools, a
member who knows three of the scores could work out the fourth.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

SUPPRESS_BELOW = 5


def is_suppressed(schools: int) -> bool:
    return schools < SUPPRESS_BELOW


@dataclass(frozen=True, slots=True)
class Spread:
    schools: int
    lower_quartile: float
    median: float
    upper_quartile: float


def spread(scores: Sequence[float]) -> Spread | None:
    """Quartiles of ``scores`` (type 7), or None for no scores. Never suppresses: callers
    store every spread and suppress when they show it."""
    if len(scores) == 0:
        return None
    q1, q2, q3 = np.percentile(np.asarray(scores, dtype=np.float64), [25, 50, 75])
    return Spread(
        schools=len(scores), lower_quartile=float(q1), median=float(q2), upper_quartile=float(q3)
    )


def spreads_by_key(pairs: Iterable[tuple[str, float]]) -> dict[str, Spread]:
    """One spread per key from (key, score) pairs, e.g. (domain code, score)."""
    grouped: dict[str, list[float]] = {}
    for key, score in pairs:
        grouped.setdefault(key, []).append(score)
    result: dict[str, Spread] = {}
    for key, scores in grouped.items():
        found = spread(scores)
        if found is not None:
            result[key] = found
    return result


class Position(StrEnum):
    """Where a school's score sits against the network's middle half."""

    BELOW = "below"  # under the lower quartile
    WITHIN = "within"  # in the middle half
    ABOVE = "above"  # over the upper quartile


def position(score: float, benchmark: Spread) -> Position:
    if score < benchmark.lower_quartile:
        return Position.BELOW
    if score > benchmark.upper_quartile:
        return Position.ABOVE
    return Position.WITHIN
