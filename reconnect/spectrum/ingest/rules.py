"""Checks across cells and rows, on the typed frame: attendance counts that cannot be,
dates out of order, ages no pupil has, the same pupil twice, and the file's one as-at date.

Each check gives the rows that fail it as a problem frame (see ``report.PROBLEM_SCHEMA``),
cut to the first ``MAX_PROBLEMS`` with the true count beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from . import wording
from .cells import expected_name, raw_name
from .result import MAX_PROBLEMS, Notice, Problem
from .tabular import ROW

YOUNGEST, OLDEST = 2, 25
# Attendance % given beside the counts may differ by rounding; beyond this it is a notice.
ATTENDANCE_TOLERANCE = 1.0


@dataclass
class Checked:
    frames: list[tuple[pl.DataFrame, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    as_at_date: date | None = None


@dataclass
class Context:
    frame: pl.DataFrame
    headers: dict[str, str]  # canonical -> header as written
    order: dict[str, int]  # canonical -> position in the file
    today: date
    out: Checked

    def has(self, *names: str) -> bool:
        return all(name in self.headers for name in names)

    def flag(self, name: str, failing: pl.Expr, expected: pl.Expr | str) -> None:
        # A cell that cannot be read is already a problem; say one thing about it.
        readable = pl.col(expected_name(name)).is_null()
        failed = self.frame.filter(failing.fill_null(value=False) & readable)
        if failed.height == 0:
            return
        instruction = pl.lit(expected) if isinstance(expected, str) else expected
        self.out.frames.append(
            (
                failed.head(MAX_PROBLEMS).select(
                    pl.col(ROW).alias("row"),
                    pl.lit(self.order[name], dtype=pl.Int64).alias("order"),
                    pl.lit(self.headers[name]).alias("column"),
                    pl.col(raw_name(name)).alias("value"),
                    instruction.alias("expected"),
                ),
                failed.height,
            )
        )


def _uk(column: str) -> pl.Expr:
    return pl.col(column).dt.strftime("%d/%m/%Y")


def check(
    frame: pl.DataFrame,
    *,
    headers: dict[str, str],
    order: dict[str, int],
    form_as_at: date | None,
    today: date,
) -> Checked:
    context = Context(frame, headers, order, today, Checked())
    _as_at(context, form_as_at)
    _attendance(context)
    _dates(context)
    _duplicates(context)
    return context.out


def _as_at(context: Context, form_as_at: date | None) -> None:
    out, frame = context.out, context.frame
    if form_as_at is not None and form_as_at > context.today:
        out.problems.append(
            Problem(
                None,
                "as_at_date",
                wording.uk(form_as_at),
                wording.not_after(context.today, "today") + " on the upload form",
            )
        )
        form_as_at = None
    file_as_at: date | None = None
    if context.has("as_at_date"):
        counts = frame.get_column("as_at_date").drop_nulls().value_counts(sort=True)
        if counts.height:
            file_as_at = counts.row(0)[0]
        if counts.height > 1 and file_as_at is not None:
            context.flag(
                "as_at_date",
                pl.col("as_at_date") != file_as_at,
                f"the same date on every row ({wording.uk(file_as_at)}, as on most rows): "
                "one file is one snapshot",
            )
    if file_as_at is not None and form_as_at is not None and file_as_at != form_as_at:
        out.problems.append(
            Problem(
                None,
                context.headers["as_at_date"],
                wording.uk(file_as_at),
                f"the as-at date given on the upload form ({wording.uk(form_as_at)}), or no "
                "date on the form",
            )
        )
    out.as_at_date = file_as_at or form_as_at
    if out.as_at_date is None and not any(p.column == "as_at_date" for p in out.problems):
        out.problems.append(
            Problem(
                None,
                "as_at_date",
                "",
                "the date the export was run: give it on the upload form",
            )
        )


def _attendance(context: Context) -> None:
    possible, present = "sessions_possible", "sessions_present"
    auth, unauth = "sessions_auth_absent", "sessions_unauth_absent"
    if context.has(possible, present):
        context.flag(
            present,
            pl.col(present) > pl.col(possible),
            pl.format("no more than the sessions possible on this row ({})", pl.col(possible)),
        )
        if context.has(auth, unauth):
            accounted = pl.col(present) + pl.col(auth) + pl.col(unauth)
            context.flag(
                possible,
                (pl.col(present) <= pl.col(possible)) & (accounted > pl.col(possible)),
                pl.format(
                    "at least the sessions present and absent on this row ({} + {} + {} = {})",
                    pl.col(present),
                    pl.col(auth),
                    pl.col(unauth),
                    accounted,
                ),
            )
    start, end = "attendance_period_start", "attendance_period_end"
    if context.has(start, end):
        context.flag(
            end,
            pl.col(end) < pl.col(start),
            pl.format("a date on or after the start of the attendance period ({})", _uk(start)),
        )
    pct = "attendance_pct"
    if context.has(pct):
        values = context.frame.get_column(pct).drop_nulls()
        if values.len() and values.max() <= 1 and ((values > 0) & (values < 1)).any():  # type: ignore[operator]
            context.out.problems.append(
                Problem(
                    None,
                    context.headers[pct],
                    "",
                    "attendance as a percentage from 0 to 100, e.g. 95.5: this column holds "
                    "fractions such as 0.955",
                )
            )
        elif context.has(possible, present):
            computed = pl.col(present) / pl.col(possible) * 100
            disagree = context.frame.filter(
                ((computed - pl.col(pct)).abs() > ATTENDANCE_TOLERANCE).fill_null(value=False)
                & (pl.col(possible) > 0)
            )
            if disagree.height:
                rows = disagree.get_column(ROW)
                context.out.notices.append(
                    Notice(
                        column=context.headers[pct],
                        message=f"On {rows.len()} row{'s' if rows.len() != 1 else ''} (first: "
                        f"row {rows[0]}) the attendance % differs from sessions present ÷ "
                        "sessions possible by more than 1 point; Reconnect uses the sessions.",
                    )
                )


def _dates(context: Context) -> None:
    as_at = context.out.as_at_date
    if as_at is None:
        return
    for name in ("entry_date", "first_entry_english_school"):
        if context.has(name):
            context.flag(name, pl.col(name) > as_at, wording.not_after(as_at, "the as-at date"))
    if context.has("date_of_birth"):
        born = pl.col("date_of_birth")
        birthday_to_come = (born.dt.month() > as_at.month) | (
            (born.dt.month() == as_at.month) & (born.dt.day() > as_at.day)
        )
        age = as_at.year - born.dt.year() - birthday_to_come.cast(pl.Int32)
        context.flag(
            "date_of_birth",
            (age < YOUNGEST) | (age > OLDEST),
            f"a date of birth giving an age from {YOUNGEST} to {OLDEST} on the as-at date "
            f"({wording.uk(as_at)})",
        )


def _duplicates(context: Context) -> None:
    if not context.has("pupil_ref"):
        return
    ref = pl.col("pupil_ref")
    rows = pl.col(ROW).cast(pl.String).str.join(", ").over("pupil_ref")
    context.flag(
        "pupil_ref",
        ref.is_not_null() & ref.is_duplicated(),
        pl.format("each pupil on one row only: this reference is on rows {}", rows),
    )
