"""Colleagues answering at once never lose an answer and never see "database is locked".

Eight people save answers through the real view (``answer_save``, as htmx posts them)
at the same moment: half of every person's saves go to one statement they all answer, the
other half to a statement of their own. Afterwards every save is in ``AnswerChange``, each
answer's revisions run 1, 2, 3… without a gap or a repeat, and each answer holds exactly
what its last revision says: the last save won and none was lost.

It runs on the configured database, committing for real (``transaction=True``). The SQLite
test database lives in memory, where threads share one cache and lock table by table
instead of queueing on the busy timeout, so on SQLite the threads work on a file copy of
it opened with exactly the settings' OPTIONS (as ``core/tests/test_sqlite_concurrency.py``
explains); on PostgreSQL they use the test database through the pool. Each thread closes
its connection when it is done, as a request would.
"""

import re
import threading
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from reconnect.accounts.tests.factories import UserFactory
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory
from reconnect.selfeval.models import Answer, AnswerChange, Statement
from reconnect.selfeval.tests.factories import (
    ReviewContributorFactory,
    open_review,
    published_framework,
)
from tests.concurrency import sqlite_file_copy, use_database

THREADS = 8
SAVES_PER_THREAD = 6  # alternately the shared statement and the thread's own
CHECK = "selfeval_concurrency_check"
SEEN = re.compile(r'name="seen_revision" value="(\d*)"')

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@dataclass
class Colleague:
    client: Client
    own_statement: Any


@pytest.fixture
def team(school_a, head_at_school_a) -> tuple[Any, Any, list[Colleague]]:
    """An open review, the statement everyone answers, and eight signed-in colleagues."""
    review = open_review(school_a, published_framework(), user=head_at_school_a)
    statements = list(
        Statement.objects.filter(domain__version=review.version).order_by(
            "domain__sort_order", "sort_order"
        )
    )
    shared, own = statements[0], statements[1 : THREADS + 1]
    people = [head_at_school_a]
    for index in range(1, THREADS):
        colleague = UserFactory(first_name=f"Colleague{index}")
        MembershipFactory(user=colleague, school=school_a, role=SchoolRole.STAFF)
        ReviewContributorFactory(review=review, user=colleague)
        people.append(colleague)
    colleagues = []
    for person, statement in zip(people, own, strict=True):
        client = Client()
        client.force_login(person)
        colleagues.append(Colleague(client=client, own_statement=statement))
    return review, shared, colleagues


def _answer(
    database: dict[str, Any] | None,
    review: Any,
    shared: Any,
    colleague: Colleague,
    number: int,
    start: threading.Barrier,
    failures: list[str],
) -> None:
    use_database(database, "default")
    seen = {shared.pk: "", colleague.own_statement.pk: ""}
    start.wait()
    try:
        for save in range(SAVES_PER_THREAD):
            statement = shared if save % 2 == 0 else colleague.own_statement
            try:
                response = colleague.client.post(
                    reverse("selfeval:answer-save", args=[review.pk, statement.pk]),
                    {
                        "level": str((number + save) % 4 + 1),
                        "evidence": f"Colleague {number}, save {save}.",
                        "seen_revision": seen[statement.pk],
                    },
                    HTTP_HX_REQUEST="true",
                )
            except Exception as error:  # every failure is the finding
                failures.append(f"{number}/{save}: {error!r}")
                continue
            if response.status_code != 200:
                failures.append(f"{number}/{save}: {response.status_code}")
                continue
            match = SEEN.search(response.content.decode())
            seen[statement.pk] = match.group(1) if match else ""
    finally:
        connections["default"].close()


def test_eight_colleagues_saving_at_once_lose_nothing(team, tmp_path):
    review, shared, colleagues = team
    database = sqlite_file_copy(tmp_path, "answers.sqlite3")
    failures: list[str] = []
    start = threading.Barrier(THREADS)
    threads = [
        threading.Thread(
            target=_answer, args=(database, review, shared, colleague, number, start, failures)
        )
        for number, colleague in enumerate(colleagues)
    ]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert [thread.is_alive() for thread in threads] == [False] * THREADS
    assert [f for f in failures if "locked" in f] == []
    assert failures == []
    use_database(database, CHECK)
    using = CHECK if database is not None else "default"
    try:
        changes = AnswerChange.objects.using(using).filter(answer__review_id=review.pk)
        assert changes.count() == THREADS * SAVES_PER_THREAD
        answers = list(Answer.objects.using(using).filter(review_id=review.pk))
        assert len(answers) == THREADS + 1
        for answer in answers:
            history = list(changes.filter(answer_id=answer.pk).order_by("revision"))
            expected = THREADS * SAVES_PER_THREAD // 2 if answer.statement_id == shared.pk else 3
            assert [c.revision for c in history] == list(range(1, expected + 1))
            last = history[-1]
            assert (answer.revision, answer.level, answer.evidence, answer.updated_by_id) == (
                last.revision,
                last.level,
                last.evidence,
                last.changed_by_id,
            )
    finally:
        if database is not None:
            connections[CHECK].close()
            del connections[CHECK]
