"""Single group, pre and post: how much the pupils changed. NOT an estimate of impact.

Without a comparison group there is no way to know how much the pupils would have changed
anyway (they grow older, are taught, get used to the test), so this module reports the
change and says plainly that it is not the intervention's effect
(``is_impact_estimate=False`` and a caveat).

- Mean change with its paired t interval on n − 1 degrees of freedom
  (as ``scipy.stats.ttest_rel``).
- Standardised change for matched groups (Borenstein et al. 2009, ch. 4, eqs. 4.25–4.28):
  d = mean change / S_within with S_within = √((s_pre² + s_post²) / 2),
  V_d = (1/n + d²/(2n))·2(1 − r) with r the pre–post correlation,
  J = 1 − 3/(4(n − 1) − 1), g = J·d, V_g = J²·V_d, 95% CI g ± 1.96·√V_g.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .common import Z95, t95
from .effect_sizes import small_sample_correction
from .errors import EvaluationInputError, Values, group_values, same_length

SINGLE_GROUP = "Single group pre/post change (paired t; Borenstein et al. 2009 eq. 4.28)"

NOT_IMPACT = (
    "This shows how much the pupils changed, not what the intervention did: without a "
    "comparison group we cannot tell how much they would have changed anyway."
)


@dataclass(frozen=True, slots=True)
class SingleGroupChange:
    """The group's change from pre to post, raw and standardised, with 95% intervals."""

    method: str
    mean_change: float
    mean_change_se: float
    mean_change_ci_low: float
    mean_change_ci_high: float
    n: int
    standardised_change: float
    standardised_change_se: float
    standardised_change_ci_low: float
    standardised_change_ci_high: float
    pre_post_correlation: float
    standardiser: float
    correction: float
    caveats: tuple[str, ...] = (NOT_IMPACT,)
    is_impact_estimate: bool = False


def single_group_change(pre: Values, post: Values) -> SingleGroupChange:
    """The change from ``pre`` to ``post`` (the same pupils in the same order)."""
    before = group_values(pre, "pre-test")
    after = group_values(post, "post-test")
    same_length(before, after, "group's")
    n = before.size
    s_pre = float(before.std(ddof=1))
    s_post = float(after.std(ddof=1))
    if s_pre == 0 or s_post == 0:
        which = "pre-test" if s_pre == 0 else "post-test"
        raise EvaluationInputError(
            f"Every pupil has the same {which} score, so the change cannot be put on a "
            "standard scale."
        )
    change = after - before
    mean_change = float(change.mean())
    se_change = float(change.std(ddof=1)) / math.sqrt(n)
    half = t95(n - 1) * se_change

    r = float(np.corrcoef(before, after)[0, 1])
    r = min(1.0, max(-1.0, r))
    s_within = math.sqrt((s_pre * s_pre + s_post * s_post) / 2)
    d = mean_change / s_within
    j = small_sample_correction(n - 1)
    g = j * d
    se_g = j * math.sqrt((1 / n + d * d / (2 * n)) * 2 * (1 - r))
    return SingleGroupChange(
        method=SINGLE_GROUP,
        mean_change=mean_change,
        mean_change_se=se_change,
        mean_change_ci_low=mean_change - half,
        mean_change_ci_high=mean_change + half,
        n=n,
        standardised_change=g,
        standardised_change_se=se_g,
        standardised_change_ci_low=g - Z95 * se_g,
        standardised_change_ci_high=g + Z95 * se_g,
        pre_post_correlation=r,
        standardiser=s_within,
        correction=j,
    )
