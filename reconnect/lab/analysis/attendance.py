"""Attendance: the difference in differences, in percentage points, with its 95% interval.

Each pupil's change is their attendance after minus before (both in per cent, 0 to 100).
The estimate is the intervention group's mean change minus the comparison group's mean
change: how much more (or less) the intervention pupils' attendance moved than the
comparison pupils' did over the same time. Because every pupil is measured twice, this is
a two-sample comparison of change scores; its standard error is Welch's
√(s₁²/n₁ + s₂²/n₂) (the groups' changes need not vary alike) and the interval uses
Welch–Satterthwaite degrees of freedom, as ``scipy.stats.ttest_ind(equal_var=False)`` does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .common import t95
from .errors import Array, EvaluationInputError, Values, group_values, same_length

DIFF_IN_DIFF = "Difference in differences of pupils' attendance changes, Welch interval"

PARALLEL_TRENDS = (
    "This assumes the two groups' attendance would have changed by the same amount "
    "without the intervention; if one group was already improving faster, the figure "
    "is off by that much."
)


@dataclass(frozen=True, slots=True)
class AttendanceChange:
    """How much more the intervention group's attendance changed, in percentage points."""

    method: str
    estimate: float
    standard_error: float
    ci_low: float
    ci_high: float
    df: float
    n_intervention: int
    n_comparison: int
    intervention_change: float
    comparison_change: float
    caveats: tuple[str, ...] = ()
    is_impact_estimate: bool = True


def _percentages(values: Values, name: str) -> Array:
    array = group_values(values, name)
    if float(array.min()) < 0 or float(array.max()) > 100:
        raise EvaluationInputError(
            f"The {name} attendance must be percentages from 0 to 100; found "
            f"{float(array.min()):g} to {float(array.max()):g}."
        )
    return array


def attendance_difference_in_differences(
    pre_intervention: Values,
    post_intervention: Values,
    pre_comparison: Values,
    post_comparison: Values,
) -> AttendanceChange:
    """The intervention pupils' change in attendance minus the comparison pupils' change.

    Each group's pre and post lists hold the same pupils in the same order, as percentages.
    """
    pre_i = _percentages(pre_intervention, "intervention pre-period")
    post_i = _percentages(post_intervention, "intervention post-period")
    pre_c = _percentages(pre_comparison, "comparison pre-period")
    post_c = _percentages(post_comparison, "comparison post-period")
    same_length(pre_i, post_i, "intervention group's")
    same_length(pre_c, post_c, "comparison group's")

    change_i = post_i - pre_i
    change_c = post_c - pre_c
    n1, n2 = change_i.size, change_c.size
    v1 = float(change_i.var(ddof=1)) / n1
    v2 = float(change_c.var(ddof=1)) / n2
    se2 = v1 + v2
    # Welch's degrees of freedom; a spread so small that its square underflows (changes
    # differing by 1e-90 points) is no spread either.
    welch = v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1)
    if se2 == 0 or welch == 0:
        raise EvaluationInputError(
            "Every pupil's attendance changed by exactly the same amount within each "
            "group, so there is no spread to build an interval from."
        )
    df = se2 * se2 / welch
    mean_i = float(change_i.mean())
    mean_c = float(change_c.mean())
    estimate = mean_i - mean_c
    se = math.sqrt(se2)
    half = t95(df) * se
    return AttendanceChange(
        method=DIFF_IN_DIFF,
        estimate=estimate,
        standard_error=se,
        ci_low=estimate - half,
        ci_high=estimate + half,
        df=df,
        n_intervention=n1,
        n_comparison=n2,
        intervention_change=mean_i,
        comparison_change=mean_c,
        caveats=(PARALLEL_TRENDS,),
    )
