"""The notifications API: the member's own list, unread count and marking read."""

import pytest
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.models import Notification
from reconnect.network.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/network/notifications"


def test_list_is_the_members_own_newest_first(client):
    grace = UserFactory.create()
    old = NotificationFactory.create(
        user=grace, text="Old", created_at=timezone.now().replace(year=2025), read_at=timezone.now()
    )
    new = NotificationFactory.create(user=grace, text="New", url="/network/threads/3/")
    NotificationFactory.create(text="Someone else’s")
    client.force_login(grace)

    response = client.get(API)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [(i["id"], i["text"], i["is_read"]) for i in body["items"]] == [
        (new.pk, "New", False),
        (old.pk, "Old", True),
    ]
    assert body["items"][0]["url"] == "/network/threads/3/"
    assert body["items"][0]["kind"] == "reply"


@pytest.mark.parametrize("rows", [1, 3])
def test_list_query_count_does_not_grow(client, django_assert_num_queries, rows):
    grace = UserFactory.create()
    for _ in range(rows):
        NotificationFactory.create(user=grace)
    client.force_login(grace)

    # The session and the user; the second-factor gate's three questions (the first request,
    # so not yet cached); the page's count and its rows. The session was saved at sign-in,
    # less than a minute before.
    with django_assert_num_queries(7):
        client.get(API)


def test_unread_count(client):
    grace = UserFactory.create()
    Notification.objects.bulk_create(
        [Notification(user=grace, kind="reply", text="x", url="/") for _ in range(3)]
    )
    client.force_login(grace)

    assert client.get(f"{API}/unread").json() == {"unread": 3, "label": "3"}


def test_mark_one_read(client):
    notification = NotificationFactory.create()
    client.force_login(notification.user)

    response = client.post(f"{API}/{notification.pk}/read")

    assert response.status_code == 200
    assert response.json()["is_read"] is True
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_members_notification_is_not_found(client):
    notification = NotificationFactory.create()
    client.force_login(UserFactory.create())

    response = client.post(f"{API}/{notification.pk}/read")

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_marks_the_members_own(client):
    grace = UserFactory.create()
    for _ in range(2):
        NotificationFactory.create(user=grace)
    NotificationFactory.create(user=grace, read_at=timezone.now())
    theirs = NotificationFactory.create()
    client.force_login(grace)

    assert client.post(f"{API}/read-all").json() == {"marked": 2}
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_visitors_are_refused(client):
    assert client.get(API).status_code == 401


def test_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert set(paths["/api/v1/network/notifications"]) == {"get"}
    assert set(paths["/api/v1/network/notifications/unread"]) == {"get"}
    assert set(paths["/api/v1/network/notifications/{notification_id}/read"]) == {"post"}
    assert set(paths["/api/v1/network/notifications/read-all"]) == {"post"}
