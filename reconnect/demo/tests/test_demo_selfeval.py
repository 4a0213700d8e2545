"""The self-evaluation demo: two submitted reviews a school (one for school A, with two of
its actions under way), deterministic for a seed, written once."""

from datetime import timedelta
from statistics import mean

import pytest
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from reconnect.accounts.models import User
from reconnect.demo.builder import seed_demo
from reconnect.demo.selfeval import (
    _School,
    _Statement,
    plan_levels,
    seed_selfeval,
    selfeval_demo_counts,
    selfeval_demo_is_loaded,
)
from reconnect.schools.models import School
from reconnect.selfeval.models import (
    OVERALL,
    Action,
    Answer,
    AnswerChange,
    DomainBenchmark,
    DomainScore,
    Review,
)
from reconnect.selfeval.services.reviews import review_start

pytestmark = pytest.mark.django_db

SEED = 2026


@pytest.fixture
def seeded():
    seed_demo(seed=SEED)
    return seed_selfeval(seed=SEED)


def _snapshot():
    """Every answer, keyed by where it sits: equal snapshots, identical demo data."""
    return list(
        Answer.objects.order_by("review__school__urn", "review__submitted_at", "statement__code")
        .values_list("review__school__urn", "review__title", "statement__code", "level")
        .iterator()
    )


def test_demo_selfeval_gives_each_school_two_submitted_reviews_and_school_a_one(seeded):
    per_school = dict(
        School.objects.filter(urn__gte=900001)
        .values_list("urn")
        .annotate(count=Count("selfeval_reviews"))
        .values_list("urn", "count")
    )

    assert (seeded.schools, seeded.reviews, seeded.answers) == (60, 119, 119 * 56)
    assert per_school[900001] == 1
    assert per_school[900002] == 2
    assert set(per_school.values()) == {1, 2}
    assert sum(1 for count in per_school.values() if count == 2) == 59
    assert not Review.objects.filter(status="in_progress").exists()
    assert Review.objects.filter(is_latest=True).count() == 60
    assert Answer.objects.count() == AnswerChange.objects.count() == 119 * 56
    assert DomainScore.objects.count() == 119 * 11
    assert selfeval_demo_counts(60) == (119, 119 * 56)
    assert selfeval_demo_is_loaded() is True


def test_demo_selfeval_reviews_are_a_year_and_six_months_old(seeded):
    now = timezone.now()
    for review in Review.objects.select_related("school").exclude(school__urn=900001):
        assert review.submitted_at is not None
        age = (now - review.submitted_at).days
        if review.is_latest:
            assert 182 - 22 <= age <= 182 + 21, review
        else:
            assert 365 - 22 <= age <= 365 + 21, review
        assert review.submitted_at - review.created_at == timedelta(days=18)
        assert review.title == f"Review of {review.submitted_at.strftime('%B %Y')}"


def test_demo_selfeval_scores_are_the_means_of_the_answers(seeded):
    review = Review.objects.get(school__urn=900002, is_latest=True)
    levels: dict[str, list[int]] = {}
    for code, level in Answer.objects.filter(review=review).values_list(
        "statement__domain__code", "level"
    ):
        assert level is not None
        levels.setdefault(code, []).append(level)

    scores = dict(DomainScore.objects.filter(review=review).values_list("code", "score"))

    assert scores == {code: sum(found) / len(found) for code, found in levels.items()}
    assert review.overall_score == pytest.approx(sum(scores.values()) / 11)
    head_b = User.objects.get(email="head.b@example.org")
    assert (review.started_by, review.submitted_by) == (head_b, head_b)
    answer = Answer.objects.filter(review=review).first()
    assert answer is not None
    assert (answer.revision, answer.updated_by, answer.evidence) == (1, head_b, "")
    change = AnswerChange.objects.get(answer=answer)
    assert (change.revision, change.level, change.changed_by) == (1, answer.level, head_b)


