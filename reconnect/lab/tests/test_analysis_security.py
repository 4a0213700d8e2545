"""The padlock rule: each ceiling at its boundaries, the baseline penalty, the reasons."""

from __future__ import annotations

import pytest

from reconnect.lab.analysis.security import Design, security_rating


def _rate(**overrides: object) -> int:
    arguments: dict[str, object] = {
        "design": Design.RANDOMISED,
        "mdes": 0.15,
        "attrition": 0.05,
        "baseline_difference": 0.0,
    }
    arguments.update(overrides)
    return security_rating(**arguments).padlocks  # type: ignore[arg-type]


def test_a_large_well_run_randomised_pilot_earns_five_padlocks() -> None:
    result = security_rating(
        design=Design.RANDOMISED, mdes=0.18, attrition=0.04, baseline_difference=-0.02
    )

    assert result.padlocks == 5
    assert result.reasons == (
        "Pupils were randomly allocated to the two groups, so this design can earn all 5 padlocks.",
        (
            "The pilot was big enough to reliably detect an effect size of 0.18 or more, which "
            "allows up to 5 padlocks."
        ),
        "4% of the pupils who started had no final result, which allows up to 5 padlocks.",
        (
            "The groups were alike at the start (a difference of 0.02 standard deviations), so "
            "no padlock is taken off."
        ),
        "Overall: 5 padlocks out of 5.",
    )


def test_a_matched_pilot_is_held_to_three_and_loses_one_for_imbalance() -> None:
    result = security_rating(
        design="matched_comparison", mdes=0.25, attrition=0.12, baseline_difference=0.1
    )

    assert (result.design_ceiling, result.mdes_ceiling, result.attrition_ceiling) == (3, 4, 4)
    assert result.baseline_penalty == 1
    assert result.padlocks == 2
    assert result.reasons == (
        "Pupils were not randomly allocated, so the most this design can earn is 3 padlocks.",
        (
            "The pilot was big enough to reliably detect an effect size of 0.25 or more, which "
            "allows up to 4 padlocks."
        ),
        "12% of the pupils who started had no final result, which allows up to 4 padlocks.",
        (
            "The groups differed at the start by 0.10 standard deviations, so one padlock is "
            "taken off."
        ),
        "Overall: 2 padlocks out of 5.",
    )


def test_a_single_group_earns_no_padlocks_whatever_else() -> None:
    result = security_rating(
        design=Design.SINGLE_GROUP, mdes=0.1, attrition=0.0, baseline_difference=None
    )

    assert result.padlocks == 0
    assert result.baseline_penalty == 0
    assert result.reasons == (
        (
            "There is no comparison group, so we cannot tell how much the pupils would have "
            "improved anyway: this design earns no padlocks."
        ),
        (
            "The pilot was big enough to reliably detect an effect size of 0.10 or more, which "
            "allows up to 5 padlocks."
        ),
        "0% of the pupils who started had no final result, which allows up to 5 padlocks.",
        "Overall: 0 padlocks out of 5.",
    )


def test_a_previous_cohort_is_held_to_two() -> None:
    assert _rate(design=Design.PREVIOUS_COHORT) == 2


@pytest.mark.parametrize(
    ("mdes", "padlocks"),
    [
        (0.2, 5),
        (0.2001, 4),
        (0.3, 4),
        (0.3001, 3),
        (0.4, 3),
        (0.4001, 2),
        (0.5, 2),
        (0.5001, 1),
        (0.6, 1),
        (0.6001, 0),
        (2.0, 0),
    ],
)
def test_mdes_ceiling_at_each_boundary(mdes: float, padlocks: int) -> None:
    assert _rate(mdes=mdes) == padlocks


@pytest.mark.parametrize(
    ("attrition", "padlocks"),
    [
        (0.0, 5),
        (0.1, 5),
        (0.1001, 4),
        (0.2, 4),
        (0.2001, 3),
        (0.3, 3),
        (0.3001, 2),
        (0.4, 2),
        (0.4001, 1),
        (0.5, 1),
        (0.5001, 0),
        (1.0, 0),
    ],
)
def test_attrition_ceiling_at_each_boundary(attrition: float, padlocks: int) -> None:
    assert _rate(attrition=attrition) == padlocks


@pytest.mark.parametrize(
    ("baseline", "padlocks"),
    [
        (0.0, 5),
        (0.05, 5),
        (-0.05, 5),
        (0.0501, 4),
        (-0.25, 4),
        (0.25, 4),
        (0.2501, 3),
        (-0.9, 3),
        (None, 4),
    ],
)
def test_baseline_penalty_at_each_boundary(baseline: float | None, padlocks: int) -> None:
    assert _rate(baseline_difference=baseline) == padlocks


def test_penalties_never_go_below_zero_padlocks() -> None:
    result = security_rating(
        design=Design.MATCHED_COMPARISON, mdes=0.55, attrition=0.0, baseline_difference=0.4
    )

    assert result.padlocks == 0
    assert result.baseline_penalty == 2
    assert result.reasons[-2:] == (
        (
            "The groups were very different at the start (0.40 standard deviations), so two "
            "padlocks are taken off."
        ),
        "Overall: 0 padlocks out of 5.",
    )


def test_unknown_baseline_and_tiny_pilot_reasons() -> None:
    result = security_rating(
        design=Design.RANDOMISED, mdes=0.8, attrition=0.6, baseline_difference=None
    )

    assert result.padlocks == 0
    assert result.reasons[1:] == (
        (
            "The pilot was too small to reliably detect an effect size below 0.80, so it earns no "
            "padlocks."
        ),
        (
            "60% of the pupils who started had no final result, more than half, so the pilot "
            "earns no padlocks."
        ),
        "We do not know whether the groups were alike at the start, so one padlock is taken off.",
        "Overall: 0 padlocks out of 5.",
    )


def test_the_rating_is_the_lowest_ceiling() -> None:
    result = security_rating(
        design=Design.RANDOMISED, mdes=0.35, attrition=0.15, baseline_difference=0.01
    )

    assert (result.design_ceiling, result.mdes_ceiling, result.attrition_ceiling) == (5, 3, 4)
    assert result.padlocks == 3
