"""Known answers for every factor rule at its boundaries, and the profile measures."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import polars as pl
import pytest

from reconnect.spectrum.analysis.catalogue import BY_KEY, FACTORS, defaults
from reconnect.spectrum.analysis.profiles import (
    DERIVED_COLUMNS,
    ParameterError,
    derive,
    keys_of_mask,
    network_factors,
    params_from,
    present_factors,
)

AS_AT = date(2026, 2, 1)  # school year 2025/26

SCHEMA: dict[str, pl.DataType] = {
    "pupil_ref": pl.String(),
    "year_group": pl.String(),
    "reg_group": pl.String(),
    "fsm_eligible": pl.Boolean(),
    "fsm_ever6": pl.Boolean(),
    "idaci_decile": pl.Int64(),
    "looked_after": pl.Boolean(),
    "post_looked_after": pl.String(),
    "cin": pl.Boolean(),
    "cpp": pl.Boolean(),
    "social_worker_ever6": pl.Boolean(),
    "early_help": pl.Boolean(),
    "kinship_care": pl.String(),
    "young_carer": pl.String(),
    "service_child": pl.String(),
    "sen_provision": pl.String(),
    "medical_needs": pl.Boolean(),
    "first_language": pl.String(),
    "eal": pl.Boolean(),
    "english_proficiency": pl.String(),
    "first_entry_english_school": pl.Date(),
    "entry_date": pl.Date(),
    "sessions_possible": pl.Int64(),
    "sessions_present": pl.Int64(),
    "attendance_pct": pl.Float64(),
    "part_time_timetable": pl.Boolean(),
    "suspensions_count": pl.Int64(),
    "permanently_excluded": pl.Boolean(),
    "alternative_provision": pl.Boolean(),
    "behaviour_negative": pl.Float64(),
    "attainment_english": pl.String(),
    "attainment_maths": pl.String(),
}


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    names = ["pupil_ref", "year_group"]
    for row in rows:
        names += [k for k in row if k not in names]
    data = [
        {"pupil_ref": f"P{i}", "year_group": "7"} | {k: row.get(k) for k in names if k in row}
        for i, row in enumerate(rows)
    ]
    return pl.DataFrame(data, schema={n: SCHEMA[n] for n in names})


def derived(rows: list[dict[str, Any]], **overrides: Any) -> pl.DataFrame:
    return derive(frame(rows), params_from(overrides), as_at=AS_AT)


def present(as_at: date = AS_AT, /, **values: Any) -> set[str]:
    """The factor keys present for one pupil."""
    row = derive(frame([values]), params_from({}), as_at=as_at).row(0, named=True)
    return {f.key for f in FACTORS if row[f"f_{f.key}"]}


# -- Attendance -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pct", "expected", "band"),
    [
        (100.0, set(), "expected"),
        (95.0, set(), "expected"),
        (94.99, {"attendance_concern"}, "concern"),
        (90.01, {"attendance_concern"}, "concern"),
        (90.0, {"persistent_absence"}, "persistent"),  # DfE: missing 10% or more
        (50.01, {"persistent_absence"}, "persistent"),
        (50.0, {"severe_absence"}, "severe"),  # DfE: missing 50% or more
        (0.0, {"severe_absence"}, "severe"),
    ],
)
def test_attendance_bands_at_their_boundaries(pct: float, expected: set[str], band: str) -> None:
    result = derived([{"attendance_pct": pct}])

    assert present(attendance_pct=pct) == expected
    assert result["attendance"].to_list() == [pct]
    assert result["attendance_band"].to_list() == [band]


@pytest.mark.parametrize(
    ("present_sessions", "expected"),
    [
        (285, set()),  # 95.0% exactly
        (284, {"attendance_concern"}),
        (271, {"attendance_concern"}),
        (270, {"persistent_absence"}),  # 90.0% exactly (270 × 100 ÷ 300): 10% missed
        (151, {"persistent_absence"}),
        (150, {"severe_absence"}),  # 50.0% exactly: half the sessions missed
    ],
)
def test_attendance_from_session_counts_at_the_boundaries(
    present_sessions: int, expected: set[str]
) -> None:
    assert (
        present(sessions_present=present_sessions, sessions_possible=300, attendance_pct=99.0)
        == expected
    )


def test_attendance_counts_win_over_the_percentage_and_zero_possible_falls_back() -> None:
    result = derived(
        [
            {"sessions_present": 27, "sessions_possible": 30, "attendance_pct": 99.0},
            {"sessions_present": 0, "sessions_possible": 0, "attendance_pct": 80.0},
            {"sessions_present": None, "sessions_possible": 300, "attendance_pct": 40.0},
            {"sessions_present": None, "sessions_possible": None, "attendance_pct": None},
        ]
    )

    assert result["attendance"].to_list() == [90.0, 80.0, 40.0, None]
    assert result["attendance_band"].to_list() == ["persistent", "persistent", "severe", None]
    assert result["engagement_severity"].to_list() == [2, 2, 2, 0]


def test_attendance_bands_are_mutually_exclusive_over_every_hundredth() -> None:
    values = [n / 100 for n in range(10_001)]
    result = derived([{"attendance_pct": v} for v in values])
    flags = result.select(
        pl.col("f_attendance_concern").cast(pl.Int64)
        + pl.col("f_persistent_absence").cast(pl.Int64)
        + pl.col("f_severe_absence").cast(pl.Int64)
    ).to_series()

    assert flags.max() == 1
    assert int(flags.sum()) == 9_500  # every value below 95.00


def test_attendance_cut_points_come_from_the_parameters() -> None:
    result = derived(
        [{"attendance_pct": v} for v in (96.5, 95.5, 92.01, 92.0, 60.01, 60.0)],
        attendance_expected=96.0,
        persistent_absence_up_to=92,
        severe_absence_up_to=60.0,
    )

    assert result["attendance_band"].to_list() == [
        "expected",
        "concern",
        "concern",
        "persistent",
        "persistent",
        "severe",
    ]


# -- Economic, care, SEND, family ------------------------------------------------------


def test_blank_is_not_no_for_free_school_meals() -> None:
    assert present(fsm_eligible=True, fsm_ever6=True) == {"fsm_current"}
    assert present(fsm_eligible=False, fsm_ever6=True) == {"fsm_ever6"}
    assert present(fsm_eligible=None, fsm_ever6=True) == {"fsm_ever6"}
    assert present(fsm_eligible=None, fsm_ever6=None) == set()
    assert present(fsm_eligible=False, fsm_ever6=False) == set()


@pytest.mark.parametrize(
    ("decile", "fsm", "expected"),
    [(1, None, True), (2, False, True), (3, False, False), (2, True, False), (None, False, False)],
)
def test_area_deprivation_only_without_current_fsm(
    decile: int | None, fsm: bool | None, expected: bool
) -> None:
    assert ("area_deprivation" in present(idaci_decile=decile, fsm_eligible=fsm)) is expected


def test_area_deprivation_deciles_come_from_the_parameters() -> None:
    result = derived([{"idaci_decile": d} for d in (1, 3, 4)], area_deprivation_deciles=3)

    assert result["f_area_deprivation"].to_list() == [True, True, False]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("A", True), ("G", True), ("R", True), ("C", True), ("O", True), ("N", False), ("", False)],
)
def test_previously_looked_after_codes(code: str, expected: bool) -> None:
    assert ("previously_looked_after" in present(post_looked_after=code)) is expected


def test_social_worker_ever6_only_when_not_known_to_social_care_now() -> None:
    assert present(social_worker_ever6=True) == {"social_worker_ever6"}
    assert present(social_worker_ever6=True, cin=True) == {"child_in_need"}
    assert present(social_worker_ever6=True, cpp=True) == {"child_protection"}
    assert present(social_worker_ever6=True, looked_after=True) == {"looked_after"}
    assert present(social_worker_ever6=True, looked_after=False, cin=None) == {
        "social_worker_ever6"
    }


@pytest.mark.parametrize(
    ("column", "code", "expected"),
    [
        ("sen_provision", "E", {"ehcp"}),
        ("sen_provision", "S", {"ehcp"}),
        ("sen_provision", "K", {"sen_support"}),
        ("sen_provision", "N", set()),
        ("kinship_care", "KF", {"kinship_care"}),
        ("kinship_care", "KI", {"kinship_care"}),
        ("kinship_care", "KU", {"kinship_care"}),
        ("kinship_care", "ND", set()),
        ("young_carer", "P", {"young_carer"}),
        ("young_carer", "S", {"young_carer"}),
        ("young_carer", "N", set()),
        ("service_child", "Y", {"service_child"}),
        ("service_child", "N", set()),
        ("service_child", "U", set()),
        ("service_child", "R", set()),
        ("attainment_english", "below", {"below_expected"}),
        ("attainment_maths", "below", {"below_expected"}),
        ("attainment_maths", "at", set()),
        ("attainment_english", "above", set()),
    ],
)
def test_coded_factors(column: str, code: str, expected: set[str]) -> None:
    assert present(**{column: code}) == expected


@pytest.mark.parametrize(
    ("column", "key"),
    [
        ("looked_after", "looked_after"),
        ("cin", "child_in_need"),
        ("cpp", "child_protection"),
        ("early_help", "early_help"),
        ("medical_needs", "medical_needs"),
        ("part_time_timetable", "part_time_timetable"),
        ("permanently_excluded", "excluded_or_ap"),
        ("alternative_provision", "excluded_or_ap"),
    ],
)
def test_yes_no_factors_are_present_only_on_yes(column: str, key: str) -> None:
    assert present(**{column: True}) == {key}
    assert present(**{column: False}) == set()
    assert present(**{column: None}) == set()


# -- Language and mobility --------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"first_language": "POL"}, {"eal"}),
        ({"first_language": " pol "}, {"eal"}),
        ({"first_language": "OTB"}, {"eal"}),
        ({"first_language": "ENG"}, set()),
        ({"first_language": "ENB"}, set()),
        ({"first_language": "NOT"}, set()),
        ({"first_language": "REF"}, set()),
        ({"first_language": ""}, set()),
        ({"eal": True}, {"eal"}),
        ({"eal": True, "first_language": "NOT"}, {"eal"}),
        ({"eal": False, "first_language": "SOM"}, {"eal"}),
        ({"eal": True, "english_proficiency": "A"}, {"eal_new"}),
        ({"first_language": "SOM", "english_proficiency": "C"}, {"eal_new"}),
        ({"first_language": "SOM", "english_proficiency": "D"}, {"eal"}),
        ({"first_language": "SOM", "english_proficiency": "N"}, {"eal"}),
        ({"first_language": "ENG", "english_proficiency": "B"}, set()),
    ],
)
def test_eal_and_new_to_english(values: dict[str, Any], expected: set[str]) -> None:
    assert present(**values) == expected


@pytest.mark.parametrize(
    ("year", "first_entry", "expected"),
    [
        ("5", date(2023, 2, 1), True),  # exactly three years before as_at
        ("5", date(2023, 1, 31), False),
        ("5", date(2026, 2, 1), True),
        ("5", date(2026, 2, 2), False),  # after as_at
        ("1", date(2025, 9, 1), True),  # the first day of Year 1
        ("1", date(2025, 8, 31), False),  # began school here in Reception
        ("2", date(2024, 9, 1), True),
        ("2", date(2024, 6, 1), False),
        ("R", date(2025, 11, 3), False),
        ("N2", date(2025, 11, 3), False),
        ("X", date(2025, 11, 3), True),
        ("5", None, False),
    ],
)
def test_recent_arrival(year: str, first_entry: date | None, expected: bool) -> None:
    found = present(year_group=year, first_entry_english_school=first_entry)

    assert ("recent_arrival" in found) is expected


@pytest.mark.parametrize(
    ("year", "entry", "expected"),
    [
        ("5", date(2024, 11, 4), True),
        ("5", date(2024, 9, 3), False),  # September
        ("5", date(2024, 8, 28), False),  # August
        ("5", date(2023, 2, 1), True),  # the window's first day
        ("5", date(2023, 1, 31), False),  # before the window
        ("5", date(2026, 2, 2), False),  # after as_at
        ("3", date(2025, 1, 6), True),  # January, but not of the Reception year
        ("R", date(2026, 1, 6), False),  # Reception's January intake
        ("R", date(2025, 11, 3), True),
        ("R", date(2025, 4, 20), False),  # joined the nursery
        ("1", date(2025, 1, 6), False),  # Reception's January intake, a year on
        ("N2", date(2025, 11, 3), False),
        ("X", date(2025, 11, 3), True),
        ("X", date(2025, 1, 6), True),
    ],
)
def test_mobile(year: str, entry: date, expected: bool) -> None:
    assert ("mobile" in present(year_group=year, entry_date=entry)) is expected


def test_recent_years_comes_from_the_parameters() -> None:
    result = derived(
        [
            {"year_group": "9", "entry_date": date(2024, 2, 1)},
            {"year_group": "9", "entry_date": date(2024, 1, 31)},
            {"year_group": "9", "first_entry_english_school": date(2024, 2, 1)},
        ],
        recent_years=2,
    )

    assert result["f_mobile"].to_list() == [True, False, False]
    assert result["f_recent_arrival"].to_list() == [False, False, True]


# -- Engagement -------------------------------------------------------------------------


def test_suspensions_and_the_repeated_cut_point() -> None:
    rows = [{"suspensions_count": n} for n in (None, 0, 1, 2, 3)]

    default = derived(rows)
    three = derived(rows, repeated_suspensions_from=3)

    assert default["f_suspended"].to_list() == [False, False, True, False, False]
    assert default["f_suspended_repeatedly"].to_list() == [False, False, False, True, True]
    assert three["f_suspended"].to_list() == [False, False, True, True, False]
    assert three["f_suspended_repeatedly"].to_list() == [False, False, False, False, True]


def test_behaviour_top_tenth_of_twenty_is_two_pupils() -> None:
    result = derived([{"behaviour_negative": float(n)} for n in range(20)])

    assert result.filter(pl.col("f_behaviour"))["behaviour_negative"].to_list() == [18.0, 19.0]


def test_behaviour_includes_ties_at_the_cut_off() -> None:
    points = [5.0, 5.0, 5.0, 1.0, 1.0, 0.0, 0.0, None, None, 0.0]

    result = derived([{"behaviour_negative": p} for p in points])

    assert result["f_behaviour"].to_list() == [True, True, True] + [False] * 7


def test_behaviour_share_beyond_the_pupils_with_points_flags_all_with_points() -> None:
    points = [3.0, 1.0, 0.0, None, None, None, None, None, None, None]

    result = derived([{"behaviour_negative": p} for p in points], behaviour_top_share=50)

    assert result["f_behaviour"].to_list() == [True, True] + [False] * 8


def test_behaviour_top_share_rounds_up_and_never_flags_zero() -> None:
    twenty_five = derived([{"behaviour_negative": float(n)} for n in range(25)])
    zeros = derived([{"behaviour_negative": 0.0} for _ in range(5)])
    quarter = derived([{"behaviour_negative": float(n)} for n in range(8)], behaviour_top_share=25)

    assert twenty_five["f_behaviour"].sum() == 3  # 10% of 25 is 2.5
    assert zeros["f_behaviour"].sum() == 0
    assert quarter.filter(pl.col("f_behaviour"))["behaviour_negative"].to_list() == [6.0, 7.0]


# -- Missing columns, switches, counts, score --------------------------------------------


def test_a_frame_with_only_the_reference_and_year_has_no_factors() -> None:
    result = derive(
        pl.DataFrame({"pupil_ref": ["A1"], "year_group": ["7"]}), params_from({}), as_at=AS_AT
    )

    assert result.columns == [
        "pupil_ref",
        "year_group",
        "attendance",
        *[f"f_{f.key}" for f in FACTORS],
        *DERIVED_COLUMNS[1:],
    ]
    row = result.row(0, named=True)
    assert [row[f"f_{f.key}"] for f in FACTORS] == [False] * len(FACTORS)
    assert (row["factor_count"], row["domain_count"], row["score"]) == (0, 0, 0)
    assert (row["count_band"], row["support_gap"], row["known_to_services"]) == ("0", False, False)
    assert row["attendance"] is None


def test_blank_strings_from_the_database_are_not_recorded() -> None:
    assert present(sen_provision="", young_carer="", kinship_care="", first_language="") == set()


def test_a_disabled_factor_is_never_present_and_counts_nowhere() -> None:
    values = {"fsm_eligible": True, "fsm_ever6": True, "sen_provision": "K"}

    on = derived([values])
    off = derived([values], **{"enabled.fsm_current": False})

    assert on.row(0, named=True)["f_fsm_current"] is True
    row = off.row(0, named=True)
    assert (row["f_fsm_current"], row["f_fsm_ever6"], row["f_sen_support"]) == (False, False, True)
    assert (row["factor_count"], row["domain_count"], row["score"]) == (1, 1, 1)


def test_score_is_the_weighted_sum_of_present_factors() -> None:
    values = {"fsm_eligible": True, "sen_provision": "K", "young_carer": "P"}

    default = derived([values]).row(0, named=True)
    custom = derived(
        [values], **{"weight.fsm_current": 5, "weight.sen_support": 0, "weight.young_carer": 3}
    ).row(0, named=True)

    assert default["score"] == 2 + 1 + 2
    assert custom["score"] == 5 + 0 + 3
    assert custom["factor_count"] == 3


def test_counts_domains_severity_and_bands() -> None:
    rows: list[dict[str, Any]] = [
        {},
        {"fsm_eligible": True},
        {"fsm_eligible": True, "fsm_ever6": True, "idaci_decile": 1},  # one factor only
        {
            "fsm_ever6": True,
            "idaci_decile": 1,
            "sen_provision": "K",
            "young_carer": "S",
            "first_language": "POL",
        },
        {
            "fsm_eligible": True,
            "cin": True,
            "sen_provision": "E",
            "young_carer": "P",
            "service_child": "Y",
            "first_language": "TUR",
            "attendance_pct": 80.0,
        },
    ]

    result = derived(rows)

    assert result["factor_count"].to_list() == [0, 1, 1, 5, 7]
    assert result["domain_count"].to_list() == [0, 1, 1, 4, 6]
    assert result["count_band"].to_list() == ["0", "1", "1", "2–5", "6+"]
    assert result["engagement_severity"].to_list() == [0, 0, 0, 0, 2]
    assert result["known_to_services"].to_list() == [False, False, False, False, True]


@pytest.mark.parametrize(
    ("values", "gap"),
    [
        ({"fsm_eligible": True, "young_carer": "P", "first_language": "POL"}, True),
        ({"fsm_eligible": True, "young_carer": "P"}, False),
        ({"fsm_eligible": True, "young_carer": "P", "first_language": "POL", "sen_provision": "K"},
         False),
        ({"fsm_eligible": True, "young_carer": "P", "first_language": "POL", "early_help": True},
         False),
        ({"attendance_pct": 85.0}, True),
        ({"attendance_pct": 92.0, "first_language": "POL", "fsm_ever6": True}, True),
        ({"attendance_pct": 92.0, "first_language": "POL"}, False),
        ({"part_time_timetable": True, "cin": True}, False),
        ({"suspensions_count": 1}, False),
        ({"suspensions_count": 2}, True),
    ],
)  # fmt: skip
def test_support_gap(values: dict[str, Any], gap: bool) -> None:
    assert derived([values])["support_gap"].to_list() == [gap]


def test_support_gap_domains_come_from_the_parameters() -> None:
    values = {"fsm_eligible": True, "young_carer": "P"}

    assert derived([values], support_gap_domains=2)["support_gap"].to_list() == [True]


# -- Parameters ---------------------------------------------------------------------------


def test_params_from_merges_and_normalises() -> None:
    params = params_from({"recent_years": 2.0, "attendance_expected": 96, "weight.eal": 3})

    assert params["recent_years"] == 2
    assert isinstance(params["recent_years"], int)
    assert params["attendance_expected"] == 96.0
    assert isinstance(params["attendance_expected"], float)
    assert params["weight.eal"] == 3
    assert params["persistent_absence_up_to"] == 90.0
    assert set(params) == set(defaults())


def test_params_from_names_every_bad_key() -> None:
    with pytest.raises(ParameterError) as caught:
        params_from(
            {
                "colour": "blue",
                "weight.fsm_current": 1.5,
                "weight.eal": True,
                "enabled.eal": "yes",
                "recent_years": 2.5,
                "behaviour_top_share": 101,
                "support_gap_domains": 7,
                "attendance_expected": float("nan"),
            }
        )

    assert caught.value.errors == {
        "colour": "is not a parameter",
        "weight.fsm_current": "must be a whole number from 0 to 10, not 1.5",
        "weight.eal": "must be a whole number from 0 to 10, not True",
        "enabled.eal": "must be true or false, not 'yes'",
        "recent_years": "must be a whole number from 1 to 10, not 2.5",
        "behaviour_top_share": "must be a number from 0 to 100, not 101",
        "support_gap_domains": "must be a whole number from 1 to 6, not 7",
        "attendance_expected": "must be a number from 0 to 100, not nan",
    }
    assert str(caught.value).startswith("colour: is not a parameter; weight.fsm_current: must")
    assert isinstance(caught.value, ValueError)


def test_params_from_refuses_attendance_cut_points_out_of_order() -> None:
    with pytest.raises(ParameterError, match="must be in order"):
        params_from({"persistent_absence_up_to": 96.0})


# -- Network bitmask, present factors, speed ------------------------------------------------


def test_network_factors_use_the_default_catalogue_and_stable_bits() -> None:
    rows: list[dict[str, Any]] = [
        {"fsm_eligible": True, "attendance_pct": 93.0},
        {"post_looked_after": "A", "behaviour_negative": 4.0},
        {},
    ]

    masks = network_factors(frame(rows), as_at=AS_AT)

    assert masks.dtype == pl.Int64
    assert masks.to_list() == [
        (1 << 0) | (1 << 19),
        (1 << 6) | (1 << 26),
        0,
    ]
    assert keys_of_mask(masks[1]) == ["previously_looked_after", "behaviour"]
    assert BY_KEY["attendance_concern"].bit == 19


def test_network_factors_equal_derive_with_defaults_on_synthetic_pupils() -> None:
    pupils = random_pupils(2_000, seed=3)

    masks = network_factors(pupils, as_at=AS_AT).to_list()
    result = derive(pupils, params_from({}), as_at=AS_AT)

    expected = [
        sum(1 << f.bit for f in FACTORS if row[f"f_{f.key}"])
        for row in result.iter_rows(named=True)
    ]
    assert masks == expected
    assert sum(1 for m in masks if m) > 1_000


def test_network_factors_by_school_ranks_behaviour_within_each_school() -> None:
    rows = [{"behaviour_negative": float(n)} for n in range(10)] * 2
    pupils = frame(rows).with_columns(
        pl.Series("school", ["a"] * 10 + ["b"] * 10),
        pl.Series("as_at", [AS_AT] * 10 + [date(2026, 7, 1)] * 10),
    )

    together = network_factors(pupils, as_at="as_at", by="school")
    pooled = network_factors(pupils, as_at=AS_AT)

    behaviour = 1 << BY_KEY["behaviour"].bit
    assert [i for i, m in enumerate(together.to_list()) if m & behaviour] == [9, 19]
    assert [i for i, m in enumerate(pooled.to_list()) if m & behaviour] == [9, 19]
    assert sum(1 for m in network_factors(pupils.head(10), as_at=AS_AT) if m) == 1


def test_present_factors_lists_sources_given_and_school_definitions() -> None:
    result = derived(
        [{"fsm_ever6": True, "fsm_eligible": None, "sessions_present": 250,
          "sessions_possible": 300}]
    )  # fmt: skip
    row = result.row(0, named=True)

    found = present_factors(row)
    school = present_factors(row, params_from({"persistent_absence_up_to": 85.0}))

    assert [(f.key, f.severity, f.sources) for f in found] == [
        ("fsm_ever6", 1, ("fsm_ever6",)),
        ("persistent_absence", 2, ("sessions_present", "sessions_possible")),
    ]
    assert found[0].label == "Ever 6 FSM, not now"
    assert found[1].definition == "Attendance at or below 90% and above 50%."
    assert school[1].definition == "Attendance at or below 85% and above 50%."


def random_pupils(n: int, *, seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)

    def maybe(values: list[Any], p_null: float = 0.1) -> list[Any]:
        return [None if rng.random() < p_null else v for v in values]

    def choice(options: list[Any]) -> list[Any]:
        return maybe([options[i] for i in rng.integers(0, len(options), n)])

    possible = rng.integers(200, 320, n)
    days = rng.integers(0, 2_000, n)
    entry = [date.fromordinal(AS_AT.toordinal() - int(d)) for d in days]
    first = [date.fromordinal(AS_AT.toordinal() - int(d) - 300) for d in days]
    return pl.DataFrame(
        {
            "pupil_ref": [f"P{i}" for i in range(n)],
            "year_group": choice(["N2", "R", "1", "2", "3", "4", "5", "6", "7", "11", "X"]),
            "reg_group": choice(["7A", "7B", "8A", "8B"]),
            "fsm_eligible": choice([True, False, False]),
            "fsm_ever6": choice([True, False]),
            "idaci_decile": choice(list(range(1, 11))),
            "looked_after": choice([True] + [False] * 30),
            "post_looked_after": choice(["N", "N", "A", "G", ""]),
            "cin": choice([True] + [False] * 20),
            "cpp": choice([True] + [False] * 30),
            "social_worker_ever6": choice([True] + [False] * 10),
            "early_help": choice([True] + [False] * 10),
            "kinship_care": choice(["ND", "ND", "KF", "KI"]),
            "young_carer": choice(["N"] * 20 + ["P", "S"]),
            "service_child": choice(["N"] * 20 + ["Y", "U"]),
            "sen_provision": choice(["N"] * 6 + ["K", "K", "E"]),
            "medical_needs": choice([True] + [False] * 8),
            "first_language": choice(["ENG"] * 5 + ["POL", "SOM", "NOT", "REF", "ENB"]),
            "eal": choice([True, False, None]),
            "english_proficiency": choice(["A", "B", "C", "D", "E", "N"]),
            "first_entry_english_school": maybe(first, 0.5),
            "entry_date": maybe(entry),
            "sessions_possible": maybe(possible.tolist()),
            "sessions_present": maybe(
                [int(p * min(1.0, rng.beta(9, 0.6))) for p in possible.tolist()]
            ),
            "attendance_pct": maybe([float(x) for x in rng.uniform(30, 100, n)], 0.5),
            "part_time_timetable": choice([True] + [False] * 40),
            "suspensions_count": choice([0] * 12 + [1, 2, 3]),
            "permanently_excluded": choice([True] + [False] * 100),
            "alternative_provision": choice([True] + [False] * 60),
            "behaviour_negative": maybe([float(x) for x in rng.poisson(2, n)]),
            "attainment_english": choice(["below", "at", "above"]),
            "attainment_maths": choice(["below", "at", "above"]),
        },
        schema_overrides=SCHEMA,
    )


def test_an_empty_frame_and_columns_of_nothing_but_blanks() -> None:
    empty = random_pupils(3, seed=9).head(0)
    blanks = pl.DataFrame(
        {
            "pupil_ref": ["A1", "A2"],
            "year_group": [None, None],
            "fsm_eligible": [None, None],
            "sen_provision": [None, None],
            "entry_date": [None, None],
            "behaviour_negative": [None, None],
        }
    )

    assert derive(empty, params_from({}), as_at=AS_AT).height == 0
    assert network_factors(empty, as_at=AS_AT).to_list() == []
    assert derive(blanks, params_from({}), as_at=AS_AT)["factor_count"].to_list() == [0, 0]
    assert network_factors(blanks, as_at=AS_AT).to_list() == [0, 0]
