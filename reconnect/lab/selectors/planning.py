"""Planning help: could the pilot, with the numbers the school plans, see the effect the
Hub's evidence promises?

The minimum detectable effect size (MDES) comes from ``analysis.power.mdes_two_groups``
(pupils allocated individually, 80% power, 5% two-sided). The Hub gives an intervention's
impact in months; the EEF table turns an effect size into months, and here months back into
the smallest effect size the table counts as that many months (+5 months: 0.36), which is
what a pilot would have to detect to see that much progress.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reconnect.lab.analysis.errors import EvaluationInputError
from reconnect.lab.analysis.months import months_progress, smallest_effect_for_months
from reconnect.lab.analysis.power import mdes_two_groups
from reconnect.lab.models import Design

# A good baseline test typically explains about half of the differences between pupils'
# later scores (EEF trials report R² of 0.4 to 0.7 for prior attainment).
BASELINE_R2 = 0.5


@dataclass(frozen=True)
class PlanningHelp:
    """What the page says about the planned numbers, and the figures behind it."""

    text: str
    baseline_text: str = ""
    mdes: float | None = None
    mdes_months: int | None = None
    expected: float | None = None
    expected_months: int | None = None
    # True when the numbers can detect the Hub's effect, False when not, None if unknown.
    enough: bool | None = None


def _number(value: float) -> str:
    return f"{value:.2f}"


def _signed_months(months: int) -> str:
    return f"+{months}" if months > 0 else f"−{abs(months)}" if months < 0 else "0"


def planning_help(
    *,
    design: str,
    planned_intervention: int | None,
    planned_comparison: int | None,
    impact_months: int | None = None,
    effect_size: float | None = None,
    has_intervention: bool = False,
) -> PlanningHelp:
    """The planning help for a design and its planned numbers, against the Hub's evidence.

    ``impact_months`` and ``effect_size`` are the chosen intervention's (either may be
    missing); ``has_intervention`` says whether one is chosen at all.
    """
    if design == Design.SINGLE_GROUP:
        return PlanningHelp(
            text=_(
                "A one-group pilot measures the same pupils before and after, with nobody to "
                "compare them with, so there is no minimum detectable effect to work out: "
                "pupils would have changed anyway as they grow older and are taught. It can "
                "show whether pupils improved, not that the approach caused it. A comparison "
                "group, even last year’s pupils, would let it say more."
            )
        )
    if not planned_intervention or not planned_comparison:
        return PlanningHelp(
            text=_(
                "Enter how many pupils you plan to have in each group to see the smallest "
                "effect the pilot could detect."
            )
        )
    try:
        plain = mdes_two_groups(planned_intervention, planned_comparison)
        with_baseline = mdes_two_groups(planned_intervention, planned_comparison, r2=BASELINE_R2)
    except EvaluationInputError as error:
        return PlanningHelp(text=str(error))
    mdes = plain.mdes
    mdes_months = months_progress(mdes).months
    detect = _(
        "With %(n1)s and %(n2)s pupils your pilot can only detect an effect of %(mdes)s or "
        "more (about %(months)s)"
    ) % {
        "n1": planned_intervention,
        "n2": planned_comparison,
        "mdes": _number(mdes),
        "months": ngettext("%(n)s month’s progress", "%(n)s months’ progress", mdes_months)
        % {"n": mdes_months},
    }
    baseline_text = _(
        "A baseline test taken before the pilot starts, which typically explains about half "
        "of the differences between pupils, would bring that down to %(mdes)s."
    ) % {"mdes": _number(with_baseline.mdes)}
    if not has_intervention:
        return PlanningHelp(
            text=detect
            + ". "
            + _("Choose the Hub intervention to compare this with the evidence for it."),
            baseline_text=baseline_text,
            mdes=mdes,
            mdes_months=mdes_months,
        )
    if impact_months is None and effect_size is None:
        return PlanningHelp(
            text=detect
            + "; "
            + _(
                "the Hub gives no impact figure for this approach, because the evidence is "
                "too thin to estimate one."
            ),
            baseline_text=baseline_text,
            mdes=mdes,
            mdes_months=mdes_months,
        )
    if effect_size is not None:
        expected = effect_size
        expected_months = (
            impact_months if impact_months is not None else months_progress(expected).months
        )
    else:
        expected_months = impact_months or 0  # not None: checked above
        expected = smallest_effect_for_months(expected_months)
    evidence = _(
        "the Hub’s evidence for this approach is %(months)s months (about %(effect)s)."
    ) % {"months": _signed_months(expected_months), "effect": _number(expected)}
    enough = expected > 0 and round(mdes, 2) <= round(expected, 2)
    advice = (
        _("The numbers are large enough to detect an effect of that size, if it is there.")
        if enough
        else _("Consider a larger group or a baseline test.")
    )
    return PlanningHelp(
        text=f"{detect}; {evidence} {advice}",
        baseline_text=baseline_text,
        mdes=mdes,
        mdes_months=mdes_months,
        expected=expected,
        expected_months=expected_months,
        enough=enough,
    )
