"""Every input the evaluation engine refuses, with the exact message a data lead sees.

The suite runs with warnings as errors, so none of these may get as far as a numpy
RuntimeWarning or a ZeroDivisionError on the way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from reconnect.lab.analysis.ancova import ancova_effect
from reconnect.lab.analysis.attendance import attendance_difference_in_differences
from reconnect.lab.analysis.effect_sizes import (
    hedges_g,
    hedges_g_from_summary,
    small_sample_correction,
)
from reconnect.lab.analysis.errors import EvaluationInputError
from reconnect.lab.analysis.meta import random_effects
from reconnect.lab.analysis.months import months_progress
from reconnect.lab.analysis.power import mdes_clustered, mdes_two_groups
from reconnect.lab.analysis.security import security_rating
from reconnect.lab.analysis.single_group import single_group_change

GOOD = [1.0, 2.0, 3.0]
SUMMARY: dict[str, Any] = {
    "mean_intervention": 10.0,
    "sd_intervention": 2.0,
    "n_intervention": 20,
    "mean_comparison": 9.0,
    "sd_comparison": 2.0,
    "n_comparison": 20,
}


def _refused(call: Callable[[], object], message: str) -> None:
    with pytest.raises(EvaluationInputError, match=f"^{re.escape(message)}$"):
        call()


def test_the_error_is_a_value_error() -> None:
    assert issubclass(EvaluationInputError, ValueError)


@pytest.mark.parametrize(
    ("intervention", "message"),
    [
        ([], "The intervention group has no pupils."),
        ([4.0], "The intervention group has only 1 pupil; at least 2 are needed."),
        (
            [1.0, math.nan, 3.0],
            (
                "The intervention group has 1 missing or infinite value (NaN or inf); remove "
                "those pupils or fill in their scores first."
            ),
        ),
        (
            [1.0, math.inf, -math.inf],
            (
                "The intervention group has 2 missing or infinite values (NaN or inf); remove "
                "those pupils or fill in their scores first."
            ),
        ),
        (["a", "b"], "The intervention values must all be numbers."),
        (
            [1.0, -2e9],
            "The intervention group has values beyond ±1,000,000,000, too large to be scores.",
        ),
        ([[1.0, 2.0], [3.0, 4.0]], "The intervention values must be a flat list of numbers."),
        (
            np.ones(100_001),
            (
                "The intervention group has 100,001 values; the most this evaluation takes is "
                "100,000 per group."
            ),
        ),
    ],
)
def test_hedges_g_refuses_unusable_groups(intervention: object, message: str) -> None:
    _refused(lambda: hedges_g(intervention, GOOD), message)  # type: ignore[arg-type]


def test_the_cap_allows_exactly_100000() -> None:
    values = np.arange(100_000, dtype=float)

    assert hedges_g(values, values + 1).n_intervention == 100_000


def test_comparison_group_is_named_in_its_message() -> None:
    _refused(lambda: hedges_g(GOOD, []), "The comparison group has no pupils.")


def test_zero_variance_in_both_groups() -> None:
    message = (
        "Every pupil in both groups has the same score, so there is no spread to measure the "
        "difference against."
    )
    _refused(lambda: hedges_g([5.0, 5.0], [5.0, 5.0, 5.0]), message)
    _refused(
        lambda: hedges_g_from_summary(**{**SUMMARY, "sd_intervention": 0, "sd_comparison": 0}),
        message,
    )


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            {"mean_intervention": math.nan},
            "The intervention mean must be a finite number, not nan.",
        ),
        (
            {"sd_comparison": math.inf},
            "The comparison standard deviation must be a finite number, not inf.",
        ),
        (
            {"sd_intervention": -1.0},
            "The intervention standard deviation cannot be negative, not -1.0.",
        ),
        (
            {"mean_comparison": 1e10},
            "The comparison mean is beyond ±1,000,000,000, too large to come from scores.",
        ),
        ({"n_intervention": 1}, "The number of intervention pupils must be at least 2, not 1."),
        (
            {"n_comparison": 12.5},
            "The number of comparison pupils must be a whole number, not 12.5.",
        ),
        (
            {"n_comparison": math.nan},
            "The number of comparison pupils must be a whole number, not nan.",
        ),
        (
            {"n_intervention": math.inf},
            "The number of intervention pupils must be a whole number, not inf.",
        ),
        (
            {"n_intervention": "30"},
            "The number of intervention pupils must be a whole number, not 30.",
        ),
        (
            {"n_comparison": 200_000},
            (
                "The number of comparison pupils is 200,000; the most this evaluation takes is "
                "100,000."
            ),
        ),
    ],
)
def test_summary_statistics_refused(override: dict[str, object], message: str) -> None:
    _refused(lambda: hedges_g_from_summary(**{**SUMMARY, **override}), message)


def test_correction_needs_two_degrees_of_freedom() -> None:
    message = (
        "There are too few pupils for the small-sample correction: it needs at least 2 "
        "degrees of freedom (3 pupils in a single group), not 1."
    )
    _refused(lambda: small_sample_correction(1), message)
    _refused(lambda: single_group_change([1.0, 2.0], [2.0, 4.0]), message)


def test_mismatched_pre_and_post() -> None:
    _refused(
        lambda: ancova_effect([1, 2, 3], [1, 2], [1, 2, 3], [2, 3, 4]),
        "The intervention group's pre-test has 3 values and the post-test 2; each pupil "
        "needs both, in the same order.",
    )
    _refused(
        lambda: attendance_difference_in_differences([90, 91], [92, 93], [90, 91, 92], [92, 93]),
        "The comparison group's pre-test has 3 values and the post-test 2; each pupil needs "
        "both, in the same order.",
    )
    _refused(
        lambda: single_group_change([1, 2, 3], [1, 2, 3, 4]),
        "The group's pre-test has 3 values and the post-test 4; each pupil needs both, in the "
        "same order.",
    )


def test_ancova_refusals() -> None:
    _refused(
        lambda: ancova_effect([1, 2, 3], [5, 5, 5], [2, 3, 4], [5, 5, 5]),
        "Every pupil in both groups has the same post-test score, so there is no spread to "
        "measure the difference against.",
    )
    _refused(
        lambda: ancova_effect([3, 3, 3], [5, 6, 7], [3, 3, 3], [4, 5, 6]),
        "Every pupil has the same pre-test score, so there is nothing to adjust for; use the "
        "post-test only effect size instead.",
    )
    _refused(
        lambda: ancova_effect([4, 4, 4], [5, 6, 7], [2, 2, 2], [4, 5, 6]),
        "The pre-test scores cannot be told apart from the groups (for instance, every pupil "
        "in a group has the same pre-test score), so the ANCOVA cannot adjust for them; use "
        "the post-test only effect size instead.",
    )
    _refused(
        lambda: ancova_effect([1, 2], [1, math.nan], [1, 2], [2, 3]),
        "The intervention post-test group has 1 missing or infinite value (NaN or inf); "
        "remove those pupils or fill in their scores first.",
    )


def test_attendance_refusals() -> None:
    _refused(
        lambda: attendance_difference_in_differences([90, 101], [92, 93], [90, 91], [92, 93]),
        "The intervention pre-period attendance must be percentages from 0 to 100; found 90 "
        "to 101.",
    )
    _refused(
        lambda: attendance_difference_in_differences([0.9, 0.8], [0.9, 0.8], [-1, 5], [1, 5]),
        "The comparison pre-period attendance must be percentages from 0 to 100; found -1 to 5.",
    )
    _refused(
        lambda: attendance_difference_in_differences([90, 80], [92, 82], [70, 71], [71, 72]),
        "Every pupil's attendance changed by exactly the same amount within each group, so "
        "there is no spread to build an interval from.",
    )


def test_single_group_refusals() -> None:
    _refused(
        lambda: single_group_change([4, 4, 4], [5, 6, 7]),
        "Every pupil has the same pre-test score, so the change cannot be put on a standard scale.",
    )
    _refused(
        lambda: single_group_change([4, 5, 6], [7, 7, 7]),
        "Every pupil has the same post-test score, so the change cannot be put on a standard "
        "scale.",
    )
    _refused(lambda: single_group_change([], []), "The pre-test group has no pupils.")


def test_months_refuses_a_missing_effect_size() -> None:
    _refused(lambda: months_progress(math.nan), "The effect size must be a finite number, not nan.")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: random_effects([], []), "There are no studies to pool."),
        (
            lambda: random_effects([0.1, 0.2], [0.1]),
            "There are 2 estimates but 1 standard errors; each study needs one of each.",
        ),
        (
            lambda: random_effects([0.1, 0.2], [0.1, 0.0]),
            "Study 2's standard error must be greater than 0.",
        ),
        (
            lambda: random_effects([0.1, 0.2], [-0.1, 0.1]),
            "Study 1's standard error must be greater than 0.",
        ),
        (
            lambda: random_effects([0.1, 0.2], [0.1, 1e-200]),
            (
                "Study 2's estimate or standard error is outside what an effect size can be "
                "(estimates up to ±1,000,000, standard errors from 0.000001 to 1,000,000)."
            ),
        ),
        (
            lambda: random_effects([0.1, 2e6], [0.1, 0.1]),
            (
                "Study 2's estimate or standard error is outside what an effect size can be "
                "(estimates up to ±1,000,000, standard errors from 0.000001 to 1,000,000)."
            ),
        ),
        (
            lambda: random_effects([0.1, math.nan], [0.1, 0.1]),
            "Study 2's estimate is missing or infinite (NaN or inf).",
        ),
        (
            lambda: random_effects([0.1], [math.inf]),
            "Study 1's standard error is missing or infinite (NaN or inf).",
        ),
        (
            lambda: random_effects([0.1, 0.2], [0.1, 0.1], labels=["A"]),
            "There are 2 estimates but 1 labels; each study needs one.",
        ),
        (
            lambda: random_effects(np.zeros(100_001), np.ones(100_001)),
            "There are 100,001 studies; the most this takes is 100,000.",
        ),
        (
            lambda: random_effects(["x"], [0.1]),  # type: ignore[list-item]
            "The study estimates must all be numbers.",
        ),
    ],
)
def test_meta_analysis_refusals(call: Callable[[], object], message: str) -> None:
    _refused(call, message)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: mdes_two_groups(100, 100, alpha=0),
            "The significance level (alpha) must be between 0 and 1, not 0.",
        ),
        (
            lambda: mdes_two_groups(100, 100, alpha=1.0),
            "The significance level (alpha) must be between 0 and 1, not 1.0.",
        ),
        (
            lambda: mdes_two_groups(100, 100, power=1.2),
            "The power must be between 0 and 1, not 1.2.",
        ),
        (
            lambda: mdes_two_groups(100, 100, power=math.nan),
            "The power must be between 0 and 1, not nan.",
        ),
        (
            lambda: mdes_two_groups(100, 100, r2=1.0),
            (
                "The share of variance explained by the baseline (R²) must be at least 0 and less "
                "than 1, not 1.0."
            ),
        ),
        (
            lambda: mdes_two_groups(100, 100, r2=-0.1),
            (
                "The share of variance explained by the baseline (R²) must be at least 0 and less "
                "than 1, not -0.1."
            ),
        ),
        (
            lambda: mdes_two_groups(0, 100),
            "The number of intervention pupils must be at least 1, not 0.",
        ),
        (
            lambda: mdes_two_groups(math.nan, 100),  # type: ignore[arg-type]
            "The number of intervention pupils must be a whole number, not nan.",
        ),
        (
            lambda: mdes_two_groups(100, math.inf),  # type: ignore[arg-type]
            "The number of comparison pupils must be a whole number, not inf.",
        ),
        (
            lambda: mdes_two_groups(1, 1),
            (
                "With 2 pupils in all there are no degrees of freedom left for the test; at least "
                "3 are needed (4 with a baseline covariate)."
            ),
        ),
        (
            lambda: mdes_two_groups(100, 100, multiplier="z"),  # type: ignore[arg-type]
            "The multiplier must be 't' or 'normal', not 'z'.",
        ),
        (
            lambda: mdes_clustered(1, 1, 30, 0.1),
            (
                "With 2 schools in all there are no degrees of freedom left for the test; at least "
                "3 schools are needed (4 with a baseline covariate)."
            ),
        ),
        (
            lambda: mdes_clustered(5, 5, 0.5, 0.1),
            "The number of pupils per school must be at least 1, not 0.5.",
        ),
        (
            lambda: mdes_clustered(5, 5, 30, 1.0),
            "The intraclass correlation (ICC) must be at least 0 and less than 1, not 1.0.",
        ),
        (
            lambda: mdes_clustered(5, 5, 30, 0.1, r2_school=1.5),
            (
                "The share of school-level variance explained (R²) must be at least 0 and less "
                "than 1, not 1.5."
            ),
        ),
    ],
)
def test_power_refusals(call: Callable[[], object], message: str) -> None:
    _refused(call, message)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"design": "survey"},
            (
                "The design must be one of randomised, matched_comparison, previous_cohort, "
                "single_group, not 'survey'."
            ),
        ),
        ({"mdes": 0.0}, "The minimum detectable effect size must be greater than 0, not 0."),
        (
            {"mdes": math.nan},
            "The minimum detectable effect size must be a finite number, not nan.",
        ),
        ({"attrition": 1.2}, "The attrition must be a share from 0 to 1, not 1.2."),
        (
            {"baseline_difference": math.inf},
            "The baseline difference must be a finite number, not inf.",
        ),
    ],
)
def test_security_refusals(arguments: dict[str, object], message: str) -> None:
    base: dict[str, object] = {
        "design": "randomised",
        "mdes": 0.2,
        "attrition": 0.1,
        "baseline_difference": 0.0,
    }
    _refused(lambda: security_rating(**{**base, **arguments}), message)  # type: ignore[arg-type]
