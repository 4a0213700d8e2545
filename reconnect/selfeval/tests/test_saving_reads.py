"""Saving an answer reads from SQL compiled once a process: the same rows as the ORM's,
and never compiled during a token request."""

import pytest
from django.db import transaction

from reconnect.accounts.acting_school import act_for_school, acting_for_one_school
from reconnect.selfeval.models import AnswerChange, Review, Statement
from reconnect.selfeval.selectors import saving
from reconnect.selfeval.tests.factories import open_review, published_framework
from reconnect.selfeval.tests.test_review_views_answer import save, statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(school_a, head_at_school_a):
    return open_review(school_a, published_framework(), user=head_at_school_a, title="Autumn")


def _fields(instance):
    return [getattr(instance, f.attname) for f in instance._meta.concrete_fields]


def test_the_statement_equals_the_orms_with_its_domain(review):
    first = Statement.objects.filter(domain__version_id=review.version_id).first()
    assert first is not None
    found = saving.statement_of_version(first.pk, review.version_id)
    assert found is not None
    assert _fields(found) == _fields(first)
    assert _fields(found.domain) == _fields(first.domain)
    assert saving.statement_of_version(first.pk, review.version_id + 1000) is None


def test_the_locked_reads_equal_the_orms(review, head_at_school_a, staff_at_school_a):
    save(review, "attendance-1", head_at_school_a, 2, "First")
    save(review, "attendance-1", staff_at_school_a, 3, "Second")
    the_statement = statement(review, "attendance-1")
    with transaction.atomic():
        assert saving.locked_review_status(review.pk) == Review.objects.get(pk=review.pk).status
        answer = saving.locked_answer(review, the_statement)
        assert answer is not None
        expected = review.answers.get(statement=the_statement)
        assert _fields(answer) == _fields(expected)
        changes = saving.answer_changes(answer)
        orm = list(
            AnswerChange.objects.filter(answer=expected)
            .select_related("changed_by")
            .order_by("revision")
        )
        assert [_fields(c) for c in changes] == [_fields(c) for c in orm]
        assert [_fields(c.changed_by) for c in changes] == [_fields(c.changed_by) for c in orm]
        with pytest.raises(Review.DoesNotExist):
            saving.locked_review_status(review.pk + 1000)


def test_a_token_request_never_compiles_the_saves_reads(review, head_at_school_a, school_a):
    save(review, "attendance-1", head_at_school_a, 2, "First")
    for shape in (saving._STATEMENT, saving._REVIEW_LOCK, saving._ANSWER_LOCK, saving._HISTORY):
        shape.sql.clear()
    the_statement = statement(review, "attendance-1")
    with acting_for_one_school():
        act_for_school(user_id=head_at_school_a.pk, school_id=school_a.pk)
        with transaction.atomic():
            assert saving.statement_of_version(the_statement.pk, review.version_id) is not None
            assert saving.locked_review_status(review.pk) == review.status
            answer = saving.locked_answer(review, the_statement)
            assert answer is not None
            assert len(saving.answer_changes(answer)) == 1
    for shape in (saving._STATEMENT, saving._REVIEW_LOCK, saving._ANSWER_LOCK, saving._HISTORY):
        assert shape.sql == {}
