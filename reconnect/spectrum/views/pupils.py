"""What a school sees of its pupils: the overview, the pupil list, a profile, the export.

Every view starts with ``school_for`` (404 for anyone the school's pupil data is not for),
then reads the latest snapshot through ``selectors.pupils.school_data``. The pupil list,
profiles and export are for the school's leads and data leads; the overview also for staff
granted the cohort views, who see figures and links to cohorts only. Each view of pupil
data is audited; no pupil reference ever goes into a URL, a log or an audit detail.
"""

from __future__ import annotations

from typing import Any

from allauth.account.decorators import reauthentication_required
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.views.decorators.http import require_http_methods

from reconnect.core.audit import audit_record
from reconnect.core.htmx import is_htmx
from reconnect.schools.models import School
from reconnect.spectrum import rules
from reconnect.spectrum.exports.pupils import export_filename, pupil_csv_lines
from reconnect.spectrum.models import PupilRecord
from reconnect.spectrum.selectors import cohorts as cohort_selectors
from reconnect.spectrum.selectors import pupils as selectors
from reconnect.spectrum.selectors.access import school_for
from reconnect.spectrum.templatetags.spectrum_nav import remember as remember_nav

PAGE_SIZE = 50
# The largest primary key either database holds: a bigger id is simply not a record.
MAX_ID = 2**31 - 1


def network_url() -> str:
    """The network aggregates page, once it exists (another area of the app)."""
    try:
        return reverse("spectrum:network")
    except NoReverseMatch:
        return ""


def permissions(user: Any, school: School) -> dict[str, bool]:
    """What the page may offer: pupil rows and drill-downs, and managing the data."""
    return {
        "may_see_pupils": rules.can_see_pupils(user, school.pk),
        "may_manage": rules.can_manage_data(user, school.pk),
    }


@login_required
@require_http_methods(["GET"])
def pupil_data_home(request: HttpRequest) -> HttpResponse:
    """The schools whose pupil data this user may reach; with exactly one, that school."""
    remember_nav(request)
    schools = cohort_selectors.schools_with_pupil_data_access(request.user)
    network = network_url() if rules.can_see_network_aggregates(request.user) else ""
    if len(schools) == 1 and not network:
        return redirect("spectrum:school", urn=schools[0].school.urn)
    if not schools and network:
        return redirect(network)
    return render(request, "spectrum/home.html", {"schools": schools, "network_url": network})


@login_required
@require_http_methods(["GET"])
def school_overview(request: HttpRequest, urn: int) -> HttpResponse:
    school = school_for(request.user, urn, need="cohorts")
    data = selectors.school_data(school)
    context: dict[str, Any] = {"school": school, "data": data, **permissions(request.user, school)}
    if data is not None:
        context["overview"] = cohort_selectors.overview(data)
        audit_record(
            "spectrum.cohort.viewed",
            request=request,
            school_urn=school.urn,
            detail={"view": "overview", "snapshot": data.snapshot.pk},
        )
    return render(request, "spectrum/school.html", context)


@login_required
@require_http_methods(["GET"])
def pupil_list(request: HttpRequest, urn: int) -> HttpResponse:
    school = school_for(request.user, urn, need="pupils")
    data = selectors.school_data(school)
    context: dict[str, Any] = {"school": school, "data": data, **permissions(request.user, school)}
    if data is None:
        return render(request, "spectrum/pupil_list.html", context)
    chosen = cohort_selectors.filter_from_query(request.GET, data)
    matching = cohort_selectors.filtered(data, chosen.filter)
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    if sort not in selectors.SORTS or (sort == "score" and not data.params.uses_score):
        sort = selectors.DEFAULT_SORT
    ordered = selectors.sorted_pupils(matching, sort)
    page = Paginator(range(ordered.height), PAGE_SIZE).get_page(request.GET.get("page"))
    start = (page.number - 1) * PAGE_SIZE
    rows = selectors.pupil_rows(ordered.slice(start, PAGE_SIZE))
    audit_record(
        "spectrum.pupils.viewed",
        request=request,
        school_urn=school.urn,
        detail={
            "snapshot": data.snapshot.pk,
            "filter": chosen.filter_dict,
            "sort": sort,
            "page": page.number,
            "pupils": ordered.height,
        },
    )
    context.update(
        {
            "chosen": chosen,
            "form": cohort_selectors.filter_form(data, chosen, sort=sort),
            "page": page,
            "rows": rows,
            "total": ordered.height,
            "sort": sort,
            "sorts": cohort_selectors.sort_links(chosen, sort, uses_score=data.params.uses_score),
            "query": chosen.query,
            "export_query": chosen.query,
            "htmx": is_htmx(request),
        }
    )
    template = "spectrum/pupil_list.html"
    return render(request, f"{template}#results" if is_htmx(request) else template, context)


@login_required
@require_http_methods(["GET"])
def pupil_detail(request: HttpRequest, urn: int, record_id: int) -> HttpResponse:
    school = school_for(request.user, urn, need="pupils")
    if record_id > MAX_ID:
        raise Http404
    found = selectors.pupil_profile(school, record_id)
    if found is None:
        raise Http404
    data, profile = found
    audit_record(
        "spectrum.pupil.viewed",
        request=request,
        target=PupilRecord(pk=record_id),
        school_urn=school.urn,
        detail={"snapshot": data.snapshot.pk},
    )
    context = {
        "school": school,
        "data": data,
        "profile": profile,
        "is_latest": data.snapshot.is_latest,
        "signposts": selectors.hub_signposts(request.user, [g.domain for g in profile.groups]),
        "weights_used": data.params.uses_score,
        **permissions(request.user, school),
    }
    return render(request, "spectrum/pupil_detail.html", context)


@reauthentication_required
def _export(request: HttpRequest, school: School) -> HttpResponseBase:
    data = selectors.school_data(school)
    if data is None:
        raise Http404
    chosen = cohort_selectors.filter_from_query(request.GET, data)
    matching = selectors.sorted_pupils(
        cohort_selectors.filtered(data, chosen.filter), selectors.DEFAULT_SORT
    )
    audit_record(
        "spectrum.export",
        request=request,
        school_urn=school.urn,
        detail={
            "snapshot": data.snapshot.pk,
            "filter": chosen.filter_dict,
            "rows": matching.height,
            "format": "csv",
        },
    )
    response = StreamingHttpResponse(
        pupil_csv_lines(matching, uses_score=data.params.uses_score),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(data)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET"])
def pupil_export(request: HttpRequest, urn: int) -> HttpResponseBase:
    """The filtered pupil list as CSV, after a recent re-authentication.

    Access first (404 for anyone else, who is never asked for a password), then allauth's
    ``reauthentication_required``: a session that has not confirmed the password or second
    factor in the last few minutes is sent to do so and comes back here."""
    school = school_for(request.user, urn, need="pupils")
    return _export(request, school)


URLS: list[URLPattern] = [
    path("pupil-data/", pupil_data_home, name="home"),
    path("pupil-data/<int:urn>/", school_overview, name="school"),
    path("pupil-data/<int:urn>/pupils/", pupil_list, name="pupil-list"),
    path("pupil-data/<int:urn>/pupils/export.csv", pupil_export, name="cohort-export"),
    path("pupil-data/<int:urn>/pupils/<int:record_id>/", pupil_detail, name="pupil-detail"),
]
