"""Months' progress at every boundary of the EEF Toolkit's conversion table."""

from __future__ import annotations

import pytest

from reconnect.lab.analysis.months import BEYOND_TABLE, LESS_PROGRESS, months_progress

# Each band's lowest and highest effect size as the EEF table prints them.
TABLE = [
    (0, -0.01, 0.01, "very low or no impact"),
    (1, 0.02, 0.09, "low"),
    (2, 0.10, 0.18, "low"),
    (3, 0.19, 0.26, "moderate"),
    (4, 0.27, 0.35, "moderate"),
    (5, 0.36, 0.44, "moderate"),
    (6, 0.45, 0.52, "high"),
    (7, 0.53, 0.61, "high"),
    (8, 0.62, 0.69, "high"),
    (9, 0.70, 0.78, "very high"),
    (10, 0.79, 0.87, "very high"),
    (11, 0.88, 0.95, "very high"),
    (12, 0.96, 1.00, "very high"),
]
EDGES = [(low, months, label) for months, low, _, label in TABLE] + [
    (high, months, label) for months, _, high, label in TABLE
]


@pytest.mark.parametrize(("effect_size", "months", "label"), EDGES)
def test_months_at_each_band_edge(effect_size: float, months: int, label: str) -> None:
    result = months_progress(effect_size)

    assert result.months == months
    assert result.label == label
    assert result.beyond_table is False


@pytest.mark.parametrize(("effect_size", "months", "label"), EDGES)
def test_negative_effects_mirror_the_table(effect_size: float, months: int, label: str) -> None:
    result = months_progress(-effect_size)

    assert result.months == -months
    assert result.label == label
    assert result.caveats == ((LESS_PROGRESS,) if months else ())


@pytest.mark.parametrize(
    ("effect_size", "months"),
    [
        # Between two printed bands the effect size is rounded to two places first, halves
        # away from zero: 0.0149 → 0.01, 0.015 → 0.02.
        (0.0149, 0),
        (0.015, 1),
        (0.0949, 1),
        (0.095, 2),
        (0.185, 3),
        (0.2649, 3),
        (0.265, 4),
        (0.445, 6),
        (0.525, 7),
        (0.955, 12),
        (-0.015, -1),
        (-0.2, -3),
        (0.0, 0),
        (-0.004, 0),
    ],
)
def test_months_between_bands_rounds_to_two_places(effect_size: float, months: int) -> None:
    assert months_progress(effect_size).months == months


def test_months_for_the_examples_in_the_domain_notes() -> None:
    assert months_progress(0.45).months == 6
    assert months_progress(0.52).months == 6
    assert months_progress(-0.2).months == -3
    assert months_progress(-0.2).rounded_effect_size == -0.2


@pytest.mark.parametrize(
    ("effect_size", "rounded"),
    [(1.005, 1.01), (1.2, 1.2), (3.0, 3.0), (2.005, 2.01), (1e300, 1e300)],
)
def test_months_beyond_the_table_are_capped_at_twelve(effect_size: float, rounded: float) -> None:
    result = months_progress(effect_size)

    assert result.months == 12
    assert result.beyond_table is True
    assert result.caveats == (BEYOND_TABLE,)
    assert result.rounded_effect_size == rounded


def test_negative_months_beyond_the_table() -> None:
    result = months_progress(-1.5)

    assert result.months == -12
    assert result.caveats == (LESS_PROGRESS, BEYOND_TABLE)
