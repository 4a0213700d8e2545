"""Cohort views against plain Python counts, hand-worked outcome gaps, filters, prompts,
and the change list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import polars as pl
import pytest

from reconnect.spectrum.analysis.catalogue import BY_KEY, FACTORS
from reconnect.spectrum.analysis.changes import changes
from reconnect.spectrum.analysis.cohorts import (
    CIRCUMSTANCE_KEYS,
    CohortFilter,
    apply_filter,
    co_occurrence,
    combinations,
    count_distribution,
    data_quality,
    outcome_gaps,
    prevalence,
)
from reconnect.spectrum.analysis.intervals import (
    mean_interval,
    newcombe_difference,
    welch_difference,
    wilson,
)
from reconnect.spectrum.analysis.profiles import derive, params_from
from reconnect.spectrum.columns import YEAR_GROUPS
from reconnect.spectrum.tests.test_analysis_profiles import AS_AT, frame, random_pupils


@pytest.fixture(scope="module")
def school() -> pl.DataFrame:
    return derive(random_pupils(1_500, seed=11), params_from({}), as_at=AS_AT)


def rows_of(derived: pl.DataFrame) -> list[dict[str, Any]]:
    return list(derived.iter_rows(named=True))


# -- Filters ------------------------------------------------------------------------------


class Query(Mapping[str, str]):
    """A QueryDict-like mapping: ``getlist`` gives every value of a key."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(k for k, _ in self.pairs))

    def __len__(self) -> int:
        return len({k for k, _ in self.pairs})

    def __getitem__(self, key: str) -> str:
        return [v for k, v in self.pairs if k == key][-1]

    def getlist(self, key: str) -> list[str]:
        return [v for k, v in self.pairs if k == key]


def test_filter_round_trips_in_a_stable_order() -> None:
    cohort = CohortFilter(
        factors=("young_carer", "fsm_current", "young_carer"),
        year_groups=("10", "7", "R"),
        reg_groups=("7B", "7A"),
        count_band="2–5",
        support_gap=True,
        known_to_services=False,
    )

    data = cohort.to_dict()

    assert data == {
        "factors": ["fsm_current", "young_carer"],
        "year_groups": ["R", "7", "10"],
        "reg_groups": ["7A", "7B"],
        "count_band": "2–5",
        "support_gap": True,
        "known_to_services": False,
    }
    assert CohortFilter.from_dict(data) == cohort
    assert CohortFilter().to_dict() == {}
    assert CohortFilter.from_dict({}).is_empty


def test_filter_from_query_reads_the_pages_short_keys() -> None:
    query = Query(
        [
            ("factor", "sen_support"),
            ("factor", "fsm_current"),
            ("year", "7"),
            ("reg", ""),
            ("band", "6+"),
            ("gap", "1"),
            ("known", "0"),
            ("page", "2"),
            ("sort", "factors"),
        ]
    )

    cohort = CohortFilter.from_query(query)

    assert cohort == CohortFilter(
        factors=("fsm_current", "sen_support"),
        year_groups=("7",),
        count_band="6+",
        support_gap=True,
        known_to_services=False,
    )
    assert CohortFilter.from_query({"factors": ["eal"], "year": ["8", "9"]}) == CohortFilter(
        factors=("eal",), year_groups=("8", "9")
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"factor": ["pupil_name"]}, "Unknown factor: pupil_name"),
        ({"year": ["15"]}, "Unknown year group: 15"),
        ({"band": ["7"]}, "The number of factors is one of 0, 1, 2–5, 6+, not '7'"),
        ({"band": ["0", "1"]}, "Give one value for count_band"),
        ({"gap": ["maybe"]}, "support_gap must be yes or no, not 'maybe'"),
        ({"reg": ["x" * 21]}, "A registration group has at most 20 characters"),
    ],
)
def test_filter_from_query_refuses_what_it_cannot_use(
    query: dict[str, list[str]], message: str
) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("+", r"\+") + "$"):
        CohortFilter.from_query(query)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"pupils": ["A1"]}, "Unknown filter field: pupils"),
        ({"factors": "fsm_current"}, "factors must be a list"),
        ({"factors": [1]}, "factors must hold text, not 1"),
        ({"support_gap": 1}, "support_gap must be yes or no, not 1"),
        ({"count_band": 2}, "count_band must be text, not 2"),
    ],
)
def test_filter_from_dict_refuses_bad_definitions(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match="^" + message + "$"):
        CohortFilter.from_dict(data)


