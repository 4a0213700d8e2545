"""What reading a pupil file gives back: the typed frame, or the problems that stop it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

# Larger files are refused before any parsing: no school's pupil file comes near it.
MAX_BYTES = 20 * 1024 * 1024
# The largest all-through school in London has under 4,000 pupils; a file with more rows is
# not one school's pupil file (and would hold a worker for nothing).
MAX_ROWS = 20_000
# Problems listed in a result; ``problem_count`` always has the true total.
MAX_PROBLEMS = 500


@dataclass(frozen=True)
class Problem:
    """One reason the file cannot be imported.

    ``row`` is the spreadsheet row (the header is row 1), or None for the whole file.
    ``column`` is the header as written in the file (the canonical name when the column is
    missing, "" for the whole file). ``value`` is the cell as written (a UPN masked, never a
    refused column's value). ``expected`` says in plain English what to put there instead.
    """

    row: int | None
    column: str
    value: str
    expected: str


@dataclass(frozen=True)
class Notice:
    """Something the importer did that the school should know about; it does not stop it."""

    column: str
    message: str


@dataclass
class ReadResult:
    frame: pl.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    notices: list[Notice] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    rows: int = 0
    as_at_date: date | None = None
