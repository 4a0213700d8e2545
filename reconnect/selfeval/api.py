"""The self-evaluation as JSON (``/api/v1/selfeval``): frameworks, and a school's own reviews.

Frameworks are the network's shared text: any signed-in member reads every published
version. Reviews, their answers and action plans belong to their school: the caller sees
their own schools' only, and another school's review is a 404, exactly as on the website.
A report is readable where the website shows it (the school's members, and whoever the
school shared it with). The same selectors serve the pages, so the two never disagree;
benchmark figures over fewer than five schools are withheld here too (``suppressed``).
"""

import datetime
from typing import Any, Literal

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, P, PathEx, Query, Router, Schema
from ninja.pagination import paginate

from reconnect.core.api_schema import INVALID, NOT_FOUND, BoundedPagination
from reconnect.selfeval.models import (
    Action,
    ActionStatus,
    Answer,
    Domain,
    DomainScore,
    FrameworkVersion,
    Level,
    Review,
    ReviewStatus,
    Statement,
    VersionStatus,
)
from reconnect.selfeval.selectors import actions as action_selectors
from reconnect.selfeval.selectors import reviews as selectors
from reconnect.selfeval.selectors.reports import (
    Benchmark,
    DomainRow,
    Report,
    ScoreRow,
    report_for,
)

router = Router(tags=["self-evaluation"])

SLUG = r"^[a-z0-9-]+$"
MAX_ID = 2**31 - 1
MAX_PAGE_SIZE = 100
ReviewId = PathEx[int, P(ge=1, le=MAX_ID)]


# --- Frameworks -------------------------------------------------------------------------------


class FrameworkOut(Schema):
    slug: str
    name: str
    summary: str
    latest_version: int = Field(description="The number of its latest published version")
    published_at: datetime.datetime = Field(description="When that version was published")


class LevelOut(Schema):
    value: int = Field(description="The score a statement at this level counts for")
    label: str


class ThemeRefOut(Schema):
    slug: str
    name: str


class DescriptorsOut(Schema):
    """What each level looks like for one statement."""

    not_yet: str
    emerging: str
    established: str
    embedded: str


class StatementOut(Schema):
    code: str = Field(description="Stays the same across versions")
    text: str
    evidence_prompt: str
    descriptors: DescriptorsOut

    @staticmethod
    def resolve_descriptors(statement: Statement) -> dict[str, str]:
        return {
            "not_yet": statement.not_yet,
            "emerging": statement.emerging,
            "established": statement.established,
            "embedded": statement.embedded,
        }


class DomainOut(Schema):
    code: str = Field(description="Stays the same across versions")
    title: str
    summary: str
    themes: list[ThemeRefOut] = Field(description="The Knowledge Hub themes it maps to")
    statements: list[StatementOut]

    @staticmethod
    def resolve_themes(domain: Domain) -> list[Any]:
        return list(domain.themes.all())

    @staticmethod
    def resolve_statements(domain: Domain) -> list[Statement]:
        return list(domain.statements.all())


class FrameworkVersionOut(Schema):
    framework: str = Field(description="The framework's slug")
    name: str
    version: int
    published_at: datetime.datetime
    introduction: str
    changes: str = Field(description="What changed since the previous version")
    levels: list[LevelOut] = Field(description="The rubric every statement is rated on")
    domains: list[DomainOut]

    @staticmethod
    def resolve_framework(version: FrameworkVersion) -> str:
        return version.framework.slug

    @staticmethod
    def resolve_name(version: FrameworkVersion) -> str:
        return version.framework.name

    @staticmethod
    def resolve_version(version: FrameworkVersion) -> int:
        return version.number

    @staticmethod
    def resolve_levels(version: FrameworkVersion) -> list[dict[str, Any]]:
        return [{"value": level.value, "label": str(level.label)} for level in Level]

    @staticmethod
    def resolve_domains(version: FrameworkVersion) -> list[Domain]:
        return list(version.domains.all())


@router.get(
    "/frameworks",
    response=list[FrameworkOut],
    url_name="selfeval-framework-list",
    operation_id="selfeval_framework_list",
    summary="Frameworks with a published version, and the number of their latest",
)
def framework_list(request: HttpRequest) -> Any:
    latest = FrameworkVersion.objects.filter(
        framework=OuterRef("pk"), status=VersionStatus.PUBLISHED
    ).order_by("-number")
    return (
        selectors.frameworks_with_published_versions()
        .annotate(
            latest_version=Subquery(latest.values("number")[:1]),
            published_at=Subquery(latest.values("published_at")[:1]),
        )
        .order_by("name")
    )


