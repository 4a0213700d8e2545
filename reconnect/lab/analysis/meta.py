"""Pooling pilots: the DerSimonian–Laird random-effects meta-analysis and its forest plot.

For k studies with effect sizes yᵢ and standard errors seᵢ (vᵢ = seᵢ²), following
DerSimonian and Laird (1986) as set out in Borenstein et al. (2009), chapter 12:

- fixed-effect weights wᵢ = 1/vᵢ and mean ȳ = Σwᵢyᵢ / Σwᵢ
- Q = Σwᵢ(yᵢ − ȳ)² on k − 1 degrees of freedom
- C = Σwᵢ − Σwᵢ² / Σwᵢ and τ² = max(0, (Q − (k − 1)) / C)
- random-effects weights wᵢ* = 1/(vᵢ + τ²); pooled = Σwᵢ*yᵢ / Σwᵢ*; SE = 1/√Σwᵢ*
- 95% CI pooled ± 1.96·SE; I² = max(0, (Q − (k − 1)) / Q)

With one study there is no heterogeneity to estimate: τ², Q and I² are 0 and the pooled
result is the study's own. ``forest_plot`` turns a result into the rows of a forest plot
(each study's estimate, 95% interval and share of the weight) and the pooled diamond.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from .common import Z95, Estimate
from .errors import MAX_VALUES, Array, EvaluationInputError, Values

MIN_SE = 1e-6
MAX_EFFECT = 1e6

RANDOM_EFFECTS = "Random-effects meta-analysis (DerSimonian–Laird)"

ONE_STUDY = "There is only one study, so how much results vary between pilots is unknown."
FEW_STUDIES = (
    "With fewer than five studies, the estimate of how much results vary between pilots "
    "is rough, so the interval may be too narrow."
)


@dataclass(frozen=True, slots=True)
class MetaAnalysis:
    """The pooled effect with its heterogeneity, and what each study contributed."""

    method: str
    estimate: float
    standard_error: float
    ci_low: float
    ci_high: float
    k: int
    tau_squared: float
    q: float
    q_df: int
    q_p_value: float
    i_squared: float
    weights: tuple[float, ...]  # each study's share of the random-effects weight, sum 1
    estimates: tuple[float, ...]
    standard_errors: tuple[float, ...]
    labels: tuple[str, ...]
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ForestRow:
    label: str
    estimate: float
    ci_low: float
    ci_high: float
    weight: float


@dataclass(frozen=True, slots=True)
class ForestPlot:
    rows: tuple[ForestRow, ...]
    pooled: ForestRow  # the diamond: centre at the estimate, ends at the interval


def _studies(values: Values, name: str) -> Array:
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise EvaluationInputError(f"The study {name} must all be numbers.") from error
    if array.ndim != 1:
        raise EvaluationInputError(f"The study {name} must be a flat list of numbers.")
    if array.size == 0:
        raise EvaluationInputError("There are no studies to pool.")
    if array.size > MAX_VALUES:
        raise EvaluationInputError(
            f"There are {array.size:,} studies; the most this takes is {MAX_VALUES:,}."
        )
    if not np.isfinite(array).all():
        first = int(np.argmin(np.isfinite(array))) + 1
        raise EvaluationInputError(
            f"Study {first}'s {name[:-1]} is missing or infinite (NaN or inf)."
        )
    return array


def random_effects(
    estimates: Values,
    standard_errors: Values,
    labels: Sequence[str] | None = None,
) -> MetaAnalysis:
    """Pool effect sizes by DerSimonian–Laird; ``labels`` name the studies in the plot."""
    y = _studies(estimates, "estimates")
    se = _studies(standard_errors, "standard errors")
    k = y.size
    if se.size != k:
        raise EvaluationInputError(
            f"There are {k} estimates but {se.size} standard errors; each study needs one of each."
        )
    if (se <= 0).any():
        first = int(np.argmax(se <= 0)) + 1
        raise EvaluationInputError(f"Study {first}'s standard error must be greater than 0.")
    # Weights are 1/SE²: bounding both keeps every weight and sum of weights finite.
    extreme = (se < MIN_SE) | (se > MAX_EFFECT) | (np.abs(y) > MAX_EFFECT)
    if extreme.any():
        first = int(np.argmax(extreme)) + 1
        raise EvaluationInputError(
            f"Study {first}'s estimate or standard error is outside what an effect size can "
            "be (estimates up to ±1,000,000, standard errors from 0.000001 to 1,000,000)."
        )
    if labels is None:
        names = tuple(f"Study {i}" for i in range(1, k + 1))
    else:
        names = tuple(labels)
        if len(names) != k:
            raise EvaluationInputError(
                f"There are {k} estimates but {len(names)} labels; each study needs one."
            )

    v = se * se
    w = 1.0 / v
    sum_w = float(w.sum())
    fixed = float(w @ y) / sum_w
    q = float(w @ (y - fixed) ** 2)
    df = k - 1
    caveats: list[str] = []
    if k == 1:
        tau2 = q = i2 = 0.0
        p_value = 1.0
        caveats.append(ONE_STUDY)
    else:
        c = sum_w - float(w @ w) / sum_w
        tau2 = max(0.0, (q - df) / c)
        i2 = max(0.0, (q - df) / q) if q > 0 else 0.0
        p_value = float(stats.chi2.sf(q, df))
        if k < 5:
            caveats.append(FEW_STUDIES)
    w_star = 1.0 / (v + tau2)
    sum_star = float(w_star.sum())
    pooled = float(w_star @ y) / sum_star
    pooled_se = 1.0 / math.sqrt(sum_star)
    return MetaAnalysis(
        method=RANDOM_EFFECTS,
        estimate=pooled,
        standard_error=pooled_se,
        ci_low=pooled - Z95 * pooled_se,
        ci_high=pooled + Z95 * pooled_se,
        k=k,
        tau_squared=tau2,
        q=q,
        q_df=df,
        q_p_value=p_value,
        i_squared=i2,
        weights=tuple(float(x) for x in w_star / sum_star),
        estimates=tuple(float(x) for x in y),
        standard_errors=tuple(float(x) for x in se),
        labels=names,
        caveats=tuple(caveats),
    )


def pool(results: Sequence[Estimate], labels: Sequence[str] | None = None) -> MetaAnalysis:
    """Pool evaluation results (effect sizes, ANCOVA effects, other pooled results)."""
    return random_effects(
        [r.estimate for r in results], [r.standard_error for r in results], labels
    )


def forest_plot(result: MetaAnalysis) -> ForestPlot:
    """The rows of a forest plot: each study, then the pooled diamond (weight 1)."""
    rows = tuple(
        ForestRow(label, y, y - Z95 * se, y + Z95 * se, weight)
        for label, y, se, weight in zip(
            result.labels, result.estimates, result.standard_errors, result.weights, strict=True
        )
    )
    pooled = ForestRow("Pooled", result.estimate, result.ci_low, result.ci_high, 1.0)
    return ForestPlot(rows=rows, pooled=pooled)
