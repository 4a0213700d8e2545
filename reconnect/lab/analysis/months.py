"""Effect size to months' additional progress, by the EEF Teaching and Learning Toolkit table.

The EEF converts an effect size to months with a fixed table (EEF, "About the Toolkits"):

| months | effect size  | label                   |
| ------ | ------------ | ----------------------- |
| 0      | −0.01 to 0.01 | very low or no impact  |
| 1      | 0.02 to 0.09 | low                     |
| 2      | 0.10 to 0.18 | low                     |
| 3      | 0.19 to 0.26 | moderate                |
| 4      | 0.27 to 0.35 | moderate                |
| 5      | 0.36 to 0.44 | moderate                |
| 6      | 0.45 to 0.52 | high                    |
| 7      | 0.53 to 0.61 | high                    |
| 8      | 0.62 to 0.69 | high                    |
| 9      | 0.70 to 0.78 | very high               |
| 10     | 0.79 to 0.87 | very high               |
| 11     | 0.88 to 0.95 | very high               |
| 12     | 0.96 to 1.00 | very high               |

The table's bands are written to two decimal places, so the effect size is first rounded
to two places (halves away from zero, on its shortest decimal form, so 0.015 becomes 0.02
and is 1 month) and then looked up exactly: every band includes both its ends. Negative
effect sizes are mirrored (−0.2 is −3 months): less progress than the comparison group,
not pupils going backwards. Above 1.00 the table stops; the result is 12 months, marked
``beyond_table``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .errors import finite

# (highest effect size in the band, months, label), the EEF Toolkit's bands.
BANDS: tuple[tuple[Decimal, int, str], ...] = (
    (Decimal("0.01"), 0, "very low or no impact"),
    (Decimal("0.09"), 1, "low"),
    (Decimal("0.18"), 2, "low"),
    (Decimal("0.26"), 3, "moderate"),
    (Decimal("0.35"), 4, "moderate"),
    (Decimal("0.44"), 5, "moderate"),
    (Decimal("0.52"), 6, "high"),
    (Decimal("0.61"), 7, "high"),
    (Decimal("0.69"), 8, "high"),
    (Decimal("0.78"), 9, "very high"),
    (Decimal("0.87"), 10, "very high"),
    (Decimal("0.95"), 11, "very high"),
    (Decimal("1.00"), 12, "very high"),
)

BEYOND_TABLE = (
    "The effect size is larger than the EEF table goes (1.00), so it is shown as 12 months; "
    "effects this large in a school pilot are rare and worth checking."
)
LESS_PROGRESS = (
    "A negative figure means the pupils made less progress than the comparison group, "
    "not that they went backwards."
)


@dataclass(frozen=True, slots=True)
class MonthsProgress:
    """Months of additional progress (negative: fewer) for one effect size."""

    effect_size: float
    rounded_effect_size: float
    months: int
    label: str
    beyond_table: bool
    caveats: tuple[str, ...] = ()


def months_progress(effect_size: float) -> MonthsProgress:
    """Look ``effect_size`` up in the EEF Toolkit's conversion table."""
    value = finite(effect_size, "effect size")
    sign = -1 if value < 0 else 1
    caveats: list[str] = []
    if abs(value) >= 1e15:
        # Decimal rounding of a huge float would need more digits than its context holds.
        rounded = Decimal(2)
        shown = round(abs(value), 2)
    else:
        rounded = Decimal(repr(abs(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        shown = float(rounded)
    months, label, beyond = 12, "very high", True
    for highest, band_months, band_label in BANDS:
        if rounded <= highest:
            months, label, beyond = band_months, band_label, False
            break
    if beyond:
        caveats.append(BEYOND_TABLE)
    if sign < 0 and months > 0:
        caveats.insert(0, LESS_PROGRESS)
    return MonthsProgress(
        effect_size=value,
        rounded_effect_size=sign * shown if shown else 0.0,
        months=sign * months,
        label=label,
        beyond_table=beyond,
        caveats=tuple(caveats),
    )


def smallest_effect_for_months(months: int) -> float:
    """The smallest effect size the table counts as ``months`` (mirrored below zero): the
    effect a pilot must be able to detect to see that much progress (+5 months: 0.36).
    More than 12 months: 1.01, the smallest effect beyond the table."""
    size = abs(months)
    if size == 0:
        return 0.0
    top_of_band_below = {band_months: highest for highest, band_months, _label in BANDS}
    below = top_of_band_below[min(size, len(BANDS)) - 1]
    value = float(below + Decimal("0.01"))
    return value if months > 0 else -value
