"""The Lab's statistics and optimisation: pure functions over numbers, no Django.

``evaluation`` and its siblings turn outcome data into effect sizes with their intervals,
months' progress, a security rating and pooled results; ``trios`` proposes learning trios.
Documented, with formulas and references, in ``docs/evaluation.md``.
"""
