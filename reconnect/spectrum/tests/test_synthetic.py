"""The synthetic pupil files: deterministic, valid against the column contract, and
correlated the way the research note describes."""

import csv
import io
from datetime import date

import numpy as np
import pytest

from reconnect.spectrum import synthetic
from reconnect.spectrum.columns import ALIASES, BY_NAME, YEAR_GROUPS, normalise_header
from reconnect.spectrum.synthetic import SchoolSpec, generate

AS_AT = date(2026, 10, 16)


def _read(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_upn_check_letter_known_answers():
    # 2x2 + 3x1 + 4x1 + 5x2 + 8x1 + 9x1 + 10x8 + 11x1 + 12x3 = 165; 165 mod 23 = 4 -> E
    assert synthetic.upn_check_letter("211200118130") == "E"
    # Only the last character counts (13 x 1 = 13 -> P); a temporary UPN's letter A = 0.
    assert synthetic.upn_check_letter("000000000001") == "P"
    assert synthetic.upn_check_letter("00000000000A") == "A"
    assert synthetic.make_upn(211, 2001, 2018, 130) == "E211200118130"
    assert synthetic.upn_is_valid("E211200118130")
    assert not synthetic.upn_is_valid("F211200118130")
    assert not synthetic.upn_is_valid("E21120011813")


def test_generate_same_seed_same_file_other_seed_other_file():
    spec = SchoolSpec(pupils=120, phase="primary", la_code=316)

    first = generate(spec, seed=3).csv("sims")
    again = generate(spec, seed=3).csv("sims")
    other = generate(spec, seed=4).csv("sims")

    assert first == again
    assert first != other


@pytest.mark.parametrize("flavour", synthetic.FLAVOURS)
def test_every_header_is_a_known_alias_of_its_column(flavour):
    data = generate(SchoolSpec(pupils=30), seed=1).csv(flavour)

    header = data.split(b"\r\n", 1)[0].decode().split(",")

    canonical = [ALIASES[normalise_header(h)] for h in header]
    assert canonical == list(synthetic._COLUMN_ORDER)
    assert len(header) == 44


@pytest.mark.parametrize("flavour", synthetic.FLAVOURS)
def test_every_code_cell_is_a_code_or_label_of_its_column(flavour):
    data = generate(SchoolSpec(pupils=400, records_young_carers=True), seed=2).csv(flavour)

    for row in _read(data):
        for header, value in row.items():
            column = BY_NAME[ALIASES[normalise_header(header)]]
            if column.codes and value:
                assert value in column.codes or value.upper() in column.labels, (
                    header,
                    value,
                )


def test_rows_are_internally_consistent():
    cohort = generate(SchoolSpec(pupils=800, phase="secondary", la_code=211), seed=5)

    rows = cohort.rows()

    assert len(rows) == 800
    assert len({r["pupil_ref"] for r in rows}) == 800
    assert len({r["upn"] for r in rows}) == 800
    assert all(synthetic.upn_is_valid(r["upn"]) for r in rows)
    assert {r["year_group"] for r in rows} == {"7", "8", "9", "10", "11"}
    for row in rows:
        assert row["as_at_date"] == AS_AT
        assert row["year_group"] in YEAR_GROUPS
        assert row["reg_group"].startswith(row["year_group"])
        assert (
            row["sessions_present"] + row["sessions_auth_absent"] + row["sessions_unauth_absent"]
            == row["sessions_possible"]
        )
        assert 0 < row["sessions_possible"] <= 62
        assert row["entry_date"] <= AS_AT
        assert row["attendance_period_start"] == date(2026, 9, 3)
        assert row["attendance_period_end"] == date(2026, 10, 15)
        # Year 7 in 2026/27 were born from September 2014 to August 2015.
        born_from = date(2026 - int(row["year_group"]) - 5, 9, 1)
        assert born_from <= row["date_of_birth"] < date(born_from.year + 1, 9, 1)
        assert row["fsm_ever6"] or not row["fsm_eligible"]
        assert (row["sen_primary_need"] is None) == (row["sen_provision"] == "N")
        assert (row["english_proficiency"] is None) == (not row["eal"])
        if row["first_entry_english_school"] is not None:
            assert row["eal"]
            assert row["first_entry_english_school"] <= row["entry_date"]
        assert not (row["cin"] and row["looked_after"])


def test_primary_year_and_registration_groups():
    rows = generate(SchoolSpec(pupils=420, phase="primary"), seed=1).rows()

    assert {r["year_group"] for r in rows} == {"R", "1", "2", "3", "4", "5", "6"}
    reception = {r["reg_group"] for r in rows if r["year_group"] == "R"}
    assert reception <= {"R Oak", "R Ash", "R Elm"}
    assert {r["reg_group"] for r in rows if r["year_group"] == "4"} <= {"Y4 Oak", "Y4 Ash"}


def test_school_figures_are_met_exactly():
    spec = SchoolSpec(pupils=500, fsm_pct=30, eal_pct=40, sen_support_pct=12, ehcp_pct=4)

    rows = generate(spec, seed=9).rows()

    assert sum(r["fsm_eligible"] for r in rows) == 150
    assert sum(r["eal"] for r in rows) == 200
    assert sum(r["sen_provision"] == "K" for r in rows) == 60
    assert sum(r["sen_provision"] == "E" for r in rows) == 20


def test_eal_follows_the_borough():
    newham = generate(SchoolSpec(pupils=1000, la_code=316), seed=1).columns["eal"].mean()
    bromley = generate(SchoolSpec(pupils=1000, la_code=305), seed=1).columns["eal"].mean()

    assert newham == pytest.approx(0.675)  # 75% x 0.9 in secondary
    assert bromley == pytest.approx(0.135)


def test_disadvantage_drives_absence_suspensions_and_sen():
    c = generate(SchoolSpec(pupils=3000, phase="secondary"), seed=11).columns
    attendance = c["sessions_present"] / c["sessions_possible"]
    fsm = c["fsm_eligible"]
    sen = c["sen_provision"] != "N"
    persistent = attendance < 0.9
    suspended = c["suspensions_count"] > 0

    assert persistent[fsm].mean() > 1.8 * persistent[~fsm].mean()
    assert suspended[fsm].mean() > 2 * suspended[~fsm].mean()
    assert sen[fsm].mean() > 1.3 * sen[~fsm].mean()
    assert c["cin"][fsm].mean() > 3 * c["cin"][~fsm].mean()
    # Realistic levels for a London secondary in the autumn term.
    assert 0.90 < attendance.mean() < 0.94
    assert 0.15 < persistent.mean() < 0.30
    assert 0.005 < (attendance < 0.5).mean() < 0.03
    assert 0.02 < suspended.mean() < 0.08
    assert c["looked_after"].sum() == 12  # 0.4%
    assert np.corrcoef(c["idaci_decile"], fsm)[0, 1] < -0.2


def test_young_carers_are_under_recorded():
    recording = [
        (
            generate(SchoolSpec(pupils=200, urn=900000 + i), seed=1).columns["young_carer"] != "N"
        ).any()
        for i in range(40)
    ]
    forced_off = generate(SchoolSpec(pupils=500, records_young_carers=False), seed=1)
    forced_on = generate(SchoolSpec(pupils=500, records_young_carers=True), seed=1)

    assert 4 <= sum(recording) <= 18  # about one school in four records any
    assert set(forced_off.columns["young_carer"]) == {"N"}
    assert (forced_on.columns["young_carer"] != "N").sum() == 6


def test_later_snapshot_keeps_most_pupils_and_accumulates_sessions():
    first = generate(SchoolSpec(pupils=1000, la_code=211), seed=4)

    second = first.later(date(2026, 12, 4))

    before = {r["pupil_ref"]: r for r in first.rows()}
    after = {r["pupil_ref"]: r for r in second.rows()}
    stayed = before.keys() & after.keys()
    assert 970 <= len(stayed) < 1000
    assert len(after.keys() - before.keys()) >= 1
    for ref in stayed:
        assert after[ref]["upn"] == before[ref]["upn"]
        assert after[ref]["sessions_possible"] > before[ref]["sessions_possible"]
        assert after[ref]["sessions_present"] >= before[ref]["sessions_present"]
        assert after[ref]["suspensions_count"] >= before[ref]["suspensions_count"]
        assert after[ref]["fsm_eligible"] >= before[ref]["fsm_eligible"]
    new_fsm = sum(after[r]["fsm_eligible"] and not before[r]["fsm_eligible"] for r in stayed)
    entered_pa = sum(after[r]["attendance_pct"] < 90 <= before[r]["attendance_pct"] for r in stayed)
    assert new_fsm > 5
    assert entered_pa > 10
    assert first.later(date(2026, 12, 4)).csv() == second.csv()
    with pytest.raises(ValueError, match="later in the same academic year"):
        first.later(date(2027, 9, 10))


def test_rows_to_csv_writes_strings_as_given_and_values_in_flavour():
    rows = synthetic.pupil_rows(pupils=3, seed=1)
    rows[0]["fsm_eligible"] = "maybe"

    def flag(i: int) -> str:
        return "True" if rows[i]["fsm_eligible"] else "False"

    rows[1]["date_of_birth"] = "31/02/2015"

    data = synthetic.rows_to_csv(
        rows, flavour="bromcom", columns=["pupil_ref", "fsm_eligible", "date_of_birth"]
    )

    assert _read(data) == [
        {"Student ID": rows[0]["pupil_ref"], "Free Meals": "maybe",
         "Birth Date": rows[0]["date_of_birth"].strftime("%d/%m/%Y")},
        {"Student ID": rows[1]["pupil_ref"], "Free Meals": flag(1), "Birth Date": "31/02/2015"},
        {"Student ID": rows[2]["pupil_ref"], "Free Meals": flag(2),
         "Birth Date": rows[2]["date_of_birth"].strftime("%d/%m/%Y")},
    ]  # fmt: skip


def test_pupil_csv_without_as_at_and_quotes_commas():
    data = synthetic.pupil_csv(pupils=5, seed=2, include_as_at=False)
    quoted = synthetic.rows_to_csv([{"pupil_ref": "1", "reg_group": 'A, "B"'}])

    assert b"as_at_date" not in data.split(b"\r\n")[0]
    assert len(_read(data)) == 5
    assert quoted == b'pupil_ref,reg_group\r\n1,"A, ""B"""\r\n'


def test_snapshots_are_one_cohort_over_time():
    spec = SchoolSpec(pupils=200, phase="primary")

    cohorts = synthetic.snapshots(spec, [date(2026, 10, 16), date(2026, 12, 4)], seed=1)

    assert [c.as_at for c in cohorts] == [date(2026, 10, 16), date(2026, 12, 4)]
    assert cohorts[1].csv() == generate(spec, seed=1).later(date(2026, 12, 4)).csv()
