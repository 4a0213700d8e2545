"""``read_pupil_file``: the stages in order, each stopping the read when it must."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date

import polars as pl

from reconnect.spectrum.columns import BY_NAME, Kind

from .cells import expected_name, parse, raw_name
from .decode import check_size, decode, kind_of
from .errors import FileRefused
from .fast import read_quickly
from .headers import match_headers
from .report import compile_problems
from .result import MAX_PROBLEMS, Notice, Problem, ReadResult
from .rules import check
from .tabular import ROW, CellBytes, Table, column_name, read_csv, read_workbook

NO_PUPILS = "one row per pupil under the header row: this file has no pupils"
WINDOWS_1252 = (
    'This file was read as Windows-1252 (Excel\'s "CSV (Comma delimited)"). If any letters '
    'look wrong, save it from Excel as "CSV UTF-8 (Comma delimited)" and upload it again.'
)


def read_pupil_file(
    data: bytes,
    filename: str,
    *,
    hand_mapping: Mapping[str, str],
    as_at_date: date | None,
    today: date,
) -> ReadResult:
    """Read, match and check a pupil file. ``frame`` is None unless the file is clean.

    Whether the file is a workbook or text is decided by its bytes, not by ``filename``:
    an .xlsx renamed .csv is read as the workbook it is. Never raises for any input.
    """
    notices: list[Notice] = []
    ragged: list[Problem] = []
    try:
        check_size(data)
        if kind_of(data) == "workbook":
            table = read_workbook(data)
        else:
            decoded = decode(data)
            if decoded.encoding == "windows-1252":
                notices.append(Notice(column="", message=WINDOWS_1252))
            table, ragged = read_csv(decoded.text)
    except FileRefused as refused:
        return ReadResult(frame=None, problems=[refused.problem], problem_count=1)
    return _read_table(
        table, ragged, notices, hand_mapping=hand_mapping, as_at_date=as_at_date, today=today
    )


def _read_table(
    table: Table,
    ragged: list[Problem],
    notices: list[Notice],
    *,
    hand_mapping: Mapping[str, str],
    as_at_date: date | None,
    today: date,
) -> ReadResult:
    match = match_headers(table.headers, hand_mapping)
    notices += match.notices
    result = ReadResult(
        frame=None, notices=notices, mapping=match.mapping, unmatched=match.unmatched
    )
    order = {name: match.columns[name] for name in match.columns}
    header_order = {match.mapping[name]: position for name, position in order.items()}
    masked = frozenset(
        match.mapping[name] for name in match.columns if BY_NAME[name].kind is Kind.UPN
    )
    if ragged:
        result.problems, result.problem_count = compile_problems(
            match.problems + ragged, [], order=header_order, masked_columns=masked
        )
        return result
    listed = list(match.problems)
    cleaned = _cleaned(table, tuple(match.columns.items()))
    result.rows = cleaned.height
    if cleaned.height == 0:
        listed.append(Problem(None, "", "", NO_PUPILS))
        result.problems, result.problem_count = compile_problems(
            listed, [], order=header_order, masked_columns=masked
        )
        return result
    cells = table.cells if cleaned.height == table.frame.height else None
    typed, careful = _typed(cleaned, match.columns, cells, today)
    frames = _cell_problems(typed, {name: match.mapping[name] for name in careful}, order)
    checked = check(typed, headers=match.mapping, order=order, form_as_at=as_at_date, today=today)
    listed += checked.problems
    notices += checked.notices
    result.as_at_date = checked.as_at_date
    result.problems, result.problem_count = compile_problems(
        listed, frames + checked.frames, order=header_order, masked_columns=masked
    )
    if result.problem_count == 0 and not result.unmatched:
        result.frame = _finish(typed, list(match.columns), checked.as_at_date)
    return result


def _cleaned(table: Table, columns: tuple[tuple[str, int], ...]) -> pl.DataFrame:
    """``ROW`` and each matched column's cells as read (``raw_name``): surrounding spaces
    removed, blank as null, blank rows dropped."""
    if table.trimmed:  # nothing to strip, and blank cells are null already: rename only
        cleaned = table.frame.clone()
        cleaned.columns = _renamed(tuple(cleaned.columns), columns)
    else:
        cleaned = table.frame.select(_cleaning(columns))
    raw_names = [raw_name(name) for name, _ in columns]
    # A column without a blank cell (the pupil reference, as a rule) has no blank row.
    if raw_names and all(cleaned.get_column(name).null_count() for name in raw_names):
        cleaned = cleaned.filter(pl.any_horizontal(pl.col(raw_names).is_not_null()))
    return cleaned


@functools.lru_cache(maxsize=1024)
def _renamed(names: tuple[str, ...], columns: tuple[tuple[str, int], ...]) -> list[str]:
    raw = {column_name(index): raw_name(name) for name, index in columns}
    return [raw.get(name, name) for name in names]


@functools.lru_cache(maxsize=1024)
def _cleaning(columns: tuple[tuple[str, int], ...]) -> list[pl.Expr]:
    return [pl.col(ROW), *[_clean(column_name(index), raw_name(name)) for name, index in columns]]


def _typed(
    cleaned: pl.DataFrame, columns: dict[str, int], cells: CellBytes | None, today: date
) -> tuple[pl.DataFrame, list[str]]:
    """Each column read quickly (``fast``), or, when any of its cells is in doubt, read
    again carefully (``cells``) beside the instruction for each cell that cannot be read.
    Also the names of the columns read carefully: only they may hold cell problems."""
    quick = read_quickly(cleaned, columns, cells=cells, today=today)
    typed = cleaned.hstack(list(quick.values.values()))
    if quick.doubtful:
        parsed = [parse(name, today=today) for name in quick.doubtful]
        typed = typed.with_columns(p.value for p in parsed).with_columns(p.expected for p in parsed)
    return typed, quick.doubtful


@functools.lru_cache(maxsize=4096)
def _clean(source: str, name: str) -> pl.Expr:
    """A cell as read: surrounding spaces removed, blank as null."""
    stripped = pl.col(source).str.strip_chars()
    return pl.when(stripped.str.len_bytes() > 0).then(stripped).alias(name)


def _cell_problems(
    typed: pl.DataFrame, headers: dict[str, str], order: dict[str, int]
) -> list[tuple[pl.DataFrame, int]]:
    names = list(headers)
    if not names:
        return []
    counts = typed.select(pl.col(expected_name(n)).is_not_null().sum() for n in names).row(0)
    frames = []
    for name, count in zip(names, counts, strict=True):
        if not count:
            continue
        failed = typed.filter(pl.col(expected_name(name)).is_not_null()).head(MAX_PROBLEMS)
        frames.append(
            (
                failed.select(
                    pl.col(ROW).alias("row"),
                    pl.lit(order[name], dtype=pl.Int64).alias("order"),
                    pl.lit(headers[name]).alias("column"),
                    pl.col(raw_name(name)).alias("value"),
                    pl.col(expected_name(name)).alias("expected"),
                ),
                count,
            )
        )
    return frames


def _finish(typed: pl.DataFrame, names: list[str], as_at: date | None) -> pl.DataFrame:
    """The clean frame: one typed column per canonical column, in the contract's order."""
    order = _contract_order(frozenset(names))
    frame = typed[list(order)]
    if "date_of_birth" in order:
        born = frame.get_column("date_of_birth").dt.month_start().alias("birth_month")
        frame.replace_column(order.index("date_of_birth"), born)
    if "as_at_date" in order and as_at is not None:
        dates = frame.get_column("as_at_date")
        if dates.null_count():
            frame.replace_column(order.index("as_at_date"), dates.fill_null(as_at))
    if "attendance_pct" in order and {"sessions_possible", "sessions_present"} <= set(order):
        # Computed from the sessions wherever there are sessions to compute it from (by
        # polars' expression: its arithmetic is not always the plain series arithmetic's).
        pct = frame.select(_ATTENDANCE_FROM_SESSIONS).to_series()
        frame.replace_column(order.index("attendance_pct"), pct)
    return frame


_ATTENDANCE_FROM_SESSIONS = (
    pl.when(pl.col("sessions_possible") > 0)
    .then(pl.col("sessions_present") / pl.col("sessions_possible") * 100)
    .otherwise(pl.col("attendance_pct"))
    .alias("attendance_pct")
)


@functools.lru_cache(maxsize=1024)
def _contract_order(present: frozenset[str]) -> tuple[str, ...]:
    return tuple(name for name in BY_NAME if name in present)
