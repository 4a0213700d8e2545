"""The header's notification bell: its count, its accessible name, its one query and its
cache."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.models import Notification
from reconnect.network.selectors.notifications import (
    BELL_CACHE_SECONDS,
    bell_label,
    unread_count,
)
from reconnect.network.services.notifications import notify
from reconnect.network.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

BELL = re.compile(
    r'<a class="rc-header__link rc-bell" href="/network/notifications/"([^>]*)>(.*?)</a>'
)
ARIA_LABEL = re.compile(r'aria-label="([^"]*)"')


def _bell(client, user):
    """What the bell says to the ear (its aria-label, if any) and to the eye."""
    client.force_login(user)
    match = BELL.search(client.get("/network/").text)
    assert match is not None
    label = ARIA_LABEL.search(match.group(1))
    seen = re.sub(r"<[^>]+>", "|", match.group(2))
    return f"{label.group(1) if label else ''} :: {seen}"


def _unread(user, count):
    Notification.objects.bulk_create(
        [Notification(user=user, kind="reply", text="x", url="/") for _ in range(count)]
    )


def test_bell_names_the_unread_count(client):
    grace = UserFactory.create()
    _unread(grace, 3)
    NotificationFactory.create(user=grace, read_at=timezone.now())
    NotificationFactory.create()  # someone else's

    # Seen: "Notifications 3"; heard: "Notifications, 3 unread".
    assert _bell(client, grace) == "Notifications, 3 unread :: Notifications|3|"


def test_bell_without_unread_is_a_plain_link(client):
    grace = UserFactory.create()
    NotificationFactory.create(user=grace, read_at=timezone.now())

    assert _bell(client, grace) == " :: Notifications"


def test_bell_caps_the_count(client):
    grace = UserFactory.create()
    _unread(grace, 120)

    assert _bell(client, grace) == "Notifications, 99+ unread :: Notifications|99+|"
    assert unread_count(grace) == 100


@pytest.mark.parametrize(("count", "label"), [(1, "1"), (98, "98"), (99, "99"), (100, "99+")])
def test_bell_label(count, label):
    assert bell_label(count) == label


def test_visitors_get_no_bell(client):
    assert "rc-bell" not in client.get("/about/").text


@pytest.mark.parametrize("unread", [0, 1, 150])
def test_bell_costs_one_query_on_its_index(client, unread):
    grace = UserFactory.create()
    _unread(grace, unread)
    client.force_login(grace)

    with CaptureQueriesContext(connection) as captured:
        client.get("/network/")

    counts = [q["sql"] for q in captured if '"network_notification"' in q["sql"]]
    assert len(counts) == 1
    assert 'WHERE ("network_notification"."read_at" IS NULL' in counts[0]
    assert "ORDER BY" not in counts[0]
    assert "LIMIT 100" in counts[0]


def test_reading_lowers_the_count(client):
    grace = UserFactory.create()
    _unread(grace, 2)
    first = Notification.objects.filter(user=grace).earliest("pk")
    client.force_login(grace)
    client.get(f"/network/notifications/{first.pk}/open/")

    assert _bell(client, grace) == "Notifications, 1 unread :: Notifications|1|"

    client.post("/network/notifications/read-all/")

    assert _bell(client, grace) == " :: Notifications"


def _notification_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get("/about/")
    return sum('"network_notification"' in q["sql"] for q in captured)


def test_bell_count_is_cached_until_a_notification_comes(client):
    grace = UserFactory.create()
    _unread(grace, 2)
    client.force_login(grace)

    assert _notification_queries(client) == 1
    assert _notification_queries(client) == 0  # from the cache

    notify(users=[grace], kind="reply", text="A reply", url="/network/")

    assert _bell(client, grace) == "Notifications, 3 unread :: Notifications|3|"


def test_bell_count_is_cached_per_member(client):
    grace, ada = UserFactory.create(), UserFactory.create()
    _unread(grace, 4)
    assert _bell(client, grace) == "Notifications, 4 unread :: Notifications|4|"

    assert _bell(client, ada) == " :: Notifications"


def test_a_notification_deleted_with_its_thread_leaves_the_count_within_a_minute(client):
    grace = UserFactory.create()
    _unread(grace, 2)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _bell(client, grace) == "Notifications, 2 unread :: Notifications|2|"
        Notification.objects.filter(user=grace).earliest("pk").delete()  # as a cascade would
    with time_machine.travel(start + timedelta(seconds=BELL_CACHE_SECONDS + 1), tick=False):
        assert _bell(client, grace) == "Notifications, 1 unread :: Notifications|1|"
