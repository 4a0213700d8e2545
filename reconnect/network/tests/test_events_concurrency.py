"""Eight members asking for the last three places at once: three get them, five wait.

Real threads, committing for real (``transaction=True``), each calling the RSVP service
at the same moment. ``rsvp_set`` locks the event's row first (``select_for_update`` on
PostgreSQL; on SQLite the IMMEDIATE transaction mode serialises writers), so the places are
never overbooked and nobody sees "database is locked". As in
``selfeval/tests/test_answer_concurrency.py``, on SQLite the threads work on a file copy of
the in-memory test database opened with the settings' OPTIONS.
"""

import threading
from typing import Any

import pytest
from django.db import connections

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.models import Rsvp, RsvpStatus
from reconnect.network.services.events import rsvp_set
from reconnect.network.tests.factories import EventFactory
from tests.concurrency import sqlite_file_copy, use_database

THREADS = 8
PLACES = 3
CHECK = "network_events_concurrency_check"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _reply(
    database: dict[str, Any] | None,
    event: Any,
    user: Any,
    start: threading.Barrier,
    failures: list[str],
) -> None:
    use_database(database, "default")
    start.wait()
    try:
        rsvp_set(event=event, user=user, going=True)
    except Exception as error:  # every failure is the finding
        failures.append(repr(error))
    finally:
        connections["default"].close()


def test_the_last_places_are_never_overbooked(tmp_path):
    event = EventFactory.create(capacity=PLACES)
    users = UserFactory.create_batch(THREADS)
    database = sqlite_file_copy(tmp_path, "events.sqlite3")
    failures: list[str] = []
    start = threading.Barrier(THREADS)
    threads = [
        threading.Thread(target=_reply, args=(database, event, user, start, failures))
        for user in users
    ]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert [thread.is_alive() for thread in threads] == [False] * THREADS
    assert failures == []
    use_database(database, CHECK)
    using = CHECK if database is not None else "default"
    try:
        statuses = list(
            Rsvp.objects.using(using)
            .filter(event_id=event.pk)
            .order_by("responded_at", "pk")
            .values_list("status", flat=True)
        )
    finally:
        if database is not None:
            connections[CHECK].close()
            del connections[CHECK]
    assert sorted(statuses) == sorted(
        [RsvpStatus.GOING] * PLACES + [RsvpStatus.WAITING] * (THREADS - PLACES)
    )
