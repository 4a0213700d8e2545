"""Single-group change against scipy's paired t-test and Borenstein's matched-groups d."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from reconnect.lab.analysis.common import Z95
from reconnect.lab.analysis.single_group import NOT_IMPACT, SINGLE_GROUP, single_group_change


def test_single_group_change_is_flagged_as_not_an_impact_estimate() -> None:
    result = single_group_change([10, 12, 9, 14, 11], [12, 15, 9, 17, 13])

    assert result.is_impact_estimate is False
    assert result.caveats == (NOT_IMPACT,)
    assert result.method == SINGLE_GROUP


@pytest.mark.parametrize("seed", [1, 2])
def test_mean_change_matches_scipys_paired_t_test(seed: int) -> None:
    rng = np.random.default_rng(seed)
    pre = rng.normal(50, 10, 37)
    post = pre + rng.normal(4, 6, 37)

    result = single_group_change(pre, post)

    paired = stats.ttest_rel(post, pre)
    interval = paired.confidence_interval(0.95)
    assert result.mean_change == pytest.approx((post - pre).mean(), rel=1e-12)
    assert result.mean_change / result.mean_change_se == pytest.approx(paired.statistic)
    assert result.mean_change_ci_low == pytest.approx(interval.low, rel=1e-12)
    assert result.mean_change_ci_high == pytest.approx(interval.high, rel=1e-12)
    assert result.n == 37


def test_standardised_change_follows_borensteins_matched_groups_formulas() -> None:
    pre = np.array([10.0, 12, 9, 14, 11, 13, 8, 15])
    post = np.array([12.0, 15, 9, 17, 13, 16, 11, 16])

    result = single_group_change(pre, post)

    n = 8
    r = float(np.corrcoef(pre, post)[0, 1])
    s_within = math.sqrt((pre.var(ddof=1) + post.var(ddof=1)) / 2)
    d = (post - pre).mean() / s_within
    j = 1 - 3 / (4 * (n - 1) - 1)
    se = j * math.sqrt((1 / n + d * d / (2 * n)) * 2 * (1 - r))
    assert result.pre_post_correlation == pytest.approx(r, rel=1e-12)
    assert result.standardiser == pytest.approx(s_within, rel=1e-12)
    assert result.correction == pytest.approx(j, rel=1e-15)
    assert result.standardised_change == pytest.approx(j * d, rel=1e-12)
    assert result.standardised_change_se == pytest.approx(se, rel=1e-12)
    assert result.standardised_change_ci_low == pytest.approx(j * d - Z95 * se, rel=1e-12)
    assert result.standardised_change_ci_high == pytest.approx(j * d + Z95 * se, rel=1e-12)


def test_everyone_changing_by_the_same_amount_gives_a_zero_width_interval() -> None:
    result = single_group_change([1.0, 2.0, 4.0], [3.0, 4.0, 6.0])

    assert result.mean_change == pytest.approx(2.0, rel=1e-15)
    assert result.mean_change_ci_low == pytest.approx(2.0, rel=1e-15)
    assert result.mean_change_ci_high == pytest.approx(2.0, rel=1e-15)
    assert result.standardised_change_se == pytest.approx(0.0, abs=1e-15)