@router.get(
    "/frameworks/{slug}",
    response={200: FrameworkVersionOut, **NOT_FOUND, **INVALID},
    url_name="selfeval-framework-detail",
    operation_id="selfeval_framework_detail",
    summary="A framework's latest published version in full, or an older one",
)
def framework_detail(
    request: HttpRequest,
    slug: PathEx[str, P(max_length=60, pattern=SLUG)],
    version: int | None = Query(
        None, ge=1, le=32767, description="An older published version's number"
    ),
) -> Any:
    published = FrameworkVersion.objects.filter(
        framework__slug=slug, status=VersionStatus.PUBLISHED
    )
    if version is not None:
        published = published.filter(number=version)
    found = get_object_or_404(published.order_by("-number")[:1])
    return selectors.version_with_content(found.pk).select_related("framework").get()


# --- Reviews ----------------------------------------------------------------------------------


class SchoolRefOut(Schema):
    urn: int
    name: str


class ReviewOut(Schema):
    id: int
    school: SchoolRefOut
    framework: str = Field(description="The framework's slug")
    version: int = Field(description="The framework version it answers")
    title: str
    status: ReviewStatus
    started_at: datetime.datetime
    submitted_at: datetime.datetime | None
    overall_score: float | None = Field(
        description="The mean of the domain scores, 1 to 4, once submitted"
    )

    @staticmethod
    def resolve_framework(review: Review) -> str:
        return review.version.framework.slug

    @staticmethod
    def resolve_version(review: Review) -> int:
        return review.version.number

    @staticmethod
    def resolve_started_at(review: Review) -> datetime.datetime:
        return review.created_at


class AnswerOut(Schema):
    domain: str = Field(description="The domain's code")
    statement: str = Field(description="The statement's code")
    level: int | None = Field(description="1 to 4; null while only evidence is noted")
    level_label: str | None
    evidence: str
    revision: int = Field(description="How many times the answer has been saved")
    updated_by: str | None
    updated_at: datetime.datetime

    @staticmethod
    def resolve_domain(answer: Answer) -> str:
        return answer.statement.domain.code

    @staticmethod
    def resolve_statement(answer: Answer) -> str:
        return answer.statement.code

    @staticmethod
    def resolve_level_label(answer: Answer) -> str | None:
        return None if answer.level is None else str(Level(answer.level).label)

    @staticmethod
    def resolve_updated_by(answer: Answer) -> str | None:
        return None if answer.updated_by is None else str(answer.updated_by.display_name)


class DomainScoreOut(Schema):
    code: str
    score: float


class ReviewDetailOut(ReviewOut):
    scores: list[DomainScoreOut] = Field(description="Each domain's score, once submitted")
    answers: list[AnswerOut] = Field(description="In the framework's order")

    @staticmethod
    def resolve_scores(review: Review) -> list[Any]:
        return list(review.domain_scores.all())

    @staticmethod
    def resolve_answers(review: Review) -> list[Any]:
        return list(review.answers.all())


@router.get(
    "/reviews",
    response={200: list[ReviewOut], **INVALID},
    url_name="selfeval-review-list",
    operation_id="selfeval_review_list",
    summary="Your schools' reviews, newest first",
)
@paginate(BoundedPagination, page_size=25, max_page_size=MAX_PAGE_SIZE)
def review_list(request: HttpRequest) -> Any:
    return selectors.reviews_of_my_schools(request.user).order_by("-created_at", "-pk")


@router.get(
    "/reviews/{review_id}",
    response={200: ReviewDetailOut, **NOT_FOUND, **INVALID},
    url_name="selfeval-review-detail",
    operation_id="selfeval_review_detail",
    summary="One of your schools' reviews, with every answer",
)
def review_detail(request: HttpRequest, review_id: ReviewId) -> Any:
    answers = Answer.objects.select_related("statement__domain", "updated_by").order_by(
        "statement__domain__sort_order",
        "statement__domain__pk",
        "statement__sort_order",
        "statement__pk",
    )
    reviews = selectors.reviews_of_my_schools(request.user).prefetch_related(
        Prefetch("answers", queryset=answers),
        Prefetch("domain_scores", queryset=DomainScore.objects.order_by("domain__sort_order")),
    )
    return get_object_or_404(reviews, pk=review_id)


# --- Reports ----------------------------------------------------------------------------------