def test_apply_filter_equals_a_plain_python_filter(school: pl.DataFrame) -> None:
    cohort = CohortFilter(
        factors=("fsm_ever6",), year_groups=("7", "11", "X"), known_to_services=False
    )

    result = apply_filter(school, cohort)

    expected = [
        r["pupil_ref"]
        for r in rows_of(school)
        if r["f_fsm_ever6"] and r["year_group"] in {"7", "11", "X"} and not r["known_to_services"]
    ]
    assert result["pupil_ref"].to_list() == expected
    assert 10 < len(expected) < 300
    assert apply_filter(school, CohortFilter()) is school


def test_apply_filter_on_band_gap_and_registration_group(school: pl.DataFrame) -> None:
    cohort = CohortFilter(reg_groups=("7A",), count_band="2–5", support_gap=True)

    result = apply_filter(school, cohort)

    expected = [
        r["pupil_ref"]
        for r in rows_of(school)
        if r["reg_group"] == "7A" and r["count_band"] == "2–5" and r["support_gap"]
    ]
    assert result["pupil_ref"].to_list() == expected
    assert expected


# -- Prevalence, counts, co-occurrence, combinations ---------------------------------------


def test_prevalence_equals_a_plain_python_count(school: pl.DataFrame) -> None:
    table = prevalence(school, "year_group")

    groups = [r.group for r in table.rows]
    expected_groups = sorted(
        {r["year_group"] or "" for r in rows_of(school)},
        key=lambda g: (g == "", YEAR_GROUPS.index(g) if g else 0),
    )
    assert groups == [*expected_groups, "All pupils"]
    assert table.keys == tuple(f.key for f in FACTORS)
    for row in table.rows[:-1]:
        members = [r for r in rows_of(school) if (r["year_group"] or "") == row.group]
        assert row.n == len(members)
        assert row.counts == tuple(sum(1 for m in members if m[f"f_{k}"]) for k in table.keys)
    total = table.total
    assert total.is_total
    assert total.n == 1_500
    assert total.counts == tuple(sum(1 for r in rows_of(school) if r[f"f_{k}"]) for k in table.keys)
    assert total.percents[0] == pytest.approx(100 * total.counts[0] / 1_500)
    assert table.counts().sum(axis=0).tolist() == list(total.counts)


def test_prevalence_by_registration_group_with_blanks_last() -> None:
    derived = derive(
        frame(
            [
                {"reg_group": "8B", "fsm_eligible": True},
                {"reg_group": "", "fsm_eligible": True},
                {"reg_group": None, "fsm_eligible": False},
                {"reg_group": "7A", "fsm_eligible": False},
            ]
        ),
        params_from({}),
        as_at=AS_AT,
    )

    table = prevalence(derived, "reg_group", keys=["fsm_current"])

    assert [(r.group, r.n, r.counts) for r in table.rows] == [
        ("7A", 1, (0,)),
        ("8B", 1, (1,)),
        ("", 2, (1,)),
        ("All pupils", 4, (2,)),
    ]
    assert table.rows[1].percents == (100.0,)
    with pytest.raises(ValueError, match="Group by year_group or reg_group"):
        prevalence(derived, "pupil_ref")


