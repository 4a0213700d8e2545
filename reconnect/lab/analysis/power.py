"""Power: the minimum detectable effect size (MDES) of a two-group or a two-school design.

The MDES is the smallest true effect the pilot has an 80% chance (``power``) of finding
significant at the 5% level (``alpha``, two-sided). Following Bloom (1995, 2006) and
Dong and Maynard's PowerUp! (2013):

- Pupils allocated individually (PowerUp! IRA):
  MDES = M·√((1 − R²) / (P(1 − P)·N)), N = n₁ + n₂, P = n₁/N.
- Schools allocated whole, with pupils nested in them (PowerUp! CRA2_2):
  MDES = M·√(ρ(1 − R₂²)/(P(1 − P)J) + (1 − ρ)(1 − R₁²)/(P(1 − P)J·n)),
  J schools, P = J₁/J, n pupils per school, ρ the intraclass correlation, R₁² and R₂² the
  variance the baseline explains within and between schools.

The multiplier M is t₁₋α/₂ + t_power on the design's degrees of freedom, as PowerUp! does:
N − g − 2 for pupils, J − g − 2 for schools, where g is 1 when a baseline covariate is used
(R² > 0) and 0 otherwise. ``multiplier="normal"`` uses z₁₋α/₂ + z_power instead (2.80 at the
defaults, Bloom's large-sample figure), which is what the "MDES ≈ 2.8·√(4/N)" rule of thumb
uses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from scipy import special

from .errors import EvaluationInputError, count, half_open_unit, open_unit

Multiplier = Literal["t", "normal"]

TWO_GROUPS = "MDES, individual allocation (Bloom 2006; PowerUp! IRA)"
CLUSTERED = "MDES, school-level allocation, two levels (Dong & Maynard 2013; PowerUp! CRA2_2)"

ONE_SCHOOL = (
    "With one school in a group, any difference between the schools themselves is mixed up "
    "with the intervention's effect."
)


@dataclass(frozen=True, slots=True)
class MinimumDetectableEffect:
    """The MDES with the multiplier and degrees of freedom behind it."""

    method: str
    mdes: float
    multiplier: float
    df: float  # math.inf for the normal multiplier
    alpha: float
    power: float
    n_intervention: int
    n_comparison: int
    caveats: tuple[str, ...] = ()


def _multiplier(alpha: float, power: float, df: float, kind: Multiplier) -> float:
    if kind == "normal":
        return float(special.ndtri(1 - alpha / 2) + special.ndtri(power))
    if kind == "t":
        return float(special.stdtrit(df, 1 - alpha / 2) + special.stdtrit(df, power))
    raise EvaluationInputError(f"The multiplier must be 't' or 'normal', not {kind!r}.")


def mdes_two_groups(
    n_intervention: int,
    n_comparison: int,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    r2: float = 0.0,
    multiplier: Multiplier = "t",
) -> MinimumDetectableEffect:
    """The MDES when pupils are allocated to the groups individually."""
    n1 = count(n_intervention, "number of intervention pupils", minimum=1)
    n2 = count(n_comparison, "number of comparison pupils", minimum=1)
    alpha = open_unit(alpha, "significance level (alpha)")
    power = open_unit(power, "power")
    r2 = half_open_unit(r2, "share of variance explained by the baseline (R²)")
    n = n1 + n2
    p = n1 / n
    df: float = math.inf
    if multiplier == "t":
        df = n - 2 - (1 if r2 > 0 else 0)
        if df < 1:
            raise EvaluationInputError(
                f"With {n} pupils in all there are no degrees of freedom left for the test; "
                "at least 3 are needed (4 with a baseline covariate)."
            )
    m = _multiplier(alpha, power, df, multiplier)
    return MinimumDetectableEffect(
        method=TWO_GROUPS,
        mdes=m * math.sqrt((1 - r2) / (p * (1 - p) * n)),
        multiplier=m,
        df=df,
        alpha=alpha,
        power=power,
        n_intervention=n1,
        n_comparison=n2,
    )


def mdes_clustered(
    schools_intervention: int,
    schools_comparison: int,
    pupils_per_school: float,
    icc: float,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    r2_pupil: float = 0.0,
    r2_school: float = 0.0,
    multiplier: Multiplier = "t",
) -> MinimumDetectableEffect:
    """The MDES when whole schools are allocated (the comparison is another school).

    ``pupils_per_school`` is the average (strictly, the harmonic mean) per school; the
    result's ``n_intervention`` and ``n_comparison`` count schools.
    """
    j1 = count(schools_intervention, "number of intervention schools", minimum=1)
    j2 = count(schools_comparison, "number of comparison schools", minimum=1)
    per_school = float(pupils_per_school)
    if not (math.isfinite(per_school) and per_school >= 1):
        raise EvaluationInputError(
            f"The number of pupils per school must be at least 1, not {pupils_per_school}."
        )
    icc = half_open_unit(icc, "intraclass correlation (ICC)")
    alpha = open_unit(alpha, "significance level (alpha)")
    power = open_unit(power, "power")
    r2_pupil = half_open_unit(r2_pupil, "share of pupil-level variance explained (R²)")
    r2_school = half_open_unit(r2_school, "share of school-level variance explained (R²)")
    j = j1 + j2
    p = j1 / j
    df: float = math.inf
    if multiplier == "t":
        df = j - 2 - (1 if r2_school > 0 else 0)
        if df < 1:
            raise EvaluationInputError(
                f"With {j} schools in all there are no degrees of freedom left for the "
                "test; at least 3 schools are needed (4 with a baseline covariate)."
            )
    m = _multiplier(alpha, power, df, multiplier)
    variance = icc * (1 - r2_school) / (p * (1 - p) * j) + (1 - icc) * (1 - r2_pupil) / (
        p * (1 - p) * j * per_school
    )
    return MinimumDetectableEffect(
        method=CLUSTERED,
        mdes=m * math.sqrt(variance),
        multiplier=m,
        df=df,
        alpha=alpha,
        power=power,
        n_intervention=j1,
        n_comparison=j2,
        caveats=(ONE_SCHOOL,) if min(j1, j2) == 1 else (),
    )
