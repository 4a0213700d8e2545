"""Malformed pupil files: each is refused whole, with every problem named exactly (row,
column as written, value as written, what to put instead). Security goals section 8."""

from __future__ import annotations

from datetime import date

from reconnect.spectrum.ingest import MAX_BYTES, MAX_ROWS, Notice

from .ingest_files import csv_bytes, problems, pupil_csv, pupils, read, table

SAVE_AS = (
    'a pupil file saved from Excel or your MIS as "CSV UTF-8 (Comma delimited)" or as an '
    "Excel workbook (.xlsx)"
)
WHOLE_NUMBER_OF_SESSIONS = "a whole number of sessions from 0 to 800"
EIGHT_VALUES = (
    "8 values, one under each column header: look for a missing or extra comma in this row"
)
DATE = "a date written DD/MM/YYYY, e.g. 13/02/2026 (or YYYY-MM-DD)"
NOT_AFTER_TODAY = "a date no later than today (02/03/2026)"
NOT_AFTER_AS_AT = "a date no later than the as-at date (13/02/2026)"
SCHOOL_AGE = "a date of birth giving an age from 2 to 25 on the as-at date (13/02/2026)"
SEN_PROVISION = "one of E (EHC plan), K (SEN support), N (no SEN); or leave it blank"
YOUNG_CARER = "one of N (no), P (primary carer), S (secondary carer); or leave it blank"
YEAR_GROUP = "a year group: N1, N2, R (Reception), 1 to 14 (e.g. 7 or Year 7) or X"
REF_BLANK = "a pupil reference on every row: the admission number or MIS ID"
REF_EXCEL = (
    "the reference exactly as your MIS holds it: Excel has turned it into a number, so "
    "format the column as Text before saving"
)
FORMULA = "a value that does not start with =, +, - or @ (a spreadsheet would run it as a formula)"
REF = (
    "the school's own reference: up to 30 letters and digits (hyphens, underscores, "
    "slashes and full stops also work)"
)


def assert_refused(result, expected):
    assert problems(result) == expected
    assert result.problem_count == len(expected)
    assert result.frame is None


# --- the file as a whole ------------------------------------------------------------------


def test_ingest_empty_file_is_refused():
    assert_refused(
        read(b""),
        [(None, "", "", "a file with a header row and one row per pupil: this file is empty")],
    )


def test_ingest_file_of_blank_lines_is_empty():
    assert_refused(
        read(b"\r\n\r\n  \r\n"),
        [(None, "", "", "a file with a header row and one row per pupil: this file is empty")],
    )


def test_ingest_header_only_has_no_pupils():
    result = read(pupil_csv([]))

    assert_refused(
        result, [(None, "", "", "one row per pupil under the header row: this file has no pupils")]
    )
    assert result.rows == 0


def test_ingest_file_over_the_byte_limit_is_refused_before_parsing():
    result = read(b"x" * (MAX_BYTES + 1))

    assert_refused(
        result,
        [
            (
                None,
                "",
                "",
                (
                    "a file of at most 20 MB (this one is 20.0 MB): export only the columns "
                    "Reconnect uses"
                ),
            )
        ],
    )


def test_ingest_more_rows_than_any_school_is_refused():
    rows = pupils(MAX_ROWS + 1)

    assert_refused(
        read(pupil_csv(rows)),
        [(None, "", "", "at most 20,000 pupils in one file: this one has 20,001 rows")],
    )


def test_ingest_binary_file_renamed_csv_is_refused():
    assert_refused(
        read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", filename="pupils.csv"),
        [(None, "", "", SAVE_AS + ": this file is not a spreadsheet")],
    )


def test_ingest_nul_bytes_are_refused_naming_the_row():
    assert_refused(
        read(b"pupil_ref,year_group\nA1,7\nA\x002,8\n"),
        [(3, "", "", SAVE_AS + ": this file holds binary data (a NUL byte)")],
    )


def test_ingest_control_characters_are_refused_naming_the_row():
    data = pupil_csv(pupils(3, reg_group=["7A", "7B", "7\x07C"]))

    assert_refused(
        read(data),
        [
            (
                4,
                "",
                "",
                (
                    "text without control characters: delete the invisible character U+0007 "
                    "from this row"
                ),
            )
        ],
    )


