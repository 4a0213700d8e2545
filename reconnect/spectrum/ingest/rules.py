"""Checks across cells and rows, on the typed frame: attendance counts that cannot be,
dates out of order, ages no pupil has, a UPN given as the pupil reference, the same pupil
twice, and the file's one as-at date.

Each check gives the rows that fail it as a problem frame (see ``report.PROBLEM_SCHEMA``),
cut to the first ``MAX_PROBLEMS`` with the true count beside it.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

import numpy as np
import polars as pl

from . import wording
from .cells import any_upn, expected_name, looks_like_upn, raw_name
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


@dataclass(frozen=True)
class Flag:
    name: str
    failing: pl.Expr
    expected: pl.Expr | str
    # A quick test on the column arrays that is true whenever ``failing`` holds on some
    # row (it may be true when it does not: the rows are then filtered and none found).
    might: Callable[[Arrays], bool] | None = None


class Arrays:
    """The typed frame's columns as numpy arrays, converted when first asked for (a null
    becomes NaN or NaT, which compares false, as a null fails no check)."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame
        self._arrays: dict[str, np.ndarray] = {}

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self._arrays:
            self._arrays[name] = self.frame.get_column(name).to_numpy()
        return self._arrays[name]


@dataclass
class Plan:
    """The checks for one set of columns and one as-at date: built once, run on each
    file with those columns (building polars expressions costs more than running them on
    a school's file)."""

    flags: list[Flag] = field(default_factory=list)
    # Whole-column figures the checks need, computed with the flags in one pass.
    figures: list[pl.Expr] = field(default_factory=list)
    percentages: bool = False
    # Like ``Flag.might``: whether the figures may lead to a problem or a notice.
    figures_might: Callable[[Arrays], bool] | None = None
    _aggregates: dict[frozenset[str], list[pl.Expr]] = field(default_factory=dict)

    def aggregates(self, readable: frozenset[str]) -> list[pl.Expr]:
        """One pass over the frame: whether each flag fails anywhere, and the figures.
        ``readable``: the columns with an instruction column (see ``_failing``)."""
        if readable not in self._aggregates:
            self._aggregates[readable] = [
                *[
                    _failing(flag, readable).any().alias(f"__flag{i}")
                    for i, flag in enumerate(self.flags)
                ],
                *self.figures,
            ]
        return self._aggregates[readable]


def _failing(flag: Flag, readable: frozenset[str]) -> pl.Expr:
    # A cell that cannot be read is already a problem; say one thing about it. (A column
    # without instructions had no unreadable cell.)
    failing = flag.failing.fill_null(value=False)
    if flag.name in readable:
        failing = failing & pl.col(expected_name(flag.name)).is_null()
    return failing


