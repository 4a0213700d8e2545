"""Whatever numbers arrive, the engine answers or refuses with EvaluationInputError.

The suite turns warnings into errors, so an overflow, a division by zero or an invalid
value inside numpy fails these tests as surely as a ZeroDivisionError would. Every finite
result must also be finite in every field a report shows.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.lab.analysis.ancova import ancova_effect
from reconnect.lab.analysis.attendance import attendance_difference_in_differences
from reconnect.lab.analysis.effect_sizes import hedges_g
from reconnect.lab.analysis.errors import EvaluationInputError
from reconnect.lab.analysis.meta import random_effects
from reconnect.lab.analysis.single_group import single_group_change

# Mostly usable numbers of every size (hypothesis favours the extremes of the range), with
# the occasional NaN, infinity or out-of-range value.
usable = st.floats(min_value=-1e9, max_value=1e9)
awkward = st.one_of(
    *[usable] * 8,
    st.sampled_from([0.0, 1.0, 1e-300, -1e-300, 5e-324, 1e300, math.nan, math.inf]),
)
group = st.lists(awkward, min_size=0, max_size=8)


def _finite(*values: float) -> bool:
    return all(math.isfinite(v) for v in values)


@settings(max_examples=500, deadline=None)
@given(group, group)
def test_hedges_g_answers_or_refuses(a: list[float], b: list[float]) -> None:
    try:
        result = hedges_g(a, b)
    except EvaluationInputError:
        return
    assert _finite(result.estimate, result.standard_error, result.ci_low, result.ci_high)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.tuples(usable, usable), min_size=2, max_size=8),
    st.lists(st.tuples(usable, usable), min_size=2, max_size=8),
)
def test_ancova_answers_or_refuses(
    intervention: list[tuple[float, float]], comparison: list[tuple[float, float]]
) -> None:
    try:
        result = ancova_effect(
            [p for p, _ in intervention],
            [q for _, q in intervention],
            [p for p, _ in comparison],
            [q for _, q in comparison],
        )
    except EvaluationInputError:
        return
    assert _finite(result.estimate, result.standard_error, result.ci_low, result.ci_high)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(usable, usable), min_size=2, max_size=8))
def test_single_group_answers_or_refuses(pairs: list[tuple[float, float]]) -> None:
    try:
        result = single_group_change([p for p, _ in pairs], [q for _, q in pairs])
    except EvaluationInputError:
        return
    assert _finite(
        result.mean_change,
        result.mean_change_ci_low,
        result.standardised_change,
        result.standardised_change_ci_high,
    )


percent = st.floats(min_value=0, max_value=100)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.tuples(percent, percent), min_size=2, max_size=6),
    st.lists(st.tuples(percent, percent), min_size=2, max_size=6),
)
def test_attendance_answers_or_refuses(
    intervention: list[tuple[float, float]], comparison: list[tuple[float, float]]
) -> None:
    try:
        result = attendance_difference_in_differences(
            [p for p, _ in intervention],
            [q for _, q in intervention],
            [p for p, _ in comparison],
            [q for _, q in comparison],
        )
    except EvaluationInputError:
        return
    assert _finite(result.estimate, result.standard_error, result.ci_low, result.ci_high)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(awkward, awkward), max_size=10))
def test_meta_analysis_answers_or_refuses(studies: list[tuple[float, float]]) -> None:
    try:
        result = random_effects([y for y, _ in studies], [se for _, se in studies])
    except EvaluationInputError:
        return
    assert _finite(result.estimate, result.standard_error, result.tau_squared, result.i_squared)
