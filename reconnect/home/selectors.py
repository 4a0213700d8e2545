"""What a member's dashboard shows, read in a fixed number of queries however big the network.

Each panel is one query with its counts computed in SQL (subqueries), never a loop over
rows, so the dashboard costs the same for a member of one school and a member of three, and
the same on the 60-school demo as on all of London. Where the ORM took longer to build a
panel's query than the database to run it (correlated counts, on the most visited page), the
query is written in SQL, with the models' table names.
"""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from reconnect.accounts.models import JoinRequest, User
from reconnect.accounts.rules import is_coordinator
from reconnect.accounts.selectors import pending_invitations
from reconnect.hub.models import Theme
from reconnect.schools.models import LocalAuthority, Membership, School, SystemLeaderScope, Trust
from reconnect.schools.roles import SchoolRole
from reconnect.selfeval.models import (
    Answer,
    Framework,
    Review,
    ReviewStatus,
    Statement,
    VersionStatus,
)
from reconnect.selfeval.selectors.actions import DUE_LIMIT, PlannedAction, actions_due
from reconnect.selfeval.selectors.reviews import RECONNECT_FRAMEWORK
from reconnect.spectrum.models import Snapshot
from reconnect.spectrum.rules import PUPIL_ROLES

# A school with fewer members than this has barely started: its lead is asked to invite staff.
FEW_MEMBERS = 3
# A self-evaluation submitted within this many days is current; after it, the lead is asked
# to review again (schools revisit their practice once a year).
REVIEW_CURRENT_DAYS = 365
# Pupil data older than about a half-term is worth refreshing: attendance and statuses move.
PUPIL_DATA_CURRENT_DAYS = 56


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
    SELF_EVALUATION = "self_evaluation"
    PUPIL_DATA = "pupil_data"


class ReviewState(StrEnum):
    """Where a school lead's self-evaluation stands, for the dashboard's next step."""

    START = "start"  # no review yet
    CONTINUE = "continue"  # one is open
    CURRENT = "current"  # submitted within the last year
    DUE_AGAIN = "due_again"  # the latest was submitted over a year ago


@dataclass(frozen=True)
class ReviewProgress:
    state: ReviewState
    review: Review | None = None
    answered: int = 0
    total: int = 0


@dataclass(frozen=True)
class NextStep:
    """One line of the checklist. ``done`` is None for suggestions that are never finished."""

    step: Step
    done: bool | None = None
    count: int | None = None
    school: School | None = None
    theme: Theme | None = None
    review: ReviewProgress | None = None
    # For PUPIL_DATA: the school's latest snapshot ({"as_at_date", "pupil_count"}), if any.
    snapshot: dict[str, Any] | None = None


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
class ActionsDue:
    """The user's schools' actions not done and due within two weeks or overdue."""

    items: list[PlannedAction] = field(default_factory=list)
    more: bool = False  # more are due than the panel lists


@dataclass(frozen=True)
class Dashboard:
    memberships: list[Membership]
    next_steps: list[NextStep]
    scopes: list[ScopeSummary]
    network: NetworkCounts | None
    actions_due: ActionsDue = field(default_factory=ActionsDue)

    @property
    def outstanding(self) -> int:
        return sum(1 for step in self.next_steps if step.done is False)


def _count(queryset: QuerySet[Any], group_by: str) -> Coalesce:
    """A correlated COUNT(*) subquery over ``queryset`` grouped by one column, 0 if empty."""
    counted = queryset.order_by().values(group_by).annotate(total=Count("pk")).values("total")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def memberships_with_counts(*, user: Any) -> list[Membership]:
    """The user's memberships with their school, its members (``school_member_count``) and,
    for the schools they lead, its pending invitations (``school_pending_invitations``, 0
    elsewhere: only a lead sees them). One query, and one more for a school lead.

    The member count is a subquery in SQL: the ORM's correlated ``Subquery`` cost far more
    to build than to run on the most visited page.
    """
    table = Membership._meta.db_table
    member_count = RawSQL(  # noqa: S611 (the model's table name; no value from outside)
        f"SELECT COUNT(*) FROM {table} AS others WHERE others.school_id = {table}.school_id",  # noqa: S608
        [],
        output_field=IntegerField(),
    )
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("school__local_authority", "school__trust")
        .annotate(school_member_count=member_count)
        .order_by("school__name")
    )
    led = [m.school_id for m in memberships if m.role == SchoolRole.SCHOOL_LEAD]
    waiting = (
        dict(
            pending_invitations()
            .filter(school_id__in=led)
            .values_list("school_id")
            .annotate(total=Count("pk"))
            .values_list("school_id", "total")
        )
        if led
        else {}
    )
    for membership in memberships:
        membership.school_pending_invitations = waiting.get(membership.school_id, 0)
    return memberships


