"""The Lab's cohorts pages, under ``lab/cohorts/``: the list, a cohort, applying, and the
coordinator's work of pairing rules, proposing, moving and confirming trios.

Who may do what is in ``reconnect.lab.rules``: coordinators and administrators manage
cohorts; a school's school lead applies and withdraws. Every view fetches the cohort
scoped to the user first (404 when they may not see it), then checks the permission (403),
then the form, the service, the page. Every form works without JavaScript: a change posts,
then redirects to the cohort's page; a refusal shows the page again with an error summary.
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
from reconnect.lab.forms.cohorts import ApplicationForm, CohortForm, MoveForm, PairingForm
from reconnect.lab.models import CohortStatus, LabCohort
from reconnect.lab.models.trios import ProposalStatus
from reconnect.lab.selectors import cohorts as selectors
from reconnect.lab.services import cohorts as services

# The words on the button that moves a cohort on, by the status it leads to.
STATUS_ACTIONS: dict[str, Any] = {
    CohortStatus.FORMING: gettext_lazy("Close applications and start forming trios"),
    CohortStatus.RUNNING: gettext_lazy("Start the trios running"),
    CohortStatus.CLOSED: gettext_lazy("Close the cohort"),
}


def _manager(request: HttpRequest) -> None:
    if not rules.can_manage_cohorts(request.user):
        raise PermissionDenied


def _detail_url(cohort: LabCohort, fragment: str = "") -> str:
    url = reverse("lab:cohort-detail", kwargs={"cohort_id": cohort.pk})
    return f"{url}#{fragment}" if fragment else url


def _add_error(form: Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _detail(
    request: HttpRequest,
    cohort: LabCohort,
    *,
    error: str | None = None,
    pairing_form: PairingForm | None = None,
) -> HttpResponse:
    """The cohort's page: the coordinator's workspace, or the user's schools' applications."""
    context: dict[str, Any] = {"cohort": cohort, "error": error, "manage": False}
    if rules.can_manage_cohorts(request.user):
        workspace = selectors.cohort_workspace(cohort)
        next_status = services.NEXT_STATUS.get(cohort.status)
        context.update(
            manage=True,
            workspace=workspace,
            pairing_form=pairing_form or PairingForm(schools=workspace.applicants),
            may_propose=cohort.status in services.PROPOSING,
            busy=services.proposal_busy(cohort),
            failed=cohort.proposal_status == ProposalStatus.FAILED,
            next_status=next_status,
            next_action=STATUS_ACTIONS.get(next_status or ""),
        )
    else:
        context.update(
            own=selectors.own_applications(request.user, cohort),
            may_apply=cohort.status == CohortStatus.OPEN
            and bool(selectors.apply_choices(request.user, cohort)),
        )
    return render(request, "lab/cohorts/detail.html", context)


# --- The list and a cohort ----------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def cohort_list(request: HttpRequest) -> HttpResponse:
    """The cohorts the user sees: open ones to apply to, and those their schools applied to;
    every cohort for coordinators."""
    return render(
        request,
        "lab/cohorts/list.html",
        {
            "cohorts": selectors.cohort_list(request.user),
            "manage": rules.can_manage_cohorts(request.user),
        },
    )


@login_required
@require_http_methods(["GET"])
def cohort_detail(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for(request.user, cohort_id)
    return _detail(request, cohort)


def _render_form(
    request: HttpRequest, form: CohortForm, cohort: LabCohort | None = None
) -> HttpResponse:
    return render(request, "lab/cohorts/form.html", {"form": form, "cohort": cohort})


@login_required
@require_http_methods(["GET", "POST"])
def cohort_create(request: HttpRequest) -> HttpResponse:
    _manager(request)
    if request.method == "GET":
        return _render_form(request, CohortForm())
    form = CohortForm(request.POST)
    if form.is_valid():
        try:
            cohort = services.cohort_open(user=request.user, plan=form.plan(), request=request)
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Cohort opened: %(name)s") % {"name": cohort.name})
            return redirect(_detail_url(cohort))
    return _render_form(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for(request.user, cohort_id)
    _manager(request)
    if request.method == "GET":
        return _render_form(request, CohortForm(initial=CohortForm.initial_from(cohort)), cohort)
    form = CohortForm(request.POST)
    if form.is_valid():
        try:
            services.cohort_update(
                cohort=cohort, user=request.user, plan=form.plan(), request=request
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Cohort saved."))
            return redirect(_detail_url(cohort))
    return _render_form(request, form, cohort)


@login_required
@require_http_methods(["POST"])
def cohort_status(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for(request.user, cohort_id)
    _manager(request)
    try:
        services.cohort_status_set(
            cohort=cohort, user=request.user, status=request.POST.get("status", ""), request=request
        )
    except ApplicationError as error:
        return _detail(request, cohort, error=error.message)
    messages.success(
        request, _("The cohort is now: %(status)s") % {"status": cohort.get_status_display()}
    )
    return redirect(_detail_url(cohort))


# --- Applying -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for(request.user, cohort_id)
    if not selectors.led_school_ids(request.user):
        raise PermissionDenied
    choices = selectors.apply_choices(request.user, cohort)
    form = ApplicationForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        pilot = form.chosen()
        try:
            services.application_submit(
                cohort=cohort,
                school=pilot.school,
                pilot=pilot,
                user=request.user,
                statement=form.cleaned_data["statement"],
                request=request,
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(
                request,
                _("%(school)s has applied to %(cohort)s.")
                % {"school": pilot.school.name, "cohort": cohort.name},
            )
            return redirect(_detail_url(cohort))
    has_pilots = any(choice.pilots for choice in choices)
    return render(
        request,
        "lab/cohorts/apply.html",
        {"cohort": cohort, "form": form, "choices": choices, "has_pilots": has_pilots},
    )


@login_required
@require_http_methods(["POST"])
def application_withdraw(request: HttpRequest, cohort_id: int, application_id: int) -> HttpResponse:
    cohort = selectors.cohort_for(request.user, cohort_id)
    application = selectors.application_for(request.user, cohort, application_id)
    try:
        services.application_withdraw(application=application, user=request.user, request=request)
    except ApplicationError as error:
        return _detail(request, cohort, error=error.message)
    messages.success(
        request,
        _("The application of %(school)s is withdrawn.") % {"school": application.school.name},
    )
    return redirect(_detail_url(cohort))


# --- Pairing rules ------------------------------------------------------------------------


@login_required
@require_http_methods(["POST"])
def pairing_add(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for(request.user, cohort_id)
    _manager(request)
    workspace = selectors.cohort_workspace(cohort)
    form = PairingForm(request.POST, schools=workspace.applicants)
    if form.is_valid():
        try:
            services.pairing_add(
                cohort=cohort,
                first=form.school("first"),
                second=form.school("second"),
                rule=form.cleaned_data["rule"],
                reason=form.cleaned_data["reason"],
                user=request.user,
                request=request,
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Pairing rule added."))
            return redirect(_detail_url(cohort, "pairings"))
    return _detail(request, cohort, pairing_form=form)


@login_required
@require_http_methods(["POST"])
def pairing_remove(request: HttpRequest, cohort_id: int, pairing_id: int) -> HttpResponse:
    cohort = selectors.cohort_for(request.user, cohort_id)
    _manager(request)
    pairing = selectors.pairing_for(cohort, pairing_id)
    services.pairing_remove(pairing=pairing, user=request.user, request=request)
    messages.success(request, _("Pairing rule removed."))
    return redirect(_detail_url(cohort, "pairings"))


# --- Trios --------------------------------------------------------------------------------


@login_required
@require_http_methods(["POST"])
def trios_propose(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for(request.user, cohort_id)
    _manager(request)
    try:
        trios = services.trios_propose(cohort=cohort, user=request.user, request=request)
    except ApplicationError as error:
        return _detail(request, cohort, error=error.message)
    if trios is None:
        messages.success(
            request,
            _("Trios are being proposed in the background. Refresh this page in a minute."),
        )
    else:
        messages.success(request, _("%(count)s trios proposed.") % {"count": len(trios)})
    return redirect(_detail_url(cohort, "trios"))


@login_required
@require_http_methods(["POST"])
def trio_member_move(request: HttpRequest, cohort_id: int, member_id: int) -> HttpResponse:
    cohort = selectors.cohort_for(request.user, cohort_id)
    _manager(request)
    member = selectors.member_for(cohort, member_id)
    targets = [
        view.trio
        for view in selectors.cohort_workspace(cohort).proposed
        if view.trio.pk != member.trio_id
    ]
    form = MoveForm(request.POST, trios=targets)
    if not form.is_valid():
        return _detail(request, cohort, error=_("Choose the trio to move the school to."))
    to_trio = form.chosen()
    to_trio.cohort = cohort
    try:
        services.trio_member_move(
            member=member, to_trio=to_trio, user=request.user, request=request
        )
    except ApplicationError as error:
        return _detail(request, cohort, error=error.message)
    messages.success(
        request,
        _("%(school)s moved to %(trio)s.") % {"school": member.school.name, "trio": to_trio.name},
    )
    return redirect(_detail_url(cohort, "trios"))


@login_required
@require_http_methods(["POST"])
def trio_confirm(request: HttpRequest, cohort_id: int, trio_id: int) -> HttpResponse:
    cohort = selectors.cohort_for(request.user, cohort_id)
    _manager(request)
    trio = selectors.trio_for(cohort, trio_id)
    try:
        services.trio_confirm(trio=trio, user=request.user, request=request)
    except ApplicationError as error:
        return _detail(request, cohort, error=error.message)
    messages.success(request, _("%(trio)s confirmed.") % {"trio": trio.name})
    return redirect(_detail_url(cohort, "trios"))


@login_required
@require_http_methods(["POST"])
def trios_confirm_all(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_for(request.user, cohort_id)
    _manager(request)
    try:
        trios = services.trios_confirm_all(cohort=cohort, user=request.user, request=request)
    except ApplicationError as error:
        return _detail(request, cohort, error=error.message)
    messages.success(request, _("%(count)s trios confirmed.") % {"count": len(trios)})
    return redirect(_detail_url(cohort, "trios"))


COHORT = "lab/cohorts/<int:cohort_id>/"

URLS: list[URLPattern] = [
    path("lab/cohorts/", cohort_list, name="cohort-list"),
    path("lab/cohorts/new/", cohort_create, name="cohort-create"),
    path(COHORT, cohort_detail, name="cohort-detail"),
    path(f"{COHORT}edit/", cohort_edit, name="cohort-edit"),
    path(f"{COHORT}status/", cohort_status, name="cohort-status"),
    path(f"{COHORT}apply/", application_create, name="application-create"),
    path(
        f"{COHORT}applications/<int:application_id>/withdraw/",
        application_withdraw,
        name="application-withdraw",
    ),
    path(f"{COHORT}pairings/", pairing_add, name="pairing-add"),
    path(f"{COHORT}pairings/<int:pairing_id>/remove/", pairing_remove, name="pairing-remove"),
    path(f"{COHORT}propose/", trios_propose, name="trios-propose"),
    path(f"{COHORT}members/<int:member_id>/move/", trio_member_move, name="trio-member-move"),
    path(f"{COHORT}trios/<int:trio_id>/confirm/", trio_confirm, name="trio-confirm"),
    path(f"{COHORT}trios/confirm/", trios_confirm_all, name="trios-confirm-all"),
]
