"""Post-test only with a comparison group: Hedges' g with its 95% interval.

From pupils' scores (``hedges_g``) or from the summary statistics a school may only have
(``hedges_g_from_summary``), following Borenstein, Hedges, Higgins and Rothstein (2009),
*Introduction to Meta-Analysis*, chapter 4:

- pooled SD  s = √(((n₁ − 1)s₁² + (n₂ − 1)s₂²) / (n₁ + n₂ − 2))
- Cohen's d  d = (m₁ − m₂) / s
- correction J = 1 − 3 / (4(n₁ + n₂) − 9)  (that is 1 − 3 / (4·df − 1), df = n₁ + n₂ − 2)
- Hedges' g  g = J·d
- variance   V_g = J²·((n₁ + n₂)/(n₁n₂) + d² / (2(n₁ + n₂)))
- 95% CI     g ± 1.96·√V_g

Group 1 is always the intervention group, so a positive g favours the intervention.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .common import Z95
from .errors import EvaluationInputError, Values, count, group_values, score

POST_ONLY = "Hedges' g, post-test only (Borenstein et al. 2009, ch. 4)"
SMALL_GROUP = 20

NO_BASELINE = (
    "Only the scores at the end were compared, so part of the difference may have been "
    "there before the intervention began."
)
FEW_PUPILS = "A group has fewer than 20 pupils, so the interval is wide and only approximate."


@dataclass(frozen=True, slots=True)
class EffectSize:
    """A standardised difference between an intervention and a comparison group.

    ``estimate`` is the effect size reported (Hedges' g: ``correction`` × ``uncorrected``);
    ``difference`` is the raw difference in the outcome's own units and ``standardiser``
    the pooled SD it was divided by.
    """

    method: str
    estimate: float
    standard_error: float
    ci_low: float
    ci_high: float
    n_intervention: int
    n_comparison: int
    difference: float
    standardiser: float
    uncorrected: float
    correction: float
    caveats: tuple[str, ...] = ()
    is_impact_estimate: bool = True


def small_sample_correction(df: float) -> float:
    """Hedges' J = 1 − 3 / (4·df − 1) for ``df`` degrees of freedom (Borenstein eq. 4.22).

    At 1 degree of freedom J is 0 and would wipe out any effect, so at least 2 are needed:
    3 pupils for a single group, 4 in all for two groups.
    """
    if not math.isfinite(df) or df < 2:
        raise EvaluationInputError(
            "There are too few pupils for the small-sample correction: it needs at least "
            f"2 degrees of freedom (3 pupils in a single group), not {df:g}."
        )
    return 1.0 - 3.0 / (4.0 * df - 1.0)


def pooled_sd(sd_1: float, n_1: int, sd_2: float, n_2: int) -> float:
    """The two groups' SDs pooled, each weighted by its degrees of freedom."""
    return math.sqrt(((n_1 - 1) * sd_1 * sd_1 + (n_2 - 1) * sd_2 * sd_2) / (n_1 + n_2 - 2))


def _sd(value: float, name: str) -> float:
    number = score(value, name)
    if number < 0:
        raise EvaluationInputError(f"The {name} cannot be negative, not {value}.")
    return number


def hedges_g_from_summary(
    *,
    mean_intervention: float,
    sd_intervention: float,
    n_intervention: int,
    mean_comparison: float,
    sd_comparison: float,
    n_comparison: int,
) -> EffectSize:
    """Hedges' g from each group's mean, SD (n − 1 divisor) and number of pupils."""
    m1 = score(mean_intervention, "intervention mean")
    m2 = score(mean_comparison, "comparison mean")
    s1 = _sd(sd_intervention, "intervention standard deviation")
    s2 = _sd(sd_comparison, "comparison standard deviation")
    n1 = count(n_intervention, "number of intervention pupils", minimum=2)
    n2 = count(n_comparison, "number of comparison pupils", minimum=2)
    s = pooled_sd(s1, n1, s2, n2)
    if s == 0:
        raise EvaluationInputError(
            "Every pupil in both groups has the same score, so there is no spread to "
            "measure the difference against."
        )
    difference = m1 - m2
    d = difference / s
    j = small_sample_correction(n1 + n2 - 2)
    g = j * d
    n = n1 + n2
    se = math.sqrt(j * j * (n / (n1 * n2) + d * d / (2 * n)))
    caveats = [NO_BASELINE]
    if min(n1, n2) < SMALL_GROUP:
        caveats.append(FEW_PUPILS)
    return EffectSize(
        method=POST_ONLY,
        estimate=g,
        standard_error=se,
        ci_low=g - Z95 * se,
        ci_high=g + Z95 * se,
        n_intervention=n1,
        n_comparison=n2,
        difference=difference,
        standardiser=s,
        uncorrected=d,
        correction=j,
        caveats=tuple(caveats),
    )


def hedges_g(intervention: Values, comparison: Values) -> EffectSize:
    """Hedges' g from every pupil's post-test score in each group."""
    x = group_values(intervention, "intervention")
    y = group_values(comparison, "comparison")
    return hedges_g_from_summary(
        mean_intervention=float(x.mean()),
        sd_intervention=float(x.std(ddof=1)),
        n_intervention=x.size,
        mean_comparison=float(y.mean()),
        sd_comparison=float(y.std(ddof=1)),
        n_comparison=y.size,
    )
