"""A pilot's evaluation report: the page, its PDF and its CSV.

All three fetch the pilot through ``selectors.pilots.pilot_for``: anyone who may read the
pilot (``rules.can_read_pilot``: the school's members, and its trio partners) sees the
report; anyone else gets a 404, as if the pilot did not exist. Downloads are audited.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from reconnect.core.audit import audit_record
from reconnect.lab import audit_actions, wording
from reconnect.lab.charts import interval_chart
from reconnect.lab.exports import (
    effect_label,
    evaluation_csv_lines,
    evaluation_pdf_bytes,
    group_cells,
)
from reconnect.lab.models import Pilot
from reconnect.lab.selectors import pilots as selectors
from reconnect.lab.selectors.evaluation import PilotEvaluation, pilot_evaluation
from reconnect.lab.templatetags import lab_nav

PILOT = "lab/<int:urn>/pilots/<int:pilot_id>/"


def _filename(pilot: Pilot, extension: str) -> str:
    """ASCII only, from numbers: no school or pilot name can break the header."""
    return f"pilot-evaluation-{pilot.school.urn}-{pilot.pk}.{extension}"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _chart(evaluation: PilotEvaluation | None) -> object | None:
    if evaluation is None or not evaluation.ready or evaluation.estimate is None:
        return None
    low, high = evaluation.ci_low or 0.0, evaluation.ci_high or 0.0
    label = effect_label(evaluation)
    return interval_chart(
        evaluation.measure.name,
        evaluation.estimate,
        low,
        high,
        chart_id="evaluation-chart",
        title=label,
        description=f"{label} {wording.es(evaluation.estimate)}, 95% "
        f"{wording.es(low)} – {wording.es(high)}",
    )


def _shown(evaluation: PilotEvaluation | None) -> dict[str, str]:
    """The figures as the page writes them."""
    if evaluation is None or not evaluation.ready or evaluation.estimate is None:
        return {}
    low, high = evaluation.ci_low or 0.0, evaluation.ci_high or 0.0
    return {
        "effect_label": effect_label(evaluation),
        "estimate": wording.es(evaluation.estimate),
        "low": wording.es(low),
        "high": wording.es(high),
        "standard_error": f"{evaluation.standard_error or 0.0:.3f}",
        "months": wording.months_shown(evaluation.months) if evaluation.months else "",
        "interval_words": wording.interval_words(low, high),
    }


@login_required
@require_http_methods(["GET"])
def evaluation_report(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    lab_nav.remember(request)
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    evaluation = pilot_evaluation(pilot)
    return render(
        request,
        "lab/evaluation/report.html",
        {
            "school": pilot.school,
            "pilot": pilot,
            "evaluation": evaluation,
            "chart": _chart(evaluation),
            "shown": _shown(evaluation),
            "groups": [(group, group_cells(group)) for group in evaluation.groups]
            if evaluation
            else [],
        },
    )


def _download(request: HttpRequest, urn: int, pilot_id: int, kind: str) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    evaluation = pilot_evaluation(pilot)
    if evaluation is None:  # no measure yet: nothing to download (the page says so)
        raise Http404
    audit_record(
        audit_actions.EVALUATION_DOWNLOADED,
        request=request,
        target=pilot,
        school_urn=pilot.school.urn,
        detail={"format": kind, "measure": evaluation.measure.pk},
    )
    if kind == "csv":
        body = "".join(evaluation_csv_lines(evaluation)).encode("utf-8")
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(evaluation_pdf_bytes(evaluation), content_type="application/pdf")
    return _attachment(response, _filename(pilot, kind))


@login_required
@require_http_methods(["GET"])
def evaluation_pdf(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    return _download(request, urn, pilot_id, "pdf")


@login_required
@require_http_methods(["GET"])
def evaluation_csv(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    return _download(request, urn, pilot_id, "csv")


URLS: list[URLPattern] = [
    path(f"{PILOT}evaluation/", evaluation_report, name="evaluation-report"),
    path(f"{PILOT}evaluation.pdf", evaluation_pdf, name="evaluation-pdf"),
    path(f"{PILOT}evaluation.csv", evaluation_csv, name="evaluation-csv"),
]
