"""DerSimonian–Laird pooling against statsmodels' combine_effects(method_re="dl")."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.meta_analysis import combine_effects

from reconnect.lab.analysis.common import Z95
from reconnect.lab.analysis.effect_sizes import hedges_g_from_summary
from reconnect.lab.analysis.meta import (
    FEW_STUDIES,
    ONE_STUDY,
    RANDOM_EFFECTS,
    forest_plot,
    pool,
    random_effects,
)

PILOTS = (
    np.array([0.10, 0.30, 0.50, -0.10, 0.22, 0.05]),
    np.array([0.10, 0.15, 0.20, 0.12, 0.09, 0.25]),
)


@pytest.mark.parametrize(
    ("estimates", "errors"),
    [
        PILOTS,
        (PILOTS[0][:4], PILOTS[1][:4]),
        (np.array([0.8, -0.4]), np.array([0.05, 0.05])),
    ],
)
def test_random_effects_matches_statsmodels(estimates: np.ndarray, errors: np.ndarray) -> None:
    expected = combine_effects(estimates, errors**2, method_re="dl")
    frame = expected.summary_frame()

    result = random_effects(estimates, errors)

    assert result.estimate == pytest.approx(frame.loc["random effect", "eff"], rel=1e-12)
    assert result.standard_error == pytest.approx(frame.loc["random effect", "sd_eff"], rel=1e-12)
    assert result.ci_low == pytest.approx(frame.loc["random effect", "ci_low"], rel=1e-9)
    assert result.ci_high == pytest.approx(frame.loc["random effect", "ci_upp"], rel=1e-9)
    assert result.tau_squared == pytest.approx(expected.tau2, rel=1e-12, abs=1e-15)
    assert result.q == pytest.approx(expected.q, rel=1e-12)
    assert result.i_squared == pytest.approx(expected.i2, rel=1e-12, abs=1e-15)
    assert result.weights == pytest.approx(list(frame["w_re"].iloc[: len(estimates)]), rel=1e-12)
    assert result.k == len(estimates)
    assert result.q_df == len(estimates) - 1
    assert result.method == RANDOM_EFFECTS


def test_random_effects_truncates_tau_squared_at_zero_like_dersimonian_and_laird() -> None:
    # Q = 0.02 < k − 1 = 2. statsmodels' combine_effects leaves τ² negative here (it does not
    # truncate); DerSimonian and Laird set it to 0, which makes the pooled result the
    # fixed-effect one, statsmodels' "fixed effect" row.
    estimates, errors = np.array([0.2, 0.21, 0.19]), np.array([0.1, 0.1, 0.1])
    fixed = combine_effects(estimates, errors**2, method_re="dl").summary_frame()

    result = random_effects(estimates, errors)

    assert result.tau_squared == 0.0
    assert result.i_squared == 0.0
    assert result.q == pytest.approx(0.02, rel=1e-12)
    assert result.estimate == pytest.approx(fixed.loc["fixed effect", "eff"], rel=1e-12)
    assert result.standard_error == pytest.approx(fixed.loc["fixed effect", "sd_eff"], rel=1e-12)
    assert result.standard_error == pytest.approx(0.1 / np.sqrt(3), rel=1e-12)


def test_random_effects_known_numbers_for_six_pilots() -> None:
    result = random_effects(*PILOTS)

    # Recorded from this implementation, which matches statsmodels above: pooled 0.1592
    # (0.0107 to 0.3078), τ² = 0.0152, Q = 9.418 on 5 df (p = 0.0935), I² = 46.9%.
    assert result.estimate == pytest.approx(0.15922, abs=5e-6)
    assert (result.ci_low, result.ci_high) == pytest.approx((0.01068, 0.30776), abs=5e-6)
    assert result.tau_squared == pytest.approx(0.015164, abs=5e-7)
    assert result.q == pytest.approx(9.4177, abs=5e-5)
    assert result.q_p_value == pytest.approx(0.093520, abs=5e-6)
    assert result.i_squared == pytest.approx(0.46908, abs=5e-6)
    assert result.caveats == ()
    assert sum(result.weights) == pytest.approx(1.0, rel=1e-15)
    assert result.labels == tuple(f"Study {i}" for i in range(1, 7))


def test_one_study_is_its_own_pooled_result_without_heterogeneity() -> None:
    result = random_effects([0.31], [0.12], labels=["Oakfield"])

    assert result.estimate == 0.31
    assert result.standard_error == pytest.approx(0.12, rel=1e-15)
    assert result.ci_low == pytest.approx(0.31 - Z95 * 0.12, rel=1e-15)
    assert (result.tau_squared, result.q, result.i_squared, result.q_df) == (0.0, 0.0, 0.0, 0)
    assert result.q_p_value == 1.0
    assert result.weights == (1.0,)
    assert result.caveats == (ONE_STUDY,)


def test_few_studies_carry_a_caveat() -> None:
    assert random_effects([0.1, 0.2], [0.1, 0.1]).caveats == (FEW_STUDIES,)


def test_pool_takes_evaluation_results() -> None:
    first = hedges_g_from_summary(
        mean_intervention=103,
        sd_intervention=5.5,
        n_intervention=50,
        mean_comparison=100,
        sd_comparison=4.5,
        n_comparison=50,
    )
    second = hedges_g_from_summary(
        mean_intervention=51,
        sd_intervention=10,
        n_intervention=40,
        mean_comparison=50,
        sd_comparison=10,
        n_comparison=45,
    )

    result = pool([first, second], labels=["A", "B"])

    direct = random_effects(
        [first.estimate, second.estimate], [first.standard_error, second.standard_error]
    )
    assert result.estimate == direct.estimate
    assert result.labels == ("A", "B")


def test_forest_plot_rows_and_diamond() -> None:
    result = random_effects([0.1, 0.4], [0.1, 0.2], labels=["Oakfield", "Riverside"])

    plot = forest_plot(result)

    assert [row.label for row in plot.rows] == ["Oakfield", "Riverside"]
    assert plot.rows[0].estimate == 0.1
    assert plot.rows[0].ci_low == pytest.approx(0.1 - Z95 * 0.1, rel=1e-15)
    assert plot.rows[1].ci_high == pytest.approx(0.4 + Z95 * 0.2, rel=1e-15)
    assert [row.weight for row in plot.rows] == list(result.weights)
    assert plot.pooled.label == "Pooled"
    assert (plot.pooled.estimate, plot.pooled.ci_low, plot.pooled.ci_high) == (
        result.estimate,
        result.ci_low,
        result.ci_high,
    )


studies = st.lists(
    st.tuples(
        st.floats(min_value=-2, max_value=2, allow_nan=False),
        st.floats(min_value=0.01, max_value=1, allow_nan=False),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(studies)
def test_pooled_estimate_lies_within_the_studies_range(data: list[tuple[float, float]]) -> None:
    estimates = [y for y, _ in data]
    errors = [se for _, se in data]

    result = random_effects(estimates, errors)

    assert min(estimates) - 1e-12 <= result.estimate <= max(estimates) + 1e-12
    assert result.ci_low <= result.estimate <= result.ci_high
    assert result.tau_squared >= 0
    assert 0 <= result.i_squared < 1
    assert result.standard_error <= min(errors) + 1e-12 or result.tau_squared > 0
