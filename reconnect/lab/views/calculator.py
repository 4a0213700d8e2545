"""The Lab's public evaluation calculator: an index and one page per tool.

Open to everyone and storing nothing. Each tool's page is a form that POSTs to itself and
re-renders with the answer, so it works without JavaScript; htmx swaps in the
``calculator`` fragment alone. The pages and the JSON API share their caps, their rate limit
(60 calculations a minute per address, counted together) and their words
(``reconnect.lab.calculator``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reconnect.core.htmx import is_htmx
from reconnect.lab import charts, wording
from reconnect.lab.analysis.errors import EvaluationInputError
from reconnect.lab.analysis.meta import forest_plot
from reconnect.lab.calculator import answers, limits
from reconnect.lab.forms.calculator import EffectSizeForm, MdesForm, MetaAnalysisForm


@require_http_methods(["GET"])
def calculator_index(request: HttpRequest) -> HttpResponse:
    return render(request, "lab/calculator/index.html")


def _tool_page(
    request: HttpRequest,
    template: str,
    form_class: type[forms.Form],
    answer: Any,
) -> HttpResponse:
    """The shared shape of a tool page: refuse (rate, size), validate, answer, render."""
    context: dict[str, Any] = {"refusal": ""}
    status = 200
    retry_after: int | None = None
    form: forms.Form
    if request.method != "POST":
        form = form_class()
    elif limits.body_too_large(request):
        # Counted too, but the body is never read: the form starts again empty.
        retry_after = limits.rate_limit_wait(request)
        form = form_class()
        context["refusal"] = limits.body_too_large_message()
        status = 413
    elif (retry_after := limits.rate_limit_wait(request)) is not None:
        # What they entered comes back as it was, unchecked, for when they may try again.
        form = form_class(initial=request.POST.dict())
        context["refusal"] = limits.rate_limited_message(retry_after)
        status = 429
    else:
        form = form_class(request.POST)
        if form.is_valid():
            try:
                context.update(answer(form.cleaned_data))
            except EvaluationInputError as error:
                form.add_error(None, str(error))
    if retry_after is not None:
        # Over the limit with a body over the cap as well: the limit is what to report.
        context["refusal"] = limits.rate_limited_message(retry_after)
        status = 429
    context["form"] = form
    if is_htmx(request):
        template += "#calculator"
    response = render(request, template, context, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def _effect_size(data: dict[str, Any]) -> dict[str, Any]:
    answer = answers.effect_size_answer(
        data["design"],
        intervention_post=data["intervention_post"],
        intervention_pre=data.get("intervention_pre"),
        comparison_post=data.get("comparison_post"),
        comparison_pre=data.get("comparison_pre"),
    )
    label = _("Change") if answer.design == "single_group" else _("Effect size")
    chart = charts.interval_chart(
        label,
        answer.effect_size,
        answer.ci_low,
        answer.ci_high,
        chart_id="effect-size-chart",
        title=_("The effect size and its 95% confidence interval"),
        description=_(
            "A dot at %(size)s with a line from %(low)s to %(high)s, on a scale centred on "
            "zero (no difference)."
        )
        % {
            "size": wording.es(answer.effect_size),
            "low": wording.es(answer.ci_low),
            "high": wording.es(answer.ci_high),
        },
    )
    shown = {
        "effect_size": wording.es(answer.effect_size),
        "low": wording.es(answer.ci_low),
        "high": wording.es(answer.ci_high),
        "standard_error": f"{answer.standard_error:.3f}",
        "difference": f"{answer.difference:.2f}".replace("-", "−"),
        "months": wording.months_shown(answer.months) if answer.months else "",
    }
    return {"answer": answer, "chart": chart, "shown": shown}


@require_http_methods(["GET", "POST"])
def calculator_effect_size(request: HttpRequest) -> HttpResponse:
    return _tool_page(request, "lab/calculator/effect_size.html", EffectSizeForm, _effect_size)


def _meta_analysis(data: dict[str, Any]) -> dict[str, Any]:
    labels, sizes, errors = zip(*data["studies"], strict=True)
    answer = answers.meta_answer(labels, sizes, errors)
    plot = forest_plot(answer.result)
    chart = charts.forest_chart(
        plot,
        chart_id="forest-plot",
        title=_("Forest plot of the studies and their pooled effect size"),
        description=_(
            "Each study's effect size as a square, larger for more weight, on a line for its "
            "95%% confidence interval; the pooled effect size, %(size)s, as a diamond from "
            "%(low)s to %(high)s."
        )
        % {
            "size": wording.es(answer.result.estimate),
            "low": wording.es(answer.result.ci_low),
            "high": wording.es(answer.result.ci_high),
        },
        pooled_label=_("Pooled (random effects)"),
    )
    rows = [
        {
            "label": row.label,
            "estimate": wording.es(row.estimate),
            "low": wording.es(row.ci_low),
            "high": wording.es(row.ci_high),
            "weight": f"{100 * row.weight:.1f}%",
        }
        for row in plot.rows
    ]
    result = answer.result
    shown = {
        "effect_size": wording.es(result.estimate),
        "low": wording.es(result.ci_low),
        "high": wording.es(result.ci_high),
        "months": wording.months_shown(answer.months),
        "i2": f"{100 * result.i_squared:.0f}%",
        "tau2": f"{result.tau_squared:.4f}",
        "q": f"{result.q:.2f} ({result.q_df}, p = {result.q_p_value:.3f})",
    }
    return {"answer": answer, "chart": chart, "rows": rows, "shown": shown}


@require_http_methods(["GET", "POST"])
def calculator_meta_analysis(request: HttpRequest) -> HttpResponse:
    return _tool_page(
        request, "lab/calculator/meta_analysis.html", MetaAnalysisForm, _meta_analysis
    )


def _mdes(data: dict[str, Any]) -> dict[str, Any]:
    answer = answers.mdes_answer(
        data["n_intervention"],
        data["n_comparison"],
        alpha=data["alpha"],
        power=data["power"],
        r2=data["r2"],
    )
    result = answer.result
    shown = {
        "mdes": wording.es(result.mdes),
        "months": wording.months_shown(answer.months),
        "alpha": f"{result.alpha:g}",
        "power": f"{result.power:g}",
        "r2": f"{answer.r2:g}",
        "multiplier": f"{result.multiplier:.3f}",
    }
    return {"answer": answer, "shown": shown}


@require_http_methods(["GET", "POST"])
def calculator_mdes(request: HttpRequest) -> HttpResponse:
    return _tool_page(request, "lab/calculator/mdes.html", MdesForm, _mdes)


URLS: list[URLPattern] = [
    path("lab/calculator/", calculator_index, name="calculator"),
    path("lab/calculator/effect-size/", calculator_effect_size, name="calculator-effect-size"),
    path(
        "lab/calculator/meta-analysis/",
        calculator_meta_analysis,
        name="calculator-meta-analysis",
    ),
    path(
        "lab/calculator/minimum-detectable-effect/",
        calculator_mdes,
        name="calculator-mdes",
    ),
]
