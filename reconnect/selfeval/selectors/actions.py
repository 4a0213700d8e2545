"""Reads for action plans: one review's plan, the choices its forms offer, and what is due.

A plan is read in a fixed number of queries (the version's domains, the review's scores,
its actions with their owners and interventions), however many actions it holds.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet

from reconnect.accounts.models import User
from reconnect.hub.models import InterventionPage
from reconnect.hub.selectors import interventions_visible_to
from reconnect.selfeval.analysis import scoring
from reconnect.selfeval.models import Action, ActionStatus, Domain, DomainScore, Review
from reconnect.selfeval.selectors.reports import level_words

# The dashboard's window: actions due within this many days, and every overdue one.
DUE_WITHIN_DAYS = 14
DUE_LIMIT = 10


def is_overdue(action: Action, today: datetime.date) -> bool:
    return (
        action.due_date is not None
        and action.due_date < today
        and action.status != ActionStatus.DONE
    )


@dataclass(frozen=True)
class PlannedAction:
    action: Action
    overdue: bool


@dataclass
class PlanSection:
    """One domain of the plan: its score, whether the report made it a priority, actions."""

    domain: Domain
    score: float | None
    is_priority: bool
    actions: list[PlannedAction] = field(default_factory=list)

    @property
    def level_words(self) -> str:
        return "" if self.score is None else level_words(self.score)


@dataclass(frozen=True)
class PlanCounts:
    total: int
    not_started: int
    in_progress: int
    done: int
    overdue: int


@dataclass
class Plan:
    review: Review
    domains: list[Domain]
    # The report's priorities, weakest first, each with its actions (maybe none yet).
    priorities: list[PlanSection]
    # Every other domain that has actions, in the framework's order.
    others: list[PlanSection]

    def section(self, code: str) -> PlanSection | None:
        for found in (*self.priorities, *self.others):
            if found.domain.code == code:
                return found
        return None

    @property
    def counts(self) -> PlanCounts:
        items = [item for s in (*self.priorities, *self.others) for item in s.actions]
        statuses = [item.action.status for item in items]
        return PlanCounts(
            total=len(items),
            not_started=statuses.count(ActionStatus.NOT_STARTED),
            in_progress=statuses.count(ActionStatus.IN_PROGRESS),
            done=statuses.count(ActionStatus.DONE),
            overdue=sum(1 for item in items if item.overdue),
        )


def version_domains(review: Review) -> list[Domain]:
    return list(Domain.objects.filter(version_id=review.version_id).order_by("sort_order", "pk"))


def domain_scores(review: Review) -> dict[str, float]:
    """The review's score in each domain, by code (empty until it is submitted)."""
    rows = DomainScore.objects.filter(review=review).values_list("code", "score").order_by()
    return {code: float(score) for code, score in rows}


def actions_of_review(review: Review) -> QuerySet[Action]:
    return (
        Action.objects.filter(review=review)
        .select_related("owner", "intervention", "domain")
        # Undated actions last on every database (SQLite sorts NULL first, PostgreSQL last).
        .order_by("domain__sort_order", "domain__pk", F("due_date").asc(nulls_last=True), "pk")
    )


def action_plan(review: Review, *, today: datetime.date) -> Plan:
    """The review's plan, priorities first: three queries."""
    domains = version_domains(review)
    scores = domain_scores(review)
    ranked = scoring.strengths_and_priorities(scores, [d.code for d in domains])
    sections = {
        d.code: PlanSection(domain=d, score=scores.get(d.code), is_priority=False) for d in domains
    }
    for action in actions_of_review(review):
        sections[action.domain.code].actions.append(
            PlannedAction(action=action, overdue=is_overdue(action, today))
        )
    priorities = []
    for code in ranked.priorities:
        sections[code].is_priority = True
        priorities.append(sections[code])
    others = [s for s in sections.values() if not s.is_priority and s.actions]
    return Plan(review=review, domains=domains, priorities=priorities, others=others)


def school_members(school_id: int) -> list[Any]:
    """The school's active members, who may own an action, by name."""
    return list(
        User.objects.filter(is_active=True, memberships__school_id=school_id)
        .order_by("first_name", "last_name", "email")
        .distinct()
    )


def intervention_choices(user: Any) -> list[InterventionPage]:
    """The Hub's interventions the user can read, by title, for an action's link."""
    return list(interventions_visible_to(user).order_by("title").only("pk", "title"))


def actions_due(
    *, school_ids: Iterable[int], today: datetime.date, limit: int = DUE_LIMIT
) -> list[PlannedAction]:
    """Actions of these schools not done and due within ``DUE_WITHIN_DAYS`` or overdue,
    soonest (so the most overdue) first. One more than ``limit`` is returned so the caller
    can say there are more.

    One query when none is due, as for most members on most days (the dashboard asks on
    every visit), and one more to read those that are: finding them is a short query in
    SQL, cheaper than the ORM builds the query that reads actions with their owners.
    """
    ids = list(school_ids)
    if not ids:
        return []
    horizon = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    marks = ", ".join(["%s"] * len(ids))
    sql = f"""
        SELECT id FROM {Action._meta.db_table}
        WHERE school_id IN ({marks}) AND due_date <= %s AND status <> %s
        ORDER BY due_date, id
        LIMIT %s
    """  # noqa: S608 (the model's table name; every value is a parameter)
    with connection.cursor() as cursor:
        # As the ORM would pass the date (text on SQLite, a date on PostgreSQL).
        due_by = connection.ops.adapt_datefield_value(horizon)
        cursor.execute(sql, [*ids, due_by, ActionStatus.DONE.value, limit + 1])
        due = [row[0] for row in cursor.fetchall()]
    if not due:
        return []
    rows = (
        Action.objects.filter(pk__in=due)
        .select_related("owner", "school", "domain")
        .order_by("due_date", "pk")
    )
    return [PlannedAction(action=a, overdue=is_overdue(a, today)) for a in rows]
