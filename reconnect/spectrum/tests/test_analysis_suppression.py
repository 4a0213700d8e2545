"""Small-number suppression: hand-worked tables and a property no table may break."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from reconnect.spectrum.analysis.suppression import suppress, suppress_rates, suppress_table


def test_primary_hides_every_count_under_five_including_zero() -> None:
    hidden = suppress([[0, 4, 5, 12]], row_totals=False, col_totals=False)

    assert hidden.tolist() == [[True, True, False, False]]


def test_a_single_hidden_cell_in_a_row_hides_the_next_smallest() -> None:
    # Row total 3 + 9 + 20 + 6 = 38 is shown; 3 alone would be 38 − 9 − 20 − 6.
    hidden = suppress([3, 9, 20, 6], col_totals=False)

    assert hidden.tolist() == [True, False, False, True]


def test_secondary_suppression_cascades_to_a_fixed_point() -> None:
    counts = np.array(
        [
            [2, 10, 12],
            [11, 13, 30],
            [14, 15, 40],
        ]
    )
    # Primary: (0,0). Row 0 has one hidden → hide (0,1) = 10, the smallest shown.
    # Column 0 has one hidden → hide (1,0) = 11. Column 1 now has (0,1) only → hide (1,1).
    # Row 1 now has (1,0) and (1,1): safe. Every line has 0 or 2 hidden.
    hidden = suppress(counts)

    assert hidden.astype(int).tolist() == [
        [1, 1, 0],
        [1, 1, 0],
        [0, 0, 0],
    ]


def test_ties_take_the_first_cell() -> None:
    assert suppress([1, 7, 7], col_totals=False).tolist() == [True, True, False]


def test_without_totals_only_primary_applies() -> None:
    counts = [[1, 20], [30, 40]]

    assert suppress(counts, row_totals=False, col_totals=False).tolist() == [
        [True, False],
        [False, False],
    ]
    assert suppress(counts, row_totals=True, col_totals=False).tolist() == [
        [True, True],
        [False, False],
    ]
    assert suppress(counts, row_totals=False, col_totals=True).tolist() == [
        [True, False],
        [True, False],
    ]


def test_a_line_with_no_other_cell_to_hide_loses_its_total() -> None:
    # One column: each row total is the cell itself.
    result = suppress_table([[3], [12], [8]])

    # The column total 23 would give 3 away: the next smallest, 8, is hidden too. Row 0's
    # total is under 5; row 2's total would give 8 away and has no other cell: hidden.
    assert result.cells.ravel().tolist() == [True, False, True]
    assert result.row_totals.tolist() == [True, False, True]
    assert result.col_totals.tolist() == [False]


def test_small_totals_are_hidden_and_totals_not_shown_are_never_marked() -> None:
    result = suppress_table([[1, 2], [10, 20]], row_totals=True, col_totals=False)

    assert result.row_totals.tolist() == [True, False]
    assert result.col_totals.tolist() == [False, False]
    assert result.cells.tolist() == [[True, True], [False, False]]


def test_empty_tables() -> None:
    assert suppress(np.zeros((0, 3), dtype=int)).shape == (0, 3)
    assert suppress([]).shape == (0,)


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress([[1, -1]])


def test_rates_with_hidden_or_small_parts_are_hidden() -> None:
    numerators = [3, 10, 20, 38, 10]
    denominators = [40, 4, 60, 40, 50]

    plain = suppress_rates(numerators, denominators)
    with_complement = suppress_rates(numerators, denominators, complement=True)
    with_masks = suppress_rates(
        numerators,
        denominators,
        numerator_hidden=[False, False, False, False, True],
        denominator_hidden=[False, False, True, False, False],
    )

    assert plain.tolist() == [True, True, False, False, False]
    assert with_complement.tolist() == [True, True, False, True, False]
    assert with_masks.tolist() == [True, True, True, False, True]


@settings(max_examples=300, deadline=None)
@given(
    counts=arrays(
        np.int64,
        st.tuples(st.integers(1, 6), st.integers(1, 6)),
        elements=st.integers(0, 30),
    ),
    row_totals=st.booleans(),
    col_totals=st.booleans(),
)
def test_no_hidden_cell_can_be_recovered_from_a_shown_total(
    counts: np.ndarray, row_totals: bool, col_totals: bool
) -> None:
    result = suppress_table(counts, row_totals=row_totals, col_totals=col_totals)
    hidden = result.cells

    assert (hidden | (counts >= 5)).all()  # every small count hidden
    if row_totals:
        for r in range(counts.shape[0]):
            if not result.row_totals[r]:
                assert hidden[r].sum() != 1
            if counts[r].sum() < 5:
                assert result.row_totals[r]
    if col_totals:
        for c in range(counts.shape[1]):
            if not result.col_totals[c]:
                assert hidden[:, c].sum() != 1
            if counts[:, c].sum() < 5:
                assert result.col_totals[c]
    assert (suppress(counts, row_totals=row_totals, col_totals=col_totals) == hidden).all()
