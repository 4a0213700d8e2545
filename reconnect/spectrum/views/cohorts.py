"""The cohort views and target groups of one school's latest pupil data.

Prevalence, combinations and outcome gaps are for the school's leads and data leads, and
for staff a lead has granted them to (``school_for(..., need="cohorts")``). Everyone sees
the same figures; only those who may see pupils get each count as a link to the pupils in
it. Target groups: the cohort users see them and their figures; leads and data leads save,
open the pupils of and delete them (staff get 403 for those). Every view is audited as
``spectrum.cohort.viewed`` with the view's name and filter.

The figures of the three cohort pages are rendered once per snapshot, filter and kind of
user and then read from the cache (``selectors.cohorts.cached_figures``): a snapshot never
changes once imported. Access and the audit record still run on every request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.lab import rules as lab_rules
from reconnect.schools.models import School
from reconnect.spectrum import rules
from reconnect.spectrum.models import SavedCohort
from reconnect.spectrum.selectors import cohorts as selectors
from reconnect.spectrum.selectors import pupils as pupil_selectors
from reconnect.spectrum.selectors.access import remember_memberships, school_for
from reconnect.spectrum.selectors.pupils import SchoolData
from reconnect.spectrum.services.cohorts import saved_cohort_create, saved_cohort_delete
from reconnect.spectrum.views.pupils import MAX_ID, permissions

TARGET_PUPILS_SHOWN = 50


def _viewed(request: HttpRequest, school: School, view: str, detail: dict[str, Any]) -> None:
    audit_record(
        "spectrum.cohort.viewed",
        request=request,
        school_urn=school.urn,
        detail={"view": view, **detail},
    )


@dataclass(frozen=True)
class _PathOnly:
    path: str


def _cohort_page(
    request: HttpRequest,
    urn: int,
    *,
    view: str,
    template: str,
    options: dict[str, str],
    build: Callable[[SchoolData, selectors.Chosen], Any],
) -> HttpResponse:
    """One cohort page: access, then the figures (from the cache when this snapshot's were
    rendered before for the same filter, options and links), then the audit record.

    Access and the audit run on every request; only the figures' HTML is cached, keyed by
    the school's latest snapshot, so a new import shows new figures at once."""
    # The role is asked three times (access, links, managing): one query for all of them.
    remember_memberships(request.user)
    school = school_for(request.user, urn, need="cohorts")
    head = pupil_selectors.latest_head(school)
    allowed = permissions(request.user, school)
    context: dict[str, Any] = {"school": school, "data": head, **allowed}
    if head is not None:
        chosen = selectors.filter_from_query(request.GET)
        context["chosen"] = chosen
        context["filter_words"] = selectors.describe(chosen.filter_dict)

        def render_figures() -> str:
            data = pupil_selectors.school_data_of(head)
            return render_to_string(
                template.removesuffix(".html") + "_figures.html",
                {
                    # The navigation marks the current page by the path: nothing else of
                    # the request goes in (the HTML is kept for other users).
                    "request": _PathOnly(request.path),
                    "school": school,
                    "data": data,
                    "chosen": chosen,
                    "filter_words": context["filter_words"],
                    "page": build(data, chosen),
                    "path": request.path,
                    **allowed,
                    **options,
                },
            )

        key = selectors.figures_key(
            view, head, chosen, options=options, allowed=allowed, path=request.path
        )
        context["figures"] = selectors.cached_figures(key, render_figures)
        context.update(options)
        _viewed(
            request,
            school,
            view,
            {"snapshot": head.snapshot.pk, "filter": chosen.filter_dict, **options},
        )
    return render(request, template, context)


@login_required
@require_http_methods(["GET"])
def cohort_overview(request: HttpRequest, urn: int) -> HttpResponse:
    by = "reg_group" if request.GET.get("by") == "reg" else "year_group"
    return _cohort_page(
        request,
        urn,
        view="prevalence",
        template="spectrum/cohort_overview.html",
        options={"by": by},
        build=lambda data, chosen: selectors.prevalence_page(data, chosen, by=by),
    )


@login_required
@require_http_methods(["GET"])
def cohort_combinations(request: HttpRequest, urn: int) -> HttpResponse:
    return _cohort_page(
        request,
        urn,
        view="combinations",
        template="spectrum/cohort_combinations.html",
        options={},
        build=selectors.combinations_page,
    )


