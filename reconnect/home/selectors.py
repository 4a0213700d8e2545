"""What a member's dashboard shows, read in a fixed number of queries however big the network.

Each panel is one query with its counts computed in SQL (subqueries), never a loop over
rows, so the dashboard costs the same for a member of one school and a member of three, and
the same on the 60-school demo as on all of London.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from reconnect.accounts.models import JoinRequest, User
from reconnect.accounts.rules import is_coordinator
from reconnect.accounts.selectors import pending_invitations
from reconnect.hub.models import Theme
from reconnect.schools.models import Membership, School, SystemLeaderScope
from reconnect.schools.roles import SchoolRole

# A school with fewer members than this has barely started: its lead is asked to invite staff.
FEW_MEMBERS = 3


class Step(StrEnum):
    PROFILE = "profile"
    MFA = "mfa"
    INVITE_STAFF = "invite_staff"
    PENDING_INVITATIONS = "pending_invitations"
    JOIN_REQUESTS = "join_requests"
    SIMILAR_SCHOOLS = "similar_schools"
    DIRECTORY = "directory"
    HUB_THEME = "hub_theme"
    SHARE_CASE_STUDY = "share_case_study"


@dataclass(frozen=True)
class NextStep:
    """One line of the checklist. ``done`` is None for suggestions that are never finished."""

    step: Step
    done: bool | None = None
    count: int | None = None
    school: School | None = None
    theme: Theme | None = None


@dataclass(frozen=True)
class ScopeSummary:
    """What a system leader oversees and how many open schools it has."""

    name: str
    is_trust: bool
    school_count: int


@dataclass(frozen=True)
class NetworkCounts:
    schools: int
    members: int
    pending_join_requests: int
    pending_invitations: int


@dataclass(frozen=True)
class Dashboard:
    memberships: list[Membership]
    next_steps: list[NextStep]
    scopes: list[ScopeSummary]
    network: NetworkCounts | None

    @property
    def outstanding(self) -> int:
        return sum(1 for step in self.next_steps if step.done is False)


def _count(queryset: QuerySet[Any], group_by: str) -> Coalesce:
    """A correlated COUNT(*) subquery over ``queryset`` grouped by one column, 0 if empty."""
    counted = queryset.order_by().values(group_by).annotate(total=Count("pk")).values("total")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def memberships_with_counts(*, user: Any) -> QuerySet[Membership]:
    """The user's memberships with their school, its members and its pending invitations."""
    return (
        Membership.objects.filter(user=user)
        .select_related("school__local_authority", "school__trust")
        .annotate(
            school_member_count=_count(
                Membership.objects.filter(school=OuterRef("school")), "school"
            ),
            school_pending_invitations=_count(
                pending_invitations().filter(school=OuterRef("school")), "school"
            ),
        )
        .order_by("school__name")
    )


def scopes_with_counts(*, user: Any) -> QuerySet[SystemLeaderScope]:
    """A system leader's trusts and boroughs, each with its number of open schools."""
    open_schools = School.objects.filter(is_open=True)
    return (
        SystemLeaderScope.objects.filter(user=user)
        .select_related("trust", "local_authority")
        .annotate(
            trust_schools=_count(open_schools.filter(trust=OuterRef("trust")), "trust"),
            borough_schools=_count(
                open_schools.filter(local_authority=OuterRef("local_authority")),
                "local_authority",
            ),
        )
        .order_by("pk")
    )


def network_counts() -> NetworkCounts:
    """The whole network at a glance, for coordinators: four COUNT queries."""
    return NetworkCounts(
        schools=School.objects.filter(memberships__isnull=False).distinct().count(),
        members=User.objects.filter(is_active=True, memberships__isnull=False).distinct().count(),
        pending_join_requests=JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count(),
        pending_invitations=pending_invitations().count(),
    )


def next_steps(
    *,
    user: Any,
    memberships: list[Membership],
    first_theme: Theme | None,
    has_mfa: bool,
    network: NetworkCounts | None,
) -> list[NextStep]:
    """The checklist, from state already read: no queries of its own."""
    steps = [
        NextStep(Step.PROFILE, done=bool(user.job_title) and first_theme is not None),
        NextStep(Step.MFA, done=has_mfa),
    ]
    led = [m for m in memberships if m.role == SchoolRole.SCHOOL_LEAD]
    for membership in led:
        if membership.school_member_count < FEW_MEMBERS:  # type: ignore[attr-defined]
            steps.append(NextStep(Step.INVITE_STAFF, done=False, school=membership.school))
    waiting = sum(m.school_pending_invitations for m in led)  # type: ignore[attr-defined]
    if waiting:
        steps.append(NextStep(Step.PENDING_INVITATIONS, count=waiting))
    if network is not None and network.pending_join_requests:
        steps.append(NextStep(Step.JOIN_REQUESTS, done=False, count=network.pending_join_requests))
    steps.extend(NextStep(Step.SIMILAR_SCHOOLS, school=m.school) for m in memberships)
    # What works on the member's first theme (the Hub's home until they choose themes).
    steps.append(NextStep(Step.HUB_THEME, theme=first_theme))
    steps.append(NextStep(Step.DIRECTORY))
    steps.append(NextStep(Step.SHARE_CASE_STUDY))
    return steps


def dashboard(*, user: Any) -> Dashboard:
    """Everything the dashboard shows for ``user``: 4 queries, 8 for coordinators."""
    memberships = list(memberships_with_counts(user=user))
    scopes = [
        ScopeSummary(
            name=str(scope.trust or scope.local_authority),
            is_trust=scope.trust_id is not None,
            school_count=scope.trust_schools if scope.trust_id else scope.borough_schools,  # type: ignore[attr-defined]
        )
        for scope in scopes_with_counts(user=user)
    ]
    network = network_counts() if is_coordinator(user) else None
    return Dashboard(
        memberships=memberships,
        next_steps=next_steps(
            user=user,
            memberships=memberships,
            first_theme=user.themes.order_by("position", "name").first(),
            has_mfa=is_mfa_enabled(user),
            network=network,
        ),
        scopes=scopes,
        network=network,
    )