def test_count_distribution_equals_a_plain_python_count(school: pl.DataFrame) -> None:
    table = count_distribution(school, "reg_group")

    for row in table.rows[:-1]:
        members = [r for r in rows_of(school) if (r["reg_group"] or "") == row.group]
        assert row.counts == tuple(
            sum(1 for m in members if m["count_band"] == band) for band in table.keys
        )
        assert sum(row.counts) == row.n
    assert table.keys == ("0", "1", "2–5", "6+")
    assert sum(table.total.counts) == 1_500


def test_co_occurrence_equals_a_plain_double_loop(school: pl.DataFrame) -> None:
    keys, matrix = co_occurrence(school)

    rows = rows_of(school)
    used = [f.key for f in FACTORS if any(r[f"f_{f.key}"] for r in rows)]
    assert keys == tuple(used)
    for i, a in enumerate(keys):
        for j, b in enumerate(keys):
            assert matrix[i, j] == sum(1 for r in rows if r[f"f_{a}"] and r[f"f_{b}"])
    assert (matrix == matrix.T).all()


def test_co_occurrence_of_chosen_keys_and_of_nothing(school: pl.DataFrame) -> None:
    keys, matrix = co_occurrence(school, keys=["fsm_current", "looked_after"])

    assert keys == ("fsm_current", "looked_after")
    assert matrix.shape == (2, 2)
    empty_keys, empty = co_occurrence(school.head(0))
    assert (empty_keys, empty.shape) == ((), (0, 0))


def test_combinations_equal_a_counter_over_rows(school: pl.DataFrame) -> None:
    found = combinations(school, top=15)

    counter = Counter(tuple(k for k in CIRCUMSTANCE_KEYS if r[f"f_{k}"]) for r in rows_of(school))
    del counter[()]
    expected = sorted(
        counter.items(),
        key=lambda kc: (-kc[1], len(kc[0]), [list(BY_KEY).index(k) for k in kc[0]]),
    )[:15]
    assert [(c.keys, c.count) for c in found] == expected
    assert found[0].percent == pytest.approx(100 * expected[0][1] / 1_500)
    assert len(found) == 15


def test_combinations_known_answer_ties_and_labels() -> None:
    derived = derive(
        frame(
            [
                {"fsm_eligible": True, "sen_provision": "K"},
                {"fsm_eligible": True, "sen_provision": "K", "attendance_pct": 70.0},
                {"sen_provision": "K"},
                {"young_carer": "P"},
                {"fsm_eligible": True},
                {},
            ]
        ),
        params_from({}),
        as_at=AS_AT,
    )

    found = combinations(derived)

    assert [(c.keys, c.count) for c in found] == [
        (("fsm_current", "sen_support"), 2),
        (("fsm_current",), 1),
        (("sen_support",), 1),
        (("young_carer",), 1),
    ]
    assert [c.percent for c in found] == pytest.approx([100 * 2 / 6] + [100 / 6] * 3)
    assert found[0].labels == ("Free school meals", "SEN support")
    assert combinations(derived.head(0)) == []


# -- Outcome gaps -------------------------------------------------------------------------


def outcome_frame() -> pl.DataFrame:
    rows: list[dict[str, Any]] = []
    # 12 reference pupils: attendance 90 + i, two persistent absentees, one suspension.
    for i in range(12):
        rows.append({"attendance_pct": 88.0 + i, "suspensions_count": 1 if i == 0 else 0})
    # 10 pupils with FSM only: lower attendance, one severe.
    for i in range(10):
        rows.append(
            {
                "fsm_eligible": True,
                "attendance_pct": 45.0 if i == 0 else 80.0 + 2 * i,
                "suspensions_count": 2 if i < 3 else 0,
            }
        )
    # 4 with FSM and SEN support: too small.
    for i in range(4):
        rows.append(
            {
                "fsm_eligible": True,
                "sen_provision": "K",
                "attendance_pct": 70.0 + i,
                "suspensions_count": None,
            }
        )
    return derive(frame(rows), params_from({}), as_at=AS_AT)