def test_ingest_invalid_utf8_halfway_through_is_refused_naming_the_row():
    data = pupil_csv(
        pupils(3, reg_group=["Année 7", "7B", "7C"])
    ) + "A004,7,Y,Y,N,N,310,300,7\xe9\r\n".encode("latin-1")

    assert_refused(
        read(data),
        [
            (
                5,
                "",
                "",
                SAVE_AS + ": this file mixes text encodings, and this row holds bytes that "
                "are not UTF-8",
            )
        ],
    )


def test_ingest_utf32_is_refused():
    data = pupil_csv(pupils(1)).decode().encode("utf-32")

    assert_refused(
        read(data),
        [(None, "", "", SAVE_AS + ": this file is in UTF-32, which Reconnect does not read")],
    )


def test_ingest_damaged_workbook_is_refused():
    assert_refused(
        read(b"PK\x03\x04" + b"\x00" * 64, filename="pupils.xlsx"),
        [
            (
                None,
                "",
                "",
                SAVE_AS + ": this workbook could not be opened (is it damaged or protected "
                "with a password?)",
            )
        ],
    )


# --- structure ----------------------------------------------------------------------------


def test_ingest_rows_with_too_few_or_too_many_values_are_named():
    lines = csv_bytes(table(pupils(4))).decode().split("\r\n")
    lines[2] = lines[2] + ",extra"  # row 3
    lines[4] = lines[4].rsplit(",", 1)[0]  # row 5
    data = "\r\n".join(lines).encode()

    assert_refused(
        read(data),
        [
            (3, "", "9 values", EIGHT_VALUES),
            (5, "", "7 values", EIGHT_VALUES),
        ],
    )


def test_ingest_short_row_alone_is_named():
    lines = csv_bytes(table(pupils(3))).decode().split("\r\n")
    lines[3] = lines[3].rsplit(",", 2)[0]  # row 4
    data = "\r\n".join(lines).encode()

    assert_refused(
        read(data),
        [(4, "", "6 values", EIGHT_VALUES)],
    )


def test_ingest_unterminated_quote_is_refused_naming_its_row():
    lines = csv_bytes(table(pupils(4))).decode().split("\r\n")
    lines[2] = lines[2].replace("A002", '"A002')
    data = "\r\n".join(lines).encode()

    assert_refused(
        read(data),
        [
            (
                3,
                "",
                "",
                (
                    "quotation marks in pairs around a value: a quotation mark in this row is "
                    "never closed, or stands in the middle of a value"
                ),
            )
        ],
    )


def test_ingest_pipe_separated_file_finds_no_columns():
    data = b"pupil_ref|year_group\r\nA1|7\r\n"
    result = read(data)

    assert result.unmatched == ["pupil_ref|year_group"]
    assert [p.column for p in result.problems] == [
        "pupil_ref",
        "year_group",
        "fsm_eligible",
        "fsm_ever6",
        "looked_after",
        "sen_provision",
        "sessions_possible",
        "sessions_present",
    ]
    assert result.frame is None


# --- headers ------------------------------------------------------------------------------


def test_ingest_missing_required_column_is_named():
    rows = [{k: v for k, v in row.items() if k != "fsm_ever6"} for row in pupils(2)]

    assert_refused(
        read(pupil_csv(rows)),
        [
            (
                None,
                "fsm_ever6",
                "",
                (
                    'a "Ever 6 FSM" column (headed e.g. "Ever 6 FSM", "EVERFSM_6", '
                    '"EVERFSM_6_P"); if your file has it under another name, match that column '
                    "by hand"
                ),
            )
        ],
    )


def test_ingest_duplicate_header_is_refused():
    cells = table(pupils(2, upn="B801200005001"))
    cells[0][-1] = "pupil_ref"

    assert_refused(
        read(csv_bytes(cells)),
        [
            (
                1,
                "pupil_ref",
                "pupil_ref",
                (
                    'each column once: there are two columns headed "pupil_ref" and "pupil_ref"; '
                    "delete one of them"
                ),
            )
        ],
    )


def test_ingest_two_headers_for_one_column_are_refused():
    cells = table(pupils(2, fsm_protected="N"))
    cells[0][1] = "NC Year"
    cells[0][-1] = "Year Group"

    assert_refused(
        read(csv_bytes(cells)),
        [
            (
                1,
                "Year Group",
                "Year Group",
                (
                    'one column for Year group: "NC Year" and "Year Group" both mean it; delete '
                    "one of them"
                ),
            )
        ],
    )


