"""Valid pupil files in the shapes schools' MIS and Excel produce are read correctly."""

from __future__ import annotations

from datetime import date

import polars as pl

from reconnect.spectrum.ingest import Notice

from .ingest_files import (
    ARBOR_HEADERS,
    SIMS_HEADERS,
    VALID,
    csv_bytes,
    problems,
    pupil_csv,
    pupils,
    read,
    table,
    xlsx_bytes,
)

SEN_PROVISION = "one of E (EHC plan), K (SEN support), N (no SEN); or leave it blank"


def test_ingest_sims_headers_read_every_column_typed():
    rows = pupils(
        2,
        upn=["B801200005001", ""],
        reg_group="7A",
        sex=["Male", "f"],
        date_of_birth=["02/03/2013", "2012-09-30"],
        sessions_auth_absent=["6", "0"],
        sessions_unauth_absent=["4", "0"],
        fsm_eligible=["Yes", ""],
        sen_provision=["SEN Support", "e"],
        year_group=["Year 7", "Y8"],
    )

    result = read(pupil_csv(rows, SIMS_HEADERS))

    assert problems(result) == []
    assert result.unmatched == []
    assert result.mapping == {name: SIMS_HEADERS[name] for name in rows[0]}
    assert result.rows == 2
    assert result.as_at_date == date(2026, 2, 13)
    assert result.frame is not None
    assert result.frame.to_dicts() == [
        {
            "pupil_ref": "A001",
            "year_group": "7",
            "fsm_eligible": True,
            "fsm_ever6": True,
            "looked_after": False,
            "sen_provision": "K",
            "sessions_possible": 310,
            "sessions_present": 300,
            "upn": "B801200005001",
            "reg_group": "7A",
            "sex": "M",
            "birth_month": date(2013, 3, 1),
            "sessions_auth_absent": 6,
            "sessions_unauth_absent": 4,
        },
        {
            "pupil_ref": "A002",
            "year_group": "8",
            "fsm_eligible": None,
            "fsm_ever6": True,
            "looked_after": False,
            "sen_provision": "E",
            "sessions_possible": 310,
            "sessions_present": 300,
            "upn": None,
            "reg_group": "7A",
            "sex": "F",
            "birth_month": date(2012, 9, 1),
            "sessions_auth_absent": 0,
            "sessions_unauth_absent": 0,
        },
    ]


def test_ingest_arbor_headers_semicolons_and_windows_1252():
    rows = pupils(1, young_carer="Primary", reg_group="7É")
    data = csv_bytes(table(rows, ARBOR_HEADERS), delimiter=";", encoding="windows-1252")

    result = read(data)

    assert problems(result) == []
    assert result.frame is not None
    assert result.frame.get_column("young_carer").to_list() == ["P"]
    assert result.frame.get_column("reg_group").to_list() == ["7É"]
    assert result.notices == [
        Notice(
            column="",
            message='This file was read as Windows-1252 (Excel\'s "CSV (Comma delimited)"). '
            'If any letters look wrong, save it from Excel as "CSV UTF-8 (Comma delimited)" '
            "and upload it again.",
        )
    ]


def test_ingest_frame_dtypes_are_the_contract_s():
    rows = pupils(
        1,
        upn="B801200005001",
        as_at_date="13/02/2026",
        reg_group="7A",
        sex="M",
        date_of_birth="02/03/2013",
        entry_date="01/09/2025",
        postcode="sw1a1aa",
        idaci_decile="3",
        attendance_pct="96.8",
        young_carer="N",
    )

    result = read(pupil_csv(rows))

    assert problems(result) == []
    assert result.frame is not None
    assert result.frame.schema == pl.Schema(
        {
            "pupil_ref": pl.String,
            "upn": pl.String,
            "as_at_date": pl.Date,
            "year_group": pl.String,
            "reg_group": pl.String,
            "sex": pl.String,
            "birth_month": pl.Date,
            "entry_date": pl.Date,
            "fsm_eligible": pl.Boolean,
            "fsm_ever6": pl.Boolean,
            "postcode": pl.String,
            "idaci_decile": pl.Int64,
            "looked_after": pl.Boolean,
            "young_carer": pl.String,
            "sen_provision": pl.String,
            "sessions_possible": pl.Int64,
            "sessions_present": pl.Int64,
            "attendance_pct": pl.Float64,
        }
    )
    assert result.frame.get_column("postcode").to_list() == ["SW1A 1AA"]


