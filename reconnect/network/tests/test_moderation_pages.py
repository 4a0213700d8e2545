"""Moderation's pages: reporting a post, the review queue, a moderator's decision, a
thread's moderation page, and the actions shown under every post."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.models import AuditEvent
from reconnect.network import audit_actions
from reconnect.network.models import Flag, Post, PostStatus, Thread
from reconnect.network.rules.base import is_moderator
from reconnect.network.selectors import moderation as selectors
from reconnect.network.templatetags.network_discussions import link_items
from reconnect.network.tests.factories import (
    CategoryFactory,
    FlagFactory,
    GroupFactory,
    PostFactory,
    ThreadFactory,
    thread_with_posts,
)
from reconnect.network.views.moderation import FLAGS_PER_MINUTE
from reconnect.network.views.post_links import PostLinks

pytestmark = pytest.mark.django_db


def _reply(thread, number=2):
    return Post.objects.get(thread=thread, number=number)


# --- Reporting ------------------------------------------------------------------------------


def test_report_page_offers_the_reasons(client, head_at_school_a):
    post = _reply(thread_with_posts(replies=1))
    client.force_login(head_at_school_a)

    response = client.get(reverse("network:post-flag", kwargs={"post_id": post.pk}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Report post 2" in page
    assert "Identifies a pupil or family" in page
    assert 'value="pupil_data"' in page


def test_report_makes_a_flag_and_returns_to_the_post(client, head_at_school_a):
    post = _reply(thread_with_posts(replies=1))
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("network:post-flag", kwargs={"post_id": post.pk}),
        {"reason": "off_topic", "note": "Belongs in Attendance."},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("network:post", kwargs={"post_id": post.pk})
    flag = Flag.objects.get()
    assert (flag.post_id, flag.flagged_by_id, flag.reason, flag.note) == (
        post.pk,
        head_at_school_a.pk,
        "off_topic",
        "Belongs in Attendance.",
    )


def test_report_without_a_reason_shows_the_error(client, head_at_school_a):
    post = _reply(thread_with_posts(replies=1))
    client.force_login(head_at_school_a)

    response = client.post(reverse("network:post-flag", kwargs={"post_id": post.pk}), {})

    assert response.status_code == 200
    assert "Choose why you are reporting this post." in response.content.decode()
    assert Flag.objects.count() == 0


def test_report_of_a_private_groups_post_is_404_and_changes_nothing(client, head_at_school_a):
    thread = ThreadFactory.create(category=None, group=GroupFactory.create())
    post = PostFactory.create(thread=thread, number=1)
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("network:post-flag", kwargs={"post_id": post.pk}), {"reason": "spam"}
    )

    assert response.status_code == 404
    assert Flag.objects.count() == 0


def test_reports_are_rate_limited(client, head_at_school_a):
    thread = thread_with_posts(replies=FLAGS_PER_MINUTE + 1)
    client.force_login(head_at_school_a)
    statuses = []
    for number in range(2, FLAGS_PER_MINUTE + 3):
        post = _reply(thread, number)
        statuses.append(
            client.post(
                reverse("network:post-flag", kwargs={"post_id": post.pk}), {"reason": "spam"}
            ).status_code
        )

    assert statuses == [302] * FLAGS_PER_MINUTE + [429]
    assert Flag.objects.count() == FLAGS_PER_MINUTE


def test_report_page_anonymous_is_sent_to_sign_in(client):
    post = _reply(thread_with_posts(replies=1))

    response = client.get(reverse("network:post-flag", kwargs={"post_id": post.pk}))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- The queue ------------------------------------------------------------------------------


def _fill_queue(n: int) -> None:
    for _ in range(n):
        thread = thread_with_posts(replies=1)
        FlagFactory.create(post=_reply(thread))
        PostFactory.create(thread=thread, number=3, status=PostStatus.PENDING)


def _queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("network:review-queue"))
    assert response.status_code == 200
    return len(queries)


def test_queue_costs_the_same_queries_for_one_row_and_for_three(client, coordinator):
    client.force_login(coordinator)
    _fill_queue(1)
    client.get(reverse("network:review-queue"))  # warm the session and the caches
    one = _queue_queries(client)

    _fill_queue(2)
    three = _queue_queries(client)

    assert one == three
    assert len(client.get(reverse("network:review-queue")).context["rows"]) == 6


@pytest.mark.parametrize("rows", [1, 3])
def test_queue_reads_its_rows_in_two_queries(django_assert_num_queries, rows):
    _fill_queue(rows)

    with django_assert_num_queries(2):
        items = [selectors.queue_item(post) for post in selectors.review_queue_posts()]
        titles = [(item.post.thread.title, str(item.post.author)) for item in items]

    assert len(titles) == rows * 2


def test_queue_shows_reasons_and_counts(client, coordinator):
    thread = thread_with_posts(replies=1, title="Uniform grants")
    post = _reply(thread)
    FlagFactory.create(post=post, reason="spam")
    FlagFactory.create(post=post, reason="spam")
    client.force_login(coordinator)

    page = client.get(reverse("network:review-queue")).content.decode()

    assert "1 post is waiting for review." in page
    assert "Uniform grants" in page
    assert "Spam: 2" in page


def test_queue_is_refused_to_members(client, head_at_school_a):
    client.force_login(head_at_school_a)

    assert client.get(reverse("network:review-queue")).status_code == 403


# --- A moderator's decision -----------------------------------------------------------------


def test_approve_from_the_page_publishes_and_returns_to_the_queue(client, coordinator):
    thread = thread_with_posts(replies=1)
    held = PostFactory.create(thread=thread, number=3, status=PostStatus.PENDING)
    client.force_login(coordinator)

    response = client.post(
        reverse("network:post-moderate", kwargs={"post_id": held.pk}), {"action": "approve"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("network:review-queue")
    held.refresh_from_db()
    thread.refresh_from_db()
    assert held.status == PostStatus.PUBLISHED
    assert thread.post_count == 3
    event = AuditEvent.objects.get(action=audit_actions.POST_APPROVED)
    assert (event.actor_id, event.detail) == (
        coordinator.pk,
        {"post": held.pk, "thread": thread.pk},
    )


def test_hide_from_the_page_needs_a_reason(client, coordinator):
    post = _reply(thread_with_posts(replies=1))
    client.force_login(coordinator)

    response = client.post(
        reverse("network:post-moderate", kwargs={"post_id": post.pk}),
        {"action": "hide", "reason": ""},
    )

    assert response.status_code == 200
    assert "Enter a reason the author will see." in response.content.decode()
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_hide_returns_to_a_safe_next_address_only(client, coordinator):
    thread = thread_with_posts(replies=2)
    client.force_login(coordinator)
    url = reverse("network:post-moderate", kwargs={"post_id": _reply(thread, 2).pk})
    url3 = reverse("network:post-moderate", kwargs={"post_id": _reply(thread, 3).pk})

    here = client.post(url, {"action": "hide", "reason": "Spam.", "next": "/network/"})
    away = client.post(url3, {"action": "hide", "reason": "Spam.", "next": "https://evil.test/"})

    assert here["Location"] == "/network/"
    assert away["Location"] == reverse("network:review-queue")


def test_a_member_cannot_moderate_a_post_and_nothing_changes(client, head_at_school_a):
    post = _reply(thread_with_posts(replies=1))
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("network:post-moderate", kwargs={"post_id": post.pk}),
        {"action": "hide", "reason": "Mine now."},
    )

    assert response.status_code == 403
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert AuditEvent.objects.filter(action=audit_actions.POST_HIDDEN).count() == 0


# --- A thread's moderation page -------------------------------------------------------------


def test_split_from_the_page_goes_to_the_new_thread(client, coordinator):
    thread = thread_with_posts(replies=3)
    target = CategoryFactory.create(name="Split target")
    client.force_login(coordinator)

    response = client.post(
        reverse("network:thread-moderate", kwargs={"thread_id": thread.pk}),
        {"form": "split", "numbers": "2, 4", "title": "A side topic", "category": target.pk},
    )

    new = Thread.objects.get(title="A side topic")
    assert response.status_code == 302
    assert response["Location"] == reverse("network:thread-moderate", kwargs={"thread_id": new.pk})
    assert list(Post.objects.filter(thread=new).values_list("number", flat=True)) == [1, 2]
    assert list(Post.objects.filter(thread=thread).values_list("number", flat=True)) == [1, 2]


def test_split_with_letters_shows_the_error(client, coordinator):
    thread = thread_with_posts(replies=2)
    client.force_login(coordinator)

    response = client.post(
        reverse("network:thread-moderate", kwargs={"thread_id": thread.pk}),
        {"form": "split", "numbers": "two", "title": "X", "category": thread.category_id},
    )

    assert response.status_code == 200
    assert (
        "Enter post numbers only, separated by commas, for example 4, 5, 7"
        in response.content.decode()
    )
    assert Thread.objects.count() == 1


def test_move_from_the_page(client, coordinator):
    thread = thread_with_posts(replies=0)
    target = CategoryFactory.create(name="Move target")
    client.force_login(coordinator)

    response = client.post(
        reverse("network:thread-moderate", kwargs={"thread_id": thread.pk}),
        {"form": "move", "category": target.pk},
    )

    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.category_id == target.pk


def test_lock_from_the_page_is_refused_to_members(client, head_at_school_a):
    thread = thread_with_posts(replies=0)
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("network:thread-moderate", kwargs={"thread_id": thread.pk}),
        {"form": "thread", "action": "lock"},
    )

    assert response.status_code == 403
    thread.refresh_from_db()
    assert thread.is_locked is False


# --- Under every post -----------------------------------------------------------------------


def _actions(user, post, flagged=frozenset()):
    """The report and moderation links under ``post`` as ``user`` sees them on page 1."""
    links = PostLinks(
        user=user,
        thread=post.thread,
        return_path=f"/network/threads/{post.thread_id}/",
        can_reply=True,
        can_accept=False,
        flagged_ids=flagged,
        moderator=is_moderator(user),
    )
    return link_items(links.review(post))


def test_post_actions_make_no_query(head_at_school_a, coordinator, django_assert_num_queries):
    post = Post.objects.select_related("thread").get(pk=_reply(thread_with_posts(replies=1)).pk)

    with django_assert_num_queries(0):
        member = _actions(head_at_school_a, post)
        moderator = _actions(coordinator, post)

    report = reverse("network:post-flag", kwargs={"post_id": post.pk})
    moderate = reverse("network:post-moderate", kwargs={"post_id": post.pk})
    assert report in member
    assert moderate not in member
    assert moderate + "?next=/network/threads/" in moderator
    assert reverse("network:review-queue") in moderator


def test_post_actions_offer_no_report_to_the_author_or_twice(head_at_school_a):
    post = _reply(thread_with_posts(replies=1))
    report = reverse("network:post-flag", kwargs={"post_id": post.pk})

    own = _actions(post.author, post)
    reported = _actions(head_at_school_a, post, frozenset({post.pk}))

    assert report not in own
    assert report not in reported
    assert "You reported this post" in reported


def test_post_actions_offer_no_report_on_a_held_post():
    post = PostFactory.create(number=2, status=PostStatus.PENDING)

    assert "Report" not in _actions(UserFactory.create(), post)


def test_post_actions_link_moderators_to_the_thread_from_its_opening_post(
    coordinator, head_at_school_a
):
    thread = thread_with_posts(replies=1)
    opening, reply = _reply(thread, 1), _reply(thread, 2)
    moderate = reverse("network:thread-moderate", kwargs={"thread_id": thread.pk})

    assert moderate in _actions(coordinator, opening)
    assert moderate not in _actions(coordinator, reply)
    assert moderate not in _actions(head_at_school_a, opening)
