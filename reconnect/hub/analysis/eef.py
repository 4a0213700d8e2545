"""The EEF Teaching and Learning Toolkit's scales, as published.

Impact in months comes from an effect size through the Toolkit's fixed conversion table;
cost is a 1–5 rating with a £-per-pupil band; evidence strength is 0–5 padlocks. The
figures are the EEF's (see ``shared/domain/evidence-and-anchors.md`` sections 1.2–1.4):
keeping them in one pure module means the explorer, the intervention page and the API can
never describe the same rating two ways.
"""

from dataclasses import dataclass

# Upper bound of the effect size for each number of months (EEF Toolkit conversion table).
# 0 months covers -0.01..0.01; 12 months is the ceiling for anything above 0.96.
_MONTHS_UPPER_BOUNDS: tuple[tuple[float, int], ...] = (
    (0.01, 0),
    (0.09, 1),
    (0.18, 2),
    (0.26, 3),
    (0.35, 4),
    (0.44, 5),
    (0.52, 6),
    (0.61, 7),
    (0.69, 8),
    (0.78, 9),
    (0.87, 10),
    (0.95, 11),
)


def months_for_effect_size(effect_size: float) -> int:
    """Months of additional progress for an effect size, by the Toolkit's table.

    Negative effects map to the same number of months with a minus sign. Effect sizes are
    rounded to two decimals first, as the table's bands are given to two decimals.
    """
    magnitude = round(abs(effect_size), 2)
    months = 12
    for upper, band_months in _MONTHS_UPPER_BOUNDS:
        if magnitude <= upper:
            months = band_months
            break
    return -months if effect_size < 0 else months


def impact_label(months: int | None) -> str:
    """The Toolkit's word for an impact in months ("moderate", "high"...)."""
    if months is None:
        return "not estimated"
    magnitude = abs(months)
    if magnitude == 0:
        label = "very low or no"
    elif magnitude <= 2:
        label = "low"
    elif magnitude <= 5:
        label = "moderate"
    elif magnitude <= 8:
        label = "high"
    else:
        label = "very high"
    return f"negative ({label})" if months < 0 else label


@dataclass(frozen=True)
class CostBand:
    rating: int
    label: str
    per_pupil: str
    per_class: str


COST_BANDS: dict[int, CostBand] = {
    1: CostBand(1, "Very low", "under £80 per pupil a year", "up to £2,000 per class of 25"),
    2: CostBand(2, "Low", "£80 to £200 per pupil a year", "£2,001 to £5,000 per class of 25"),
    3: CostBand(
        3, "Moderate", "£200 to £720 per pupil a year", "£5,001 to £18,000 per class of 25"
    ),
    4: CostBand(4, "High", "£720 to £1,200 per pupil a year", "£18,001 to £30,000 per class of 25"),
    5: CostBand(5, "Very high", "over £1,200 per pupil a year", "over £30,000 per class of 25"),
}

EVIDENCE_LABELS: dict[int, str] = {
    0: "Insufficient evidence",
    1: "Very limited evidence",
    2: "Limited evidence",
    3: "Moderate evidence",
    4: "Extensive evidence",
    5: "Very extensive evidence",
}


def headline(months: int | None, cost_rating: int, evidence_rating: int) -> str:
    """The Toolkit-style one-line summary: "High impact for very low cost, based on ..."."""
    cost = COST_BANDS[cost_rating].label.lower()
    evidence = EVIDENCE_LABELS[evidence_rating].lower()
    if months is None:
        return f"Impact not estimated, for {cost} cost, based on {evidence}"
    sign = "+" if months > 0 else ""
    impact = impact_label(months)
    return (
        f"{impact.capitalize()} impact ({sign}{months} months) for {cost} cost, based on {evidence}"
    )
