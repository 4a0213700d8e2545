"""Pooled pilot results on other apps' pages, without touching their views.

``{% network_result page %}`` on a Hub intervention page: the network's completed pilots of
the approach, pooled and anonymous, beside the EEF figure. ``{% trio_result trio %}`` in a
trio's workspace: its own pilots, pooled, with the schools' names. Both draw the forest plot
with the calculator's chart and table (``lab/calculator/chart.html``).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reconnect.hub.models import InterventionPage
from reconnect.lab import charts, wording
from reconnect.lab.analysis.meta import forest_plot
from reconnect.lab.analysis.months import MonthsProgress
from reconnect.lab.models import Trio
from reconnect.lab.selectors.pooling import PooledResult, network_result, trio_result

register = template.Library()


def _chart(result: PooledResult, chart_id: str) -> charts.IntervalChart:
    meta = result.meta
    if not result.pooled:
        study = result.studies[0]
        return charts.interval_chart(
            study.label,
            study.estimate,
            study.ci_low,
            study.ci_high,
            chart_id=chart_id,
            title=_("The pilot’s effect size and its 95% confidence interval"),
            description=_(
                "A dot at %(size)s with a line from %(low)s to %(high)s, on a scale centred "
                "on zero (no difference)."
            )
            % {
                "size": wording.es(study.estimate),
                "low": wording.es(study.ci_low),
                "high": wording.es(study.ci_high),
            },
        )
    return charts.forest_chart(
        forest_plot(meta),
        chart_id=chart_id,
        title=_("Forest plot of the pilots and their pooled effect size"),
        description=_(
            "Each pilot's effect size as a square, larger for more weight, on a line for its "
            "95%% confidence interval; the pooled effect size, %(size)s, as a diamond from "
            "%(low)s to %(high)s."
        )
        % {
            "size": wording.es(meta.estimate),
            "low": wording.es(meta.ci_low),
            "high": wording.es(meta.ci_high),
        },
        pooled_label=_("Pooled (random effects)"),
    )


def _against_eef(months: MonthsProgress, eef_months: int | None) -> str:
    if eef_months is None:
        return ""
    eef = wording.months_shown(MonthsProgress(0.0, 0.0, eef_months, "", False))
    ours = wording.months_shown(months)
    if months.months == eef_months:
        return _("That is the same as the EEF Toolkit’s figure of %(eef)s.") % {"eef": eef}
    return _("The EEF Toolkit’s figure is %(eef)s; the network’s is %(ours)s.") % {
        "eef": eef,
        "ours": ours,
    }


def _context(
    result: PooledResult | None, *, chart_id: str, eef_months: int | None
) -> dict[str, Any]:
    if result is None:
        return {"result": None}
    meta = result.meta
    rows = [
        {
            "label": study.label,
            "estimate": wording.es(study.estimate),
            "low": wording.es(study.ci_low),
            "high": wording.es(study.ci_high),
            "weight": f"{100 * weight:.1f}%",
            "months": wording.months_shown(MonthsProgress(0.0, 0.0, study.months, "", False)),
            "padlocks": study.padlocks,
        }
        for study, weight in zip(result.studies, meta.weights, strict=True)
    ]
    caveats: list[str] = []
    if result.pooled:
        summary = _(
            "Pooling %(k)s pilots gives an effect size of %(size)s: %(months)s. I² is "
            "%(i2)s%%, so %(spread)s."
        ) % {
            "k": meta.k,
            "size": wording.es(meta.estimate),
            "months": wording.months_words(result.months),
            "i2": f"{100 * meta.i_squared:.0f}",
            "spread": wording.heterogeneity_words(meta.i_squared),
        }
    else:
        summary = _(
            "One pilot has finished with a result: an effect size of %(size)s, %(months)s."
        ) % {"size": wording.es(meta.estimate), "months": wording.months_words(result.months)}
        caveats.append(
            _(
                "This is one pilot’s result, not a pooled one: one school’s pupils in one "
                "year. Treat it as a first sign, not as the network’s answer."
            )
        )
    caveats.extend(meta.caveats)
    caveats.extend(result.months.caveats)
    if result.left_out:
        caveats.append(
            ngettext(
                "%(n)s other finished pilot is not included: it had no comparison group, or "
                "not enough data for an impact estimate.",
                "%(n)s other finished pilots are not included: they had no comparison group, "
                "or not enough data for an impact estimate.",
                result.left_out,
            )
            % {"n": result.left_out}
        )
    caveats.append(
        _(
            "School pilots are small and the schools chose to run them, so their results are "
            "less secure than the trials behind the EEF figure."
        )
    )
    shown = {
        "effect_size": wording.es(meta.estimate),
        "low": wording.es(meta.ci_low),
        "high": wording.es(meta.ci_high),
        "months": wording.months_shown(result.months),
        "i2": f"{100 * meta.i_squared:.0f}%",
        "tau2": f"{meta.tau_squared:.4f}",
    }
    return {
        "result": result,
        "chart": _chart(result, chart_id),
        "rows": rows,
        "shown": shown,
        "summary": summary,
        "interval": wording.interval_words(meta.ci_low, meta.ci_high),
        "against_eef": _against_eef(result.months, eef_months),
        "caveats": caveats,
    }


@register.inclusion_tag("lab/pooling/network.html")
def network_pooled_result(page: InterventionPage) -> dict[str, Any]:
    context = _context(
        network_result(page), chart_id="network-forest-plot", eef_months=page.impact_months
    )
    context["eef_months"] = page.impact_months
    return context


@register.inclusion_tag("lab/pooling/trio.html")
def trio_pooled_result(trio: Trio) -> dict[str, Any]:
    return _context(trio_result(trio), chart_id="trio-forest-plot", eef_months=None)
