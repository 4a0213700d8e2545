"""How secure a pilot's finding is: 0 to 5 padlocks, modelled on the EEF's ratings.

The EEF rates each of its trials from 0 to 5 padlocks: a starting rating from the design,
the minimum detectable effect size (MDES) and attrition, then lowered for threats such as
groups that differed at the start. Its exact thresholds are in a classification document
we have not been able to check, so the numbers below are ours, set in the same spirit and
written down so that the same pilot always gets the same rating for the same reasons.

The rule:

1. Each of three things sets a ceiling, and the starting rating is the lowest of them.

   - Design: randomised 5; matched comparison group 3; previous year's cohort 2;
     single group (no comparison) 0.
   - MDES: up to 0.2 → 5; up to 0.3 → 4; up to 0.4 → 3; up to 0.5 → 2; up to 0.6 → 1;
     above 0.6 → 0.
   - Attrition (share of the pupils who started with no final result): up to 10% → 5;
     up to 20% → 4; up to 30% → 3; up to 40% → 2; up to 50% → 1; above 50% → 0.

2. Then baseline balance, the absolute standardised difference between the groups' pre-test
   means, takes padlocks away (never below 0): up to 0.05, none; above 0.05 and up to 0.25,
   one; above 0.25, two; not known, one. (What Works Clearinghouse treats 0.05 and 0.25 as
   the points where balance needs adjusting for, and where it can no longer be adjusted
   for.) A single-group pilot has nothing to balance, so this step does not apply.

Each step adds a plain sentence to ``reasons``, so a governor can see why.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import EvaluationInputError, finite

MAX_PADLOCKS = 5


class Design(StrEnum):
    RANDOMISED = "randomised"
    MATCHED_COMPARISON = "matched_comparison"
    PREVIOUS_COHORT = "previous_cohort"
    SINGLE_GROUP = "single_group"


DESIGN_CEILING = {
    Design.RANDOMISED: 5,
    Design.MATCHED_COMPARISON: 3,
    Design.PREVIOUS_COHORT: 2,
    Design.SINGLE_GROUP: 0,
}
DESIGN_REASON = {
    Design.RANDOMISED: (
        "Pupils were randomly allocated to the two groups, so this design can earn all 5 padlocks."
    ),
    Design.MATCHED_COMPARISON: (
        "Pupils were not randomly allocated, so the most this design can earn is 3 padlocks."
    ),
    Design.PREVIOUS_COHORT: (
        "The comparison is with an earlier year's pupils, not pupils taught at the same "
        "time, so the most this design can earn is 2 padlocks."
    ),
    Design.SINGLE_GROUP: (
        "There is no comparison group, so we cannot tell how much the pupils would have "
        "improved anyway: this design earns no padlocks."
    ),
}
# (highest value allowed, padlocks): the first band the value fits in sets the ceiling.
MDES_BANDS = ((0.2, 5), (0.3, 4), (0.4, 3), (0.5, 2), (0.6, 1))
ATTRITION_BANDS = ((0.10, 5), (0.20, 4), (0.30, 3), (0.40, 2), (0.50, 1))
BALANCED = 0.05
ADJUSTABLE = 0.25


@dataclass(frozen=True, slots=True)
class SecurityRating:
    """Padlocks (0–5) with the ceiling each factor set and the reasons in plain English."""

    padlocks: int
    design_ceiling: int
    mdes_ceiling: int
    attrition_ceiling: int
    baseline_penalty: int
    reasons: tuple[str, ...]


def _padlocks(n: int) -> str:
    return f"{n} padlock{'s' if n != 1 else ''}"


def _ceiling(value: float, bands: tuple[tuple[float, int], ...]) -> int:
    for highest, padlocks in bands:
        if value <= highest:
            return padlocks
    return 0


def security_rating(
    *,
    design: Design | str,
    mdes: float,
    attrition: float,
    baseline_difference: float | None,
) -> SecurityRating:
    """Rate a pilot's security by the rule in this module's docstring.

    ``attrition`` is a share from 0 to 1; ``baseline_difference`` is the standardised
    difference between the groups' pre-test means (either sign), or None when unknown.
    """
    try:
        design = Design(design)
    except ValueError as error:
        choices = ", ".join(d.value for d in Design)
        raise EvaluationInputError(
            f"The design must be one of {choices}, not {design!r}."
        ) from error
    mdes = finite(mdes, "minimum detectable effect size")
    if mdes <= 0:
        raise EvaluationInputError(
            f"The minimum detectable effect size must be greater than 0, not {mdes:g}."
        )
    attrition = finite(attrition, "attrition")
    if not 0 <= attrition <= 1:
        raise EvaluationInputError(f"The attrition must be a share from 0 to 1, not {attrition:g}.")

    design_ceiling = DESIGN_CEILING[design]
    mdes_ceiling = _ceiling(mdes, MDES_BANDS)
    attrition_ceiling = _ceiling(attrition, ATTRITION_BANDS)
    reasons = [DESIGN_REASON[design]]
    if mdes_ceiling:
        reasons.append(
            f"The pilot was big enough to reliably detect an effect size of {mdes:.2f} or "
            f"more, which allows up to {_padlocks(mdes_ceiling)}."
        )
    else:
        reasons.append(
            f"The pilot was too small to reliably detect an effect size below {mdes:.2f}, "
            "so it earns no padlocks."
        )
    percent = f"{attrition * 100:.0f}%"
    if attrition_ceiling:
        reasons.append(
            f"{percent} of the pupils who started had no final result, which allows up to "
            f"{_padlocks(attrition_ceiling)}."
        )
    else:
        reasons.append(
            f"{percent} of the pupils who started had no final result, more than half, so "
            "the pilot earns no padlocks."
        )
    rating = min(design_ceiling, mdes_ceiling, attrition_ceiling)

    penalty = 0
    if design is not Design.SINGLE_GROUP:
        if baseline_difference is None:
            penalty = 1
            reasons.append(
                "We do not know whether the groups were alike at the start, so one padlock "
                "is taken off."
            )
        else:
            gap = abs(finite(baseline_difference, "baseline difference"))
            if gap <= BALANCED:
                reasons.append(
                    f"The groups were alike at the start (a difference of {gap:.2f} "
                    "standard deviations), so no padlock is taken off."
                )
            elif gap <= ADJUSTABLE:
                penalty = 1
                reasons.append(
                    f"The groups differed at the start by {gap:.2f} standard deviations, "
                    "so one padlock is taken off."
                )
            else:
                penalty = 2
                reasons.append(
                    f"The groups were very different at the start ({gap:.2f} standard "
                    "deviations), so two padlocks are taken off."
                )
    padlocks = max(0, rating - penalty)
    reasons.append(f"Overall: {_padlocks(padlocks)} out of {MAX_PADLOCKS}.")
    return SecurityRating(
        padlocks=padlocks,
        design_ceiling=design_ceiling,
        mdes_ceiling=mdes_ceiling,
        attrition_ceiling=attrition_ceiling,
        baseline_penalty=penalty,
        reasons=tuple(reasons),
    )
