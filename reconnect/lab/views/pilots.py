"""The Lab's pilots pages: the Lab home, starting a pilot, a pilot's page and what changes it.

Who may do what is in ``reconnect.lab.rules``: a school's members read its pilots; its
leads and data leads change them. Every view fetches the school or pilot scoped to the
user first (404 for anyone outside the school, and for another school's pilot), then
checks the permission to change (403 for staff, whose pages show no controls), then the
form, the service, the page. Every form works without JavaScript; with htmx, the planning
help follows the planned numbers as they are typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from reconnect.core.exceptions import ApplicationError
from reconnect.lab import rules
from reconnect.lab.forms.pilots import (
    LogEntryForm,
    MeasureForm,
    MilestoneForm,
    PhaseForm,
    PilotForm,
    StatusForm,
)
from reconnect.lab.models import Design, OutcomeMeasure, Pilot, PilotStatus
from reconnect.lab.selectors import pilots as selectors
from reconnect.lab.selectors.planning import PlanningHelp, planning_help
from reconnect.lab.services import pilots as services
from reconnect.lab.templatetags import lab_nav
from reconnect.schools.models import School

# The words on the buttons that move a pilot on, by the status they lead to.
STATUS_ACTIONS = {
    PilotStatus.RUNNING: gettext_lazy("Start running the pilot"),
    PilotStatus.COMPLETED: gettext_lazy("Mark the pilot as completed"),
    PilotStatus.WITHDRAWN: gettext_lazy("Withdraw the pilot"),
    PilotStatus.DRAFT: gettext_lazy("Take the pilot up again as a draft"),
}


def _editor(request: HttpRequest, school: School) -> None:
    if not rules.can_edit_pilots(request.user, school.pk):
        raise PermissionDenied


def _detail_url(pilot: Pilot, fragment: str = "") -> str:
    url = reverse("lab:pilot-detail", kwargs={"urn": pilot.school.urn, "pilot_id": pilot.pk})
    return f"{url}#{fragment}" if fragment else url


def _add_error(form: Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _help_for(design: str, n1: int | None, n2: int | None, intervention: Any) -> PlanningHelp:
    return planning_help(
        design=design,
        planned_intervention=n1,
        planned_comparison=n2,
        impact_months=getattr(intervention, "impact_months", None),
        effect_size=(
            float(intervention.effect_size)
            if intervention is not None and intervention.effect_size is not None
            else None
        ),
        has_intervention=intervention is not None,
    )


def _int_or_none(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 7 else None


def _form_help(form: PilotForm, choices: selectors.PilotChoices) -> PlanningHelp:
    """The planning help for what the form shows now: typed, or its initial values."""
    raw: dict[str, Any] = {}
    for name in ("design", "planned_intervention", "planned_comparison", "intervention"):
        raw[name] = form[name].value()
    interventions = {i.pk: i for i in choices.interventions}
    chosen = interventions.get(_int_or_none(raw["intervention"]) or 0)
    return _help_for(
        str(raw["design"] or ""),
        _int_or_none(raw["planned_intervention"]),
        _int_or_none(raw["planned_comparison"]),
        chosen,
    )


# --- The Lab home -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def lab_home(request: HttpRequest) -> HttpResponse:
    """The user's schools with their pilots; for coordinators, the network's running ones."""
    lab_nav.remember(request)
    schools = selectors.lab_schools(request.user)
    network = (
        list(selectors.network_pilots()) if rules.can_list_network_pilots(request.user) else None
    )
    return render(request, "lab/home.html", {"schools": schools, "network": network})


# --- Starting and changing a pilot --------------------------------------------------------


def _prefill(request: HttpRequest, choices: selectors.PilotChoices) -> dict[str, Any]:
    """What a link asked to prefill (``?priority=<action id>&target_group=<group id>``),
    kept only when it is one of the choices offered: anything else is ignored."""
    initial: dict[str, Any] = {}
    action_id = _int_or_none(request.GET.get("priority"))
    action = next((a for a in choices.priorities if a.pk == action_id), None)
    if action is not None:
        initial["priority"] = action.pk
        initial["title"] = action.title
        if any(i.pk == action.intervention_id for i in choices.interventions):
            initial["intervention"] = action.intervention_id
    group_id = _int_or_none(request.GET.get("target_group"))
    if choices.target_groups is not None and any(g.pk == group_id for g in choices.target_groups):
        initial["target_group"] = group_id
    return initial


def _render_form(
    request: HttpRequest,
    school: School,
    form: PilotForm,
    choices: selectors.PilotChoices,
    pilot: Pilot | None = None,
) -> HttpResponse:
    return render(
        request,
        "lab/pilots/form.html",
        {
            "school": school,
            "pilot": pilot,
            "form": form,
            "planning": _form_help(form, choices),
            "single_group": Design.SINGLE_GROUP,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pilot_create(request: HttpRequest, urn: int) -> HttpResponse:
    school = selectors.school_for(request.user, urn)
    _editor(request, school)
    choices = selectors.pilot_choices(request.user, school)
    if request.method == "GET":
        form = PilotForm(initial=_prefill(request, choices), choices=choices)
        return _render_form(request, school, form, choices)
    form = PilotForm(request.POST, choices=choices)
    if form.is_valid():
        try:
            pilot = services.pilot_create(
                school=school, user=request.user, plan=form.plan(), request=request
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Pilot started: %(title)s") % {"title": pilot.title})
            return redirect(_detail_url(pilot))
    return _render_form(request, school, form, choices)


@login_required
@require_http_methods(["GET", "POST"])
def pilot_edit(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    school = pilot.school
    _editor(request, school)
    choices = selectors.pilot_choices(request.user, school)
    if request.method == "GET":
        form = PilotForm(initial=PilotForm.initial_from(pilot), choices=choices)
        return _render_form(request, school, form, choices, pilot)
    form = PilotForm(request.POST, choices=choices)
    if form.is_valid():
        try:
            services.pilot_update(
                pilot=pilot,
                user=request.user,
                plan=form.plan(keep_target_group=pilot.target_group),
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Pilot plan saved."))
            return redirect(_detail_url(pilot))
    return _render_form(request, school, form, choices, pilot)


@login_required
@require_http_methods(["GET"])
def pilot_planning(request: HttpRequest, urn: int) -> HttpResponse:
    """The planning help for the numbers being typed (the form's htmx fragment)."""
    school = selectors.school_for(request.user, urn)
    _editor(request, school)
    choices = selectors.pilot_choices(request.user, school)
    form = PilotForm(request.GET, choices=choices)
    return render(request, "lab/pilots/planning.html", {"planning": _form_help(form, choices)})


# --- A pilot's page -----------------------------------------------------------------------


def _render_detail(
    request: HttpRequest,
    pilot: Pilot,
    *,
    milestone_form: MilestoneForm | None = None,
    log_form: LogEntryForm | None = None,
) -> HttpResponse:
    school = pilot.school
    may_edit = rules.can_edit_pilots(request.user, school.pk)
    granted = (
        selectors.cohort_access_granted(request.user, school) if pilot.target_group_id else False
    )
    entries = list(pilot.log.all())
    return render(
        request,
        "lab/pilots/detail.html",
        {
            "school": school,
            "pilot": pilot,
            "may_edit": may_edit,
            "show_target_group": pilot.target_group_id is not None
            and rules.can_see_target_group(request.user, school.pk, granted=granted),
            "timeline": selectors.timeline(pilot),
            "entries": entries,
            "summary": selectors.log_summary(entries),
            "measures": list(pilot.measures.all()),
            "planning": _help_for(
                pilot.design,
                pilot.planned_intervention,
                pilot.planned_comparison,
                pilot.intervention,
            ),
            "status_actions": [
                (status, STATUS_ACTIONS[PilotStatus(status)])
                for status in sorted(services.TRANSITIONS[pilot.status])
            ]
            if may_edit
            else [],
            "phase_form": PhaseForm(initial={"phase": pilot.phase}) if may_edit else None,
            "is_open": pilot.status not in (PilotStatus.COMPLETED, PilotStatus.WITHDRAWN),
            "may_delete": may_edit and pilot.status in services.DELETABLE,
            "milestone_form": milestone_form or MilestoneForm(prefix="milestone"),
            "log_form": log_form or LogEntryForm(prefix="log"),
            "has_errors": milestone_form is not None or log_form is not None,
        },
    )


@login_required
@require_http_methods(["GET"])
def pilot_detail(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    return _render_detail(request, pilot)


@login_required
@require_http_methods(["POST"])
def pilot_status(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    _editor(request, pilot.school)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect(_detail_url(pilot))
    try:
        services.pilot_status_set(
            pilot=pilot, user=request.user, status=form.cleaned_data["status"], request=request
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The pilot is now %(status)s.") % {"status": pilot.get_status_display().lower()},
        )
    return redirect(_detail_url(pilot))


@login_required
@require_http_methods(["POST"])
def pilot_phase(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    _editor(request, pilot.school)
    form = PhaseForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Choose one of the four phases."))
        services.pilot_phase_set(pilot=pilot, user=request.user, phase=form.cleaned_data["phase"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The pilot is now in the %(phase)s phase.") % {"phase": pilot.get_phase_display()},
        )
    return redirect(_detail_url(pilot, "timeline"))


@login_required
@require_http_methods(["GET", "POST"])
def pilot_delete(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    _editor(request, pilot.school)
    error = None
    if request.method == "POST":
        try:
            services.pilot_delete(pilot=pilot, user=request.user, request=request)
        except ApplicationError as refused:
            error = refused.message
        else:
            messages.success(request, _("Pilot deleted: %(title)s") % {"title": pilot.title})
            return redirect("lab:home")
    return render(
        request, "lab/pilots/delete.html", {"pilot": pilot, "school": pilot.school, "error": error}
    )


# --- Milestones ---------------------------------------------------------------------------


@login_required
@require_http_methods(["POST"])
def milestone_add(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    _editor(request, pilot.school)
    form = MilestoneForm(request.POST, prefix="milestone")
    if form.is_valid():
        try:
            milestone = services.milestone_add(
                pilot=pilot,
                phase=form.cleaned_data["phase"],
                title=form.cleaned_data["title"],
                due_on=form.cleaned_data["due_on"],
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Milestone added: %(title)s") % {"title": milestone.title})
            return redirect(_detail_url(pilot, f"milestone-{milestone.pk}"))
    return _render_detail(request, pilot, milestone_form=form)


@login_required
@require_http_methods(["POST"])
def milestone_complete(
    request: HttpRequest, urn: int, pilot_id: int, milestone_id: int
) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    _editor(request, pilot.school)
    milestone = selectors.child_for(pilot, "milestones", milestone_id)
    done = request.POST.get("done", "1") != "0"
    services.milestone_complete(milestone=milestone, done=done)
    return redirect(_detail_url(pilot, f"milestone-{milestone.pk}"))


@login_required
@require_http_methods(["POST"])
def milestone_delete(
    request: HttpRequest, urn: int, pilot_id: int, milestone_id: int
) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    _editor(request, pilot.school)
    milestone = selectors.child_for(pilot, "milestones", milestone_id)
    title = milestone.title
    services.milestone_delete(milestone=milestone)
    messages.success(request, _("Milestone deleted: %(title)s") % {"title": title})
    return redirect(_detail_url(pilot, "timeline"))


# --- The implementation log ---------------------------------------------------------------


@login_required
@require_http_methods(["POST"])
def log_entry_add(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    _editor(request, pilot.school)
    form = LogEntryForm(request.POST, prefix="log")
    if form.is_valid():
        try:
            services.log_entry_add(pilot=pilot, user=request.user, entry=form.entry())
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Log entry added."))
            return redirect(_detail_url(pilot, "log"))
    return _render_detail(request, pilot, log_form=form)


# --- Outcome measures ---------------------------------------------------------------------


def _render_measure(
    request: HttpRequest, pilot: Pilot, form: MeasureForm, measure: OutcomeMeasure | None
) -> HttpResponse:
    return render(
        request,
        "lab/pilots/measure_form.html",
        {"pilot": pilot, "school": pilot.school, "form": form, "measure": measure},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_add(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    _editor(request, pilot.school)
    if request.method == "GET":
        return _render_measure(request, pilot, MeasureForm(), None)
    form = MeasureForm(request.POST)
    if form.is_valid():
        try:
            measure = services.measure_add(pilot=pilot, plan=form.plan())
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Measure added: %(name)s") % {"name": measure.name})
            return redirect(_detail_url(pilot, "measures"))
    return _render_measure(request, pilot, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, urn: int, pilot_id: int, measure_id: int) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    _editor(request, pilot.school)
    measure = selectors.child_for(pilot, "measures", measure_id)
    if request.method == "GET":
        initial = {name: getattr(measure, name) for name in MeasureForm.base_fields}
        return _render_measure(request, pilot, MeasureForm(initial=initial), measure)
    form = MeasureForm(request.POST)
    if form.is_valid():
        try:
            services.measure_update(measure=measure, plan=form.plan())
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Measure saved: %(name)s") % {"name": measure.name})
            return redirect(_detail_url(pilot, "measures"))
    return _render_measure(request, pilot, form, measure)


@login_required
@require_http_methods(["POST"])
def measure_delete(request: HttpRequest, urn: int, pilot_id: int, measure_id: int) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    _editor(request, pilot.school)
    measure = selectors.child_for(pilot, "measures", measure_id)
    name = measure.name
    try:
        services.measure_delete(measure=measure)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Measure deleted: %(name)s") % {"name": name})
    return redirect(_detail_url(pilot, "measures"))


PILOT = "lab/<int:urn>/pilots/<int:pilot_id>/"

URLS: list[URLPattern] = [
    path("lab/", lab_home, name="home"),
    path("lab/<int:urn>/pilots/new/", pilot_create, name="pilot-create"),
    path("lab/<int:urn>/pilots/planning/", pilot_planning, name="pilot-planning"),
    path(PILOT, pilot_detail, name="pilot-detail"),
    path(f"{PILOT}edit/", pilot_edit, name="pilot-edit"),
    path(f"{PILOT}status/", pilot_status, name="pilot-status"),
    path(f"{PILOT}phase/", pilot_phase, name="pilot-phase"),
    path(f"{PILOT}delete/", pilot_delete, name="pilot-delete"),
    path(f"{PILOT}milestones/", milestone_add, name="milestone-add"),
    path(
        f"{PILOT}milestones/<int:milestone_id>/done/",
        milestone_complete,
        name="milestone-complete",
    ),
    path(
        f"{PILOT}milestones/<int:milestone_id>/delete/",
        milestone_delete,
        name="milestone-delete",
    ),
    path(f"{PILOT}log/", log_entry_add, name="log-entry-add"),
    path(f"{PILOT}measures/new/", measure_add, name="measure-add"),
    path(f"{PILOT}measures/<int:measure_id>/", measure_edit, name="measure-edit"),
    path(f"{PILOT}measures/<int:measure_id>/delete/", measure_delete, name="measure-delete"),
]
