"""The ANCOVA effect size against statsmodels' OLS on the same data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.lab.analysis.ancova import ANCOVA, BASELINE_ADJUSTED, FEW_PUPILS, ancova_effect
from reconnect.lab.analysis.effect_sizes import hedges_g


def _pilot(seed: int, n1: int, n2: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    pre_i = rng.normal(100, 15, n1)
    pre_c = rng.normal(97, 15, n2)
    post_i = 0.7 * pre_i + rng.normal(35, 8, n1)
    post_c = 0.7 * pre_c + rng.normal(31, 8, n2)
    return pre_i, post_i, pre_c, post_c


def _statsmodels(pre_i, post_i, pre_c, post_c):
    frame = pd.DataFrame(
        {
            "post": np.r_[post_i, post_c],
            "pre": np.r_[pre_i, pre_c],
            "group": np.r_[np.ones(len(pre_i)), np.zeros(len(pre_c))],
        }
    )
    return smf.ols("post ~ group + pre", frame).fit()


@pytest.mark.parametrize(("seed", "n1", "n2"), [(1, 60, 55), (2, 1000, 1000), (3, 12, 9)])
def test_ancova_matches_statsmodels_ols(seed: int, n1: int, n2: int) -> None:
    pre_i, post_i, pre_c, post_c = _pilot(seed, n1, n2)
    fit = _statsmodels(pre_i, post_i, pre_c, post_c)

    result = ancova_effect(pre_i, post_i, pre_c, post_c)

    low, high = fit.conf_int().loc["group"]
    assert result.adjusted_difference == pytest.approx(fit.params["group"], rel=1e-10)
    assert result.adjusted_difference_se == pytest.approx(fit.bse["group"], rel=1e-10)
    assert result.adjusted_difference_ci_low == pytest.approx(low, rel=1e-10)
    assert result.adjusted_difference_ci_high == pytest.approx(high, rel=1e-10)
    assert result.pre_coefficient == pytest.approx(fit.params["pre"], rel=1e-10)
    assert result.r_squared == pytest.approx(fit.rsquared, rel=1e-10)
    assert result.residual_df == int(fit.df_resid) == n1 + n2 - 3
    assert result.n_intervention == n1
    assert result.n_comparison == n2
    assert result.method == ANCOVA


def test_ancova_effect_size_is_the_adjusted_difference_over_the_pooled_post_sd() -> None:
    pre_i, post_i, pre_c, post_c = _pilot(1, 60, 55)
    fit = _statsmodels(pre_i, post_i, pre_c, post_c)

    result = ancova_effect(pre_i, post_i, pre_c, post_c)

    s_post = math.sqrt((59 * post_i.var(ddof=1) + 54 * post_c.var(ddof=1)) / 113)
    j = 1 - 3 / (4 * 113 - 1)
    low, high = fit.conf_int().loc["group"]
    assert result.standardiser == pytest.approx(s_post, rel=1e-12)
    assert result.correction == pytest.approx(j, rel=1e-15)
    assert result.estimate == pytest.approx(j * fit.params["group"] / s_post, rel=1e-10)
    assert result.standard_error == pytest.approx(j * fit.bse["group"] / s_post, rel=1e-10)
    assert result.ci_low == pytest.approx(j * low / s_post, rel=1e-10)
    assert result.ci_high == pytest.approx(j * high / s_post, rel=1e-10)
    assert result.caveats == (BASELINE_ADJUSTED,)
    assert result.is_impact_estimate is True
    # This seed's pilot, for the record: g_adj = 0.3274 (0.0745 to 0.5802).
    assert (result.estimate, result.ci_low, result.ci_high) == pytest.approx(
        (0.3274, 0.0745, 0.5802), abs=5e-5
    )


def test_ancova_is_tighter_than_post_only_when_the_pre_test_predicts() -> None:
    pre_i, post_i, pre_c, post_c = _pilot(2, 1000, 1000)

    adjusted = ancova_effect(pre_i, post_i, pre_c, post_c)
    post_only = hedges_g(post_i, post_c)

    assert adjusted.standard_error < 0.75 * post_only.standard_error


def test_ancova_warns_about_small_groups() -> None:
    result = ancova_effect([1, 2, 3, 4], [2, 4, 5, 7], [1, 3, 2], [1, 4, 2])

    assert result.caveats == (BASELINE_ADJUSTED, FEW_PUPILS)
    assert result.residual_df == 4


def test_ancova_with_a_perfect_fit_has_a_zero_width_interval() -> None:
    pre_i = np.array([1.0, 2.0, 3.0, 4.0])
    pre_c = np.array([1.5, 2.5, 3.5])

    result = ancova_effect(pre_i, 2 * pre_i + 3, pre_c, 2 * pre_c)

    assert result.adjusted_difference == pytest.approx(3.0, rel=1e-12)
    assert result.adjusted_difference_se == pytest.approx(0.0, abs=1e-12)
    assert result.r_squared == pytest.approx(1.0, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(3, 40), st.integers(3, 40))
def test_ancova_interval_holds_the_estimate_and_agrees_with_the_raw_interval(
    seed: int, n1: int, n2: int
) -> None:
    result = ancova_effect(*_pilot(seed, n1, n2))

    assert result.ci_low <= result.estimate <= result.ci_high
    assert (result.ci_low > 0) == (result.adjusted_difference_ci_low > 0)
    assert (result.ci_high < 0) == (result.adjusted_difference_ci_high < 0)
