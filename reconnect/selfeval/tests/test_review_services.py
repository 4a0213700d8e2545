import pytest

from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.selfeval.models import (
    OVERALL,
    AnswerChange,
    DomainBenchmark,
    DomainScore,
    Level,
    Review,
)
from reconnect.selfeval.services.reviews import (
    UnansweredStatementsError,
    answer_save,
    review_start,
    review_submit,
)
from reconnect.selfeval.tests.factories import (
    answer_all,
    open_review,
    published_framework,
    submitted_review,
)

pytestmark = pytest.mark.django_db


def _statement(review, code):
    return review.version.domains.get(statements__code=code).statements.get(code=code)


def test_review_start_uses_the_latest_published_version(school_a, head_at_school_a):
    first = published_framework()
    second = published_framework(framework=first.framework)
    published_framework(framework=first.framework, status="draft")

    review = review_start(
        school=school_a, framework=first.framework, user=head_at_school_a, title=" Autumn "
    )

    assert (review.version, review.title, review.started_by) == (second, "Autumn", head_at_school_a)
    assert (
        AuditEvent.objects.filter(action="selfeval.review_started", school_urn=900001).count() == 1
    )


def test_a_school_has_one_review_in_progress_at_a_time(school_a, head_at_school_a):
    version = published_framework()
    open_review(school_a, version, user=head_at_school_a)

    with pytest.raises(ApplicationError, match="already has a review in progress"):
        review_start(school=school_a, framework=version.framework, user=head_at_school_a, title="")

    assert Review.objects.filter(school=school_a).count() == 1


def test_a_repeated_save_changes_nothing(school_a, head_at_school_a):
    review = open_review(school_a, published_framework(), user=head_at_school_a)
    statement = _statement(review, "attendance-1")
    first = answer_save(
        review=review,
        statement=statement,
        user=head_at_school_a,
        level=Level.EMERGING,
        evidence="Weekly data",
        seen_revision=None,
    )

    again = answer_save(
        review=review,
        statement=statement,
        user=head_at_school_a,
        level=Level.EMERGING,
        evidence="Weekly data ",
        seen_revision=1,
    )

    assert (first.changed, again.changed, again.answer.revision) == (True, False, 1)
    assert AnswerChange.objects.filter(answer=again.answer).count() == 1


def test_a_save_over_an_unseen_answer_wins_and_names_what_it_replaced(
    school_a, head_at_school_a, staff_at_school_a
):
    review = open_review(school_a, published_framework(), user=head_at_school_a)
    statement = _statement(review, "attendance-2")
    # Both open the page on an unanswered statement; the colleague saves first.
    answer_save(
        review=review,
        statement=statement,
        user=staff_at_school_a,
        level=Level.EMERGING,
        evidence="From the staff survey",
        seen_revision=None,
    )

    saved = answer_save(
        review=review,
        statement=statement,
        user=head_at_school_a,
        level=Level.ESTABLISHED,
        evidence="",
        seen_revision=None,
    )

    assert (saved.answer.level, saved.answer.revision, saved.answer.updated_by) == (
        Level.ESTABLISHED,
        2,
        head_at_school_a,
    )
    assert saved.overwritten is not None
    assert (saved.overwritten.level, saved.overwritten.evidence, saved.overwritten.changed_by) == (
        Level.EMERGING,
        "From the staff survey",
        staff_at_school_a,
    )
    history = list(
        AnswerChange.objects.filter(answer=saved.answer).values_list(
            "revision", "level", "overwrote_revision"
        )
    )
    assert history == [(1, 2, None), (2, 3, 1)]


def test_a_save_over_the_answer_you_saw_is_not_an_overwrite(school_a, head_at_school_a):
    review = open_review(school_a, published_framework(), user=head_at_school_a)
    statement = _statement(review, "attendance-1")
    answer_save(
        review=review,
        statement=statement,
        user=head_at_school_a,
        level=Level.EMERGING,
        evidence="",
        seen_revision=None,
    )

    saved = answer_save(
        review=review,
        statement=statement,
        user=head_at_school_a,
        level=Level.EMBEDDED,
        evidence="",
        seen_revision=1,
    )

    assert saved.overwritten is None
    assert saved.answer.revision == 2


def test_a_statement_of_another_version_is_refused(school_a, head_at_school_a):
    review = open_review(school_a, published_framework(), user=head_at_school_a)
    other = published_framework(framework=review.framework).domains.first().statements.first()

    with pytest.raises(ApplicationError, match="not part of this review"):
        answer_save(
            review=review,
            statement=other,
            user=head_at_school_a,
            level=1,
            evidence="",
            seen_revision=None,
        )


def test_submitting_with_unanswered_statements_lists_them_and_changes_nothing(
    school_a, head_at_school_a
):
    review = open_review(school_a, published_framework(), user=head_at_school_a)
    answer_all(review, user=head_at_school_a)
    review.answers.filter(statement__code__in=["belonging-2", "transition-4"]).update(level=None)

    with pytest.raises(UnansweredStatementsError) as refused:
        review_submit(review=review, user=head_at_school_a)

    assert [s.code for s in refused.value.statements] == ["belonging-2", "transition-4"]
    review.refresh_from_db()
    assert (review.is_submitted, review.is_latest, DomainScore.objects.count()) == (False, False, 0)


def test_submit_stores_scores_locks_and_refreshes_the_benchmark(school_a, head_at_school_a):
    version = published_framework()
    review = submitted_review(
        school_a,
        version,
        user=head_at_school_a,
        levels={"attendance": [1, 2, 2, 3], "belonging": [4, 4, 3, 3], "transition": [2, 2, 2, 2]},
    )

    scores = dict(DomainScore.objects.filter(review=review).values_list("code", "score"))
    assert scores == {"attendance": 2.0, "belonging": 3.5, "transition": 2.0}
    assert review.overall_score == pytest.approx(2.5)
    assert (review.is_submitted, review.is_latest, review.submitted_by) == (
        True,
        True,
        head_at_school_a,
    )
    benchmark = dict(DomainBenchmark.objects.values_list("code", "median"))
    assert benchmark == {"attendance": 2.0, "belonging": 3.5, "transition": 2.0, OVERALL: 2.5}
    with pytest.raises(ApplicationError, match="submitted"):
        answer_save(
            review=review,
            statement=_statement(review, "attendance-1"),
            user=head_at_school_a,
            level=4,
            evidence="",
            seen_revision=1,
        )
    with pytest.raises(ApplicationError, match="already been submitted"):
        review_submit(review=review, user=head_at_school_a)


def test_a_new_submission_becomes_the_latest(school_a, head_at_school_a):
    version = published_framework()
    first = submitted_review(school_a, version, user=head_at_school_a, default=2)
    second = submitted_review(school_a, version, user=head_at_school_a, default=3)

    first.refresh_from_db()
    assert (first.is_latest, second.is_latest) == (False, True)
    assert DomainBenchmark.objects.get(code=OVERALL).median == 3.0
