"""Self-evaluation demo data: the Reconnect framework and two submitted reviews a school.

Every demo school gets two submitted reviews of the Reconnect framework, about twelve and
six months ago, the later one generally a little better, so reports show change, the
network benchmark has every phase filled and "schools like mine strong in this domain" has
peers to suggest. Demo school A is the exception: one review, six months ago, two of its
actions under way and nothing in progress, so its head can start a new review and see
what changed.

Answers follow a plausible structure rather than noise: a school-level baseline, an effect
for each domain (partly from the school's context: a school with low attendance rates
itself lower on attendance, special schools higher on SEND and inclusion), a lasting
effect for each statement, and noise on each occasion. Every draw comes from a generator
seeded with the demo seed and the school's URN, so a seed always gives the same answers
and adding schools changes nobody else's.

Rows are written with ``bulk_create`` in batches of schools (London: 2,500 schools, 5,000
reviews, about 280,000 answers). Schools that already have a review of the framework (a
previous seed, or a review a user made) are left alone, so running it again changes
nothing.
"""

import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, F, Model, OuterRef, QuerySet
from django.utils import timezone

from reconnect.demo.accounts import DEMO_SCHOOL_A_URN
from reconnect.demo.plan import FIRST_URN
from reconnect.hub.models import InterventionPage
from reconnect.schools.models import Membership, School
from reconnect.schools.roles import SchoolRole
from reconnect.selfeval.analysis import scoring
from reconnect.selfeval.data.reconnect_framework import DOMAINS
from reconnect.selfeval.models import (
    Action,
    ActionStatus,
    Answer,
    AnswerChange,
    Domain,
    DomainScore,
    FrameworkVersion,
    Review,
    ReviewStatus,
)
from reconnect.selfeval.selectors.reviews import RECONNECT_FRAMEWORK, version_with_content
from reconnect.selfeval.services.benchmarks import benchmark_refresh_all
from reconnect.selfeval.services.frameworks import framework_reconnect_ensure

SCHOOLS_PER_BATCH = 200
BULK_BATCH = 2000
# About a year and about six months ago; each school's dates move by a few weeks.
EARLIER_DAYS, LATER_DAYS, JITTER_DAYS = 365, 182, 21
# A review is started a few weeks before it is submitted.
DAYS_TO_COMPLETE = 18

# Typical attendance of each phase (the mode of the demo's ranges, reconnect/demo/figures.py):
# a school above it rates itself higher on attendance, one below it lower.
TYPICAL_ATTENDANCE = {
    "nursery": 92.0,
    "primary": 95.2,
    "secondary": 91.8,
    "all_through": 92.5,
    "16_plus": 90.0,
    "special": 90.5,
    "alternative_provision": 89.0,
}


@dataclass(frozen=True)
class SelfEvalSeedResult:
    schools: int
    reviews: int
    answers: int
    seconds: float


@dataclass(frozen=True)
class _School:
    pk: int
    urn: int
    phase: str
    attendance: float
    fsm: float
    sen_support: float


@dataclass(frozen=True)
class _Statement:
    pk: int
    domain_pk: int
    domain_code: str


def selfeval_demo_is_loaded() -> bool:
    """True once any demo school has a review of the Reconnect framework."""
    return Review.objects.filter(
        framework__slug=RECONNECT_FRAMEWORK, school__urn__gte=FIRST_URN
    ).exists()


def selfeval_demo_counts(schools: int) -> tuple[int, int]:
    """(reviews, answers) the seed writes for ``schools`` demo schools, for --dry-run."""
    reviews = 2 * schools - 1  # school A has one
    statements = sum(len(domain.statements) for domain in DOMAINS)
    return reviews, reviews * statements