def test_ingest_unknown_column_is_listed_for_mapping_and_stops_the_frame():
    rows = pupils(2, **{"House Colour": "Red"})

    result = read(pupil_csv(rows))

    assert problems(result) == []
    assert result.unmatched == ["House Colour"]
    assert result.frame is None
    assert result.rows == 2


def test_ingest_refused_column_is_dropped_with_a_notice_and_its_values_never_appear():
    rows = pupils(2, **{"Legal Surname": ["Onyekachukwu", "Fitzgerald-Smyth"]})

    result = read(pupil_csv(rows))

    assert result.notices == [
        Notice(
            column="Legal Surname",
            message="Not read: this column holds a name, which Reconnect never stores. Leave "
            "it out of future exports.",
        )
    ]
    assert result.frame is not None
    assert "Legal Surname" not in result.frame.columns
    assert "Onyekachukwu" not in repr(result)
    assert "Onyekachukwu" not in result.frame.write_csv()


# --- cells --------------------------------------------------------------------------------


def test_ingest_impossible_dates_are_refused():
    rows = pupils(3, entry_date=["31/02/2025", "01/13/2025", "2025-09-01"])

    assert_refused(
        read(pupil_csv(rows)),
        [
            (2, "entry_date", "31/02/2025", DATE),
            (3, "entry_date", "01/13/2025", DATE),
        ],
    )


def test_ingest_us_dates_are_never_read_month_first():
    rows = pupils(2, entry_date=["02/13/2025", "03/04/2025"])

    result = read(pupil_csv(rows))

    assert problems(result) == [(2, "entry_date", "02/13/2025", DATE)]


def test_ingest_two_digit_years_and_excel_serials_are_refused():
    rows = pupils(3, entry_date=["01/09/25", "45678", "1st Sept 2025"])

    assert_refused(
        read(pupil_csv(rows)),
        [
            (2, "entry_date", "01/09/25", DATE),
            (3, "entry_date", "45678", DATE),
            (4, "entry_date", "1st Sept 2025", DATE),
        ],
    )


def test_ingest_future_dates_are_refused():
    rows = pupils(2, first_entry_english_school=["03/03/2026", "01/03/2026"])

    assert_refused(
        read(pupil_csv(rows)),
        [
            (2, "first_entry_english_school", "03/03/2026", NOT_AFTER_TODAY),
            (3, "first_entry_english_school", "01/03/2026", NOT_AFTER_AS_AT),
        ],
    )


def test_ingest_entry_after_the_as_at_date_is_refused():
    rows = pupils(1, entry_date="14/02/2026")

    assert_refused(
        read(pupil_csv(rows)),
        [(2, "entry_date", "14/02/2026", NOT_AFTER_AS_AT)],
    )


def test_ingest_dates_of_birth_outside_school_ages_are_refused():
    rows = pupils(4, date_of_birth=["14/02/2024", "13/02/2024", "14/02/2000", "13/02/2000"])

    assert_refused(
        read(pupil_csv(rows)),
        [
            (2, "date_of_birth", "14/02/2024", SCHOOL_AGE),
            (5, "date_of_birth", "13/02/2000", SCHOOL_AGE),
        ],
    )


def test_ingest_attendance_period_ending_before_it_starts_is_refused():
    rows = pupils(1, attendance_period_start="01/09/2025", attendance_period_end="31/08/2025")

    assert_refused(
        read(pupil_csv(rows)),
        [
            (
                2,
                "attendance_period_end",
                "31/08/2025",
                "a date on or after the start of the attendance period (01/09/2025)",
            )
        ],
    )


def test_ingest_present_above_possible_is_refused():
    rows = pupils(2, sessions_present=["300", "311"])

    assert_refused(
        read(pupil_csv(rows)),
        [(3, "sessions_present", "311", "no more than the sessions possible on this row (310)")],
    )


def test_ingest_present_and_absences_above_possible_are_refused():
    rows = pupils(2, sessions_auth_absent=["6", "6"], sessions_unauth_absent=["4", "5"])

    assert_refused(
        read(pupil_csv(rows)),
        [
            (
                3,
                "sessions_possible",
                "310",
                "at least the sessions present and absent on this row (300 + 6 + 5 = 311)",
            )
        ],
    )