def test_outcome_gaps_by_hand() -> None:
    gaps = outcome_gaps(outcome_frame())

    reference = [88.0 + i for i in range(12)]
    fsm_only = [45.0] + [80.0 + 2 * i for i in range(1, 10)]
    fsm_all = [*fsm_only, 70.0, 71.0, 72.0, 73.0]

    ref = gaps.reference
    assert (ref.kind, ref.keys, ref.n, ref.too_small) == ("reference", (), 12, False)
    assert ref.attendance.mean == pytest.approx(np.mean(reference))
    assert ref.attendance.interval == mean_interval(reference)
    assert ref.attendance.difference is None
    # 88%, 89% and 90% exactly: each missed 10% or more.
    assert (ref.persistent_absence.count, ref.persistent_absence.n) == (3, 12)
    assert ref.persistent_absence.interval == wilson(3, 12)
    assert ref.persistent_absence.difference_interval is None
    assert (ref.suspended.count, ref.suspended.n) == (1, 12)

    assert [g.keys for g in gaps.factors] == [("fsm_current",), ("sen_support",)]
    fsm = gaps.factors[0]
    assert (fsm.n, fsm.too_small) == (14, False)
    assert fsm.attendance.mean == pytest.approx(np.mean(fsm_all))
    assert fsm.attendance.difference == pytest.approx(np.mean(fsm_all) - np.mean(reference))
    assert fsm.attendance.difference_interval == welch_difference(fsm_all, reference)
    # Persistent: 82, 84, 86, 88 and 90 of the FSM-only pupils, 45 (severe) and the four
    # 70–73.
    assert (fsm.persistent_absence.count, fsm.persistent_absence.n) == (10, 14)
    assert fsm.persistent_absence.interval == wilson(10, 14)
    assert fsm.persistent_absence.difference == pytest.approx(10 / 14 - 3 / 12)
    assert fsm.persistent_absence.difference_interval == newcombe_difference(10, 14, 3, 12)
    assert (fsm.severe_absence.count, fsm.severe_absence.n) == (1, 14)
    assert fsm.severe_absence.percent == pytest.approx(100 / 14)
    assert (fsm.suspended.count, fsm.suspended.n) == (3, 10)  # four not recorded
    assert fsm.suspended.difference_interval == newcombe_difference(3, 10, 1, 12)

    sen = gaps.factors[1]
    assert (sen.n, sen.too_small) == (4, True)
    assert sen.attendance.mean == pytest.approx(71.5)
    assert sen.attendance.interval is None
    assert sen.attendance.difference == pytest.approx(71.5 - np.mean(reference))
    assert sen.attendance.difference_interval is None
    assert sen.persistent_absence.interval is None
    assert sen.persistent_absence.difference_interval is None
    assert (sen.suspended.count, sen.suspended.n, sen.suspended.rate) == (0, 0, None)

    assert [(g.keys, g.n, g.too_small) for g in gaps.combinations] == [
        (("fsm_current",), 10, False),
        (("fsm_current", "sen_support"), 4, True),
    ]
    assert gaps.combinations[0].attendance.difference_interval == welch_difference(
        fsm_only, reference
    )


def test_outcome_gaps_against_a_small_reference_have_no_difference_intervals() -> None:
    derived = derive(
        frame(
            [{"attendance_pct": 96.0}] * 3
            + [{"fsm_eligible": True, "attendance_pct": 90.0 + i % 5} for i in range(20)]
        ),
        params_from({}),
        as_at=AS_AT,
    )

    gaps = outcome_gaps(derived)

    fsm = gaps.factors[0]
    assert gaps.reference.too_small is True
    assert fsm.too_small is False
    assert fsm.attendance.interval is not None
    assert fsm.attendance.difference == pytest.approx(92.0 - 96.0)
    assert fsm.attendance.difference_interval is None
    assert fsm.persistent_absence.difference_interval is None