def seed_selfeval(*, seed: int) -> SelfEvalSeedResult:
    """Load the framework and write the demo schools' reviews (see the module docstring).

    Side effects: publishes the Reconnect framework if it has no published version; writes
    reviews, answers, their history and domain scores for demo schools without a review
    of it; two actions on school A's review; recomputes the network benchmarks.
    """
    started = time.perf_counter()
    version = framework_reconnect_ensure().version
    loaded = version_with_content(version.pk).get()
    statements = [
        _Statement(pk=statement.pk, domain_pk=domain.pk, domain_code=domain.code)
        for domain in loaded.domains.all()
        for statement in domain.statements.all()
    ]
    domains = list(loaded.domains.all())
    schools = _schools_without_reviews(version)
    leads = _school_leads([school.pk for school in schools])
    today = timezone.now()
    reviews = answers = 0
    with transaction.atomic():
        for start in range(0, len(schools), SCHOOLS_PER_BATCH):
            batch = schools[start : start + SCHOOLS_PER_BATCH]
            written = _write_batch(batch, seed, version, domains, statements, leads, today)
            reviews += written[0]
            answers += written[1]
        school_a = next((s for s in schools if s.urn == DEMO_SCHOOL_A_URN), None)
        if school_a is not None:
            _school_a_actions(school_a, leads.get(school_a.pk), today)
        if reviews:
            benchmark_refresh_all(framework=version.framework)
    return SelfEvalSeedResult(
        schools=len(schools),
        reviews=reviews,
        answers=answers,
        seconds=time.perf_counter() - started,
    )


def _schools_without_reviews(version: FrameworkVersion) -> list[_School]:
    reviewed = Review.objects.filter(school=OuterRef("pk"), framework_id=version.framework_id)
    rows = (
        School.objects.filter(urn__gte=FIRST_URN)
        .exclude(Exists(reviewed))
        .order_by("urn")
        .values_list(
            "pk", "urn", "phase", "attendance_percent", "percent_fsm", "percent_sen_support"
        )
    )
    return [
        _School(
            pk=pk,
            urn=urn,
            phase=phase,
            attendance=float(attendance) if attendance is not None else 0.0,
            fsm=float(fsm) if fsm is not None else 25.0,
            sen_support=float(sen) if sen is not None else 12.0,
        )
        for pk, urn, phase, attendance, fsm, sen in rows
    ]


def _school_leads(school_ids: Sequence[int]) -> dict[int, int]:
    """Each school's lead (the first by e-mail, so the choice never depends on row order)."""
    leads: dict[int, int] = {}
    for start in range(0, len(school_ids), 1000):
        rows = (
            Membership.objects.filter(
                school_id__in=school_ids[start : start + 1000], role=SchoolRole.SCHOOL_LEAD
            )
            .order_by("school_id", "user__email")
            .values_list("school_id", "user_id")
        )
        for school_id, user_id in rows:
            leads.setdefault(school_id, user_id)
    return leads


# --- The answers --------------------------------------------------------------------------


def _domain_effects(rng: random.Random, school: _School, codes: Sequence[str]) -> dict[str, float]:
    """How far above or below its own baseline the school rates itself in each domain."""
    effects = {code: rng.gauss(0, 0.3) for code in codes}
    typical = TYPICAL_ATTENDANCE.get(school.phase, 92.0)
    if school.attendance:
        effects["attendance"] = effects.get("attendance", 0) + 0.3 * (
            (school.attendance - typical) / 1.5
        )
    if school.phase in {"special", "alternative_provision"}:
        effects["inclusion"] = effects.get("inclusion", 0) + 0.5
        effects["wellbeing"] = effects.get("wellbeing", 0) + 0.2
    else:
        effects["inclusion"] = effects.get("inclusion", 0) + 0.02 * (school.sen_support - 12)
    # Schools where more pupils are poor have had to build this practice.
    effects["poverty"] = effects.get("poverty", 0) + 0.012 * (school.fsm - 25)
    if school.phase in {"nursery", "primary"}:
        effects["families"] = effects.get("families", 0) + 0.15
    elif school.phase in {"secondary", "16_plus", "all_through"}:
        effects["families"] = effects.get("families", 0) - 0.15
        effects["transition"] = effects.get("transition", 0) + 0.1
    return effects


def _level(value: float) -> int:
    return max(1, min(4, round(value)))


def plan_levels(
    seed: int, school: _School, statements: Sequence[_Statement], occasions: int
) -> list[list[int]]:
    """The levels of each of ``occasions`` reviews (oldest first), one per statement.

    Pure and deterministic: the same seed, school and framework give the same levels.
    """
    rng = random.Random(f"selfeval:{seed}:{school.urn}")  # noqa: S311 - a reproducible fiction
    codes = list(dict.fromkeys(s.domain_code for s in statements))
    baseline = rng.gauss(2.45, 0.35)
    effects = _domain_effects(rng, school, codes)
    growth = {code: rng.gauss(0.2, 0.15) for code in codes}
    lasting = [rng.gauss(0, 0.35) for _ in statements]
    result = []
    for occasion in range(occasions):
        levels = []
        for statement, own in zip(statements, lasting, strict=True):
            code = statement.domain_code
            value = baseline + effects[code] + own + rng.gauss(0, 0.3)
            # Earlier reviews sit below the latest by the domain's growth since then.
            value -= growth[code] * (occasions - 1 - occasion)
            levels.append(_level(value))
        result.append(levels)
    return result


