"""Reads for the school and member directories and for schools like mine.

The directory is network-wide: every signed-in member may see every school's context and
every member's professional profile, so these querysets are not scoped to the caller's
school. They hold no pupil data. The HTML views and the JSON API both call these.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import (
    Case,
    Exists,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    When,
)
from django.db.models.functions import Cast
from django.db.models.query import QuerySet

from reconnect.hub.models import Theme
from reconnect.schools.analysis.similarity import FEATURES, Match, most_similar_in
from reconnect.schools.models import LocalAuthority, Membership, School, Trust
from reconnect.schools.roles import SchoolRole

User = get_user_model()

SORT_ORDERS = {"name": ("name", "urn"), "-name": ("-name", "-urn")}


@dataclass(frozen=True)
class SchoolSearch:
    """What a directory search asks for; blank fields do not filter."""

    query: str = ""
    local_authority: LocalAuthority | None = None
    phase: str = ""
    establishment_type: str = ""
    trust: Trust | None = None
    sort: str = "name"


@dataclass(frozen=True)
class MemberSearch:
    query: str = ""
    local_authority: LocalAuthority | None = None
    phase: str = ""
    school_urn: int | None = None
    theme: Theme | None = None
    open_to_contact: bool = False


@dataclass(frozen=True)
class SimilarSchool:
    school: School
    match: Match


def school_list(*, search: SchoolSearch | None = None) -> QuerySet[School]:
    """Open schools matching the search, with their borough and trust loaded."""
    search = search or SchoolSearch()
    schools = School.objects.filter(is_open=True).select_related("local_authority", "trust")
    query = search.query.strip()
    if query:
        matches = Q(name__icontains=query) | Q(postcode__istartswith=query)
        # ASCII only: "²" passes str.isdigit() yet int() rejects it, and "١٢" would be 12.
        if query.isascii() and query.isdigit():
            matches |= Q(urn=int(query))
        schools = schools.filter(matches)
    if search.local_authority is not None:
        schools = schools.filter(local_authority=search.local_authority)
    if search.phase:
        schools = schools.filter(phase=search.phase)
    if search.establishment_type:
        schools = schools.filter(establishment_type=search.establishment_type)
    if search.trust is not None:
        schools = schools.filter(trust=search.trust)
    return schools.order_by(*SORT_ORDERS.get(search.sort, SORT_ORDERS["name"]))


def school_profile_queryset(*, with_members: bool = False) -> QuerySet[School]:
    """Every school, open or closed, for profile pages (a closed school keeps its page).

    ``with_members`` loads the active members there, school leads first, as
    ``school.network_members``.
    """
    schools = School.objects.select_related("local_authority", "trust")
    if with_members:
        schools = schools.prefetch_related(
            Prefetch("memberships", queryset=_members_at_school(), to_attr="network_members")
        )
    return schools


def establishment_types() -> list[str]:
    """The types of establishment open schools have, for the directory's filter."""
    return list(
        School.objects.filter(is_open=True)
        .order_by("establishment_type")
        .values_list("establishment_type", flat=True)
        .distinct()
    )


def trusts_with_open_schools() -> QuerySet[Trust]:
    return Trust.objects.filter(
        Exists(School.objects.filter(trust=OuterRef("pk"), is_open=True))
    ).order_by("name")


def school_memberships(*, school: School) -> QuerySet[Membership]:
    """The network members at a school, school leads first."""
    return _members_at_school().filter(school=school)


def _members_at_school() -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user__is_active=True)
        .select_related("user")
        .order_by(_role_order(), "user__last_name", "user__first_name", "pk")
    )


def member_list(*, search: MemberSearch | None = None) -> QuerySet[Any]:
    """Active members matching the search, with their schools and themes loaded."""
    search = search or MemberSearch()
    members = User.objects.filter(is_active=True)
    for word in search.query.split():
        members = members.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(job_title__icontains=word)
        )
    # One membership must satisfy every school condition (a lead in Camden who is also
    # staff at a Southwark secondary is not a "Camden secondary" member).
    at_school = Q()
    if search.local_authority is not None:
        at_school &= Q(school__local_authority=search.local_authority)
    if search.phase:
        at_school &= Q(school__phase=search.phase)
    if search.school_urn is not None:
        at_school &= Q(school__urn=search.school_urn)
    if at_school:
        members = members.filter(Exists(Membership.objects.filter(at_school, user=OuterRef("pk"))))
    if search.theme is not None:
        members = members.filter(themes=search.theme)
    if search.open_to_contact:
        members = members.filter(open_to_contact=True)
    return _with_profile(members).order_by("last_name", "first_name", "pk")


def member_profile_queryset() -> QuerySet[Any]:
    return _with_profile(User.objects.filter(is_active=True))


def _with_profile(users: QuerySet[Any]) -> QuerySet[Any]:
    return users.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("school__local_authority").order_by(
                "school__name", "pk"
            ),
        ),
        Prefetch("themes", queryset=Theme.objects.order_by("position", "name")),
    )


def _role_order() -> Case:
    return Case(
        When(role=SchoolRole.SCHOOL_LEAD, then=0),
        When(role=SchoolRole.DATA_LEAD, then=1),
        default=2,
        output_field=IntegerField(),
    )


# --- Schools like mine -----------------------------------------------------------------------

# The five context figures as floats, in the order of ``similarity.FEATURES``, computed by
# the database: thousands of Decimals and model rows would cost more than the arithmetic.
_CONTEXT_COLUMNS = {
    "f_roll": Cast("number_on_roll", FloatField()),
    "f_fsm": Cast("percent_fsm", FloatField()),
    "f_eal": Cast("percent_eal", FloatField()),
    # As School.percent_sen: both SEN figures together, unknown unless both are known (a
    # sum with NULL is NULL in SQL).
    "f_sen": Cast("percent_sen_support", FloatField()) + Cast("percent_ehcp", FloatField()),
    "f_attendance": Cast("attendance_percent", FloatField()),
}


def school_similar(*, school: School, count: int = 10) -> list[SimilarSchool]:
    """The open schools of the same phase most like ``school`` on context, nearest first."""
    phase = (
        School.objects.filter(phase=school.phase)
        .filter(Q(is_open=True) | Q(pk=school.pk))
        .annotate(**_CONTEXT_COLUMNS)
        .values_list("urn", *_CONTEXT_COLUMNS)
        .order_by()
    )
    # Plain tuples straight from the cursor into numpy: the ORM's per-row machinery would
    # be most of the profile page's time for a phase of 1,700 schools.
    sql, params = phase.query.sql_with_params()
    with connections[phase.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = np.array(cursor.fetchall(), dtype=np.float64).reshape(-1, 1 + len(FEATURES))
    matches = most_similar_in(school.urn, rows[:, 0].astype(np.int64), rows[:, 1:], count=count)
    schools = school_profile_queryset().in_bulk([m.key for m in matches], field_name="urn")
    return [SimilarSchool(school=schools[m.key], match=m) for m in matches]