def test_ingest_negative_and_non_numeric_counts_are_refused():
    rows = pupils(4, sessions_possible=["-1", "three hundred", "310.5", "801"])

    assert_refused(
        read(pupil_csv(rows)),
        [
            (2, "sessions_possible", "-1", WHOLE_NUMBER_OF_SESSIONS),
            (3, "sessions_possible", "three hundred", WHOLE_NUMBER_OF_SESSIONS),
            (4, "sessions_possible", "310.5", WHOLE_NUMBER_OF_SESSIONS),
            (5, "sessions_possible", "801", WHOLE_NUMBER_OF_SESSIONS),
        ],
    )


def test_ingest_out_of_range_numbers_are_refused():
    rows = pupils(3, attendance_pct=["140", "-2", "96.8"], idaci_decile=["0", "11", "10"])

    assert_refused(
        read(pupil_csv(rows)),
        [
            (2, "attendance_pct", "140", "a percentage from 0 to 100, e.g. 95.5"),
            (2, "idaci_decile", "0", "a whole number from 1 to 10"),
            (3, "attendance_pct", "-2", "a percentage from 0 to 100, e.g. 95.5"),
            (3, "idaci_decile", "11", "a whole number from 1 to 10"),
        ],
    )


def test_ingest_attendance_as_fractions_is_refused():
    rows = pupils(2, attendance_pct=["0.955", "1"])

    assert_refused(
        read(pupil_csv(rows)),
        [
            (
                None,
                "attendance_pct",
                "",
                (
                    "attendance as a percentage from 0 to 100, e.g. 95.5: this column holds "
                    "fractions such as 0.955"
                ),
            )
        ],
    )


def test_ingest_unknown_codes_name_what_is_allowed():
    rows = pupils(2, sen_provision=["SEN Suport", "K"], young_carer=["Sometimes", "N"])

    assert_refused(
        read(pupil_csv(rows)),
        [
            (2, "sen_provision", "SEN Suport", SEN_PROVISION),
            (2, "young_carer", "Sometimes", YOUNG_CARER),
        ],
    )


def test_ingest_unknown_sen_need_lists_the_codes():
    rows = pupils(1, sen_primary_need="Dyslexia")

    assert_refused(
        read(pupil_csv(rows)),
        [
            (
                2,
                "sen_primary_need",
                "Dyslexia",
                (
                    "one of SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH, NSA; or "
                    "leave it blank"
                ),
            )
        ],
    )


def test_ingest_booleans_outside_the_documented_set_are_refused():
    rows = pupils(3, fsm_eligible=["x", "maybe", "Yes"])

    expected = (
        "Y or N (Yes/No, True/False, T/F, 1/0 and ✓ also work); leave it blank if not recorded"
    )
    assert_refused(
        read(pupil_csv(rows)),
        [(2, "fsm_eligible", "x", expected), (3, "fsm_eligible", "maybe", expected)],
    )


def test_ingest_year_groups_outside_the_national_curriculum_are_refused():
    rows = pupils(3, year_group=["Year 15", "", "Nursery"])

    assert_refused(
        read(pupil_csv(rows)),
        [
            (2, "year_group", "Year 15", YEAR_GROUP),
            (3, "year_group", "", "a year group for every pupil: N1, N2, R, 1 to 14 or X"),
            (4, "year_group", "Nursery", YEAR_GROUP),
        ],
    )


def test_ingest_bad_upns_are_refused_and_masked():
    rows = pupils(3, upn=["A801200005001", "B80120000500", "b801200005001"])

    result = read(pupil_csv(rows))

    assert_refused(
        result,
        [
            (
                2,
                "upn",
                "A80…(13 characters)",
                (
                    "a UPN whose first letter is its check letter: this one does not add up, so "
                    "copy it again from your MIS"
                ),
            ),
            (
                3,
                "upn",
                "B80…(12 characters)",
                (
                    "a 13-character UPN: a letter then 12 digits (a temporary UPN ends in a "
                    "letter), e.g. B801200005001; or leave it blank"
                ),
            ),
        ],
    )
    assert "A801200005001" not in repr(result)