def _review_dates(rng: random.Random, today: datetime, occasions: int) -> list[datetime]:
    days = [EARLIER_DAYS, LATER_DAYS][-occasions:]
    moments = []
    for ago in days:
        when = today - timedelta(days=ago + rng.randint(-JITTER_DAYS, JITTER_DAYS))
        moments.append(when.replace(hour=15, minute=30, second=0, microsecond=0))
    return moments


def _title(moment: datetime) -> str:
    return f"Review of {moment.strftime('%B %Y')}"


# --- Writing ------------------------------------------------------------------------------


def _write_batch(
    schools: Sequence[_School],
    seed: int,
    version: FrameworkVersion,
    domains: Sequence[Domain],
    statements: Sequence[_Statement],
    leads: dict[int, int],
    today: datetime,
) -> tuple[int, int]:
    reviews: list[Review] = []
    planned: list[list[int]] = []
    scored: list[list[tuple[Domain, float]]] = []
    for school in schools:
        occasions = 1 if school.urn == DEMO_SCHOOL_A_URN else 2
        levels = plan_levels(seed, school, statements, occasions)
        dates = _review_dates(
            random.Random(f"selfeval-dates:{seed}:{school.urn}"),  # noqa: S311
            today,
            occasions,
        )
        lead = leads.get(school.pk)
        for index, (when, answer_levels) in enumerate(zip(dates, levels, strict=True)):
            scores = list(_domain_scores(domains, statements, answer_levels))
            reviews.append(
                Review(
                    school_id=school.pk,
                    framework_id=version.framework_id,
                    version=version,
                    title=_title(when),
                    status=ReviewStatus.SUBMITTED,
                    started_by_id=lead,
                    submitted_at=when,
                    submitted_by_id=lead,
                    overall_score=scoring.overall([score for _domain, score in scores]),
                    is_latest=index == occasions - 1,
                )
            )
            planned.append(answer_levels)
            scored.append(scores)
    Review.objects.bulk_create(reviews, batch_size=BULK_BATCH)
    # created_at is set to "now" on insert; a review was started weeks before it was sent.
    Review.objects.filter(pk__in=[r.pk for r in reviews]).update(
        created_at=F("submitted_at") - timedelta(days=DAYS_TO_COMPLETE)
    )

    adapt = connection.ops.adapt_datetimefield_value
    answer_rows: list[tuple[Any, ...]] = []
    for review, review_levels in zip(reviews, planned, strict=True):
        answered_at = adapt(_answered_at(review))
        answer_rows.extend(
            (review.pk, statement.pk, level, "", 1, review.submitted_by_id, answered_at)
            for statement, level in zip(statements, review_levels, strict=True)
        )
    _insert(
        Answer,
        ["review", "statement", "level", "evidence", "revision", "updated_by", "updated_at"],
        answer_rows,
    )
    # Each answer's history: its one save, copied from the rows just written.
    _insert_select(
        AnswerChange,
        ["answer", "revision", "level", "evidence", "changed_by", "changed_at"],
        Answer.objects.filter(review_id__in=[r.pk for r in reviews])
        .order_by()
        .values_list("pk", "revision", "level", "evidence", "updated_by_id", "updated_at"),
    )
    _insert(
        DomainScore,
        ["review", "domain", "code", "score"],
        [
            (review.pk, domain.pk, domain.code, score)
            for review, scores in zip(reviews, scored, strict=True)
            for domain, score in scores
        ],
    )
    return len(reviews), len(answer_rows)


# The answers are most of the rows (London: 280,000 and as many history rows), and building
# a model instance and compiling an INSERT per row took minutes; plain parameterised
# INSERTs take seconds. Table and column names come from the models' own metadata.


def _columns(model: type[Model], fields: Sequence[str]) -> str:
    quote = connection.ops.quote_name
    concrete = {field.name: str(field.column) for field in model._meta.concrete_fields}
    return ", ".join(quote(concrete[name]) for name in fields)


