from collections.abc import Iterator, Sequence
from dataclasses import replace

import numpy as np
import pytest

from reconnect.lab.analysis.trios import Applicant, Constraints, Options, build_trios, group_sizes
from reconnect.lab.analysis.trios.bound import upper_bound
from reconnect.lab.analysis.trios.scoring import Neighbours, ScoreTable, group_score

# Small random instances and a brute-force optimum to check the solver against.
DOMAINS = ("attendance", "belonging", "wellbeing", "learning-gaps")
NEIGHBOURS: Neighbours = {202: {206, 213}, 206: {202, 204}, 204: {206}, 213: {202}, 305: set()}
RELATED = {"attendance": {"belonging"}}


def random_applicants(n: int, seed: int) -> list[Applicant]:
    rng = np.random.default_rng(seed)
    boroughs = sorted(NEIGHBOURS)
    schools = []
    for i in range(n):
        challenges = frozenset(
            str(d) for d in rng.choice(DOMAINS, size=int(rng.integers(1, 3)), replace=False)
        )
        intervention = f"iv{int(rng.integers(0, 4))}"
        schools.append(
            Applicant(
                id=f"s{i}",
                borough=int(rng.choice(boroughs)),
                challenges=challenges,
                intervention=intervention,
                themes=frozenset({f"theme{int(intervention[-1]) % 2}"}),
                strengths={d: float(rng.integers(1, 5)) for d in DOMAINS if rng.random() < 0.7},
            )
        )
    return schools


def partitions(items: Sequence[int], sizes: Sequence[int]) -> Iterator[list[tuple[int, ...]]]:
    """Every split of ``items`` into groups of ``sizes`` (a multiset), each once."""
    if not items:
        yield []
        return
    first, rest = items[0], list(items[1:])
    for size in sorted(set(sizes)):
        remaining = list(sizes)
        remaining.remove(size)
        for partners in _choose(rest, size - 1):
            others = [s for s in rest if s not in partners]
            for tail in partitions(others, remaining):
                yield [(first, *partners), *tail]


def _choose(items: Sequence[int], k: int) -> Iterator[tuple[int, ...]]:
    if k == 0:
        yield ()
        return
    for i in range(len(items) - k + 1):
        for tail in _choose(items[i + 1 :], k - 1):
            yield (items[i], *tail)


def brute_force(applicants: Sequence[Applicant], sizes: Sequence[int]) -> int:
    return max(
        sum(group_score([applicants[i] for i in g], NEIGHBOURS, RELATED) for g in split)
        for split in partitions(list(range(len(applicants))), sizes)
    )


FAST = Options(time_limit=2.0, workers=1, seed=7)


def build(
    schools: list[Applicant], constraints: Constraints | None = None, options: Options = FAST
):
    return build_trios(
        schools,
        neighbours=NEIGHBOURS,
        related_challenges=RELATED,
        constraints=constraints,
        options=options,
    )


def test_group_sizes_follow_the_rule_for_2_to_11():
    assert {n: group_sizes(n) for n in range(2, 12)} == {
        2: (2,), 3: (3,), 4: (4,), 5: (3, 2), 6: (3, 3), 7: (4, 3), 8: (4, 4),
        9: (3, 3, 3), 10: (4, 3, 3), 11: (4, 4, 3),
    }  # fmt: skip


@pytest.mark.parametrize("n", range(2, 11))
def test_build_trios_makes_groups_of_the_rule_sizes(n):
    plan = build(random_applicants(n, seed=n))

    assert sorted((len(g.schools) for g in plan.groups), reverse=True) == list(group_sizes(n))
    assert sorted(s for g in plan.groups for s in g.schools) == sorted(f"s{i}" for i in range(n))


