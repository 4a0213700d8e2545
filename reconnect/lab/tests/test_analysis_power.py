"""Minimum detectable effect sizes against Bloom's rule of thumb and statsmodels' power."""

from __future__ import annotations

import math

import pytest
from scipy import stats
from statsmodels.stats.power import TTestIndPower

from reconnect.lab.analysis.power import (
    CLUSTERED,
    ONE_SCHOOL,
    TWO_GROUPS,
    mdes_clustered,
    mdes_two_groups,
)


def test_normal_multiplier_is_blooms_two_point_eight() -> None:
    # Bloom (1995): M ≈ 2.80 for a two-sided 5% test with 80% power, large samples.
    result = mdes_two_groups(100, 100, multiplier="normal")

    assert result.multiplier == pytest.approx(2.8016, abs=5e-5)
    assert result.mdes == pytest.approx(2.8016 * math.sqrt(4 / 200), abs=5e-5)
    assert result.mdes == pytest.approx(0.3962, abs=5e-5)
    assert result.df == math.inf
    assert result.method == TWO_GROUPS


def test_t_multiplier_uses_n_minus_two_degrees_of_freedom() -> None:
    result = mdes_two_groups(100, 100)

    multiplier = stats.t.ppf(0.975, 198) + stats.t.ppf(0.8, 198)
    assert result.df == 198
    assert result.multiplier == pytest.approx(multiplier, rel=1e-12)
    assert result.mdes == pytest.approx(multiplier * math.sqrt(4 / 200), rel=1e-12)
    assert result.mdes == pytest.approx(0.3982, abs=5e-5)


@pytest.mark.parametrize(("n1", "n2"), [(100, 100), (60, 40), (500, 500), (30, 90)])
def test_t_mdes_is_close_to_statsmodels_noncentral_t_solution(n1: int, n2: int) -> None:
    # Bloom's M = t₉₇.₅ + t₈₀ approximates the exact noncentral-t answer; with 100 pupils
    # they agree to 0.01%, and closer as n grows.
    exact = TTestIndPower().solve_power(nobs1=n1, ratio=n2 / n1, alpha=0.05, power=0.8)

    assert mdes_two_groups(n1, n2).mdes == pytest.approx(exact, rel=1e-3)


def test_baseline_covariate_shrinks_mdes_and_costs_a_degree_of_freedom() -> None:
    result = mdes_two_groups(100, 100, r2=0.5)

    multiplier = stats.t.ppf(0.975, 197) + stats.t.ppf(0.8, 197)
    assert result.df == 197
    assert result.mdes == pytest.approx(multiplier * math.sqrt(0.5 * 4 / 200), rel=1e-12)


def test_other_alpha_and_power() -> None:
    result = mdes_two_groups(50, 50, alpha=0.1, power=0.9, multiplier="normal")

    assert result.multiplier == pytest.approx(1.644854 + 1.281552, abs=1e-6)
    assert (result.alpha, result.power) == (0.1, 0.9)


def test_clustered_mdes_matches_the_powerup_formula_by_hand() -> None:
    # 40 schools (20 a side), 20 pupils each, ICC 0.2: df = 38,
    # M = t(0.975, 38) + t(0.8, 38) = 2.87558, MDES = M·√(0.2/10 + 0.8/200) = 0.4455.
    result = mdes_clustered(20, 20, 20, 0.2)

    multiplier = stats.t.ppf(0.975, 38) + stats.t.ppf(0.8, 38)
    assert result.df == 38
    assert result.multiplier == pytest.approx(multiplier, rel=1e-12)
    assert result.mdes == pytest.approx(multiplier * math.sqrt(0.024), rel=1e-12)
    assert result.mdes == pytest.approx(0.4455, abs=5e-5)
    assert result.method == CLUSTERED
    assert result.caveats == ()


def test_clustered_with_no_icc_is_the_individual_design() -> None:
    clustered = mdes_clustered(10, 10, 25, 0.0, multiplier="normal")
    individual = mdes_two_groups(250, 250, multiplier="normal")

    assert clustered.mdes == pytest.approx(individual.mdes, rel=1e-12)


def test_clustered_with_covariates() -> None:
    result = mdes_clustered(15, 15, 30, 0.15, r2_pupil=0.5, r2_school=0.6)

    multiplier = stats.t.ppf(0.975, 27) + stats.t.ppf(0.8, 27)
    variance = 0.15 * 0.4 / (0.25 * 30) + 0.85 * 0.5 / (0.25 * 30 * 30)
    assert result.df == 27
    assert result.mdes == pytest.approx(multiplier * math.sqrt(variance), rel=1e-12)


def test_one_school_against_another_carries_a_caveat() -> None:
    result = mdes_clustered(1, 2, 60, 0.1)

    assert result.df == 1
    assert result.caveats == (ONE_SCHOOL,)
    # One intervention school against two: the MDES is far beyond any real effect.
    assert result.mdes > 3