def _insert(model: type[Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({_columns(model, fields)}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BULK_BATCH * 10):
            cursor.executemany(sql, rows[start : start + BULK_BATCH * 10])


def _insert_select(model: type[Model], fields: Sequence[str], select: QuerySet[Any]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    query, params = select.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({_columns(model, fields)}) {query}", params)


def _answered_at(review: Review) -> datetime:
    assert review.submitted_at is not None  # noqa: S101 - every demo review is submitted
    return review.submitted_at - timedelta(days=1)


def _domain_scores(
    domains: Sequence[Domain], statements: Sequence[_Statement], levels: Sequence[int]
) -> Iterable[tuple[Domain, float]]:
    by_domain: dict[int, list[int]] = {}
    for statement, level in zip(statements, levels, strict=True):
        by_domain.setdefault(statement.domain_pk, []).append(level)
    for domain in domains:
        score = scoring.mean_level(by_domain.get(domain.pk, []))
        if score is not None:
            yield domain, score


# --- School A's action plan ------------------------------------------------------------------

# For each domain, an action a school might take on it, and the Hub intervention it uses.
DEMO_ACTIONS: dict[str, tuple[str, str, str | None]] = {
    "attendance": (
        "Call every family before 10am on the first day of an unexplained absence",
        "Office manager and attendance lead share the calls; a home visit by day three.",
        "parental-engagement",
    ),
    "belonging": (
        "Map every pupil to a trusted adult and follow up those with nobody",
        "From the autumn pupil survey; class teachers check the list each half term.",
        "mentoring",
    ),
    "wellbeing": (
        "Train all support staff to spot distress and respond to it",
        "Two twilight sessions, with the senior mental health lead.",
        "social-and-emotional-learning",
    ),
    "learning-gaps": (
        "Start small-group reading tuition for pupils behind in reading",
        "Three sessions a week, led by trained teaching assistants.",
        "small-group-tuition",
    ),
    "poverty": (
        "Review the cost of the school day with pupils and families",
        "Uniform, trips and non-uniform days first.",
        None,
    ),
    "vulnerability": (
        "Bring our records of vulnerable pupils together in one register",
        "Safeguarding, SEN, attendance and looked-after children in one place.",
        None,
    ),
    "inclusion": (
        "Coach teaching assistants to build pupils' independence",
        "Follows the EEF's guidance on deploying teaching assistants.",
        "teaching-assistant-interventions",
    ),
    "families": (
        "Hold a termly coffee morning with interpreters for new families",
        "Invitations in the five most spoken home languages.",
        "parental-engagement",
    ),
    "transition": (
        "Agree enhanced transition plans with our two main secondary schools",
        "For every pupil on the vulnerable pupils register.",
        None,
    ),
    "leadership": (
        "Rewrite the pupil premium strategy from a fresh diagnosis",
        "Start from the review's priorities; governors to see a draft.",
        None,
    ),
    "staff-development": (
        "Set up termly supervision for the pastoral team",
        "An external supervisor, shared with two nearby schools.",
        None,
    ),
}


def _school_a_actions(school: _School, lead: int | None, today: datetime) -> None:
    """Two actions on school A's weakest domains: one done, one in progress."""
    review = Review.objects.filter(school_id=school.pk, is_latest=True).get()
    weakest = list(
        DomainScore.objects.filter(review=review)
        .select_related("domain")
        .order_by("score", "domain__sort_order")[:2]
    )
    day = today.date()
    plans: list[tuple[DomainScore, str, date]] = []
    if weakest:
        plans.append((weakest[0], ActionStatus.DONE, day - timedelta(days=60)))
    if len(weakest) > 1:
        plans.append((weakest[1], ActionStatus.IN_PROGRESS, day + timedelta(days=45)))
    for score, status, due in plans:
        title, notes, intervention_slug = DEMO_ACTIONS.get(
            score.code, (f"Improve our practice in {score.domain.title.lower()}", "", None)
        )
        Action.objects.create(
            review=review,
            school_id=school.pk,
            domain=score.domain,
            title=title,
            owner_id=lead,
            due_date=due,
            status=status,
            notes=notes,
            intervention=_intervention(intervention_slug),
            created_by_id=lead,
        )


def _intervention(slug: str | None) -> Any:
    if slug is None:
        return None
    return InterventionPage.objects.live().filter(slug=slug).first()
