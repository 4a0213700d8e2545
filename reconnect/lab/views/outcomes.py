"""The Lab's outcomes pages: upload a measure's pupil-level outcome file, see what became of
an upload, download the file's template, and type in summary figures instead.

Every view fetches the pilot and the measure scoped to the user first (404 for anyone
outside the school, and for another school's pilot or another pilot's measure), then checks
the permission to change (403 for staff), then the form, the service, the page. The report
of an upload and the template are for every member of the school; uploading and typing in
figures are for its leads and data leads (``reconnect.lab.rules.can_edit_pilots``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reconnect.lab import rules
from reconnect.lab.forms.outcomes import OutcomeUploadForm, SummaryForm
from reconnect.lab.ingest import MAX_BYTES
from reconnect.lab.models import (
    Design,
    OutcomeImport,
    OutcomeImportStatus,
    OutcomeMeasure,
    OutcomeRecord,
    Pilot,
    SummaryStatistic,
)
from reconnect.lab.selectors import pilots as selectors
from reconnect.lab.services import outcomes as services

MAX_ID = 2**31 - 1


def _measure_for(request: HttpRequest, urn: int, pilot_id: int, measure_id: int) -> OutcomeMeasure:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    measure: OutcomeMeasure = selectors.child_for(pilot, "measures", measure_id)
    measure.pilot = pilot
    return measure


def _editor(request: HttpRequest, pilot: Pilot) -> None:
    if not rules.can_edit_pilots(request.user, pilot.school_id):
        raise PermissionDenied


def _section_url(pilot: Pilot, measure: OutcomeMeasure) -> str:
    url = reverse("lab:pilot-detail", kwargs={"urn": pilot.school.urn, "pilot_id": pilot.pk})
    return f"{url}#outcomes-{measure.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def outcome_upload(request: HttpRequest, urn: int, pilot_id: int, measure_id: int) -> HttpResponse:
    measure = _measure_for(request, urn, pilot_id, measure_id)
    pilot = measure.pilot
    _editor(request, pilot)
    form = OutcomeUploadForm()
    if request.method == "POST":
        form = OutcomeUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            # A file over the limit is not read into memory: its first bytes past the
            # limit are enough for the service to refuse it.
            data = upload_file.read(MAX_BYTES + 1)
            upload = services.outcome_file_upload(
                pilot=pilot,
                measure=measure,
                user=request.user,
                data=data,
                filename=upload_file.name or "",
                size=upload_file.size,
                request=request,
            )
            if upload.status == OutcomeImportStatus.IMPORTED:
                messages.success(
                    request,
                    _("%(count)s pupils imported for %(measure)s.")
                    % {"count": upload.rows, "measure": measure.name},
                )
            elif upload.status == OutcomeImportStatus.UNCHANGED:
                messages.info(
                    request,
                    _("This file has already been imported for %(measure)s: nothing changed.")
                    % {"measure": measure.name},
                )
            return redirect(
                "lab:outcome-import",
                urn=pilot.school.urn,
                pilot_id=pilot.pk,
                measure_id=measure.pk,
                import_id=upload.pk,
            )
    return render(
        request,
        "lab/outcomes/upload.html",
        {
            "school": pilot.school,
            "pilot": pilot,
            "measure": measure,
            "form": form,
            "rules": services.rules_for(pilot, measure),
            "single_group": pilot.design == Design.SINGLE_GROUP,
            "has_records": OutcomeRecord.objects.filter(measure=measure).exists(),
        },
    )


@login_required
@require_http_methods(["GET"])
def outcome_import(
    request: HttpRequest, urn: int, pilot_id: int, measure_id: int, import_id: int
) -> HttpResponse:
    """What became of one upload: imported, unchanged, or its problems."""
    measure = _measure_for(request, urn, pilot_id, measure_id)
    pilot = measure.pilot
    if import_id > MAX_ID:
        raise Http404
    upload = OutcomeImport.objects.filter(measure=measure, pk=import_id).first()
    if upload is None:
        raise Http404
    return render(
        request,
        "lab/outcomes/import.html",
        {
            "school": pilot.school,
            "pilot": pilot,
            "measure": measure,
            "upload": upload,
            "may_edit": rules.can_edit_pilots(request.user, pilot.school_id),
            "section_url": _section_url(pilot, measure),
        },
    )


@login_required
@require_http_methods(["GET"])
def outcome_template(
    request: HttpRequest, urn: int, pilot_id: int, measure_id: int
) -> HttpResponse:
    """A CSV with the headers the upload reads and two example rows (no real pupil)."""
    measure = _measure_for(request, urn, pilot_id, measure_id)
    pilot = measure.pilot
    single = pilot.design == Design.SINGLE_GROUP
    low = measure.lowest if measure.lowest is not None else 0
    high = measure.highest if measure.highest is not None else low + 10
    pre, post = low + (high - low) * 0.4, low + (high - low) * 0.6
    lines = ["pupil,group,pre,post"]
    lines.append(f"EXAMPLE-1,intervention,{pre:g},{post:g}")
    lines.append(f"EXAMPLE-2,{'intervention' if single else 'comparison'},{pre:g},")
    response = HttpResponse("\r\n".join(lines) + "\r\n", content_type="text/csv; charset=utf-8")
    name = slugify(measure.name)[:60] or "measure"
    response["Content-Disposition"] = f'attachment; filename="outcomes-{name}.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def outcome_summary(request: HttpRequest, urn: int, pilot_id: int, measure_id: int) -> HttpResponse:
    measure = _measure_for(request, urn, pilot_id, measure_id)
    pilot = measure.pilot
    _editor(request, pilot)
    single = pilot.design == Design.SINGLE_GROUP
    if request.method == "POST":
        form = SummaryForm(request.POST, measure=measure, single_group=single)
        if form.is_valid():
            services.outcome_summaries_save(
                pilot=pilot,
                measure=measure,
                user=request.user,
                figures=form.figures(),
                request=request,
            )
            messages.success(
                request, _("Summary figures saved for %(measure)s.") % {"measure": measure.name}
            )
            return redirect(_section_url(pilot, measure))
    else:
        summaries = list(SummaryStatistic.objects.filter(measure=measure))
        form = SummaryForm(
            initial=SummaryForm.initial_from(summaries), measure=measure, single_group=single
        )
    return render(
        request,
        "lab/outcomes/summary.html",
        {
            "school": pilot.school,
            "pilot": pilot,
            "measure": measure,
            "form": form,
            "has_records": OutcomeRecord.objects.filter(measure=measure).exists(),
        },
    )


MEASURE = "lab/<int:urn>/pilots/<int:pilot_id>/outcomes/<int:measure_id>/"

URLS: list[URLPattern] = [
    path(f"{MEASURE}upload/", outcome_upload, name="outcome-upload"),
    path(f"{MEASURE}template.csv", outcome_template, name="outcome-template"),
    path(f"{MEASURE}imports/<int:import_id>/", outcome_import, name="outcome-import"),
    path(f"{MEASURE}summary/", outcome_summary, name="outcome-summary"),
]