class BenchmarkOut(Schema):
    """The network's spread for the school's phase; figures withheld under five schools."""

    schools: int = Field(description="Schools of the phase with a score here")
    suppressed: bool = Field(description="True under five schools: no figures are given")
    lower_quartile: float | None
    median: float | None
    upper_quartile: float | None

    @staticmethod
    def resolve_lower_quartile(benchmark: Benchmark) -> float | None:
        return None if benchmark.spread is None else benchmark.spread.lower_quartile

    @staticmethod
    def resolve_median(benchmark: Benchmark) -> float | None:
        return None if benchmark.spread is None else benchmark.spread.median

    @staticmethod
    def resolve_upper_quartile(benchmark: Benchmark) -> float | None:
        return None if benchmark.spread is None else benchmark.spread.upper_quartile


class ScoreOut(Schema):
    score: float | None
    level: int | None = Field(description="The level nearest the score")
    level_words: str = Field(description='e.g. "between Emerging and Established"')
    previous_score: float | None = Field(description="In the school's previous review")
    change: float | None
    benchmark: BenchmarkOut
    position: Literal["below", "within", "above"] | None = Field(
        description="Against the middle half of the phase's schools; null when suppressed"
    )

    @staticmethod
    def resolve_level(row: ScoreRow) -> int | None:
        return None if row.nearest_level is None else int(row.nearest_level)

    @staticmethod
    def resolve_position(row: ScoreRow) -> str | None:
        return None if row.position is None else str(row.position)


class DomainReportOut(ScoreOut):
    code: str
    title: str

    @staticmethod
    def resolve_code(row: DomainRow) -> str:
        return row.domain.code

    @staticmethod
    def resolve_title(row: DomainRow) -> str:
        return row.domain.title


class PreviousReviewOut(Schema):
    title: str
    submitted_at: datetime.datetime | None


class ReportOut(Schema):
    review: ReviewOut
    phase: str = Field(description="The school's phase, whose benchmark this is")
    overall: ScoreOut
    domains: list[DomainReportOut]
    strengths: list[str] = Field(description="Domain codes scored 3 or more, best first")
    priorities: list[str] = Field(description="Domain codes scored under 3, weakest first")
    previous_review: PreviousReviewOut | None = Field(
        description="The school's review before this one, which the changes compare with"
    )

    @staticmethod
    def resolve_strengths(report: Report) -> list[str]:
        return [domain.code for domain in report.strengths]

    @staticmethod
    def resolve_priorities(report: Report) -> list[str]:
        return [domain.code for domain in report.priorities]

    @staticmethod
    def resolve_previous_review(report: Report) -> Review | None:
        return report.previous


@router.get(
    "/reviews/{review_id}/report",
    response={200: ReportOut, **NOT_FOUND, **INVALID},
    url_name="selfeval-review-report",
    operation_id="selfeval_review_report",
    summary="A submitted review's report: scores, change, benchmark, strengths, priorities",
)
def review_report(request: HttpRequest, review_id: ReviewId) -> Any:
    review = get_object_or_404(selectors.reports_visible_to(request.user), pk=review_id)
    return report_for(review)


# --- Action plans -----------------------------------------------------------------------------


class PersonOut(Schema):
    id: int = Field(description="The member's id, as in /members/{id}/")
    name: str

    @staticmethod
    def resolve_name(user: Any) -> str:
        return str(user.display_name)


class InterventionRefOut(Schema):
    id: int
    title: str
    url: str = Field(description="The intervention's page in the Knowledge Hub")

    @staticmethod
    def resolve_url(page: Any, context: dict[str, Any]) -> str:
        return page.get_url(request=context["request"]) or ""


class ActionOut(Schema):
    id: int
    domain: str = Field(description="The domain's code")
    title: str
    owner: PersonOut | None
    due_date: datetime.date | None
    status: ActionStatus = Field(description="not_started (red), in_progress (amber), done (green)")
    overdue: bool = Field(description="Past its due date and not done")
    notes: str
    intervention: InterventionRefOut | None
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_domain(action: Action) -> str:
        return action.domain.code

    @staticmethod
    def resolve_overdue(action: Action) -> bool:
        return action_selectors.is_overdue(action, timezone.localdate())


@router.get(
    "/reviews/{review_id}/actions",
    response={200: list[ActionOut], **NOT_FOUND, **INVALID},
    url_name="selfeval-review-actions",
    operation_id="selfeval_review_actions",
    summary="The action plan of one of your schools' reviews",
)
def review_actions(request: HttpRequest, review_id: ReviewId) -> Any:
    review = get_object_or_404(selectors.reviews_of_my_schools(request.user), pk=review_id)
    return action_selectors.actions_of_review(review)
