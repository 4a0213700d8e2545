"""Known answers for the network view's statistics, checked against Python's statistics
module (an independent implementation of the median and of type-7 quartiles)."""

import random
import statistics

import numpy as np
import pytest

from reconnect.selfeval.analysis.network import (
    DomainSpread,
    domain_spreads,
    group_medians,
    schools_per_group,
    weakest_domain,
    weakest_first,
)


def test_domain_spreads_known_answer():
    # Domain 0: 1.0, 1.5, 2.0, 3.0, 3.5 -> quartiles 1.5 / 2.0 / 3.0; two of five at 3.0+.
    # Domain 1: 2.25 six times -> zero spread; none at Established.
    domain = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    score = [3.5, 1.0, 2.0, 3.0, 1.5, 2.25, 2.25, 2.25, 2.25, 2.25, 2.25]

    spreads = domain_spreads(domain, score, domains=2)

    assert spreads == [
        DomainSpread(0, 5, 2.0, 1.5, 3.0, 0.6),
        DomainSpread(1, 6, 2.25, 2.25, 2.25, 1.0),
    ]


def test_domain_spreads_match_the_statistics_module():
    rng = random.Random(7)
    scores = [rng.choice([1, 1.25, 1.5, 2, 2.5, 2.75, 3, 3.25, 3.5, 4]) for _ in range(37)]

    (spread,) = domain_spreads([0] * len(scores), scores, domains=1)

    q1, q2, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    assert (spread.lower_quartile, spread.median, spread.upper_quartile) == pytest.approx(
        (q1, q2, q3), abs=1e-12
    )
    assert spread.share_below == sum(1 for s in scores if s < 3.0) / 37


def test_a_domain_of_fewer_than_five_schools_is_suppressed():
    spreads = domain_spreads([0, 0, 0, 0, 1, 1, 1, 1, 1], [2.0] * 9, domains=3)

    assert [(s.schools, s.suppressed, s.median, s.share_below) for s in spreads] == [
        (4, True, None, None),
        (5, False, 2.0, 1.0),
        (0, True, None, None),
    ]


def test_no_rows_at_all():
    assert domain_spreads([], [], domains=2) == [
        DomainSpread(0, 0, None, None, None, None),
        DomainSpread(1, 0, None, None, None, None),
    ]
    medians = group_medians([], [], [], domains=2, groups=3)
    assert medians.schools.tolist() == [[0, 0, 0], [0, 0, 0]]
    assert weakest_domain(medians, 0) is None


def test_weakest_first_ranks_by_median_then_share_below_then_framework_order():
    spreads = [
        DomainSpread(0, 9, 2.5, 2.0, 3.0, 0.5),
        DomainSpread(1, 3, None, None, None, None),
        DomainSpread(2, 9, 2.0, 1.5, 2.5, 0.7),
        DomainSpread(3, 9, 2.5, 2.0, 3.0, 0.6),
        DomainSpread(4, 9, 2.5, 2.0, 3.0, 0.6),
        DomainSpread(5, 0, None, None, None, None),
    ]

    assert [s.index for s in weakest_first(spreads)] == [2, 3, 4, 0, 1, 5]


def test_group_medians_known_answer():
    # Domain 0 in group 0: 1, 2, 3, 4, 5 -> median 3; in group 1: four schools -> suppressed.
    # Domain 1 in group 1: 1.5, 2.5, 3.5, 3.5, 4, 4 -> median (3.5 + 3.5) / 2.
    rows: list[tuple[int, int, float]] = [(0, 0, s) for s in (5, 1, 4, 2, 3)]
    rows += [(0, 1, s) for s in (1, 1, 1, 1)]
    rows += [(1, 1, s) for s in (4, 1.5, 3.5, 4, 2.5, 3.5)]
    domain, group, score = zip(*rows, strict=True)

    medians = group_medians(domain, group, score, domains=2, groups=3)

    assert medians.schools.tolist() == [[5, 4, 0], [0, 6, 0]]
    assert [medians.cell(d, g) for d in range(2) for g in range(3)] == [
        (5, 3.0),
        (4, None),
        (0, None),
        (0, None),
        (6, 3.5),
        (0, None),
    ]


def test_group_medians_match_the_statistics_module():
    rng = random.Random(11)
    rows = [(rng.randrange(4), rng.randrange(6), rng.randint(4, 16) / 4) for _ in range(600)]
    domain, group, score = zip(*rows, strict=True)

    medians = group_medians(domain, group, score, domains=4, groups=6)

    for d in range(4):
        for g in range(6):
            mine = [s for (dd, gg, s) in rows if (dd, gg) == (d, g)]
            schools, median = medians.cell(d, g)
            assert schools == len(mine)
            expected = statistics.median(mine) if len(mine) >= 5 else None
            assert median == (pytest.approx(expected) if expected is not None else None)


def test_weakest_domain_skips_suppressed_domains_and_breaks_ties_in_order():
    rows = [(0, 0, 2.0)] * 5 + [(1, 0, 1.0)] * 4 + [(2, 0, 2.0)] * 5
    rows += [(0, 1, 3.0)] * 5 + [(1, 1, 2.5)] * 5
    domain, group, score = zip(*rows, strict=True)

    medians = group_medians(domain, group, score, domains=3, groups=3)

    # Group 0: domain 1 is lower but suppressed; 0 and 2 tie, so the earlier wins.
    assert [weakest_domain(medians, g) for g in range(3)] == [0, 1, None]


def test_schools_per_group_counts_every_group():
    assert schools_per_group([2, 0, 2, 2], groups=4).tolist() == [1, 0, 3, 0]


def test_arrays_must_line_up():
    with pytest.raises(ValueError, match="same length"):
        domain_spreads([0, 1], [2.0], domains=2)
    with pytest.raises(ValueError, match="same length"):
        group_medians([0], [0, 1], [2.0], domains=1, groups=2)


def test_group_medians_scale_to_london():
    # 2,500 schools x 11 domains x 33 boroughs in one pass.
    rng = np.random.default_rng(3)
    domain = np.tile(np.arange(11), 2500)
    group = np.repeat(rng.integers(0, 33, 2500), 11)
    score = rng.integers(4, 17, 27_500) / 4

    medians = group_medians(domain, group, score, domains=11, groups=33)

    assert int(medians.schools.sum()) == 27_500
    assert medians.cell(0, int(group[0]))[0] == int(np.count_nonzero(group[::11] == group[0]))
