"""Attendance difference in differences against scipy's Welch t-test on change scores."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from reconnect.lab.analysis.attendance import (
    DIFF_IN_DIFF,
    PARALLEL_TRENDS,
    attendance_difference_in_differences,
)


def test_difference_in_differences_matches_a_hand_worked_example() -> None:
    # Changes: intervention +2, +5, +1, +10 (mean 4.5); comparison −1, +1, +2, −3, −2
    # (mean −0.6). Difference in differences 5.1 percentage points.
    result = attendance_difference_in_differences(
        [90, 80, 95, 70], [92, 85, 96, 80], [90, 85, 70, 88, 92], [89, 86, 72, 85, 90]
    )

    assert result.intervention_change == pytest.approx(4.5, rel=1e-15)
    assert result.comparison_change == pytest.approx(-0.6, rel=1e-14)
    assert result.estimate == pytest.approx(5.1, rel=1e-14)
    # Variances of the changes 49/3 and 4.3, so Welch's SE = √(49/12 + 4.3/5).
    assert result.standard_error == pytest.approx(np.sqrt(49 / 12 + 4.3 / 5), rel=1e-12)
    assert result.method == DIFF_IN_DIFF
    assert result.caveats == (PARALLEL_TRENDS,)
    assert result.n_intervention == 4
    assert result.n_comparison == 5


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_difference_in_differences_matches_scipys_welch_test(seed: int) -> None:
    rng = np.random.default_rng(seed)
    pre_i = rng.uniform(70, 100, 80)
    post_i = np.clip(pre_i + rng.normal(3, 4, 80), 0, 100)
    pre_c = rng.uniform(70, 100, 95)
    post_c = np.clip(pre_c + rng.normal(0.5, 6, 95), 0, 100)

    result = attendance_difference_in_differences(pre_i, post_i, pre_c, post_c)

    welch = stats.ttest_ind(post_i - pre_i, post_c - pre_c, equal_var=False)
    interval = welch.confidence_interval(0.95)
    assert result.estimate == pytest.approx(
        (post_i - pre_i).mean() - (post_c - pre_c).mean(), rel=1e-12
    )
    assert result.estimate / result.standard_error == pytest.approx(welch.statistic, rel=1e-12)
    assert result.df == pytest.approx(welch.df, rel=1e-12)
    assert result.ci_low == pytest.approx(interval.low, rel=1e-12)
    assert result.ci_high == pytest.approx(interval.high, rel=1e-12)


def test_difference_in_differences_with_one_group_changing_uniformly() -> None:
    result = attendance_difference_in_differences(
        [90, 80, 70], [95, 85, 75], [90, 85, 70], [91, 84, 73]
    )

    # Intervention changes all +5 (no spread): the comparison group's spread alone remains.
    assert result.estimate == pytest.approx(5 - 1, rel=1e-14)
    assert result.standard_error == pytest.approx(np.sqrt(np.var([1, -1, 3], ddof=1) / 3))
    assert result.df == pytest.approx(2.0, rel=1e-12)
