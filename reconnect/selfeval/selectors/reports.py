"""A submitted review's report: scores, change, the network benchmark and every answer.

``report_for`` reads everything a report page, its CSV and its PDF show in a fixed number
of queries, however many domains and statements the framework has (the report page must
stay fast at London scale). Benchmarks are the stored ``DomainBenchmark`` rows of the
school's phase, matched to domains by their lasting code; suppression (fewer than five
schools) is decided here, through ``analysis.benchmark.is_suppressed``, so the page, the
downloads and any later reader agree.

Access is not checked here: callers fetch the review through
``selectors.reviews.reports_visible_to`` first.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from reconnect.schools.models import Membership
from reconnect.selfeval import rules
from reconnect.selfeval.analysis import scoring
from reconnect.selfeval.analysis.benchmark import Position, is_suppressed, position
from reconnect.selfeval.analysis.benchmark import Spread as _Spread
from reconnect.selfeval.models import (
    OVERALL,
    Answer,
    Domain,
    DomainBenchmark,
    DomainScore,
    Level,
    ReportShare,
    Review,
    ReviewStatus,
    Statement,
)

# A score this close to a whole level is shown as that level: "2.0 out of 4" reads as
# Emerging, not as "between Emerging and Established".
_WHOLE = 0.05


def nearest_level(score: float) -> Level:
    """The level nearest the score; exactly half-way rounds down (the cautious reading)."""
    whole = int(score)
    return Level(min(4, whole + 1) if score - whole > 0.5 else max(1, whole))


def level_words(score: float) -> str:
    """ "Established" for a score at a level, "between Emerging and Established" otherwise."""
    whole = round(score)
    if abs(score - whole) < _WHOLE:
        return str(Level(whole).label)
    lower = Level(int(score))
    return _("between %(lower)s and %(upper)s") % {
        "lower": lower.label,
        "upper": Level(lower + 1).label,
    }


@dataclass(frozen=True)
class Benchmark:
    """The network's figures for one score, or why there are none to show.

    ``schools`` is the number of schools in the group even when suppressed (0 when no
    school of the phase has a score there yet); ``spread`` is None when suppressed.
    """

    schools: int
    spread: _Spread | None

    @property
    def suppressed(self) -> bool:
        return self.spread is None


def _benchmark(row: DomainBenchmark | None) -> Benchmark:
    if row is None:
        return Benchmark(schools=0, spread=None)
    if is_suppressed(row.schools):
        return Benchmark(schools=row.schools, spread=None)
    return Benchmark(
        schools=row.schools,
        spread=_Spread(
            schools=row.schools,
            lower_quartile=row.lower_quartile,
            median=row.median,
            upper_quartile=row.upper_quartile,
        ),
    )


@dataclass(frozen=True)
class StatementAnswer:
    statement: Statement
    answer: Answer | None

    @property
    def level(self) -> Level | None:
        if self.answer is None or self.answer.level is None:
            return None
        return Level(self.answer.level)


@dataclass(frozen=True)
class ScoreRow:
    """One score of the report (a domain's, or the overall one) with its context."""

    score: float | None
    previous_score: float | None
    benchmark: Benchmark

    @property
    def change(self) -> float | None:
        """Since the previous review; None when there is none or it had no such score."""
        if self.score is None or self.previous_score is None:
            return None
        return self.score - self.previous_score

    @property
    def nearest_level(self) -> Level | None:
        return None if self.score is None else nearest_level(self.score)

    @property
    def level_words(self) -> str:
        return "" if self.score is None else level_words(self.score)

    @property
    def position(self) -> Position | None:
        if self.score is None or self.benchmark.spread is None:
            return None
        return position(self.score, self.benchmark.spread)


@dataclass(frozen=True)
class DomainRow(ScoreRow):
    domain: Domain = field(kw_only=True)
    statements: list[StatementAnswer] = field(kw_only=True, default_factory=list)


@dataclass(frozen=True)
class Report:
    review: Review
    previous: Review | None
    phase: str  # the school's phase, whose benchmark this is
    phase_label: str
    domains: list[DomainRow]
    overall: ScoreRow
    strengths: list[Domain]  # best first, at most three
    priorities: list[Domain]  # weakest first, at most three
    # When the phase's benchmark was last computed (None: never): it changes with every
    # submission of the phase, so it keys what is cached from the phase's reviews.
    benchmarked_at: datetime | None = None

    def row(self, domain: Domain) -> DomainRow:
        return next(row for row in self.domains if row.domain.pk == domain.pk)

    @property
    def strength_rows(self) -> list[DomainRow]:
        return [self.row(domain) for domain in self.strengths]

    @property
    def priority_rows(self) -> list[DomainRow]:
        return [self.row(domain) for domain in self.priorities]


def previous_review(review: Review) -> Review | None:
    """The school's submitted review of the same framework before this one, if any."""
    if review.submitted_at is None:
        return None
    return (
        Review.objects.filter(
            school_id=review.school_id,
            framework_id=review.framework_id,
            status=ReviewStatus.SUBMITTED,
        )
        .filter(
            Q(submitted_at__lt=review.submitted_at)
            | Q(submitted_at=review.submitted_at, pk__lt=review.pk)
        )
        .order_by("-submitted_at", "-pk")
        .prefetch_related("domain_scores")
        .first()
    )


def report_for(review: Review, *, statements: bool = True) -> Report:
    """Everything the report shows, in seven queries whatever the framework's size.

    ``review`` must be submitted and have its ``school`` loaded (as ``reports_visible_to``
    does). Scores come from the ``DomainScore`` rows written at submission, so a report
    reads the same every time it is drawn. With ``statements=False`` the domain rows have
    no statements (two queries fewer): the report page shows the statements on demand.
    """
    domains_query = Domain.objects.filter(version_id=review.version_id).order_by("sort_order", "pk")
    if statements:
        domains_query = domains_query.prefetch_related(
            Prefetch("statements", queryset=Statement.objects.order_by("sort_order", "pk"))
        )
    domains = list(domains_query)
    scores = {row.code: row.score for row in DomainScore.objects.filter(review=review).order_by()}
    previous = previous_review(review)
    previous_scores = (
        {row.code: row.score for row in previous.domain_scores.all()} if previous else {}
    )
    school = review.school
    benchmarks = {
        row.code: row
        for row in DomainBenchmark.objects.filter(
            framework_id=review.framework_id, phase=school.phase
        ).order_by()
    }
    answers = (
        {
            answer.statement_id: answer
            for answer in Answer.objects.filter(review=review)
            .select_related("updated_by")
            .order_by()
        }
        if statements
        else {}
    )

    rows = [
        DomainRow(
            domain=domain,
            score=scores.get(domain.code),
            previous_score=previous_scores.get(domain.code),
            benchmark=_benchmark(benchmarks.get(domain.code)),
            statements=[
                StatementAnswer(statement=statement, answer=answers.get(statement.pk))
                for statement in domain.statements.all()
            ]
            if statements
            else [],
        )
        for domain in domains
    ]
    overall = ScoreRow(
        score=review.overall_score,
        previous_score=previous.overall_score if previous else None,
        benchmark=_benchmark(benchmarks.get(OVERALL)),
    )
    ranked = scoring.strengths_and_priorities(
        {row.domain.code: row.score for row in rows if row.score is not None},
        [domain.code for domain in domains],
    )
    by_code = {domain.code: domain for domain in domains}
    return Report(
        review=review,
        previous=previous,
        phase=school.phase,
        phase_label=str(school.get_phase_display()),
        domains=rows,
        overall=overall,
        strengths=[by_code[code] for code in ranked.strengths],
        priorities=[by_code[code] for code in ranked.priorities],
        benchmarked_at=max((row.computed_at for row in benchmarks.values()), default=None),
    )


def share_reaching(user: Any, review: Review) -> ReportShare | None:
    """The earliest active share through which ``user`` sees another school's report.

    None for the school's own members (they see it as theirs) and for anyone no share
    reaches. Mirrors the audiences of ``reviews.reports_visible_to``.
    """
    if not (user.is_authenticated and user.is_active):
        return None
    if rules.school_role(user, review.school_id) is not None:
        return None
    my_schools = Membership.objects.filter(user=user).values("school_id")
    my_trusts = Membership.objects.filter(user=user, school__trust__isnull=False).values(
        "school__trust_id"
    )
    led_trusts = user.system_leader_scopes.filter(trust__isnull=False).values("trust_id")
    return (
        ReportShare.objects.filter(review=review, revoked_at__isnull=True)
        .filter(
            Q(school_id__in=my_schools) | Q(trust_id__in=my_trusts) | Q(trust_id__in=led_trusts)
        )
        .select_related("trust", "school")
        .order_by("shared_at", "pk")
        .first()
    )


def active_shares(review: Review) -> list[ReportShare]:
    """The review's shares still in force, newest first, with their audiences."""
    return list(
        ReportShare.objects.filter(review=review, revoked_at__isnull=True)
        .select_related("trust", "school__local_authority", "shared_by")
        .order_by("-shared_at", "-pk")
    )
