"""The planning help: the minimum detectable effect for the planned numbers, against the
Hub's evidence, in the words the pilot page shows."""

import pytest

from reconnect.lab.analysis.months import smallest_effect_for_months
from reconnect.lab.models import Design
from reconnect.lab.selectors.planning import planning_help


def test_thirty_and_thirty_against_five_months_says_exactly_this():
    help_ = planning_help(
        design=Design.MATCHED,
        planned_intervention=30,
        planned_comparison=30,
        impact_months=5,
        has_intervention=True,
    )

    assert help_.text == (
        "With 30 and 30 pupils your pilot can only detect an effect of 0.74 or more "
        "(about 9 months’ progress); the Hub’s evidence for this approach is +5 months "
        "(about 0.36). Consider a larger group or a baseline test."
    )
    assert help_.baseline_text == (
        "A baseline test taken before the pilot starts, which typically explains about half "
        "of the differences between pupils, would bring that down to 0.52."
    )
    assert help_.mdes == pytest.approx(0.7357584, abs=1e-6)
    assert (help_.mdes_months, help_.expected, help_.expected_months, help_.enough) == (
        9,
        0.36,
        5,
        False,
    )


def test_the_mdes_agrees_with_the_t_test_power_of_statsmodels():
    statsmodels = pytest.importorskip("statsmodels.stats.power")
    # statsmodels solves the noncentral t exactly; the MDES multiplier approximates it.
    exact = statsmodels.TTestIndPower().solve_power(nobs1=30, ratio=1.0, alpha=0.05, power=0.8)

    help_ = planning_help(design=Design.RANDOMISED, planned_intervention=30, planned_comparison=30)

    assert help_.mdes == pytest.approx(exact, abs=0.01)


def test_large_enough_numbers_and_a_published_effect_size():
    help_ = planning_help(
        design=Design.RANDOMISED,
        planned_intervention=130,
        planned_comparison=130,
        impact_months=6,
        effect_size=0.45,
        has_intervention=True,
    )

    assert help_.text == (
        "With 130 and 130 pupils your pilot can only detect an effect of 0.35 or more "
        "(about 4 months’ progress); the Hub’s evidence for this approach is +6 months "
        "(about 0.45). The numbers are large enough to detect an effect of that size, if it "
        "is there."
    )
    assert help_.enough is True


def test_single_group_says_why_no_mdes_applies():
    help_ = planning_help(
        design=Design.SINGLE_GROUP, planned_intervention=30, planned_comparison=None
    )

    assert help_.text.startswith(
        "A one-group pilot measures the same pupils before and after, with nobody to compare "
        "them with, so there is no minimum detectable effect to work out"
    )
    assert help_.mdes is None


def test_missing_numbers_no_intervention_thin_evidence_and_too_few_pupils():
    missing = planning_help(design=Design.MATCHED, planned_intervention=30, planned_comparison=None)
    alone = planning_help(design=Design.MATCHED, planned_intervention=30, planned_comparison=30)
    thin = planning_help(
        design=Design.MATCHED,
        planned_intervention=30,
        planned_comparison=30,
        has_intervention=True,
    )
    tiny = planning_help(design=Design.MATCHED, planned_intervention=1, planned_comparison=1)

    assert missing.text == (
        "Enter how many pupils you plan to have in each group to see the smallest effect the "
        "pilot could detect."
    )
    assert alone.text.endswith(
        "(about 9 months’ progress). Choose the Hub intervention to compare this with the "
        "evidence for it."
    )
    assert thin.text.endswith(
        "the Hub gives no impact figure for this approach, because the evidence is too thin "
        "to estimate one."
    )
    assert tiny.text.startswith("With 2 pupils in all there are no degrees of freedom left")
    assert tiny.mdes is None


@pytest.mark.parametrize(
    ("months", "effect"),
    [(0, 0.0), (1, 0.02), (5, 0.36), (6, 0.45), (12, 0.96), (13, 1.01), (20, 1.01), (-3, -0.19)],
)
def test_smallest_effect_for_months_reads_the_eef_table_backwards(months, effect):
    assert smallest_effect_for_months(months) == pytest.approx(effect)