def test_ingest_pupil_refs_missing_mangled_or_formula_like_are_refused():
    rows = pupils(4)
    rows[0]["pupil_ref"] = ""
    rows[1]["pupil_ref"] = "1.23457E+12"
    rows[2]["pupil_ref"] = '=HYPERLINK("http://x")'
    rows[3]["pupil_ref"] = "A 004"

    assert_refused(
        read(pupil_csv(rows)),
        [
            (2, "pupil_ref", "", REF_BLANK),
            (3, "pupil_ref", "1.23457E+12", REF_EXCEL),
            (4, "pupil_ref", '=HYPERLINK("http://x")', FORMULA),
            (5, "pupil_ref", "A 004", REF),
        ],
    )


def test_ingest_formula_like_text_cells_are_refused():
    rows = pupils(3, reg_group=["@SUM(A1:A9)", "+7A", "7A"])

    assert_refused(
        read(pupil_csv(rows)),
        [(2, "reg_group", "@SUM(A1:A9)", FORMULA), (3, "reg_group", "+7A", FORMULA)],
    )


def test_ingest_text_longer_than_its_column_allows_is_refused():
    rows = pupils(1, first_language="English")

    assert_refused(
        read(pupil_csv(rows)), [(2, "first_language", "English", "at most 4 characters")]
    )


def test_ingest_bad_postcode_is_refused():
    rows = pupils(2, postcode=["SW1A 1AA", "not known"])

    assert_refused(
        read(pupil_csv(rows)),
        [(3, "postcode", "not known", "a UK postcode, e.g. SW1A 1AA; or leave it blank")],
    )


def test_ingest_duplicate_pupil_is_reported_on_every_row():
    rows = pupils(4)
    rows[3]["pupil_ref"] = rows[1]["pupil_ref"]

    assert_refused(
        read(pupil_csv(rows)),
        [
            (3, "pupil_ref", "A002", "each pupil on one row only: this reference is on rows 3, 5"),
            (5, "pupil_ref", "A002", "each pupil on one row only: this reference is on rows 3, 5"),
        ],
    )


# --- the as-at date -----------------------------------------------------------------------


def test_ingest_no_as_at_date_anywhere_is_refused():
    result = read(pupil_csv(pupils(2)), as_at=None)

    assert_refused(
        result,
        [(None, "as_at_date", "", "the date the export was run: give it on the upload form")],
    )
    assert result.as_at_date is None


def test_ingest_as_at_date_column_with_two_values_is_refused():
    rows = pupils(3, as_at_date=["13/02/2026", "13/02/2026", "06/02/2026"])

    assert_refused(
        read(pupil_csv(rows), as_at=None),
        [
            (
                4,
                "as_at_date",
                "06/02/2026",
                (
                    "the same date on every row (13/02/2026, as on most rows): one file is one "
                    "snapshot"
                ),
            )
        ],
    )


def test_ingest_as_at_date_in_the_file_wins_over_the_form_with_a_notice():
    rows = pupils(1, as_at_date="06/02/2026")

    result = read(pupil_csv(rows), as_at=date(2026, 2, 13))

    assert result.problems == []
    assert result.as_at_date == date(2026, 2, 6)
    assert (
        Notice(
            "as_at_date",
            "The file's own as-at date, 06/02/2026, was used, not the date on the upload form "
            "(13/02/2026).",
        )
        in result.notices
    )


def test_ingest_as_at_date_in_the_future_is_refused():
    assert_refused(
        read(pupil_csv(pupils(1)), as_at=date(2026, 3, 3)),
        [(None, "as_at_date", "03/03/2026", NOT_AFTER_TODAY + " on the upload form")],
    )


# --- the report ---------------------------------------------------------------------------


def test_ingest_problems_are_ordered_by_row_then_column_and_capped():
    rows = pupils(300, fsm_eligible="?", sen_provision="?")

    result = read(pupil_csv(rows))

    assert result.problem_count == 600
    assert len(result.problems) == 500
    assert [(p.row, p.column) for p in result.problems[:4]] == [
        (2, "fsm_eligible"),
        (2, "sen_provision"),
        (3, "fsm_eligible"),
        (3, "sen_provision"),
    ]
    assert (result.problems[-1].row, result.problems[-1].column) == (251, "sen_provision")
