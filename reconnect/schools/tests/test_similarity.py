"""Schools like mine: known answers worked by hand, edge cases, and a check against a plain
loop-by-loop implementation of the documented formula."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.schools.analysis.similarity import (
    FEATURES,
    Match,
    Reason,
    SchoolContext,
    most_similar,
    most_similar_in,
)


def school(key: int, **figures: float | None) -> SchoolContext:
    return SchoolContext(key=key, **figures)


def test_most_similar_known_answer_on_two_features():
    # FSM 10, 20, 30: mean 20, population sd sqrt(200/3).
    # EAL 20, 20, 50: mean 30, population sd sqrt(200).
    # A to B: FSM gap 10 / sqrt(200/3) = sqrt(1.5) sds, EAL gap 0 -> sqrt(1.5).
    # A to C: FSM gap sqrt(6), EAL gap 30 / sqrt(200) = sqrt(4.5) -> sqrt(10.5).
    # Size, SEN and attendance are unknown everywhere, so K = 2 features are in use.
    a = school(1, percent_fsm=10, percent_eal=20)
    b = school(2, percent_fsm=20, percent_eal=20)
    c = school(3, percent_fsm=30, percent_eal=50)

    matches = most_similar(a, [a, b, c])

    assert [m.key for m in matches] == [2, 3]
    assert matches[0].distance == pytest.approx(math.sqrt(1.5))
    assert matches[1].distance == pytest.approx(math.sqrt(10.5))
    assert [m.features_compared for m in matches] == [2, 2]
    assert [(r.feature, r.here, r.there) for r in matches[0].reasons] == [
        ("percent_eal", 20.0, 20.0),
        ("percent_fsm", 10.0, 20.0),
    ]
    assert [r.gap for r in matches[0].reasons] == pytest.approx([0.0, math.sqrt(1.5)])


def test_most_similar_skips_a_missing_feature_and_rescales_the_distance():
    # FSM 10, 20, 30, 20: mean 20, sd sqrt(50). EAL 20, 20, 50 (D unknown): sd sqrt(200).
    # A to D: only FSM compared, gap 10 / sqrt(50) = sqrt(2); rescaled by K/k = 2/1:
    #   sqrt(2 * 2) = 2.
    # A to B: FSM gap sqrt(2), EAL gap 0 -> sqrt(2).
    # A to C: FSM gap 20 / sqrt(50) = sqrt(8), EAL gap sqrt(4.5) -> sqrt(12.5).
    a = school(1, percent_fsm=10, percent_eal=20)
    b = school(2, percent_fsm=20, percent_eal=20)
    c = school(3, percent_fsm=30, percent_eal=50)
    d = school(4, percent_fsm=20, percent_eal=None)

    matches = most_similar(a, [a, b, c, d])

    assert [(m.key, m.features_compared) for m in matches] == [(2, 2), (4, 1), (3, 2)]
    assert [m.distance for m in matches] == pytest.approx([math.sqrt(2), 2.0, math.sqrt(12.5)])
    (reason,) = matches[1].reasons
    assert reason == Reason("percent_fsm", 10.0, 20.0, reason.gap)
    assert reason.gap == pytest.approx(math.sqrt(2))


def test_most_similar_compares_size_on_a_log_scale():
    # Rolls of 100, 1,000 and 10,000 are equally spaced in logs, so 1,000 is as far from
    # 100 as 10,000 is from 1,000: B's two neighbours tie and the lower key comes first.
    a = school(1, number_on_roll=100)
    b = school(2, number_on_roll=1000)
    c = school(3, number_on_roll=10000)

    matches = most_similar(b, [a, b, c])

    assert [m.key for m in matches] == [1, 3]
    assert matches[0].distance == pytest.approx(matches[1].distance)
    # logs 2, 3, 4 (base 10) have sd sqrt(2/3); one step is sqrt(1.5) sds.
    assert matches[0].distance == pytest.approx(math.sqrt(1.5))
    (reason,) = matches[0].reasons
    assert (reason.feature, reason.here, reason.there) == ("number_on_roll", 1000.0, 100.0)
    assert reason.gap == pytest.approx(math.sqrt(1.5))


def test_most_similar_ignores_a_feature_that_does_not_vary():
    # Attendance is 95 everywhere: it cannot tell schools apart, so K = 1 and the
    # distances are the FSM gaps alone (FSM 10, 20, 40: sd sqrt(1400/9)).
    a = school(1, percent_fsm=10, attendance=95)
    b = school(2, percent_fsm=20, attendance=95)
    c = school(3, percent_fsm=40, attendance=95)

    matches = most_similar(a, [a, b, c])

    sd = math.sqrt(1400 / 9)
    assert [m.distance for m in matches] == pytest.approx([10 / sd, 30 / sd])
    assert [m.features_compared for m in matches] == [1, 1]
    assert [r.feature for r in matches[0].reasons] == ["percent_fsm"]


def test_most_similar_one_school_has_no_match():
    a = school(1, percent_fsm=10)

    assert most_similar(a, [a]) == []
    assert most_similar(a, []) == []


def test_most_similar_all_figures_missing_gives_no_match():
    a = school(1)
    b = school(2)

    assert most_similar(a, [a, b]) == []


def test_most_similar_leaves_out_a_school_with_nothing_in_common():
    a = school(1, percent_fsm=10, percent_eal=None)
    b = school(2, percent_fsm=20, percent_eal=30)
    c = school(3, percent_fsm=None, percent_eal=40)

    matches = most_similar(a, [a, b, c])

    assert [m.key for m in matches] == [2]


def test_most_similar_target_with_no_figures_gives_no_match():
    a = school(1)
    b = school(2, percent_fsm=20)
    c = school(3, percent_fsm=30)

    assert most_similar(a, [a, b, c]) == []


def test_most_similar_treats_an_empty_roll_as_unknown():
    a = school(1, number_on_roll=0, percent_fsm=10)
    b = school(2, number_on_roll=300, percent_fsm=20)
    c = school(3, number_on_roll=600, percent_fsm=40)

    matches = most_similar(a, [a, b, c])

    assert [m.features_compared for m in matches] == [1, 1]


def test_most_similar_returns_at_most_count_nearest_first():
    target = school(0, percent_fsm=50)
    population = [school(k, percent_fsm=50 + k) for k in range(1, 30)]

    matches = most_similar(target, [target, *population], count=10)

    assert [m.key for m in matches] == list(range(1, 11))


def test_most_similar_reasons_list_the_closest_features_first():
    a = school(1, number_on_roll=400, percent_fsm=20, percent_eal=30, percent_sen=15)
    b = school(2, number_on_roll=410, percent_fsm=35, percent_eal=31, percent_sen=18)
    c = school(3, number_on_roll=900, percent_fsm=5, percent_eal=60, percent_sen=10)

    (match, _other) = most_similar(a, [a, b, c], max_reasons=2)

    assert [r.feature for r in match.reasons] == ["number_on_roll", "percent_eal"]
    assert (match.reasons[0].here, match.reasons[0].there) == (400.0, 410.0)


def reference_distances(target: SchoolContext, population: list[SchoolContext]) -> dict[int, float]:
    """The documented formula written out with plain loops, as an independent check."""
    schools = [target, *[s for s in population if s.key != target.key]]

    def value(s: SchoolContext, f: int) -> float | None:
        v = s.values()[f]
        if v is None:
            return None
        if FEATURES[f] == "number_on_roll":
            return math.log(v) if v > 0 else None
        return v

    z: dict[int, dict[int, float]] = {s.key: {} for s in schools}
    in_use = 0
    for f in range(len(FEATURES)):
        known = [(s.key, value(s, f)) for s in schools if value(s, f) is not None]
        if len(known) < 2:
            continue
        mean = sum(v for _k, v in known if v is not None) / len(known)
        sd = math.sqrt(sum((v - mean) ** 2 for _k, v in known if v is not None) / len(known))
        if sd <= 1e-9:
            continue
        in_use += 1
        for key, v in known:
            assert v is not None
            z[key][f] = (v - mean) / sd
    out = {}
    for s in schools[1:]:
        common = [f for f in z[target.key] if f in z[s.key]]
        if common:
            total = sum((z[target.key][f] - z[s.key][f]) ** 2 for f in common)
            out[s.key] = math.sqrt(total * in_use / len(common))
    return out


figure = st.one_of(st.none(), st.integers(min_value=0, max_value=100).map(float))
contexts = st.lists(
    st.builds(
        lambda fsm, eal, sen, att, roll: (fsm, eal, sen, att, roll),
        figure,
        figure,
        figure,
        figure,
        st.one_of(st.none(), st.integers(min_value=1, max_value=3000).map(float)),
    ),
    min_size=2,
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(contexts)
def test_most_similar_agrees_with_a_plain_implementation(rows):
    population = [
        SchoolContext(
            key=k,
            percent_fsm=fsm,
            percent_eal=eal,
            percent_sen=sen,
            attendance=att,
            number_on_roll=roll,
        )
        for k, (fsm, eal, sen, att, roll) in enumerate(rows)
    ]
    target = population[0]

    matches = most_similar(target, population, count=len(population))

    expected = reference_distances(target, population)
    assert {m.key: m.distance for m in matches} == pytest.approx(expected)
    distances = [m.distance for m in matches]
    assert all(a <= b + 1e-9 for a, b in itertools.pairwise(distances))
    assert all(isinstance(m, Match) and m.key != target.key for m in matches)


def test_most_similar_in_arrays_matches_the_list_version():
    population = [
        school(7, number_on_roll=400, percent_fsm=20, percent_eal=30, percent_sen=15),
        school(3, number_on_roll=410, percent_fsm=35, percent_eal=None, percent_sen=18),
        school(9, number_on_roll=900, percent_fsm=5, percent_eal=60, percent_sen=10),
        school(4, number_on_roll=None, percent_fsm=22, percent_eal=31, attendance=93),
    ]
    keys = np.array([s.key for s in population], dtype=np.int64)
    figures = np.array([s.values() for s in population], dtype=np.float64)

    from_arrays = most_similar_in(3, keys, figures)

    assert from_arrays == most_similar(population[1], population)
    assert [m.key for m in from_arrays] == [7, 4, 9]


def test_most_similar_in_unknown_target_or_wrong_shape():
    keys = np.array([1, 2], dtype=np.int64)
    figures = np.array([[1.0, 2.0, 3.0, 4.0, 5.0], [2.0, 3.0, 4.0, 5.0, 6.0]])

    assert most_similar_in(99, keys, figures) == []
    with pytest.raises(ValueError, match=r"figures must be 2 x 5, not \(2, 4\)"):
        most_similar_in(1, keys, figures[:, :4])
