"""The problems as the school reads them: in file order (row, then column), at most
``MAX_PROBLEMS`` listed, UPNs masked (in the UPN column, and wherever else a cell holds
one, such as a UPN given as the pupil reference)."""

from __future__ import annotations

import polars as pl

from .cells import is_upn
from .result import MAX_PROBLEMS, Problem

# One problem frame per check: the rows that fail it, the column's position in the file
# (for ordering), the header as written, the cell as written and the instruction.
PROBLEM_SCHEMA: dict[str, pl.DataType] = {
    "row": pl.Int64(),
    "order": pl.Int64(),
    "column": pl.String(),
    "value": pl.String(),
    "expected": pl.String(),
}


def mask_upn(value: str) -> str:
    """Enough of a UPN to find it in the MIS, not enough to identify the pupil."""
    if len(value) <= 3:
        return "…" if value else ""
    return f"{value[:3]}…({len(value)} characters)"


def problem_frame(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(pl.col(name).cast(dtype) for name, dtype in PROBLEM_SCHEMA.items())


def compile_problems(
    listed: list[Problem],
    frames: list[tuple[pl.DataFrame, int]],
    *,
    order: dict[str, int],
    masked_columns: frozenset[str],
) -> tuple[list[Problem], int]:
    """All problems sorted by row (whole-file ones first) then column; the first 500 and the
    true count. Each frame comes with its true size and is cut to its first ``MAX_PROBLEMS``
    rows, which is enough to find the first 500 overall."""
    count = len(listed) + sum(total for _, total in frames)
    rows: list[tuple[int, int, Problem]] = [
        (-1 if p.row is None else p.row, order.get(p.column, -1), p) for p in listed
    ]
    if frames:
        merged = pl.concat(frame for frame, _ in frames).sort("row", "order").head(MAX_PROBLEMS)
        for row, position, column, value, expected in merged.iter_rows():
            rows.append((row, position, Problem(row, column, value or "", expected)))
    rows.sort(key=lambda item: (item[0], item[1]))
    problems = []
    for _, _, problem in rows[:MAX_PROBLEMS]:
        if problem.value and (problem.column in masked_columns or is_upn(problem.value)):
            problem = Problem(
                problem.row, problem.column, mask_upn(problem.value), problem.expected
            )
        problems.append(problem)
    return problems, count
