"""The reads of saving one answer, from SQL compiled once a process.

Saving an answer is the review page's most frequent request, and building its four reads
through the ORM (the statement with its domain, the review's and the answer's row locks,
the answer's history with who made each change) cost more processor time than the rest of
the save. Their shape never changes, so each is compiled once (``compiled_sql.compile_once``)
and its rows become model instances as the ORM's own would. During a token request each
is read through the ORM instead, so nothing a token narrows is compiled in.
"""

from typing import Any

from django.db.models import QuerySet

from reconnect.accounts.acting_school import current_acting_school
from reconnect.accounts.models import User
from reconnect.core import compiled_sql
from reconnect.selfeval.models import Answer, AnswerChange, Domain, Review, Statement


def _names(model: Any) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def _paths(prefix: str, model: Any) -> list[str]:
    return [
        f"{prefix}__{field.name}" if prefix else field.attname
        for field in model._meta.concrete_fields
    ]


class _Shape:
    """One compiled query: its SQL per database alias and its columns' converters."""

    def __init__(self, build: Any, arity: int, models: list[Any]) -> None:
        self.build = build
        self.arity = arity
        self.models = models
        self.sql: dict[str, compiled_sql.Compiled] = {}
        self.converters: dict[str, compiled_sql.Converters] = {}

    def rows(self, alias: str, values: list[Any]) -> list[list[Any]]:
        query = compiled_sql.compile_once(self.sql, alias, self.build, self.arity)
        if alias not in self.converters:
            fields = [field for model in self.models for field in model._meta.concrete_fields]
            self.converters[alias] = compiled_sql.converters_of(alias, fields)
        converters = self.converters[alias]
        return [
            compiled_sql.convert(alias, row, converters)
            for row in compiled_sql.run(query, alias, values)
        ]


def _split(row: list[Any], alias: str, models: list[Any]) -> list[Any]:
    """One instance per model from a row of their concrete fields, side by side (None for
    a model whose primary key is null: a left join that found nothing)."""
    instances = []
    start = 0
    for model in models:
        names = _names(model)
        values = row[start : start + len(names)]
        start += len(names)
        instances.append(None if values[0] is None else model.from_db(alias, names, values))
    return instances


def _statement_query(statement_id: int, version_id: int) -> QuerySet[Any]:
    # No ordering (``get`` had none), so no joins for the model's ordering.
    return (
        Statement.objects.filter(pk=statement_id, domain__version_id=version_id)
        .order_by()
        .values_list(*_paths("", Statement), *_paths("domain", Domain))
    )


_STATEMENT = _Shape(_statement_query, 2, [Statement, Domain])


def statement_of_version(statement_id: int, version_id: int) -> Statement | None:
    """The statement, if it belongs to the version, with its domain."""
    if current_acting_school() is not None:
        return (
            Statement.objects.select_related("domain")
            .filter(pk=statement_id, domain__version_id=version_id)
            .first()
        )
    alias = Statement.objects.db
    for row in _STATEMENT.rows(alias, [statement_id, version_id]):
        statement, domain = _split(row, alias, [Statement, Domain])
        Statement.domain.field.set_cached_value(statement, domain)
        return statement
    return None


def _review_lock_query(review_id: int) -> QuerySet[Any]:
    return Review.objects.select_for_update().filter(pk=review_id).order_by().values_list("status")


_REVIEW_LOCK = _Shape(_review_lock_query, 1, [])


def locked_review_status(review_id: int) -> str:
    """The review's status, its row locked until the transaction ends (raises
    ``Review.DoesNotExist`` for none)."""
    if current_acting_school() is not None:
        return Review.objects.select_for_update().only("status").get(pk=review_id).status
    rows = _REVIEW_LOCK.rows(Review.objects.db, [review_id])
    if not rows:
        raise Review.DoesNotExist
    return str(rows[0][0])


def _answer_lock_query(review_id: int, statement_id: int) -> QuerySet[Any]:
    # Unique per review and statement; no ordering, so no joins for the model's ordering.
    return (
        Answer.objects.select_for_update()
        .filter(review_id=review_id, statement_id=statement_id)
        .order_by()
        .values_list(*_paths("", Answer))[:1]
    )


_ANSWER_LOCK = _Shape(_answer_lock_query, 2, [Answer])


def locked_answer(review: Review, statement: Statement) -> Answer | None:
    """The review's answer to the statement, its row locked, or None."""
    if current_acting_school() is not None:
        return (
            Answer.objects.select_for_update()
            .filter(review=review, statement=statement)
            .order_by()
            .first()
        )
    alias = Answer.objects.db
    for row in _ANSWER_LOCK.rows(alias, [review.pk, statement.pk]):
        return _split(row, alias, [Answer])[0]
    return None


def _history_query(answer_id: int) -> QuerySet[Any]:
    return (
        AnswerChange.objects.filter(answer_id=answer_id)
        .order_by("revision")
        .values_list(*_paths("", AnswerChange), *_paths("changed_by", User))
    )


_HISTORY = _Shape(_history_query, 1, [AnswerChange, User])


def answer_changes(answer: Answer) -> list[AnswerChange]:
    """Every save of the answer, oldest first, with who made it."""
    if current_acting_school() is not None:
        return list(
            AnswerChange.objects.filter(answer=answer)
            .select_related("changed_by")
            .order_by("revision")
        )
    alias = AnswerChange.objects.db
    changes = []
    for row in _HISTORY.rows(alias, [answer.pk]):
        change, user = _split(row, alias, [AnswerChange, User])
        AnswerChange.changed_by.field.set_cached_value(change, user)
        changes.append(change)
    return changes
