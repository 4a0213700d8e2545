"""The discussions API: reading categories, threads and posts; starting threads and
replying with the pages' rules, rate limit and idempotency."""

from types import SimpleNamespace
from unittest import mock

import pytest

from reconnect.network.models import Category, Post, Thread, ThreadRead
from reconnect.network.tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    thread_with_posts,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/network"


def _post(client, path: str, data: dict, **headers: str):
    return client.post(f"{API}{path}", data, content_type="application/json", headers=headers)


def test_categories_list_with_counts_and_unread(client, head_at_school_a):
    thread_with_posts(replies=2, category=Category.objects.get(slug="send"))
    client.force_login(head_at_school_a)

    response = client.get(f"{API}/categories")

    rows = {row["slug"]: row for row in response.json()}
    assert response.status_code == 200
    assert rows["send"]["thread_count"] == 1
    assert rows["send"]["post_count"] == 3
    assert rows["send"]["unread"] == 1
    assert rows["announcements"]["coordinators_only"] is True


def test_a_category_s_threads_paginated(client, head_at_school_a):
    thread = thread_with_posts(replies=1, kind="question")
    client.force_login(head_at_school_a)

    assert thread.category is not None
    response = client.get(f"{API}/categories/{thread.category.slug}/threads")

    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["id"], item["kind"], item["post_count"], item["answered"]) == (
        thread.pk,
        "question",
        2,
        False,
    )
    assert item["is_new"] is True


def test_reading_a_thread_gives_its_posts_and_moves_the_place(client, head_at_school_a):
    thread = thread_with_posts(replies=2)
    client.force_login(head_at_school_a)

    response = client.get(f"{API}/threads/{thread.pk}")

    body = response.json()
    assert [p["number"] for p in body["posts"]] == [1, 2, 3]
    assert (body["page"], body["pages"]) == (1, 1)
    assert body["posts"][0]["body_html"].startswith("<p>We start at 8")
    assert ThreadRead.objects.get(user=head_at_school_a).last_read_number == 3


def test_a_group_thread_is_404_to_outsiders(client, head_at_school_a, head_at_school_b):
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    thread = thread_with_posts(replies=0, category=None, group=group)
    client.force_login(head_at_school_b)

    assert client.get(f"{API}/threads/{thread.pk}").status_code == 404
    assert _post(client, f"/threads/{thread.pk}/posts", {"body": "Hi"}).status_code == 404
    assert (
        _post(client, f"/groups/{group.slug}/threads", {"title": "T", "body": "B"}).status_code
        == 404
    )
    client.force_login(head_at_school_a)
    made = _post(client, f"/groups/{group.slug}/threads", {"title": "T", "body": "B"})
    assert made.status_code == 201
    assert made.json()["group"] == group.slug


def test_starting_a_thread_and_replying_with_an_idempotency_key(client, head_at_school_a):
    client.force_login(head_at_school_a)

    made = _post(
        client,
        "/categories/attendance/threads",
        {"title": "Calls", "body": "Do they work?", "kind": "question", "themes": ["send"]},
        **{"Idempotency-Key": "thread-1"},
    )
    again = _post(
        client,
        "/categories/attendance/threads",
        {"title": "Calls", "body": "Do they work?"},
        **{"Idempotency-Key": "thread-1"},
    )
    thread_id = made.json()["id"]
    reply = _post(
        client,
        f"/threads/{thread_id}/posts",
        {"body": "Yes", "reply_to": 1, "submission_key": "r-1"},
    )
    reply_again = _post(
        client, f"/threads/{thread_id}/posts", {"body": "Yes", "submission_key": "r-1"}
    )

    assert (made.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == thread_id
    assert (reply.status_code, reply_again.status_code) == (201, 200)
    assert reply.json()["number"] == 2
    assert reply.json()["reply_to"] == 1
    assert reply_again.json()["id"] == reply.json()["id"]
    assert Thread.objects.count() == 1
    assert Post.objects.count() == 2
    assert set(Thread.objects.get().themes.values_list("slug", flat=True)) == {
        "attendance",
        "send",
    }


@pytest.fixture
def _mid_minute():
    """The limit counts in fixed minutes: hold its clock mid-minute, so a slow run cannot
    straddle two windows."""
    clock = SimpleNamespace(time=lambda: 1_800_000_030.0)
    with mock.patch("reconnect.core.ratelimit.time", clock):
        yield


@pytest.mark.usefixtures("_mid_minute")
def test_the_api_shares_the_rate_limit(client, head_at_school_a):
    thread = thread_with_posts(replies=0)
    client.force_login(head_at_school_a)

    codes = [
        _post(client, f"/threads/{thread.pk}/posts", {"body": f"R{i}"}).status_code
        for i in range(7)
    ]

    assert codes == [201] * 6 + [429]


def test_a_locked_thread_refuses_with_403(client, head_at_school_a):
    thread = thread_with_posts(replies=0, is_locked=True)
    client.force_login(head_at_school_a)

    response = _post(client, f"/threads/{thread.pk}/posts", {"body": "Hi"})

    assert response.status_code == 403
    assert response.json() == {"detail": "This thread is locked: it takes no more replies."}


def test_announcements_refuse_members_with_403(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = _post(client, "/categories/announcements/threads", {"title": "T", "body": "B"})

    assert response.status_code == 403
    assert Thread.objects.count() == 0


def test_the_operations_are_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()

    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "network_category_list",
        "network_category_threads",
        "network_thread_detail",
        "network_thread_create",
        "network_group_thread_create",
        "network_reply_create",
    } <= operations
