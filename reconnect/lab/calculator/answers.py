"""What the calculator answers: which scores each design needs, and each result with its
words and caveats."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from reconnect.lab.analysis.ancova import ancova_effect
from reconnect.lab.analysis.effect_sizes import hedges_g
from reconnect.lab.analysis.meta import MetaAnalysis, random_effects
from reconnect.lab.analysis.months import MonthsProgress, months_progress
from reconnect.lab.analysis.power import MinimumDetectableEffect, mdes_two_groups
from reconnect.lab.analysis.single_group import single_group_change
from reconnect.lab.wording import es, heterogeneity_words, interval_words, months_words

Design = Literal["post_only", "ancova", "single_group"]
DESIGNS: dict[str, StrOrPromise] = {
    "post_only": gettext_lazy("Post-test only, with a comparison group"),
    "ancova": gettext_lazy("Pre-test and post-test, with a comparison group (ANCOVA)"),
    "single_group": gettext_lazy("Pre-test and post-test, one group only"),
}
DESIGN_SHORT: dict[str, StrOrPromise] = {
    "post_only": gettext_lazy("post-test only"),
    "ancova": gettext_lazy("pre- and post-test (ANCOVA)"),
    "single_group": gettext_lazy("single group"),
}

NO_MONTHS_SINGLE_GROUP = gettext_lazy(
    "Months of additional progress compare pupils with a comparison group, so none are "
    "given for a single group."
)


def design_problems(
    design: str,
    *,
    intervention_pre: bool,
    comparison_post: bool,
    comparison_pre: bool,
    comparison_given: bool = True,
) -> list[tuple[tuple[str, ...], str]]:
    """The scores ``design`` needs and does not have, as (field path, message) pairs.

    Paths are ``("intervention", "pre")``, ``("comparison", "post")`` and
    ``("comparison", "pre")``, or ``("comparison",)`` when the API was sent no comparison
    group at all; the intervention group's post-test scores are always needed and are
    checked where they are read.
    """
    short = DESIGN_SHORT[design]
    problems: list[tuple[tuple[str, ...], str]] = []
    if design in ("ancova", "single_group") and not intervention_pre:
        problems.append(
            (
                ("intervention", "pre"),
                _("The %(design)s design needs the intervention group’s pre-test scores.")
                % {"design": short},
            )
        )
    if design in ("post_only", "ancova") and not comparison_given:
        problems.append(
            (
                ("comparison",),
                _("The %(design)s design needs a comparison group.") % {"design": short},
            )
        )
        return problems
    if design in ("post_only", "ancova") and not comparison_post:
        problems.append(
            (
                ("comparison", "post"),
                _("The %(design)s design needs the comparison group’s post-test scores.")
                % {"design": short},
            )
        )
    if design == "ancova" and not comparison_pre:
        problems.append(
            (
                ("comparison", "pre"),
                _("The %(design)s design needs the comparison group’s pre-test scores.")
                % {"design": short},
            )
        )
    return problems


@dataclass(frozen=True)
class EffectSizeAnswer:
    design: str
    method: str
    effect_size: float
    standard_error: float
    ci_low: float
    ci_high: float
    difference: float  # in the outcome's own units
    n_intervention: int
    n_comparison: int  # 0 for a single group
    months: MonthsProgress | None  # None for a single group: not additional progress
    is_impact_estimate: bool
    interpretation: str
    caveats: tuple[str, ...]


def effect_size_answer(
    design: str,
    *,
    intervention_post: Sequence[float],
    intervention_pre: Sequence[float] | None = None,
    comparison_post: Sequence[float] | None = None,
    comparison_pre: Sequence[float] | None = None,
) -> EffectSizeAnswer:
    """The effect size of ``design`` with its words; the engine's EvaluationInputError if
    the scores cannot be evaluated. Check ``design_problems`` first."""
    if design == "single_group":
        change = single_group_change(intervention_pre or [], intervention_post)
        words = _(
            "The pupils’ scores changed by %(g)s standard deviations between the pre-test and "
            "the post-test (%(diff)s points on average). This is how much they changed, not "
            "what the intervention did."
        ) % {"g": es(change.standardised_change), "diff": f"{change.mean_change:.2f}"}
        interval = interval_words(
            change.standardised_change_ci_low, change.standardised_change_ci_high
        )
        return EffectSizeAnswer(
            design=design,
            method=change.method,
            effect_size=change.standardised_change,
            standard_error=change.standardised_change_se,
            ci_low=change.standardised_change_ci_low,
            ci_high=change.standardised_change_ci_high,
            difference=change.mean_change,
            n_intervention=change.n,
            n_comparison=0,
            months=None,
            is_impact_estimate=False,
            interpretation=" ".join((words, interval)),
            caveats=(*change.caveats, str(NO_MONTHS_SINGLE_GROUP)),
        )
    if design == "ancova":
        adjusted = ancova_effect(
            intervention_pre or [], intervention_post, comparison_pre or [], comparison_post or []
        )
        estimate, se, low, high = (
            adjusted.estimate,
            adjusted.standard_error,
            adjusted.ci_low,
            adjusted.ci_high,
        )
        method, difference, caveats = (
            adjusted.method,
            adjusted.adjusted_difference,
            adjusted.caveats,
        )
        n1, n2 = adjusted.n_intervention, adjusted.n_comparison
    else:
        g = hedges_g(intervention_post, comparison_post or [])
        estimate, se, low, high = g.estimate, g.standard_error, g.ci_low, g.ci_high
        method, difference, caveats = g.method, g.difference, g.caveats
        n1, n2 = g.n_intervention, g.n_comparison
    months = months_progress(estimate)
    direction = _("higher") if estimate >= 0 else _("lower")
    words = _(
        "The intervention group’s post-test scores were %(size)s standard deviations "
        "%(direction)s than the comparison group’s: %(months)s (%(label)s, on the EEF "
        "Toolkit’s scale)."
    ) % {
        "size": es(abs(estimate)),
        "direction": direction,
        "months": months_words(months),
        "label": months.label,
    }
    return EffectSizeAnswer(
        design=design,
        method=method,
        effect_size=estimate,
        standard_error=se,
        ci_low=low,
        ci_high=high,
        difference=difference,
        n_intervention=n1,
        n_comparison=n2,
        months=months,
        is_impact_estimate=True,
        interpretation=f"{words} {interval_words(low, high)}",
        caveats=(*caveats, *months.caveats),
    )


@dataclass(frozen=True)
class MetaAnswer:
    result: MetaAnalysis
    months: MonthsProgress
    interpretation: str
    caveats: tuple[str, ...]


def meta_answer(
    labels: Sequence[str], effect_sizes: Sequence[float], standard_errors: Sequence[float]
) -> MetaAnswer:
    result = random_effects(effect_sizes, standard_errors, labels)
    months = months_progress(result.estimate)
    words = _(
        "Pooling %(k)s studies gives an effect size of %(size)s: %(months)s. I² is %(i2)s%%, "
        "so %(spread)s."
    ) % {
        "k": result.k,
        "size": es(result.estimate),
        "months": months_words(months),
        "i2": f"{100 * result.i_squared:.0f}",
        "spread": heterogeneity_words(result.i_squared),
    }
    return MetaAnswer(
        result=result,
        months=months,
        interpretation=f"{words} {interval_words(result.ci_low, result.ci_high)}",
        caveats=(*result.caveats, *months.caveats),
    )


@dataclass(frozen=True)
class MdesAnswer:
    result: MinimumDetectableEffect
    r2: float
    months: MonthsProgress
    interpretation: str
    caveats: tuple[str, ...]


def mdes_answer(
    n_intervention: int, n_comparison: int, *, alpha: float, power: float, r2: float
) -> MdesAnswer:
    result = mdes_two_groups(n_intervention, n_comparison, alpha=alpha, power=power, r2=r2)
    months = months_progress(result.mdes)
    words = _(
        "With %(n1)s pupils in the intervention group and %(n2)s in the comparison group, the "
        "pilot has %(power)s%% power to detect an effect size of %(mdes)s or more (%(months)s) "
        "at the %(alpha)s%% significance level. A smaller effect may be real, but a pilot this "
        "size would probably miss it."
    ) % {
        "n1": result.n_intervention,
        "n2": result.n_comparison,
        "power": f"{100 * result.power:g}",
        "mdes": es(result.mdes),
        "months": months_words(months),
        "alpha": f"{100 * result.alpha:g}",
    }
    return MdesAnswer(
        result=result,
        r2=r2,
        months=months,
        interpretation=words,
        caveats=(*result.caveats, *months.caveats),
    )