def scope_summaries(*, user: Any) -> list[ScopeSummary]:
    """A system leader's trusts and boroughs, each with its number of open schools: one
    query, in SQL because the ORM's two correlated subqueries cost far more to build than to
    run, and nearly every member has no scope at all."""
    school = School._meta.db_table
    sql = f"""
        SELECT COALESCE(trust.name, borough.name),
            scope.trust_id IS NOT NULL,
            CASE WHEN scope.trust_id IS NOT NULL
                THEN (SELECT COUNT(*) FROM {school} s
                      WHERE s.is_open = %s AND s.trust_id = scope.trust_id)
                ELSE (SELECT COUNT(*) FROM {school} s
                      WHERE s.is_open = %s AND s.local_authority_id = scope.local_authority_id)
            END
        FROM {SystemLeaderScope._meta.db_table} scope
        LEFT JOIN {Trust._meta.db_table} trust ON trust.id = scope.trust_id
        LEFT JOIN {LocalAuthority._meta.db_table} borough ON borough.id = scope.local_authority_id
        WHERE scope.user_id = %s
        ORDER BY scope.id
    """  # noqa: S608 (table names from the models; every value is a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, True, user.pk])
        rows = cursor.fetchall()
    return [
        ScopeSummary(name=name, is_trust=bool(is_trust), school_count=count)
        for name, is_trust, count in rows
    ]


def first_theme(*, user: Any) -> Theme | None:
    """The member's first theme (by the Hub's order), or None: one query, in SQL for the
    reason the others are."""
    chosen = User.themes.through._meta.db_table
    sql = f"""
        SELECT theme.* FROM {Theme._meta.db_table} theme
        INNER JOIN {chosen} chosen ON chosen.theme_id = theme.id
        WHERE chosen.user_id = %s
        ORDER BY theme.position, theme.name
        LIMIT 1
    """  # noqa: S608 (table names from the models; every value is a parameter)
    return next(iter(Theme.objects.raw(sql, [user.pk])), None)


def network_counts() -> NetworkCounts:
    """The whole network at a glance, for coordinators: four COUNT queries."""
    return NetworkCounts(
        schools=School.objects.filter(memberships__isnull=False).distinct().count(),
        members=User.objects.filter(is_active=True, memberships__isnull=False).distinct().count(),
        pending_join_requests=JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count(),
        pending_invitations=pending_invitations().count(),
    )


def led_school_reviews(*, school_ids: list[int]) -> list[Review]:
    """Each led school's open review and latest submitted review of the Reconnect
    framework, with the open ones' answered and total statements counted in SQL: one query."""
    if not school_ids:
        return []
    answered = Answer.objects.filter(review=OuterRef("pk"), level__isnull=False)
    statements = Statement.objects.filter(domain__version=OuterRef("version"))
    return list(
        Review.objects.filter(school_id__in=school_ids, framework__slug=RECONNECT_FRAMEWORK)
        .filter(Q(status=ReviewStatus.IN_PROGRESS) | Q(is_latest=True))
        .annotate(
            answered_count=_count(answered, "review"),
            statement_count=_count(statements, "domain__version"),
        )
        .order_by("pk")
    )


def reconnect_framework_published() -> bool:
    return Framework.objects.filter(
        slug=RECONNECT_FRAMEWORK, versions__status=VersionStatus.PUBLISHED
    ).exists()


def review_progress(
    reviews: list[Review], *, school_id: int, today: datetime.date
) -> ReviewProgress:
    """Where one school's self-evaluation stands, from ``led_school_reviews``' rows."""
    mine = [r for r in reviews if r.school_id == school_id]
    open_review = next((r for r in mine if r.status == ReviewStatus.IN_PROGRESS), None)
    if open_review is not None:
        return ReviewProgress(
            ReviewState.CONTINUE,
            review=open_review,
            answered=open_review.answered_count,  # type: ignore[attr-defined]
            total=open_review.statement_count,  # type: ignore[attr-defined]
        )
    latest = next((r for r in mine if r.is_latest), None)
    if latest is None or latest.submitted_at is None:
        return ReviewProgress(ReviewState.START)
    age = today - timezone.localdate(latest.submitted_at)
    if age.days <= REVIEW_CURRENT_DAYS:
        return ReviewProgress(ReviewState.CURRENT, review=latest)
    return ReviewProgress(ReviewState.DUE_AGAIN, review=latest)