def test_outcome_gaps_without_attendance_or_suspension_columns() -> None:
    derived = derive(frame([{"fsm_eligible": True}] * 12), params_from({}), as_at=AS_AT)

    gaps = outcome_gaps(derived)

    fsm = gaps.factors[0]
    assert gaps.reference.n == 0
    assert (fsm.attendance.n, fsm.attendance.mean, fsm.attendance.interval) == (0, None, None)
    assert (fsm.suspended.n, fsm.suspended.rate) == (0, None)
    assert fsm.persistent_absence.difference_interval is None


# -- Data quality ------------------------------------------------------------------------


def test_data_quality_prompts() -> None:
    rows: list[dict[str, Any]] = [
        {"young_carer": "N", "post_looked_after": "N", "first_language": "POL",
         "fsm_eligible": None, "attendance_pct": 95.0},
        {"young_carer": "N", "post_looked_after": "N", "first_language": "NOT",
         "fsm_eligible": True, "english_proficiency": "B", "attendance_pct": 95.0},
        {"young_carer": "N", "post_looked_after": "N", "first_language": "ENG",
         "fsm_eligible": False},
    ]  # fmt: skip
    derived = derive(frame(rows), params_from({}), as_at=AS_AT)

    prompts = data_quality(derived, derived.columns)

    assert [(p.key, p.count) for p in prompts] == [
        ("no_young_carers", 0),
        ("eal_without_proficiency", 1),
        ("plac_not_declared", 0),
        ("first_language_unknown", 1),
        ("blank_fsm_eligible", 1),
        ("attendance_missing", 1),
    ]
    assert prompts[1].message.startswith("1 pupils with English as an additional language")
    assert prompts[4].message == (
        "FSM eligible is blank for 1 pupils (33%). A blank is read as not recorded, not as "
        "No, so these pupils may be missing from the figures."
    )


def test_data_quality_missing_columns_and_a_clean_file() -> None:
    bare = derive(frame([{"fsm_eligible": False}]), params_from({}), as_at=AS_AT)
    clean = derive(
        frame(
            [
                {"young_carer": "S", "post_looked_after": "A", "fsm_eligible": False,
                 "attendance_pct": 97.0},
            ]
        ),
        params_from({}),
        as_at=AS_AT,
    )  # fmt: skip

    assert [p.key for p in data_quality(bare, bare.columns)] == [
        "no_young_carer_column",
        "no_plac_column",
        "attendance_missing",
    ]
    assert data_quality(clean, clean.columns) == []
    assert data_quality(clean.head(0), clean.columns) == []


# -- Changes ---------------------------------------------------------------------------------


def derived_row(**values: Any) -> dict[str, Any]:
    result = derive(frame([values]), params_from({}), as_at=AS_AT)
    return result.row(0, named=True)


def test_changes_since_the_previous_snapshot() -> None:
    previous = derived_row(fsm_ever6=True, young_carer="P", attendance_pct=96.0, cin=True)
    current = derived_row(
        fsm_eligible=True, fsm_ever6=True, attendance_pct=88.5, cpp=True, cin=True
    )

    found = changes(previous, current)

    assert [(c.kind, c.key, c.text) for c in found] == [
        (
            "attendance",
            "attendance",
            "Attendance moved from expected to persistent absence (96.0% to 88.5%).",
        ),
        ("severity_up", "economic", "Economic: severity went up from present to high."),
        ("new", "fsm_current", "New: Free school meals."),
        ("new", "child_protection", "New: Child protection plan."),
        ("ended", "fsm_ever6", "No longer: Ever 6 FSM, not now."),
        ("ended", "young_carer", "No longer: Young carer."),
    ]


def test_changes_severity_down_and_nothing() -> None:
    previous = derived_row(suspensions_count=3)
    current = derived_row(suspensions_count=1)

    assert [c.text for c in changes(previous, current)] == [
        "Engagement: severity went down from high to present.",
        "New: Suspended.",
        "No longer: Suspended repeatedly.",
    ]
    assert changes(previous, previous) == []
    assert changes(None, current) == []
    assert changes(derived_row(), derived_row(attendance_pct=80.0)) == []
