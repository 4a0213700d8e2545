"""Reviews, answers and progress, scoped to the caller's schools."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from reconnect.accounts.selectors import member_school_ids
from reconnect.schools.models import Membership
from reconnect.selfeval.models import (
    Answer,
    AnswerChange,
    Domain,
    Framework,
    FrameworkVersion,
    ReportShare,
    Review,
    ReviewContributor,
    ReviewStatus,
    Statement,
    VersionStatus,
)

RECONNECT_FRAMEWORK = "reconnect"


def latest_published_version(framework: Framework) -> FrameworkVersion | None:
    return (
        FrameworkVersion.objects.filter(framework=framework, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )


def frameworks_with_published_versions() -> QuerySet[Framework]:
    published = FrameworkVersion.objects.filter(
        framework=OuterRef("pk"), status=VersionStatus.PUBLISHED
    )
    return Framework.objects.filter(Exists(published)).order_by("name")


def version_with_content(version_id: int) -> QuerySet[FrameworkVersion]:
    """A version with its domains, their themes and statements, in three queries."""
    return FrameworkVersion.objects.filter(pk=version_id).prefetch_related(
        Prefetch(
            "domains",
            queryset=Domain.objects.order_by("sort_order", "pk").prefetch_related(
                "themes",
                Prefetch("statements", queryset=Statement.objects.order_by("sort_order", "pk")),
            ),
        )
    )


def _member_school_ids(user: Any) -> QuerySet[Membership, int]:
    return member_school_ids(user)


def reviews_of_my_schools(user: Any) -> QuerySet[Review]:
    """Every review of every school the user belongs to (their own, never another's)."""
    if not (user.is_authenticated and user.is_active):
        return Review.objects.none()
    return Review.objects.filter(school_id__in=_member_school_ids(user)).select_related(
        "school", "version__framework", "started_by", "submitted_by"
    )


def review_for_member(user: Any) -> QuerySet[Review]:
    """For fetching one review by id: the user's schools' reviews with contributors loaded."""
    return reviews_of_my_schools(user).prefetch_related(
        Prefetch("contributors", queryset=ReviewContributor.objects.select_related("user"))
    )


def reports_visible_to(user: Any) -> QuerySet[Review]:
    """Submitted reviews this user may read: their schools' own, and those shared with them.

    A share to a school reaches that school's members; a share to a trust reaches the
    members of the trust's schools and the trust's system leaders. Withdrawn shares reach
    nobody.
    """
    if not (user.is_authenticated and user.is_active):
        return Review.objects.none()
    my_schools = _member_school_ids(user)
    my_trusts = Membership.objects.filter(user=user, school__trust__isnull=False).values(
        "school__trust_id"
    )
    led_trusts = user.system_leader_scopes.filter(trust__isnull=False).values("trust_id")
    shared = ReportShare.objects.filter(review=OuterRef("pk"), revoked_at__isnull=True).filter(
        Q(school_id__in=my_schools) | Q(trust_id__in=my_trusts) | Q(trust_id__in=led_trusts)
    )
    return (
        Review.objects.filter(status=ReviewStatus.SUBMITTED)
        .filter(Q(school_id__in=my_schools) | Exists(shared))
        .select_related("school__local_authority", "version__framework", "submitted_by")
    )


def reports_shared_with(user: Any) -> QuerySet[Review]:
    """Reports other schools have shared with this user (not their own schools')."""
    return (
        reports_visible_to(user)
        .exclude(school_id__in=_member_school_ids(user))
        .order_by("-submitted_at", "-pk")
    )


def answers_by_statement(review: Review) -> dict[int, Answer]:
    answers = Answer.objects.filter(review=review).select_related("updated_by")
    return {answer.statement_id: answer for answer in answers}


@dataclass(frozen=True)
class DomainProgress:
    domain: Domain
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def progress(version: FrameworkVersion, answers: dict[int, Answer]) -> list[DomainProgress]:
    """How many statements of each domain have a level; ``version`` has its content loaded."""
    rows = []
    for domain in version.domains.all():
        statements = list(domain.statements.all())
        answered = sum(1 for s in statements if s.pk in answers and answers[s.pk].level is not None)
        rows.append(DomainProgress(domain=domain, answered=answered, total=len(statements)))
    return rows


def unanswered_statements(review: Review) -> list[Statement]:
    """The review's statements with no level yet, in the framework's order."""
    answered = Answer.objects.filter(review=review, level__isnull=False).values("statement_id")
    return list(
        Statement.objects.filter(domain__version_id=review.version_id)
        .exclude(pk__in=answered)
        .select_related("domain")
        .order_by("domain__sort_order", "domain__pk", "sort_order", "pk")
    )


def answer_history(review: Review) -> dict[int, list[AnswerChange]]:
    """Every save of every answer, oldest first, keyed by statement id (one query)."""
    rows = (
        AnswerChange.objects.filter(answer__review=review)
        .select_related("changed_by", "answer")
        .order_by("answer__statement_id", "revision")
    )
    history: dict[int, list[AnswerChange]] = defaultdict(list)
    for change in rows:
        history[change.answer.statement_id].append(change)
    return dict(history)
