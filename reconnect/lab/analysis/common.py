"""What every estimate in the evaluation engine shares: the 95% level and its multipliers.

The 95% intervals built on a normal approximation use ``Z95`` (the 97.5th percentile of the
standard normal, the "1.96" of the formulas in ``docs/evaluation.md``); those built on a
t distribution use ``t95(df)``.
"""

from __future__ import annotations

from typing import Protocol

from scipy import special

LEVEL = 0.95
Z95 = 1.959963984540054  # scipy.stats.norm.ppf(0.975)


def t95(df: float) -> float:
    """The two-sided 95% multiplier of Student's t with ``df`` degrees of freedom."""
    return float(special.stdtrit(df, 0.5 + LEVEL / 2))


class Estimate(Protocol):
    """Anything with an estimate and a standard error: what the meta-analysis pools."""

    @property
    def estimate(self) -> float: ...

    @property
    def standard_error(self) -> float: ...
