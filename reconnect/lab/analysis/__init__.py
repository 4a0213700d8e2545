"""The Lab's statistics and optimisation: pure functions over numbers, no Django.

``evaluation`` and its siblings turn outcome data into effect sizes with their intervals,
months' progress, a security rating and pooled results; ``trios`` proposes learning trios.
Documented, with formulas and references, in ``docs/evaluation.md``.

The evaluation engine, one job a module:

- ``effect_sizes``: post-test only, Hedges' g from scores or from summary statistics.
- ``ancova``: pre and post with a comparison group, the ANCOVA-adjusted effect size.
- ``attendance``: attendance, difference in differences in percentage points.
- ``single_group``: pre and post for one group, a change that is NOT an impact estimate.
- ``months``: effect size to months' progress by the EEF Toolkit table.
- ``security``: a 0–5 padlock rating with its reasons.
- ``meta``: DerSimonian–Laird pooling and the forest plot's data.
- ``power``: minimum detectable effect sizes, pupils or whole schools allocated.
- ``errors``: ``EvaluationInputError`` and the input checks every module uses.
- ``common``: the 95% multipliers and the ``Estimate`` protocol the pooling accepts.
"""