def next_steps(
    *,
    user: Any,
    memberships: list[Membership],
    first_theme: Theme | None,
    has_mfa: bool,
    network: NetworkCounts | None,
    reviews: list[Review] | None = None,
    can_start_reviews: bool = False,
    today: datetime.date | None = None,
    snapshots: dict[int, dict[str, Any]] | None = None,
) -> list[NextStep]:
    """The checklist, from state already read: no queries of its own.

    ``reviews`` are the led schools' reviews (``led_school_reviews``); a lead whose school
    has none is asked to start one only if ``can_start_reviews`` (a framework is published).
    """
    steps = [
        NextStep(Step.PROFILE, done=bool(user.job_title) and first_theme is not None),
        NextStep(Step.MFA, done=has_mfa),
    ]
    led = [m for m in memberships if m.role == SchoolRole.SCHOOL_LEAD]
    for membership in led:
        if membership.school_member_count < FEW_MEMBERS:  # type: ignore[attr-defined]
            steps.append(NextStep(Step.INVITE_STAFF, done=False, school=membership.school))
    today = today or timezone.localdate()
    for membership in led:
        progress = review_progress(reviews or [], school_id=membership.school_id, today=today)
        if progress.state == ReviewState.START and not can_start_reviews:
            continue
        steps.append(
            NextStep(
                Step.SELF_EVALUATION,
                done=progress.state == ReviewState.CURRENT,
                school=membership.school,
                review=progress,
            )
        )
    for membership in memberships:
        if membership.role not in PUPIL_ROLES:
            continue
        snapshot = (snapshots or {}).get(membership.school_id)
        current = snapshot is not None and (
            (today - snapshot["as_at_date"]).days <= PUPIL_DATA_CURRENT_DAYS
        )
        steps.append(
            NextStep(Step.PUPIL_DATA, done=current, school=membership.school, snapshot=snapshot)
        )
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


def latest_snapshots(*, school_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each school's latest pupil-data snapshot, by school id: one query (none without ids)."""
    if not school_ids:
        return {}
    rows = Snapshot.objects.filter(school_id__in=school_ids, is_latest=True).values(
        "school_id", "as_at_date", "pupil_count"
    )
    return {row["school_id"]: dict(row) for row in rows}


def due_actions(*, school_ids: list[int], today: datetime.date) -> ActionsDue:
    """The "Actions due" panel: one query (none without a school)."""
    rows = actions_due(school_ids=school_ids, today=today, limit=DUE_LIMIT)
    return ActionsDue(items=rows[:DUE_LIMIT], more=len(rows) > DUE_LIMIT)


def dashboard(*, user: Any) -> Dashboard:
    """Everything the dashboard shows for ``user``: 5 queries for a member (the user's
    memberships, scopes, first theme, second factor, actions due), 1 more to read the due
    actions when there are some, 3 more for a school lead (invitations waiting at their
    schools, their reviews, whether a framework is published), 1 more for a school or data
    lead (their schools' latest pupil data), 4 more for coordinators."""
    today = timezone.localdate()
    memberships = memberships_with_counts(user=user)
    led_ids = [m.school_id for m in memberships if m.role == SchoolRole.SCHOOL_LEAD]
    reviews = led_school_reviews(school_ids=led_ids)
    can_start_reviews = bool(led_ids) and reconnect_framework_published()
    scopes = scope_summaries(user=user)
    network = network_counts() if is_coordinator(user) else None
    return Dashboard(
        memberships=memberships,
        next_steps=next_steps(
            user=user,
            memberships=memberships,
            first_theme=first_theme(user=user),
            has_mfa=is_mfa_enabled(user),
            network=network,
            reviews=reviews,
            can_start_reviews=can_start_reviews,
            today=today,
            snapshots=latest_snapshots(
                school_ids=[m.school_id for m in memberships if m.role in PUPIL_ROLES]
            ),
        ),
        scopes=scopes,
        network=network,
        actions_due=due_actions(school_ids=[m.school_id for m in memberships], today=today),
    )
