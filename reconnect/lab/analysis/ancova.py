"""Pre and post with a comparison group: the ANCOVA effect size with its 95% interval.

The model is the ordinary least squares fit ``post = b₀ + b₁·group + b₂·pre + error``
(group 1 for intervention pupils, 0 for comparison pupils), solved with numpy's least
squares. ``b₁`` is the difference between the groups at the end after allowing for where
each pupil started: the adjusted difference, in the outcome's own units, with the usual
OLS standard error SE(b₁) and t interval on n − 3 degrees of freedom.

To put it on the effect-size scale it is divided by the pooled SD of the *post-test*
scores (unadjusted, as the EEF's evaluations do, so that it is comparable with a post-test
only g) and multiplied by the same small-sample correction J as Hedges' g, on the same
n₁ + n₂ − 2 degrees of freedom:

- g_adj       = J·b₁ / s_post
- SE(g_adj)   = J·SE(b₁) / s_post
- 95% CI      = J·(b₁ ± t₉₇.₅(n − 3)·SE(b₁)) / s_post

So the effect size's interval is the adjusted difference's own interval rescaled: the two
always agree on whether zero is inside. The SE treats s_post as known; the small extra
uncertainty from estimating it (the d²/2N term of Hedges' variance) is left out, which
makes the interval very slightly narrower than a post-test only g's for the same data
when the pre-test explains nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .common import t95
from .effect_sizes import SMALL_GROUP, pooled_sd, small_sample_correction
from .errors import EvaluationInputError, Values, group_values, same_length

ANCOVA = "ANCOVA-adjusted effect size: OLS post ~ group + pre, ÷ pooled post-test SD"

BASELINE_ADJUSTED = (
    "The comparison allows for pupils' pre-test scores, but only as far as the pre-test "
    "measures them: if the groups differed in other ways, some of the difference may come "
    "from those."
)
FEW_PUPILS = "A group has fewer than 20 pupils, so the interval is wide and only approximate."


@dataclass(frozen=True, slots=True)
class AncovaEffect:
    """The ANCOVA's adjusted difference, raw and as an effect size, with their intervals."""

    method: str
    estimate: float
    standard_error: float
    ci_low: float
    ci_high: float
    n_intervention: int
    n_comparison: int
    adjusted_difference: float
    adjusted_difference_se: float
    adjusted_difference_ci_low: float
    adjusted_difference_ci_high: float
    residual_df: int
    pre_coefficient: float
    r_squared: float
    standardiser: float
    correction: float
    caveats: tuple[str, ...] = ()
    is_impact_estimate: bool = True


def ancova_effect(
    pre_intervention: Values,
    post_intervention: Values,
    pre_comparison: Values,
    post_comparison: Values,
) -> AncovaEffect:
    """The intervention's effect on the post-test after adjusting for the pre-test.

    Each group's pre and post lists hold the same pupils in the same order.
    """
    pre_i = group_values(pre_intervention, "intervention pre-test")
    post_i = group_values(post_intervention, "intervention post-test")
    pre_c = group_values(pre_comparison, "comparison pre-test")
    post_c = group_values(post_comparison, "comparison post-test")
    same_length(pre_i, post_i, "intervention group's")
    same_length(pre_c, post_c, "comparison group's")
    n1, n2 = pre_i.size, pre_c.size
    n = n1 + n2

    s_post = pooled_sd(float(post_i.std(ddof=1)), n1, float(post_c.std(ddof=1)), n2)
    if s_post == 0:
        raise EvaluationInputError(
            "Every pupil in both groups has the same post-test score, so there is no "
            "spread to measure the difference against."
        )
    pre = np.concatenate((pre_i, pre_c))
    if float(pre.max()) == float(pre.min()):
        raise EvaluationInputError(
            "Every pupil has the same pre-test score, so there is nothing to adjust for; "
            "use the post-test only effect size instead."
        )

    # Centre the pre-test so the normal equations stay well conditioned for any scale.
    x = np.column_stack((np.ones(n), np.concatenate((np.ones(n1), np.zeros(n2))), pre - pre.mean()))
    y = np.concatenate((post_i, post_c))
    beta, _, rank, _ = np.linalg.lstsq(x, y, rcond=None)
    if rank < 3:
        raise EvaluationInputError(
            "The pre-test scores cannot be told apart from the groups (for instance, every "
            "pupil in a group has the same pre-test score), so the ANCOVA cannot adjust "
            "for them; use the post-test only effect size instead."
        )
    residuals = y - x @ beta
    df = n - 3
    rss = float(residuals @ residuals)
    sigma2 = rss / df
    covariance = sigma2 * np.linalg.inv(x.T @ x)
    b1 = float(beta[1])
    se_b1 = math.sqrt(max(float(covariance[1, 1]), 0.0))
    half = t95(df) * se_b1
    centred = y - y.mean()
    tss = float(centred @ centred)
    r_squared = 1.0 - rss / tss

    j = small_sample_correction(n - 2)
    scale = j / s_post
    caveats = [BASELINE_ADJUSTED]
    if min(n1, n2) < SMALL_GROUP:
        caveats.append(FEW_PUPILS)
    return AncovaEffect(
        method=ANCOVA,
        estimate=b1 * scale,
        standard_error=se_b1 * scale,
        ci_low=(b1 - half) * scale,
        ci_high=(b1 + half) * scale,
        n_intervention=n1,
        n_comparison=n2,
        adjusted_difference=b1,
        adjusted_difference_se=se_b1,
        adjusted_difference_ci_low=b1 - half,
        adjusted_difference_ci_high=b1 + half,
        residual_df=df,
        pre_coefficient=float(beta[2]),
        r_squared=r_squared,
        standardiser=s_post,
        correction=j,
        caveats=tuple(caveats),
    )
