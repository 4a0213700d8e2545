"""Small-number suppression for figures shown beyond the school. Pure numpy.

Primary suppression hides every count under the threshold (5), zero included: a shown 0
says as much about a group as a shown 1 ("none of the looked-after pupils in this school
is ..."), and hiding all small counts alike leaves no pattern to read.

Secondary suppression stops a hidden count being worked out by subtraction: where a
row's total is shown, the row must not have exactly one hidden cell (the total minus the
shown cells would give it), and likewise for columns. While some shown-total row or
column has exactly one hidden cell, the smallest shown cell in it is hidden too (ties:
the first); if it has no shown cell left, its total is hidden instead. Hiding a cell can
create a new single in the crossing column or row, so this repeats until nothing changes.
A total under the threshold is itself hidden.

What is not covered: the totals themselves as a line against a grand total (a table
whose row totals are shown beside a grand total should be run again with the row totals
as a column).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

THRESHOLD = 5

Counts = npt.ArrayLike
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Suppressed:
    """Which cells and totals to hide. A total's mask is all False when not shown."""

    cells: Mask
    row_totals: Mask
    col_totals: Mask


def _as_table(counts: Counts) -> npt.NDArray[np.int64]:
    table = np.asarray(counts)
    if table.ndim == 1:
        table = table.reshape(1, -1)
    if table.ndim != 2:
        raise ValueError("counts must be a table (one or two dimensions)")
    if table.size and (table < 0).any():
        raise ValueError("counts cannot be negative")
    return table.astype(np.int64)


def _protect_line(
    line: npt.NDArray[np.int64], hidden: Mask, total_hidden: bool
) -> tuple[int | None, bool]:
    """For one row or column: the index of a cell to hide now, or whether to hide the total.

    Returns (index, hide_total); (None, False) when the line is already safe.
    """
    if total_hidden or int(hidden.sum()) != 1:
        return None, False
    shown = np.flatnonzero(~hidden)
    if shown.size == 0:
        return None, True
    return int(shown[np.argmin(line[shown])]), False


def suppress_table(
    counts: Counts, *, threshold: int = THRESHOLD, row_totals: bool = True, col_totals: bool = True
) -> Suppressed:
    """Primary and secondary suppression of a table of counts, with its totals' masks.

    ``row_totals``/``col_totals``: whether each row's / each column's total is shown.
    """
    table = _as_table(counts)
    rows, cols = table.shape
    hidden = table < threshold
    row_hidden = table.sum(axis=1) < threshold if row_totals else np.zeros(rows, dtype=bool)
    col_hidden = table.sum(axis=0) < threshold if col_totals else np.zeros(cols, dtype=bool)
    changed = True
    while changed:
        changed = False
        if row_totals:
            for r in range(rows):
                index, hide_total = _protect_line(table[r], hidden[r], bool(row_hidden[r]))
                if index is not None:
                    hidden[r, index] = True
                    changed = True
                elif hide_total:
                    row_hidden[r] = True
                    changed = True
        if col_totals:
            for c in range(cols):
                index, hide_total = _protect_line(table[:, c], hidden[:, c], bool(col_hidden[c]))
                if index is not None:
                    hidden[index, c] = True
                    changed = True
                elif hide_total:
                    col_hidden[c] = True
                    changed = True
    if not row_totals:
        row_hidden = np.zeros(rows, dtype=bool)
    if not col_totals:
        col_hidden = np.zeros(cols, dtype=bool)
    return Suppressed(cells=hidden, row_totals=row_hidden, col_totals=col_hidden)


def suppress(
    counts: Counts, *, threshold: int = THRESHOLD, row_totals: bool = True, col_totals: bool = True
) -> Mask:
    """The cells to hide (True) in a table of counts: primary and secondary suppression.

    A one-dimensional input is one row. See ``suppress_table`` for the totals' masks.
    """
    table = np.asarray(counts)
    result = suppress_table(
        counts, threshold=threshold, row_totals=row_totals, col_totals=col_totals
    ).cells
    return result.reshape(table.shape)


def suppress_rates(
    numerators: Counts,
    denominators: Counts,
    *,
    threshold: int = THRESHOLD,
    numerator_hidden: npt.ArrayLike | None = None,
    denominator_hidden: npt.ArrayLike | None = None,
    complement: bool = False,
) -> Mask:
    """The rates to hide (True): numerator ÷ denominator, element by element.

    A rate is hidden when its numerator or its denominator is under the threshold, or is
    hidden in its own table (``numerator_hidden``, ``denominator_hidden``: the masks from
    ``suppress``), since the rate and the other figure would give it back. With
    ``complement``, also when the pupils without (denominator − numerator) are under the
    threshold: 97% of 40 tells who the other one is.
    """
    top = np.asarray(numerators, dtype=np.int64)
    bottom = np.asarray(denominators, dtype=np.int64)
    if top.shape != bottom.shape:
        raise ValueError("numerators and denominators must have the same shape")
    hidden = (top < threshold) | (bottom < threshold)
    if complement:
        hidden |= (bottom - top) < threshold
    if numerator_hidden is not None:
        hidden |= np.asarray(numerator_hidden, dtype=bool)
    if denominator_hidden is not None:
        hidden |= np.asarray(denominator_hidden, dtype=bool)
    return hidden