def test_partitions_enumerates_each_split_once():
    assert len(list(partitions(list(range(9)), (3, 3, 3)))) == 280
    assert len(list(partitions(list(range(8)), (4, 4)))) == 35
    assert len(list(partitions(list(range(7)), (4, 3)))) == 35


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n", [6, 7, 8, 9])
def test_build_trios_finds_the_brute_force_optimum(n, seed):
    schools = random_applicants(n, seed=100 * n + seed)

    plan = build(schools)

    assert plan.status == "OPTIMAL"
    assert plan.objective == brute_force(schools, group_sizes(n))
    assert plan.bound == plan.objective
    assert plan.gap == 0.0


@pytest.mark.parametrize("seed", range(4))
def test_upper_bound_is_never_below_the_optimum(seed):
    for n in (6, 7, 8, 9):
        schools = random_applicants(n, seed=1000 + 10 * n + seed)
        table = ScoreTable.build(schools, NEIGHBOURS, RELATED)

        assert upper_bound(table, group_sizes(n), top=3) >= brute_force(schools, group_sizes(n))


def test_build_trios_on_a_known_instance_pairs_like_with_like():
    def school(i: str, borough: int, challenge: str, intervention: str) -> Applicant:
        return Applicant(i, borough, frozenset({challenge}), intervention)

    schools = [
        school("a1", 202, "attendance", "calls"), school("b1", 305, "wellbeing", "mentors"),
        school("a2", 202, "attendance", "calls"), school("b2", 305, "wellbeing", "mentors"),
        school("a3", 206, "attendance", "calls"), school("b3", 305, "wellbeing", "mentors"),
    ]  # fmt: skip

    plan = build(schools)

    assert [g.schools for g in plan.groups] == [("a1", "a2", "a3"), ("b1", "b2", "b3")]
    # a1–a2: 6 + 5 + 3; a1–a3 and a2–a3: 6 + 5 + 1 (Camden and Islington are neighbours).
    assert [g.score for g in plan.groups] == [14 + 12 + 12, 14 * 3]
    assert (
        plan.groups[0].pairs[0].describe()
        == "a1 and a2 (14): same challenge: attendance; same intervention; same borough"
    )
    assert plan.groups[0].lead is None
    assert (plan.objective, plan.status) == (80, "OPTIMAL")


def test_build_trios_reports_the_lead():
    schools = [
        Applicant("x", 202, frozenset({"attendance"}), strengths={"attendance": 1.5}),
        Applicant("y", 202, frozenset({"wellbeing"}), strengths={"attendance": 3.0}),
        Applicant("z", 305, frozenset({"attendance"})),
    ]

    plan = build(schools)

    lead = plan.groups[0].lead
    assert lead is not None
    assert lead.describe() == "y leads on attendance: 3 against x's 1.5"
    # x–y 3 (same borough), x–z 6, y–z 0, plus the lead bonus 4.
    assert plan.objective == 13


def test_build_trios_honours_pairs_to_keep_together_and_apart():
    schools = random_applicants(9, seed=3)
    unconstrained = build(schools)
    first = unconstrained.groups[0].schools
    other = unconstrained.groups[1].schools
    constraints = Constraints(together=((first[0], other[0]),), apart=((first[1], first[2]),))

    plan = build(schools, constraints)

    group_of = {s: k for k, g in enumerate(plan.groups) for s in g.schools}
    assert group_of[first[0]] == group_of[other[0]]
    assert group_of[first[1]] != group_of[first[2]]
    assert plan.status == "OPTIMAL"
    assert plan.objective <= unconstrained.objective


def test_build_trios_is_deterministic_with_one_worker():
    schools = random_applicants(15, seed=11)

    first, second = build(schools), build(schools)

    assert replace(first, wall_time=0.0) == replace(second, wall_time=0.0)


def test_neighbourhood_method_reports_an_honest_gap():
    schools = random_applicants(30, seed=5)
    exact = build(schools)

    plan = build(
        schools, options=Options(time_limit=1.0, exact_limit=0, neighbourhood_size=12, seed=1)
    )

    assert (plan.method, plan.status) == ("neighbourhoods", "FEASIBLE")
    assert plan.objective <= exact.objective <= plan.bound
    assert plan.gap == pytest.approx((plan.bound - plan.objective) / plan.bound)
    assert plan.gap >= 0
