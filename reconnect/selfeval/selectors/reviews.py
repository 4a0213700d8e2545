"""Reviews, answers and progress, scoped to the caller's schools."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection
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


def review_for_answering(user: Any, review_id: int) -> Review | None:
    """One of the user's schools' reviews, as saving an answer needs it, in one query.

    Annotated with ``viewer_role`` (the user's role at the review's school) and
    ``viewer_invited`` (whether its lead invited them), all ``rules.may_answer`` reads; None
    for another school's review, as if it did not exist. Only the review's own ids and
    status are read: the save's fragment shows the statement alone.

    Written in SQL because the ORM took about a millisecond to build this query, thirty
    times what the query takes to run, on the review page's most frequent request.
    """
    if not (user.is_authenticated and user.is_active):
        return None
    sql = f"""
        SELECT r.id, r.school_id, r.version_id, r.status, m.role AS viewer_role,
            EXISTS (
                SELECT 1 FROM {ReviewContributor._meta.db_table} c
                WHERE c.review_id = r.id AND c.user_id = %s
            ) AS viewer_invited
        FROM {Review._meta.db_table} r
        INNER JOIN {Membership._meta.db_table} m ON m.school_id = r.school_id AND m.user_id = %s
        WHERE r.id = %s
    """  # noqa: S608 (table names from the models; every value is a parameter)
    review = next(iter(Review.objects.raw(sql, [user.pk, user.pk, review_id])), None)
    if review is not None:
        review.viewer_invited = bool(review.viewer_invited)  # type: ignore[attr-defined]
    return review


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


@dataclass(frozen=True)
class SaveProgress:
    """The progress lines a save updates: its domain's, and the whole review's."""

    domain: DomainProgress
    answered: int
    total: int


def progress_after_save(review: Review, domain: Domain) -> SaveProgress:
    """How many of ``domain``'s and of the review's statements have a level, and how many
    there are: one query over the version's statements and this review's answers.

    In SQL for the reason ``review_for_answering`` is: every save shows these counts.
    """
    sql = f"""
        SELECT COUNT(*),
            COUNT(a.id),
            COUNT(CASE WHEN s.domain_id = %s THEN 1 END),
            COUNT(CASE WHEN s.domain_id = %s THEN a.id END)
        FROM {Statement._meta.db_table} s
        INNER JOIN {Domain._meta.db_table} d ON d.id = s.domain_id
        LEFT JOIN {Answer._meta.db_table} a
            ON a.statement_id = s.id AND a.review_id = %s AND a.level IS NOT NULL
        WHERE d.version_id = %s
    """  # noqa: S608 (table names from the models; every value is a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [domain.pk, domain.pk, review.pk, review.version_id])
        total, answered, domain_total, domain_answered = cursor.fetchone()
    return SaveProgress(
        domain=DomainProgress(domain=domain, answered=domain_answered, total=domain_total),
        answered=answered,
        total=total,
    )


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
