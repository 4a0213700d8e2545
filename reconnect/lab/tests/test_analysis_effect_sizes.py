"""Hedges' g against Borenstein et al. (2009), chapter 4, and scipy's t-test."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from reconnect.lab.analysis.common import Z95
from reconnect.lab.analysis.effect_sizes import (
    FEW_PUPILS,
    NO_BASELINE,
    POST_ONLY,
    hedges_g,
    hedges_g_from_summary,
    small_sample_correction,
)

BORENSTEIN: dict[str, Any] = {
    "mean_intervention": 103.0,
    "sd_intervention": 5.5,
    "n_intervention": 50,
    "mean_comparison": 100.0,
    "sd_comparison": 4.5,
    "n_comparison": 50,
}


def test_hedges_g_matches_borensteins_worked_example() -> None:
    # Borenstein et al. (2009), Introduction to Meta-Analysis, ch. 4: d = 0.5970,
    # V_d = 0.0418, SE_d = 0.2044, J = 0.9923, g = 0.5924, V_g = 0.0411, SE_g = 0.2028.
    result = hedges_g_from_summary(**BORENSTEIN)

    assert result.uncorrected == pytest.approx(0.5970, abs=5e-5)
    assert (result.standard_error / result.correction) ** 2 == pytest.approx(0.0418, abs=5e-5)
    assert result.standard_error / result.correction == pytest.approx(0.2044, abs=5e-5)
    assert result.correction == pytest.approx(0.9923, abs=5e-5)
    assert result.estimate == pytest.approx(0.5924, abs=5e-5)
    assert result.standard_error**2 == pytest.approx(0.0411, abs=5e-5)
    assert result.standard_error == pytest.approx(0.2028, abs=5e-5)


def test_hedges_g_worked_example_to_full_precision() -> None:
    result = hedges_g_from_summary(**BORENSTEIN)

    s = math.sqrt((49 * 5.5**2 + 49 * 4.5**2) / 98)
    d = 3 / s
    j = 1 - 3 / 391
    v_g = j * j * (100 / 2500 + d * d / 200)
    assert result.standardiser == pytest.approx(s, rel=1e-14)
    assert result.difference == 3.0
    assert result.uncorrected == pytest.approx(d, rel=1e-14)
    assert result.correction == pytest.approx(j, rel=1e-14)
    assert result.estimate == pytest.approx(j * d, rel=1e-14)
    assert result.standard_error == pytest.approx(math.sqrt(v_g), rel=1e-14)
    assert result.ci_low == pytest.approx(j * d - Z95 * math.sqrt(v_g), rel=1e-14)
    assert result.ci_high == pytest.approx(j * d + Z95 * math.sqrt(v_g), rel=1e-14)
    assert (result.ci_low, result.ci_high) == pytest.approx((0.1949, 0.9900), abs=5e-5)
    assert result.n_intervention == 50
    assert result.n_comparison == 50
    assert result.method == POST_ONLY
    assert result.caveats == (NO_BASELINE,)
    assert result.is_impact_estimate is True


def test_hedges_g_from_scores_equals_summary_and_scipys_t() -> None:
    rng = np.random.default_rng(7)
    intervention = rng.normal(52, 10, 43)
    comparison = rng.normal(48, 11, 38)

    result = hedges_g(intervention, comparison)

    summary = hedges_g_from_summary(
        mean_intervention=intervention.mean(),
        sd_intervention=intervention.std(ddof=1),
        n_intervention=43,
        mean_comparison=comparison.mean(),
        sd_comparison=comparison.std(ddof=1),
        n_comparison=38,
    )
    assert result == summary
    # Student's t (pooled variance) gives d = t·√(1/n₁ + 1/n₂).
    t = stats.ttest_ind(intervention, comparison).statistic
    assert result.uncorrected == pytest.approx(t * math.sqrt(1 / 43 + 1 / 38), rel=1e-12)
    assert result.difference == pytest.approx(intervention.mean() - comparison.mean(), rel=1e-12)


def test_hedges_g_warns_about_small_groups() -> None:
    result = hedges_g([10.0, 12.0, 14.0], [9.0, 11.0, 10.0, 12.0])

    assert result.caveats == (NO_BASELINE, FEW_PUPILS)
    # n = 7: J = 1 − 3/(4·5 − 1) = 16/19.
    assert result.correction == pytest.approx(16 / 19, rel=1e-15)


def test_hedges_g_is_antisymmetric_in_the_groups() -> None:
    first = hedges_g([5.0, 7.0, 9.0, 6.0], [4.0, 5.0, 6.0])
    swapped = hedges_g([4.0, 5.0, 6.0], [5.0, 7.0, 9.0, 6.0])

    assert swapped.estimate == pytest.approx(-first.estimate, rel=1e-15)
    assert swapped.standard_error == pytest.approx(first.standard_error, rel=1e-15)


def test_hedges_g_with_one_group_without_spread_uses_the_other_groups_spread() -> None:
    result = hedges_g([10.0, 10.0, 10.0], [8.0, 9.0, 10.0])

    # Pooled SD = √((2·0 + 2·1)/4) = √0.5.
    assert result.standardiser == pytest.approx(math.sqrt(0.5), rel=1e-15)
    assert result.uncorrected == pytest.approx(1 / math.sqrt(0.5), rel=1e-15)


def test_small_sample_correction_matches_the_exact_gamma_form_closely() -> None:
    # Hedges' exact J(df) = Γ(df/2) / (√(df/2)·Γ((df − 1)/2)); the approximation is within
    # 0.1% from 10 degrees of freedom (Borenstein et al. 2009, ch. 4).
    for df in (10, 30, 98, 500):
        exact = math.exp(math.lgamma(df / 2) - math.lgamma((df - 1) / 2)) / math.sqrt(df / 2)
        assert small_sample_correction(df) == pytest.approx(exact, rel=1e-3)


scores = st.lists(
    st.floats(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False),
    min_size=2,
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(scores, scores)
def test_g_shrinks_d_towards_zero_and_its_interval_holds_it(a: list[float], b: list[float]) -> None:
    spread = np.std(a + b)
    if np.ptp(a) + np.ptp(b) < 1e-6 * max(1.0, float(spread)):
        return  # no spread: refused, see the validation tests

    result = hedges_g(a, b)

    assert abs(result.estimate) <= abs(result.uncorrected)
    assert math.copysign(1, result.estimate) == math.copysign(1, result.uncorrected) or (
        result.estimate == 0
    )
    assert result.ci_low <= result.estimate <= result.ci_high
    assert result.standard_error > 0
    assert 0 < result.correction < 1