def test_demo_selfeval_school_a_has_one_review_two_actions_and_none_open(seeded):
    head_a = User.objects.get(email="head.a@example.org")
    review = Review.objects.get(school__urn=900001)
    weakest = list(
        DomainScore.objects.filter(review=review)
        .order_by("score", "domain__sort_order")
        .values_list("code", flat=True)[:2]
    )
    actions = list(
        Action.objects.filter(review=review)
        .order_by("pk")
        .values_list("domain__code", "status", "owner", "created_by")
    )

    assert review.is_latest is True
    assert review.submitted_at is not None
    assert 160 <= (timezone.now() - review.submitted_at).days <= 203
    assert actions == [
        (weakest[0], "done", head_a.pk, head_a.pk),
        (weakest[1], "in_progress", head_a.pk, head_a.pk),
    ]
    due = dict(Action.objects.filter(review=review).values_list("status", "due_date"))
    today = timezone.localdate()
    done, in_progress = due["done"], due["in_progress"]
    assert done is not None
    assert in_progress is not None
    assert done < today < in_progress
    # Nothing in progress, so the head can start a new review at once.
    new = review_start(school=review.school, framework=review.framework, user=head_a, title="")
    assert new.status == "in_progress"


def test_demo_selfeval_later_reviews_are_generally_better(seeded):
    latest = Review.objects.filter(is_latest=True).exclude(school__urn=900001)
    earlier = Review.objects.filter(is_latest=False)

    latest_mean = mean(r.overall_score for r in latest if r.overall_score is not None)
    earlier_mean = mean(r.overall_score for r in earlier if r.overall_score is not None)

    assert 0.1 < latest_mean - earlier_mean < 0.35
    assert 2.0 < latest_mean < 3.0


def test_demo_selfeval_schools_with_better_attendance_rate_themselves_higher_on_it(seeded):
    rows = list(
        DomainScore.objects.filter(
            code="attendance", review__is_latest=True, review__school__phase="primary"
        ).values_list("review__school__attendance_percent", "score")
    )
    rows.sort()
    third = len(rows) // 3

    low = mean(score for _attendance, score in rows[:third])
    high = mean(score for _attendance, score in rows[-third:])

    assert high - low > 0.2


def test_demo_selfeval_fills_the_benchmark_and_gives_peers(seeded):
    primaries = School.objects.filter(urn__gte=900001, phase="primary").count()
    overall = DomainBenchmark.objects.get(phase="primary", code=OVERALL)
    strong_with_contacts = (
        DomainScore.objects.filter(review__is_latest=True, score__gte=3.0)
        .exclude(review__school__urn=900001)
        .filter(review__school__memberships__user__open_to_contact=True)
        .values_list("code", flat=True)
        .distinct()
    )

    assert overall.schools == primaries
    assert DomainBenchmark.objects.filter(phase="primary").count() == 12
    # Every domain has schools strong in it with someone open to contact: peers to suggest.
    assert set(strong_with_contacts) == {
        "attendance",
        "belonging",
        "wellbeing",
        "learning-gaps",
        "poverty",
        "vulnerability",
        "inclusion",
        "families",
        "transition",
        "leadership",
        "staff-development",
    }


def test_demo_selfeval_again_changes_nothing(seeded):
    before = (_snapshot(), list(DomainBenchmark.objects.values_list("pk", "computed_at")))
    counts = (Review.objects.count(), Action.objects.count(), AnswerChange.objects.count())

    again = seed_selfeval(seed=SEED)

    assert (again.schools, again.reviews, again.answers) == (0, 0, 0)
    assert (_snapshot(), list(DomainBenchmark.objects.values_list("pk", "computed_at"))) == (before)
    assert (Review.objects.count(), Action.objects.count(), AnswerChange.objects.count()) == (
        counts
    )


def _seed_and_snapshot(seed):
    with transaction.atomic():
        seed_demo(seed=SEED)
        seed_selfeval(seed=seed)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


def test_demo_selfeval_is_deterministic_for_a_seed():
    first = _seed_and_snapshot(SEED)
    second = _seed_and_snapshot(SEED)
    other = _seed_and_snapshot(SEED + 1)

    assert Review.objects.count() == 0
    assert len(first) == 119 * 56
    assert first == second
    assert first != other


def test_plan_levels_is_pure_and_stays_within_the_rubric():
    school = _School(pk=1, urn=900123, phase="primary", attendance=95.2, fsm=25, sen_support=12)
    statements = [
        _Statement(pk=n, domain_pk=n // 5, domain_code=code)
        for n, code in enumerate(["attendance"] * 5 + ["inclusion"] * 5)
    ]

    first = plan_levels(SEED, school, statements, 2)

    assert first == plan_levels(SEED, school, statements, 2)
    assert first != plan_levels(SEED + 1, school, statements, 2)
    assert [len(levels) for levels in first] == [10, 10]
    assert {level for levels in first for level in levels} <= {1, 2, 3, 4}
    # One review is the latest of two, drawn the same way.
    assert len(plan_levels(SEED, school, statements, 1)) == 1
