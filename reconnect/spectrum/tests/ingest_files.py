"""Pupil files for the importer's tests, built the way Excel and the MIS write them."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime

import xlsxwriter

from reconnect.spectrum.ingest import ReadResult, read_pupil_file

TODAY = date(2026, 3, 2)
AS_AT = date(2026, 2, 13)

# One valid pupil in canonical columns; the required columns and a few common ones.
VALID: dict[str, str] = {
    "pupil_ref": "A001",
    "year_group": "7",
    "fsm_eligible": "Y",
    "fsm_ever6": "Y",
    "looked_after": "N",
    "sen_provision": "N",
    "sessions_possible": "310",
    "sessions_present": "300",
}

SIMS_HEADERS: dict[str, str] = {
    "pupil_ref": "Adno",
    "upn": "UPN",
    "year_group": "NC Year Actual",
    "reg_group": "Reg Group",
    "sex": "Gender",
    "date_of_birth": "DOB",
    "fsm_eligible": "FSM Eligible",
    "fsm_ever6": "Ever 6 FSM",
    "looked_after": "In Care",
    "sen_provision": "SEN Status",
    "sessions_possible": "Possible Sessions",
    "sessions_present": "Present",
    "sessions_auth_absent": "Authorised Absences",
    "sessions_unauth_absent": "Unauthorised Absences",
}

ARBOR_HEADERS: dict[str, str] = {
    "pupil_ref": "MIS ID",
    "upn": "Unique Pupil Number",
    "year_group": "Year",
    "reg_group": "Registration Group",
    "sex": "Sex",
    "date_of_birth": "Date of Birth",
    "fsm_eligible": "free_school_meals",
    "fsm_ever6": "free_school_meals_6",
    "looked_after": "in_lea_care",
    "sen_provision": "sen_status",
    "sessions_possible": "TermlySessionsPossible",
    "sessions_present": "Sessions Attended",
    "young_carer": "Young Carer",
}


def pupils(count: int = 2, **columns: Sequence[str] | str) -> list[dict[str, str]]:
    """``count`` valid pupils (A001, A002, …); a keyword sets a column for every pupil (a
    string) or pupil by pupil (a sequence of ``count`` strings)."""
    rows = []
    for index in range(count):
        row = dict(VALID, pupil_ref=f"A{index + 1:03d}")
        for name, value in columns.items():
            row[name] = value if isinstance(value, str) else value[index]
        rows.append(row)
    return rows


def table(
    rows: Sequence[Mapping[str, str]], headers: Mapping[str, str] | None = None
) -> list[list[str]]:
    """Header row then data rows; ``headers`` renames canonical columns (default: as is)."""
    names = list(rows[0]) if rows else list(VALID)
    renamed = [(headers or {}).get(name, name) for name in names]
    return [renamed, *[[row.get(name, "") for name in names] for row in rows]]


def csv_bytes(
    cells: Sequence[Sequence[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    line_end: str = "\r\n",
    quote_all: bool = False,
) -> bytes:
    """As Excel writes CSV: minimal quoting (or all), CRLF line ends by default."""
    out = io.StringIO(newline="")
    writer = csv.writer(
        out,
        delimiter=delimiter,
        lineterminator=line_end,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerows(cells)
    return out.getvalue().encode(encoding)


def pupil_csv(
    rows: Sequence[Mapping[str, str]],
    headers: Mapping[str, str] | None = None,
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> bytes:
    return csv_bytes(table(rows, headers), delimiter=delimiter, encoding=encoding)


def xlsx_bytes(cells: Sequence[Sequence[object]]) -> bytes:
    """A workbook whose first sheet holds ``cells``; dates and datetimes become date cells,
    numbers number cells, and a second sheet is there to be ignored."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Pupils")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            if isinstance(value, date):
                moment = value if isinstance(value, datetime) else datetime(*value.timetuple()[:3])
                sheet.write_datetime(r, c, moment, date_format)
            elif value is None or value == "":
                continue
            else:
                sheet.write(r, c, value)
    workbook.add_worksheet("Notes").write(0, 0, "not read")
    workbook.close()
    return buffer.getvalue()


def read(
    data: bytes,
    *,
    hand_mapping: Mapping[str, str] | None = None,
    as_at: date | None = AS_AT,
    today: date = TODAY,
    filename: str = "pupils.csv",
) -> ReadResult:
    return read_pupil_file(
        data, filename, hand_mapping=hand_mapping or {}, as_at_date=as_at, today=today
    )


def problems(result: ReadResult) -> list[tuple[int | None, str, str, str]]:
    """The problems as (row, column, value, expected) tuples, for exact assertions."""
    return [(p.row, p.column, p.value, p.expected) for p in result.problems]
