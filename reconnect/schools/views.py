"""The school and member directories, school and member profiles, and schools like mine.

All network-wide for signed-in members (no school scoping: the directory holds professional
profiles and published school context, never pupil data). Lists answer htmx requests with
their results fragment only.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from reconnect.core.htmx import is_htmx
from reconnect.hub import selectors as hub_selectors
from reconnect.schools import selectors
from reconnect.schools.forms import MemberSearchForm, SchoolSearchForm

PAGE_SIZE = 25
PROFILE_SIMILAR_COUNT = 5


def _page(request: HttpRequest, items: QuerySet[Any]) -> Page[Any]:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _list_template(request: HttpRequest, template: str) -> str:
    return f"{template}#results" if is_htmx(request) else template


@login_required
def school_directory(request: HttpRequest) -> HttpResponse:
    form = SchoolSearchForm(request.GET or None)
    page = _page(request, selectors.school_list(search=form.search()))
    return render(
        request,
        _list_template(request, "schools/directory.html"),
        {"form": form, "page": page, "htmx": is_htmx(request)},
    )


@login_required
def school_detail(request: HttpRequest, urn: int) -> HttpResponse:
    school = get_object_or_404(selectors.school_profile_queryset(with_members=True), urn=urn)
    return render(
        request,
        "schools/detail.html",
        {
            "school": school,
            "memberships": school.network_members,  # type: ignore[attr-defined]
            "similar": selectors.school_similar(school=school, count=PROFILE_SIMILAR_COUNT),
            "case_studies": hub_selectors.case_studies_of_school(request.user, school),
        },
    )


@login_required
def school_similar(request: HttpRequest, urn: int) -> HttpResponse:
    school = get_object_or_404(selectors.school_profile_queryset(), urn=urn)
    return render(
        request,
        "schools/similar.html",
        {"school": school, "similar": selectors.school_similar(school=school)},
    )


@login_required
def member_directory(request: HttpRequest) -> HttpResponse:
    form = MemberSearchForm(request.GET or None)
    page = _page(request, selectors.member_list(search=form.search()))
    return render(
        request,
        _list_template(request, "schools/member_directory.html"),
        {"form": form, "page": page, "htmx": is_htmx(request)},
    )


@login_required
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(selectors.member_profile_queryset(), pk=pk)
    return render(request, "schools/member_detail.html", {"member": member})
