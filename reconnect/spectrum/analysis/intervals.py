"""95% confidence intervals for the cohort views' outcome gaps. Pure numpy and scipy.

- ``wilson``: the Wilson score interval for a proportion (Newcombe 1998a, method 3). It
  never leaves 0 to 1 and behaves at 0 and n events, unlike the Wald interval.
- ``newcombe_difference``: the difference of two independent proportions with Newcombe's
  hybrid score interval (Newcombe 1998b, *Statistics in Medicine* 17:873–890, method 10),
  built from each proportion's Wilson interval.
- ``welch_difference``: the difference of two means with Welch's t interval (unequal
  variances, Welch–Satterthwaite degrees of freedom).
- ``mean_interval``: a mean with the t interval.

Every function returns ``None`` when there is nothing to estimate from (no pupils, or
fewer than two values for a mean's interval); a group with no spread at all gets an
interval of width 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special

Z95 = 1.959964  # the 97.5th percentile of the standard normal distribution
LEVEL = 0.95

Values = Sequence[float] | npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Interval:
    estimate: float
    low: float
    high: float


def wilson(k: int, n: int, z: float = Z95) -> Interval | None:
    """The proportion ``k / n`` with its Wilson score interval; None when ``n`` is 0."""
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"Need 0 ≤ k ≤ n, not k={k}, n={n}")
    if n == 0:
        return None
    p = k / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    # At 0 and n events the bounds are exactly 0 and 1; rounding could leave 1e-17.
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return Interval(p, low, high)


def newcombe_difference(k1: int, n1: int, k2: int, n2: int, z: float = Z95) -> Interval | None:
    """``k1/n1 − k2/n2`` with Newcombe's hybrid score interval (method 10).

    With Wilson intervals (l1, u1) and (l2, u2) and d = p1 − p2, the interval is
    d − √((p1 − l1)² + (u2 − p2)²) to d + √((u1 − p1)² + (p2 − l2)²). None when either
    group is empty.
    """
    first = wilson(k1, n1, z)
    second = wilson(k2, n2, z)
    if first is None or second is None:
        return None
    p1, l1, u1 = first.estimate, first.low, first.high
    p2, l2, u2 = second.estimate, second.low, second.high
    d = p1 - p2
    below = math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    above = math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Interval(d, d - below, d + above)


def _clean(values: Values) -> npt.NDArray[np.float64]:
    array = np.asarray(values, dtype=np.float64)
    return array[~np.isnan(array)]


def mean_interval(values: Values, level: float = LEVEL) -> Interval | None:
    """The mean with its t interval; missing values (NaN) are left out.

    None with fewer than two values; width 0 when every value is the same.
    """
    a = _clean(values)
    n = a.size
    if n < 2:
        return None
    mean = float(a.mean())
    se = float(a.std(ddof=1)) / math.sqrt(n)
    if se == 0:
        return Interval(mean, mean, mean)
    half = float(special.stdtrit(n - 1, 0.5 + level / 2)) * se
    return Interval(mean, mean - half, mean + half)


def welch_difference(a: Values, b: Values, level: float = LEVEL) -> Interval | None:
    """``mean(a) − mean(b)`` with Welch's interval; missing values are left out.

    None when either group has fewer than two values; width 0 when neither varies.
    """
    x, y = _clean(a), _clean(b)
    nx, ny = x.size, y.size
    if nx < 2 or ny < 2:
        return None
    d = float(x.mean() - y.mean())
    vx = float(x.var(ddof=1)) / nx
    vy = float(y.var(ddof=1)) / ny
    se2 = vx + vy
    if se2 == 0:
        return Interval(d, d, d)
    # Welch–Satterthwaite; a group without spread contributes nothing to either sum.
    df = se2 * se2 / (vx * vx / (nx - 1) + vy * vy / (ny - 1))
    half = float(special.stdtrit(df, 0.5 + level / 2)) * math.sqrt(se2)
    return Interval(d, d - half, d + half)