@dataclass
class Context:
    frame: pl.DataFrame
    headers: dict[str, str]  # canonical -> header as written
    order: dict[str, int]  # canonical -> position in the file
    today: date
    out: Checked
    plan: Plan = field(default_factory=Plan)

    def has(self, *names: str) -> bool:
        return all(name in self.headers for name in names)

    def flag(
        self,
        name: str,
        failing: pl.Expr,
        expected: pl.Expr | str,
        might: Callable[[Arrays], bool] | None = None,
    ) -> None:
        """Report the rows where ``failing`` holds (once every check has been set out:
        one pass over the frame tells which checks fail, and only those are filtered)."""
        self.plan.flags.append(Flag(name, failing, expected, might))

    def run(self, plan: Plan) -> None:
        if not plan.flags and not plan.figures:
            return
        columns = set(self.frame.columns)
        readable = frozenset(name for name in self.headers if expected_name(name) in columns)
        if not readable:
            # Every cell was read: the quick tests on the arrays say which checks to run.
            arrays = Arrays(self.frame)
            for flag in plan.flags:
                if flag.might is None or flag.might(arrays):
                    self._report(flag, readable)
            if plan.percentages and (plan.figures_might is None or plan.figures_might(arrays)):
                _percentages(self, self.frame.select(plan.figures).row(0, named=True))
            return
        found = self.frame.select(plan.aggregates(readable)).row(0, named=True)
        for i, flag in enumerate(plan.flags):
            if found[f"__flag{i}"]:
                self._report(flag, readable)
        if plan.percentages:
            _percentages(self, found)

    def _report(self, flag: Flag, readable: frozenset[str]) -> None:
        failed = self.frame.filter(_failing(flag, readable))
        if failed.height == 0:
            return
        instruction = pl.lit(flag.expected) if isinstance(flag.expected, str) else flag.expected
        self.out.frames.append(
            (
                failed.head(MAX_PROBLEMS).select(
                    pl.col(ROW).alias("row"),
                    pl.lit(self.order[flag.name], dtype=pl.Int64).alias("order"),
                    pl.lit(self.headers[flag.name]).alias("column"),
                    pl.col(raw_name(flag.name)).alias("value"),
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
    plan = _plan(tuple(headers), context.out.as_at_date)
    if context.plan.flags:  # the as-at dates differ: this file's own check comes first
        plan = Plan(
            flags=context.plan.flags + plan.flags,
            figures=plan.figures,
            percentages=plan.percentages,
        )
    context.run(plan)
    return context.out


@functools.lru_cache(maxsize=1024)
def _plan(names: tuple[str, ...], as_at: date | None) -> Plan:
    context = Context(pl.DataFrame(), dict.fromkeys(names, ""), {}, date.min, Checked())
    context.out.as_at_date = as_at
    _attendance(context)
    _dates(context)
    _upn_as_reference(context)
    _duplicates(context)
    return context.plan


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
        dates = frame.get_column("as_at_date")
        earliest, latest = dates.min(), dates.max()
        if earliest == latest:  # one date on every row that has one, or none at all
            file_as_at = cast("date | None", earliest)
        else:
            file_as_at = dates.drop_nulls().value_counts(sort=True).row(0)[0]
            context.flag(
                "as_at_date",
                pl.col("as_at_date") != file_as_at,
                f"the same date on every row ({wording.uk(file_as_at)}, as on most rows): "
                "one file is one snapshot",
            )
    if file_as_at is not None and form_as_at is not None and file_as_at != form_as_at:
        # The upload form offers today's date; an export that carries its own date knows
        # better when it was run.
        out.notices.append(
            Notice(
                context.headers["as_at_date"],
                f"The file's own as-at date, {wording.uk(file_as_at)}, was used, not the "
                f"date on the upload form ({wording.uk(form_as_at)}).",
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
            lambda a: bool(np.any(a[present] > a[possible])),
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
                lambda a: bool(
                    np.any(
                        (a[present] <= a[possible])
                        & (a[present] + a[auth] + a[unauth] > a[possible])
                    )
                ),
            )
    start, end = "attendance_period_start", "attendance_period_end"
    if context.has(start, end):
        context.flag(
            end,
            pl.col(end) < pl.col(start),
            pl.format("a date on or after the start of the attendance period ({})", _uk(start)),
            lambda a: bool(np.any(a[end] < a[start])),
        )
    pct = "attendance_pct"
    if context.has(pct):
        given = pl.col(pct)
        context.plan.percentages = True
        context.plan.figures += [
            given.max().alias("__pct_max"),
            ((given > 0) & (given < 1)).any().alias("__pct_fraction"),
        ]
        if context.has(possible, present):
            computed = pl.col(present) / pl.col(possible) * 100
            disagree = ((computed - given).abs() > ATTENDANCE_TOLERANCE).fill_null(value=False) & (
                pl.col(possible) > 0
            )
            context.plan.figures += [
                disagree.sum().alias("__pct_disagree"),
                pl.col(ROW).filter(disagree).first().alias("__pct_first"),
            ]
        context.plan.figures_might = functools.partial(
            _percentages_might, with_sessions=context.has(possible, present)
        )


def _percentages_might(a: Arrays, *, with_sessions: bool) -> bool:
    """Whether ``_percentages`` may have something to say: a fraction, or a row whose
    percentage and sessions disagree."""
    given = a["attendance_pct"]
    if np.any((given > 0) & (given < 1)):
        return True
    if not with_sessions:
        return False
    present, possible = a["sessions_present"], a["sessions_possible"]
    with np.errstate(divide="ignore", invalid="ignore"):
        computed = present / possible * 100
        # A hair under the tolerance: numpy's last bit may differ from polars'.
        differ = np.abs(computed - given) > ATTENDANCE_TOLERANCE - 1e-9
        return bool(np.any(differ & (possible > 0)))


def _percentages(context: Context, found: dict[str, Any]) -> None:
    pct = "attendance_pct"
    highest = found["__pct_max"]
    if highest is not None and highest <= 1 and found["__pct_fraction"]:
        context.out.problems.append(
            Problem(
                None,
                context.headers[pct],
                "",
                "attendance as a percentage from 0 to 100, e.g. 95.5: this column holds "
                "fractions such as 0.955",
            )
        )
    elif found.get("__pct_disagree"):
        count = found["__pct_disagree"]
        context.out.notices.append(
            Notice(
                column=context.headers[pct],
                message=f"On {count} row{'s' if count != 1 else ''} (first: "
                f"row {found['__pct_first']}) the attendance % differs from sessions present ÷ "
                "sessions possible by more than 1 point; Reconnect uses the sessions.",
            )
        )


def _dates(context: Context) -> None:
    as_at = context.out.as_at_date
    if as_at is None:
        return
    day = np.datetime64(as_at, "D")
    for name in ("entry_date", "first_entry_english_school"):
        if context.has(name):
            context.flag(
                name,
                pl.col(name) > as_at,
                wording.not_after(as_at, "the as-at date"),
                functools.partial(_after, name=name, day=day),
            )
    if context.has("date_of_birth"):
        born = pl.col("date_of_birth")
        birthday_to_come = (born.dt.month() > as_at.month) | (
            (born.dt.month() == as_at.month) & (born.dt.day() > as_at.day)
        )
        age = as_at.year - born.dt.year() - birthday_to_come.cast(pl.Int32)
        # Born after the day someone turning YOUNGEST was born is younger; born on or
        # before the day someone turning OLDEST + 1 was born is older. A day either side
        # is kept for the quick test, which must never miss.
        one_day = np.timedelta64(1, "D")
        youngest = np.datetime64(_birthday(as_at, YOUNGEST), "D") - one_day
        oldest = np.datetime64(_birthday(as_at, OLDEST + 1), "D") + one_day
        context.flag(
            "date_of_birth",
            (age < YOUNGEST) | (age > OLDEST),
            f"a date of birth giving an age from {YOUNGEST} to {OLDEST} on the as-at date "
            f"({wording.uk(as_at)})",
            lambda a: bool(
                np.any((a["date_of_birth"] > youngest) | (a["date_of_birth"] <= oldest))
            ),
        )


def _after(a: Arrays, *, name: str, day: np.datetime64) -> bool:
    return bool(np.any(a[name] > day))


def _birthday(as_at: date, age: int) -> date:
    """The latest date of birth of someone ``age`` years old on ``as_at``."""
    year = as_at.year - age
    last = calendar.monthrange(year, as_at.month)[1]
    return date(year, as_at.month, min(as_at.day, last))


def _upn_as_reference(context: Context) -> None:
    """The pupil reference is kept as written, so a school that maps its UPN column to it
    would store the UPN in clear: the one identifier Reconnect only ever keeps hashed."""
    if not context.has("pupil_ref"):
        return
    context.flag(
        "pupil_ref",
        looks_like_upn(pl.col("pupil_ref")),
        wording.REF_IS_UPN,
        lambda a: any_upn(a.frame.get_column("pupil_ref")),
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
        _repeated,
    )


def _repeated(a: Arrays) -> bool:
    """Whether some value is there twice (a blank counts as a value here)."""
    refs = a.frame.get_column("pupil_ref")
    return bool(refs.n_unique() < refs.len())