@login_required
@require_http_methods(["GET"])
def cohort_outcomes(request: HttpRequest, urn: int) -> HttpResponse:
    measure = request.GET.get("measure", "attendance")
    if measure not in selectors.MEASURES:
        measure = "attendance"
    return _cohort_page(
        request,
        urn,
        view="outcomes",
        template="spectrum/cohort_outcomes.html",
        options={"measure": measure},
        build=lambda data, chosen: selectors.outcomes_page(data, chosen, measure=measure),
    )


# --- Target groups ------------------------------------------------------------------------


def _manager(request: HttpRequest, school: School) -> None:
    if not rules.can_manage_data(request.user, school.pk):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def target_groups(request: HttpRequest, urn: int) -> HttpResponse:
    school = school_for(request.user, urn, need="cohorts")
    data = pupil_selectors.school_data(school)
    context: dict[str, Any] = {"school": school, "data": data, **permissions(request.user, school)}
    if request.method == "POST":
        _manager(request, school)
        chosen = selectors.filter_from_query(request.POST, data)
        name = request.POST.get("name", "")
        description = request.POST.get("description", "")
        try:
            if chosen.errors:
                raise ApplicationError(" ".join(chosen.errors))
            cohort = saved_cohort_create(
                school=school,
                user=request.user,
                name=name,
                description=description,
                cohort_filter=chosen.filter,
                request=request,
            )
        except ApplicationError as error:
            context.update(
                {
                    "error": error,
                    "chosen": chosen,
                    "filter_words": selectors.describe(chosen.filter_dict),
                    "name": name,
                    "description": description,
                }
            )
        else:
            messages.success(request, _("Target group “%(name)s” saved.") % {"name": cohort.name})
            return redirect("spectrum:target-group-detail", urn=school.urn, cohort_id=cohort.pk)
    groups = selectors.target_groups(school, data)
    context["groups"] = groups
    _viewed(
        request,
        school,
        "target-groups",
        {"snapshot": data.snapshot.pk if data else None, "groups": len(groups)},
    )
    return render(request, "spectrum/target_groups.html", context)


def _cohort_of(school: School, cohort_id: int) -> SavedCohort:
    if cohort_id > MAX_ID:
        raise Http404
    cohort = SavedCohort.objects.filter(school=school, pk=cohort_id).first()
    if cohort is None:
        raise Http404
    return cohort


@login_required
@require_http_methods(["GET"])
def target_group_detail(request: HttpRequest, urn: int, cohort_id: int) -> HttpResponse:
    school = school_for(request.user, urn, need="cohorts")
    cohort = _cohort_of(school, cohort_id)
    data = pupil_selectors.school_data(school)
    allowed = permissions(request.user, school)
    summary = selectors.target_summary(
        cohort, data, pupils=TARGET_PUPILS_SHOWN if allowed["may_see_pupils"] else 0
    )
    audit_record(
        "spectrum.cohort.viewed",
        request=request,
        target=cohort,
        school_urn=school.urn,
        detail={
            "view": "target-group",
            "snapshot": data.snapshot.pk if data else None,
            "filter": cohort.definition,
        },
    )
    return render(
        request,
        "spectrum/target_detail.html",
        {
            "school": school,
            "data": data,
            "cohort": cohort,
            "summary": summary,
            "may_start_pilot": lab_rules.can_edit_pilots(request.user, school.pk),
            **allowed,
        },
    )


@login_required
@require_http_methods(["POST"])
def target_group_delete(request: HttpRequest, urn: int, cohort_id: int) -> HttpResponse:
    school = school_for(request.user, urn, need="cohorts")
    cohort = _cohort_of(school, cohort_id)
    _manager(request, school)
    name = cohort.name
    saved_cohort_delete(cohort=cohort, user=request.user, request=request)
    messages.success(request, _("Target group “%(name)s” deleted.") % {"name": name})
    return redirect("spectrum:target-groups", urn=school.urn)


URLS: list[URLPattern] = [
    path("pupil-data/<int:urn>/cohorts/", cohort_overview, name="cohort-overview"),
    path(
        "pupil-data/<int:urn>/cohorts/combinations/",
        cohort_combinations,
        name="cohort-combinations",
    ),
    path("pupil-data/<int:urn>/cohorts/outcomes/", cohort_outcomes, name="cohort-outcomes"),
    path("pupil-data/<int:urn>/target-groups/", target_groups, name="target-groups"),
    path(
        "pupil-data/<int:urn>/target-groups/<int:cohort_id>/",
        target_group_detail,
        name="target-group-detail",
    ),
    path(
        "pupil-data/<int:urn>/target-groups/<int:cohort_id>/delete/",
        target_group_delete,
        name="target-group-delete",
    ),
]