def test_ingest_utf16_tab_separated_unicode_text_is_read():
    rows = pupils(2, reg_group=["7É", "7Ø"])
    data = csv_bytes(table(rows), delimiter="\t", encoding="utf-16")  # with its BOM

    result = read(data, filename="pupils.txt")

    assert problems(result) == []
    assert result.frame is not None
    assert result.frame.get_column("reg_group").to_list() == ["7É", "7Ø"]


def test_ingest_utf8_bom_does_not_enter_the_first_header():
    data = b"\xef\xbb\xbf" + pupil_csv(pupils(1))

    result = read(data)

    assert problems(result) == []
    assert result.mapping["pupil_ref"] == "pupil_ref"


def test_ingest_line_endings_crlf_bare_cr_and_mixed_are_read():
    lf = csv_bytes(table(pupils(3)), line_end="\n")
    variants = [lf.replace(b"\n", b"\r\n"), lf.replace(b"\n", b"\r"), lf.replace(b"\n", b"\r", 2)]

    for data in variants:
        result = read(data)
        assert problems(result) == []
        assert result.frame is not None
        assert result.frame.get_column("pupil_ref").to_list() == ["A001", "A002", "A003"]


def test_ingest_quoted_values_with_separators_quotes_and_line_breaks_are_read():
    rows = pupils(2, pp_reasons=["FSM6; LAC", 'FSM6, "SERVICE"'], reg_group=["7,A", "7\nB"])

    result = read(csv_bytes(table(rows), quote_all=True))

    assert problems(result) == []
    assert result.frame is not None
    assert result.frame.get_column("pp_reasons").to_list() == ["FSM6; LAC", 'FSM6, "SERVICE"']
    assert result.frame.get_column("reg_group").to_list() == ["7,A", "7\nB"]


def test_ingest_blank_booleans_stay_null_and_every_spelling_is_read():
    spellings = ["Y", "n", "Yes", "NO", "t", "F", "True", "false", "1", "0", "✓", "✗", ""]
    rows = pupils(len(spellings), cin=spellings)

    result = read(pupil_csv(rows))

    assert problems(result) == []
    assert result.frame is not None
    assert result.frame.get_column("cin").to_list() == [
        True, False, True, False, True, False, True, False, True, False, True, False, None,
    ]  # fmt: skip


def test_ingest_year_group_spellings_are_read():
    spellings = ["Year 7", "Y7", "yr 7", "07", "NC Year 11", "Reception", "Year R", "Nursery 1",
                 "N2", "x", "14"]  # fmt: skip
    rows = pupils(len(spellings), year_group=spellings)

    result = read(pupil_csv(rows))

    assert problems(result) == []
    assert result.frame is not None
    assert result.frame.get_column("year_group").to_list() == [
        "7", "7", "7", "7", "11", "R", "R", "N1", "N2", "X", "14",
    ]  # fmt: skip


def test_ingest_dates_are_day_first_and_iso_is_read():
    rows = pupils(4, entry_date=["03/04/2025", "3/4/2025", "2025-04-03", "13/02/2026"])

    result = read(pupil_csv(rows))

    assert problems(result) == []
    assert result.frame is not None
    assert result.frame.get_column("entry_date").to_list() == [
        date(2025, 4, 3), date(2025, 4, 3), date(2025, 4, 3), date(2026, 2, 13),
    ]  # fmt: skip


