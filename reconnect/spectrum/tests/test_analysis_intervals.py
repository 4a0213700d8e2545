"""Confidence intervals against Newcombe's published examples, statsmodels and scipy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from reconnect.spectrum.analysis.intervals import (
    Interval,
    mean_interval,
    newcombe_difference,
    welch_difference,
    wilson,
)

# Newcombe (1998a), Statistics in Medicine 17:857–872, Table I, method 3 (Wilson score).
NEWCOMBE_WILSON = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
]

# Newcombe (1998b), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score).
NEWCOMBE_DIFFERENCES = [
    (56, 70, 48, 80, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.1705, 0.8090),
    (6, 7, 2, 7, 0.0582, 0.8062),
    (5, 56, 0, 29, -0.0381, 0.1926),
    (0, 10, 0, 20, -0.1611, 0.2775),
    (0, 10, 0, 10, -0.2775, 0.2775),
    (10, 10, 0, 20, 0.6791, 1.0000),
    (10, 10, 0, 10, 0.6075, 1.0000),
]


@pytest.mark.parametrize(("k", "n", "low", "high"), NEWCOMBE_WILSON)
def test_wilson_matches_newcombes_published_intervals(
    k: int, n: int, low: float, high: float
) -> None:
    interval = wilson(k, n)

    assert interval is not None
    assert interval.estimate == k / n
    assert interval.low == pytest.approx(low, abs=5e-5)
    assert interval.high == pytest.approx(high, abs=5e-5)


@pytest.mark.parametrize(
    ("k", "n"), [(0, 1), (1, 1), (3, 7), (50, 100), (1, 1500), (1499, 1500), (0, 3)]
)
def test_wilson_matches_statsmodels(k: int, n: int) -> None:
    low, high = proportion_confint(k, n, alpha=0.05, method="wilson")

    exact = wilson(k, n, z=float(stats.norm.ppf(0.975)))
    default = wilson(k, n)

    assert exact is not None
    assert default is not None
    assert (exact.low, exact.high) == (pytest.approx(low, abs=1e-12), pytest.approx(high))
    assert (default.low, default.high) == (pytest.approx(low, abs=1e-7), pytest.approx(high))


def test_wilson_edges() -> None:
    assert wilson(0, 0) is None
    none_of_five = wilson(0, 5)
    assert none_of_five is not None
    assert (none_of_five.estimate, none_of_five.low) == (0.0, 0.0)
    assert none_of_five.high == pytest.approx(0.4345, abs=5e-5)
    everything = wilson(5, 5)
    assert everything is not None
    assert everything.high == 1.0
    with pytest.raises(ValueError, match="Need 0 ≤ k ≤ n"):
        wilson(6, 5)


@pytest.mark.parametrize(("k1", "n1", "k2", "n2", "low", "high"), NEWCOMBE_DIFFERENCES)
def test_newcombe_difference_matches_the_published_examples(
    k1: int, n1: int, k2: int, n2: int, low: float, high: float
) -> None:
    interval = newcombe_difference(k1, n1, k2, n2)

    assert interval is not None
    assert interval.estimate == pytest.approx(k1 / n1 - k2 / n2)
    assert interval.low == pytest.approx(low, abs=5e-5)
    assert interval.high == pytest.approx(high, abs=5e-5)


@pytest.mark.parametrize(
    ("k1", "n1", "k2", "n2"),
    [*((a, b, c, d) for a, b, c, d, _, _ in NEWCOMBE_DIFFERENCES), (40, 300, 120, 1200)],
)
def test_newcombe_difference_matches_statsmodels(k1: int, n1: int, k2: int, n2: int) -> None:
    low, high = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff")

    interval = newcombe_difference(k1, n1, k2, n2)

    assert interval is not None
    assert interval.low == pytest.approx(low, abs=1e-6)
    assert interval.high == pytest.approx(high, abs=1e-6)


def test_newcombe_difference_with_an_empty_group_is_none() -> None:
    assert newcombe_difference(0, 0, 3, 10) is None
    assert newcombe_difference(3, 10, 0, 0) is None


def test_mean_interval_matches_scipy() -> None:
    values = [96.0, 88.5, 91.2, 72.0, 99.1, 85.0, 93.3]

    interval = mean_interval(values)

    low, high = stats.t.interval(
        0.95, len(values) - 1, loc=np.mean(values), scale=stats.sem(values)
    )
    assert interval is not None
    assert interval.estimate == pytest.approx(np.mean(values))
    assert (interval.low, interval.high) == (pytest.approx(low), pytest.approx(high))


def test_mean_interval_edges() -> None:
    assert mean_interval([]) is None
    assert mean_interval([90.0]) is None
    assert mean_interval([90.0, float("nan")]) is None
    assert mean_interval([90.0, 90.0, 90.0]) == Interval(90.0, 90.0, 90.0)


def test_welch_difference_matches_scipy() -> None:
    rng = np.random.default_rng(5)
    a = rng.normal(88, 9, 23)
    b = rng.normal(94, 4, 140)

    interval = welch_difference(a, b)

    expected = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    assert interval is not None
    assert interval.estimate == pytest.approx(a.mean() - b.mean())
    assert interval.low == pytest.approx(expected.low, rel=1e-9)
    assert interval.high == pytest.approx(expected.high, rel=1e-9)


def test_welch_difference_known_answer() -> None:
    # Worked by hand: means 3 and 6, variances 1 and 4, n 3 and 3; se² = 1/3 + 4/3 = 5/3,
    # df = (5/3)² / ((1/3)²/2 + (4/3)²/2) = 25/9 ÷ 17/18 = 50/17.
    interval = welch_difference([2.0, 3.0, 4.0], [4.0, 6.0, 8.0])

    half = stats.t.ppf(0.975, 50 / 17) * math.sqrt(5 / 3)
    assert interval is not None
    assert interval.estimate == -3.0
    assert interval.low == pytest.approx(-3.0 - half)
    assert interval.high == pytest.approx(-3.0 + half)


def test_welch_difference_edges() -> None:
    assert welch_difference([1.0], [1.0, 2.0]) is None
    assert welch_difference([1.0, 2.0], []) is None
    assert welch_difference([5.0, 5.0], [3.0, 3.0, 3.0]) == Interval(2.0, 2.0, 2.0)
    # Only the second group varies: se² = 0 + 2/2 = 1 and df = 1 ÷ (1²/1) = 1.
    one_varies = welch_difference([5.0, 5.0, 5.0], [1.0, 3.0])
    half = stats.t.ppf(0.975, 1)
    assert one_varies is not None
    assert one_varies.estimate == 3.0
    assert (one_varies.low, one_varies.high) == (
        pytest.approx(3.0 - half),
        pytest.approx(3.0 + half),
    )
