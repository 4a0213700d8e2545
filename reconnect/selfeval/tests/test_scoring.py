import statistics

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconnect.selfeval.analysis import benchmark, scoring


def test_mean_level_is_the_average_of_the_levels():
    assert scoring.mean_level([1, 2, 4, 4]) == 2.75


def test_mean_level_of_nothing_is_none():
    assert scoring.mean_level([]) is None


@pytest.mark.parametrize("level", [0, 5, -1])
def test_mean_level_refuses_a_level_off_the_rubric(level):
    with pytest.raises(ValueError, match="A level is 1 to 4"):
        scoring.mean_level([2, level])


def test_overall_weighs_every_domain_once_whatever_its_number_of_statements():
    # A 4-statement domain at 1.0 and a 7-statement domain at 4.0 average to 2.5, not to
    # the 2.9 that pooling all eleven statements would give.
    assert (
        scoring.overall([scoring.mean_level([1] * 4) or 0, scoring.mean_level([4] * 7) or 0]) == 2.5
    )


def test_strengths_and_priorities_split_at_established_and_keep_framework_order_on_ties():
    scores = {"a": 3.0, "b": 2.99, "c": 4.0, "d": 1.5, "e": 2.99, "f": 3.5, "g": 3.0}

    ranked = scoring.strengths_and_priorities(scores, order=list("abcdefg"))

    assert ranked.strengths == ("c", "f", "a")
    assert ranked.priorities == ("d", "b", "e")


def test_no_priorities_when_every_domain_is_established():
    ranked = scoring.strengths_and_priorities({"a": 3.0, "b": 3.25}, order=["a", "b"])
    assert ranked.priorities == ()
    assert ranked.strengths == ("b", "a")


def test_changes_since_previous_review_match_domains_by_code():
    assert scoring.changes({"a": 3.0, "b": 2.0, "new": 1.0}, {"a": 2.5, "b": 2.75, "gone": 4}) == {
        "a": 0.5,
        "b": -0.75,
        "new": None,
    }


def test_spread_known_answer_type_7_quartiles():
    # Hyndman & Fan type 7 on 1..10: Q1 = 1 + 0.25 * 9 = 3.25, median 5.5, Q3 = 7.75
    # (Excel's QUARTILE.INC gives the same three numbers).
    found = benchmark.spread([float(v) for v in range(10, 0, -1)])
    assert found == benchmark.Spread(
        schools=10, lower_quartile=3.25, median=5.5, upper_quartile=7.75
    )


@given(st.lists(st.floats(min_value=1, max_value=4), min_size=2, max_size=60))
def test_spread_agrees_with_the_standard_library_inclusive_quartiles(scores):
    q1, q2, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    found = benchmark.spread(scores)
    assert found is not None
    assert found.schools == len(scores)
    assert np.allclose([found.lower_quartile, found.median, found.upper_quartile], [q1, q2, q3])


def test_spread_of_one_school_is_that_school():
    assert benchmark.spread([2.5]) == benchmark.Spread(1, 2.5, 2.5, 2.5)


def test_spread_of_nothing_is_none():
    assert benchmark.spread([]) is None


@pytest.mark.parametrize(("schools", "suppressed"), [(0, True), (4, True), (5, False), (80, False)])
def test_groups_under_five_schools_are_suppressed(schools, suppressed):
    assert benchmark.is_suppressed(schools) is suppressed


def test_spreads_by_key_groups_pairs():
    found = benchmark.spreads_by_key([("a", 1.0), ("b", 2.0), ("a", 3.0)])
    assert found == {
        "a": benchmark.Spread(2, 1.5, 2.0, 2.5),
        "b": benchmark.Spread(1, 2.0, 2.0, 2.0),
    }


@pytest.mark.parametrize(
    ("score", "expected"),
    [(2.0, "below"), (2.25, "within"), (3.0, "within"), (3.5, "within"), (3.51, "above")],
)
def test_position_against_the_middle_half(score, expected):
    assert benchmark.position(score, benchmark.Spread(9, 2.25, 3.0, 3.5)) == expected