def test_ingest_blank_rows_are_skipped_and_row_numbers_kept():
    lines = csv_bytes(table(pupils(3, sen_provision=["N", "N", "Q"]))).split(b"\r\n")
    data = b"\r\n".join([*lines[:2], b"", b",,,,,,,", *lines[2:], b"", b""])

    result = read(data)

    assert problems(result) == [
        (6, "sen_provision", "Q", SEN_PROVISION)
    ]  # fmt: skip
    assert result.rows == 3


def test_ingest_header_case_and_spacing_do_not_matter():
    cells = table(pupils(1, upn="B801200005001"))
    cells[0] = [" UPN " if h == "upn" else h.upper().replace("_", " ") for h in cells[0]]

    result = read(csv_bytes(cells))

    assert problems(result) == []
    assert result.mapping["upn"] == "UPN"
    assert result.mapping["fsm_eligible"] == "FSM ELIGIBLE"


def test_ingest_hand_mapping_names_and_ignores_columns():
    rows = pupils(1, Disadv="Y", House="Red")

    result = read(pupil_csv(rows), hand_mapping={"disadv": "pupil_premium", "house": ""})

    assert problems(result) == []
    assert result.unmatched == []
    assert result.mapping["pupil_premium"] == "Disadv"
    assert result.notices == [
        Notice(column="House", message="Not read, as chosen for your school's files.")
    ]
    assert result.frame is not None
    assert result.frame.get_column("pupil_premium").to_list() == [True]


def test_ingest_attendance_percent_disagreeing_with_counts_is_a_notice_and_counts_win():
    rows = pupils(3, attendance_pct=["96.8", "50", "97%"])

    result = read(pupil_csv(rows))

    assert problems(result) == []
    assert result.notices == [
        Notice(
            column="attendance_pct",
            message="On 1 row (first: row 3) the attendance % differs from sessions present "
            "÷ sessions possible by more than 1 point; Reconnect uses the sessions.",
        )
    ]
    assert result.frame is not None
    assert result.frame.get_column("attendance_pct").round(2).to_list() == [96.77] * 3


def test_ingest_workbook_first_sheet_with_date_number_and_boolean_cells():
    cells: list[list[object]] = [
        ["Adno", "NC Year", "DOB", "FSM", "Ever 6 FSM", "In Care", "SEN Status",
         "Possible Sessions", "Present", "Forename"],
        ["00123", 7, date(2013, 3, 2), True, "N", False, "SEN Support", 310, 300.0, "Bob"],
        [],
        ["A2", "Year 8", "13/02/2012", "Y", "Y", "N", "E", 310, 290, "Al"],
    ]  # fmt: skip
    data = xlsx_bytes(cells)

    for filename in ("pupils.xlsx", "pupils.csv"):  # read by its bytes, not its name
        result = read(data, filename=filename)

        assert problems(result) == []
        assert result.rows == 2
        assert result.frame is not None
        assert result.frame.to_dicts() == [
            {"pupil_ref": "00123", "year_group": "7", "birth_month": date(2013, 3, 1),
             "fsm_eligible": True, "fsm_ever6": False, "looked_after": False,
             "sen_provision": "K", "sessions_possible": 310, "sessions_present": 300},
            {"pupil_ref": "A2", "year_group": "8", "birth_month": date(2012, 2, 1),
             "fsm_eligible": True, "fsm_ever6": True, "looked_after": False,
             "sen_provision": "E", "sessions_possible": 310, "sessions_present": 290},
        ]  # fmt: skip


def test_ingest_workbook_problems_name_spreadsheet_rows():
    cells: list[list[object]] = [
        list(VALID),
        list(VALID.values()),
        [],
        ["A2", "7", "Y", "Y", "N", "Q", 310, 300],
    ]
    cells[1][0] = "A1"

    result = read(xlsx_bytes(cells), filename="pupils.xlsx")

    assert problems(result) == [
        (4, "sen_provision", "Q", SEN_PROVISION)
    ]  # fmt: skip
