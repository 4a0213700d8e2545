"""Text or workbook to a table of strings: headers as written, one String column per
header (named ``c0``, ``c1``, … so duplicate or blank headers cannot collide), cells as
written (the reader strips them and drops blank rows), and ``ROW``, the spreadsheet row
number of each record (the header is row 1).

CSV is parsed by polars with an all-string schema. polars pads a row with too few fields
and refuses one with too many, so the structure is checked separately: the separators
outside quotes must be exactly (columns - 1) per non-blank record. That count costs two
string counts, and only when it disagrees does Python's ``csv`` module walk the file to name
the rows that are wrong.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import fastexcel
import polars as pl

from .decode import SAVE_AS_CSV
from .errors import FileRefused
from .result import MAX_ROWS, Problem
from .sniff import header_line, separator

ROW = "__row"

SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


@dataclass
class Table:
    headers: list[str]
    frame: pl.DataFrame  # c0..cN (String) and ROW (Int64)
    separator: str | None  # None for a workbook


def column_name(index: int) -> str:
    return f"c{index}"


def _number(frame: pl.DataFrame, offset: int) -> pl.DataFrame:
    """Add each record's spreadsheet row number."""
    return frame.with_row_index(ROW, offset=offset).with_columns(pl.col(ROW).cast(pl.Int64))


def read_csv(text: str) -> tuple[Table, list[Problem]]:
    """The table, plus one problem per ragged row (then the frame is not to be used)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    sep = separator(text)
    headers = [h.strip() for h in next(csv.reader([header_line(text)], delimiter=sep))]
    width = len(headers)
    names = [column_name(i) for i in range(width)]
    encoded = text.encode("utf-8")
    try:
        frame = pl.read_csv(
            encoded,
            separator=sep,
            has_header=True,
            new_columns=names,
            infer_schema=False,
            empty_string_is_null=False,
            quote_char='"',
        )
    except pl.exceptions.PolarsError:
        problems = _locate(text, sep, width)
        if problems:
            return Table(headers, pl.DataFrame(), sep), problems
        raise FileRefused(SAVE_AS_CSV + ": this file could not be read as CSV") from None
    if frame.height > MAX_ROWS:
        raise FileRefused(
            f"at most {MAX_ROWS:,} pupils in one file: this one has {frame.height:,} rows"
        )
    if not _well_formed(text, sep, headers, frame):
        problems = _locate(text, sep, width)
        if problems:
            return Table(headers, pl.DataFrame(), sep), problems
    return Table(headers, _number(frame, 2), sep), []


def _well_formed(text: str, sep: str, headers: list[str], frame: pl.DataFrame) -> bool:
    """Whether every non-blank record has exactly one field per header."""
    if frame.height == 0:
        return True
    inside_values = sum(h.count(sep) for h in headers)
    if '"' in text:
        inside_values += int(
            frame.select(
                pl.sum_horizontal(pl.all().str.count_matches(sep, literal=True).sum())
            ).item()
        )
        if "\n\n" in text:
            # A quoted value may hold a blank line; only the careful walk can tell.
            return False
    blank_lines = text.count("\n\n") - (1 if text.endswith("\n\n") else 0)
    records = 1 + frame.height - blank_lines
    return text.count(sep) - inside_values == (len(headers) - 1) * records


def _locate(text: str, sep: str, width: int) -> list[Problem]:
    """One problem per record with the wrong number of fields; FileRefused when the quoting
    is broken (an unterminated quote swallows the rest of the file)."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text), delimiter=sep, strict=True)
    row = 0
    try:
        for row, record in enumerate(reader, start=1):
            if len(record) != width and any(field.strip() for field in record):
                problems.append(
                    Problem(
                        row=row,
                        column="",
                        value=f"{len(record)} values",
                        expected=(
                            f"{width} values, one under each column header: look for a "
                            f"missing or extra {SEPARATOR_NAMES[sep]} in this row"
                        ),
                    )
                )
    except csv.Error:
        raise FileRefused(
            "quotation marks in pairs around a value: a quotation mark in this row is never "
            "closed, or stands in the middle of a value",
            row=row + 1,
        ) from None
    return problems


def read_workbook(data: bytes) -> Table:
    """The first sheet, every cell as text (dates as ISO, numbers without a trailing .0)."""
    try:
        sheet = fastexcel.read_excel(data).load_sheet(0, header_row=None, dtypes="string")
        frame = sheet.to_polars()
    except Exception:  # calamine raises several kinds of error for a damaged workbook
        raise FileRefused(
            SAVE_AS_CSV + ": this workbook could not be opened (is it damaged or protected "
            "with a password?)"
        ) from None
    if frame.height == 0 or frame.width == 0:
        raise FileRefused("a file with a header row and one row per pupil: this file is empty")
    if frame.height - 1 > MAX_ROWS:
        raise FileRefused(
            f"at most {MAX_ROWS:,} pupils in one file: this one has {frame.height - 1:,} rows"
        )
    headers = ["" if h is None else str(h).strip() for h in frame.row(0)]
    names = [column_name(i) for i in range(len(headers))]
    body = frame.slice(1).rename(dict(zip(frame.columns, names, strict=True)))
    return Table(headers, _number(body, 2), None)
