"""Moderators' thread actions: lock, pin, hide, move and split; and held posts end to end
through the discussions services (a new member's reply is held, unseen, then approved)."""

import datetime

import pytest
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.network import audit_actions
from reconnect.network.models import (
    Attachment,
    Notification,
    NotificationKind,
    Post,
    PostRevision,
    PostStatus,
    Thread,
    ThreadRead,
)
from reconnect.network.rules.discussions import can_see_post
from reconnect.network.services import discussions
from reconnect.network.services import moderation as services
from reconnect.network.tests.factories import (
    CategoryFactory,
    GroupFactory,
    PostFactory,
    ThreadFactory,
    thread_with_posts,
)

pytestmark = pytest.mark.django_db


def _audits(action: str) -> list[dict]:
    return [event.detail for event in AuditEvent.objects.filter(action=action).order_by("pk")]


def _numbers(thread: Thread) -> list[tuple[int, int]]:
    """(number, pk) of the thread's posts in order."""
    return list(Post.objects.filter(thread=thread).order_by("number").values_list("number", "pk"))


# --- Lock, pin, hide ------------------------------------------------------------------------


def test_a_locked_thread_refuses_replies_until_unlocked(coordinator):
    thread = thread_with_posts(replies=1)
    member = UserFactory.create()

    services.thread_set_locked(thread=thread, moderator=coordinator, locked=True)

    with pytest.raises(ApplicationError) as refused:
        discussions.reply_create(author=member, thread=thread, body="One more thought.")
    assert refused.value.message == "This thread is locked: it takes no more replies."
    assert Post.objects.filter(thread=thread).count() == 2

    services.thread_set_locked(thread=thread, moderator=coordinator, locked=False)
    discussions.reply_create(author=member, thread=thread, body="One more thought.")
    assert Post.objects.filter(thread=thread).count() == 3
    assert _audits(audit_actions.THREAD_LOCKED) == [{"thread": thread.pk}]
    assert _audits(audit_actions.THREAD_UNLOCKED) == [{"thread": thread.pk}]


def test_locking_a_locked_thread_records_nothing_more(coordinator):
    thread = ThreadFactory.create(is_locked=True)

    services.thread_set_locked(thread=thread, moderator=coordinator, locked=True)

    assert _audits(audit_actions.THREAD_LOCKED) == []


def test_pin_and_unpin_are_audited(coordinator):
    thread = ThreadFactory.create()

    services.thread_set_pinned(thread=thread, moderator=coordinator, pinned=True)
    thread.refresh_from_db()
    assert thread.is_pinned is True
    services.thread_set_pinned(thread=thread, moderator=coordinator, pinned=False)

    thread.refresh_from_db()
    assert thread.is_pinned is False
    assert _audits(audit_actions.THREAD_PINNED) == [
        {"thread": thread.pk, "pinned": True},
        {"thread": thread.pk, "pinned": False},
    ]


def test_hide_a_thread_tells_its_author_and_needs_a_reason(coordinator):
    thread = ThreadFactory.create(title="Breakfast club")

    with pytest.raises(ApplicationError):
        services.thread_set_hidden(thread=thread, moderator=coordinator, hidden=True, reason="")
    services.thread_set_hidden(
        thread=thread, moderator=coordinator, hidden=True, reason="Duplicate thread."
    )

    thread.refresh_from_db()
    assert thread.is_hidden is True
    assert _audits(audit_actions.THREAD_HIDDEN) == [
        {"thread": thread.pk, "hidden": True, "reason": "Duplicate thread."}
    ]
    assert list(
        Notification.objects.filter(
            user=thread.author, kind=NotificationKind.MODERATION
        ).values_list("text", flat=True)
    ) == ["Your thread “Breakfast club” has been hidden by a coordinator: Duplicate thread."]


# --- Move -----------------------------------------------------------------------------------


def test_move_puts_the_thread_in_the_new_category(coordinator):
    thread = thread_with_posts(replies=1)
    before = thread.category_id
    target = CategoryFactory.create(name="Breakfast and attendance")

    services.thread_move(thread=thread, moderator=coordinator, category=target)

    thread.refresh_from_db()
    assert thread.category_id == target.pk
    assert _audits(audit_actions.THREAD_MOVED) == [
        {"thread": thread.pk, "from_category": before, "to_category": target.pk}
    ]


def test_a_groups_thread_cannot_move_to_a_category(coordinator):
    thread = ThreadFactory.create(category=None, group=GroupFactory.create())

    with pytest.raises(ApplicationError) as refused:
        services.thread_move(
            thread=thread, moderator=coordinator, category=CategoryFactory.create()
        )

    assert refused.value.field == "category"
    thread.refresh_from_db()
    assert thread.category_id is None
    assert _audits(audit_actions.THREAD_MOVED) == []


def test_move_to_the_same_category_is_refused(coordinator):
    category = CategoryFactory.create()
    thread = ThreadFactory.create(category=category)

    with pytest.raises(ApplicationError) as refused:
        services.thread_move(thread=thread, moderator=coordinator, category=category)

    assert refused.value.message == "The thread is already in this category."


# --- Split ----------------------------------------------------------------------------------


def _thread_of_six():
    """Posts 1..6 a minute apart, each by its own author; post 3 answers post 2, post 5
    answers post 4 and post 6 answers post 1."""
    start = timezone.now() - datetime.timedelta(hours=1)
    thread = ThreadFactory.create(title="Breakfast clubs", created_at=start)
    posts = []
    for number in range(1, 7):
        posts.append(
            PostFactory.create(
                thread=thread,
                number=number,
                author=thread.author if number == 1 else UserFactory.create(),
                created_at=start + datetime.timedelta(minutes=number),
            )
        )
    Post.objects.filter(pk=posts[2].pk).update(reply_to=posts[1])
    Post.objects.filter(pk=posts[4].pk).update(reply_to=posts[3])
    Post.objects.filter(pk=posts[5].pk).update(reply_to=posts[0])
    services.thread_recount(thread)
    return thread, posts


def test_split_renumbers_both_threads_exactly(coordinator):
    thread, posts = _thread_of_six()
    target = CategoryFactory.create(name="Breakfast and attendance")
    revision = PostRevision.objects.create(post=posts[3], body="Earlier words.")
    attachment = Attachment.objects.create(
        post=posts[4],
        stored_as="x1.pdf",
        filename="plan.pdf",
        content_type="application/pdf",
        size_bytes=10,
    )

    new = services.thread_split(
        thread=thread,
        moderator=coordinator,
        numbers=[5, 2, 4],
        title="  Attendance  breakfasts ",
        category=target,
    )

    assert _numbers(thread) == [(1, posts[0].pk), (2, posts[2].pk), (3, posts[5].pk)]
    assert _numbers(new) == [(1, posts[1].pk), (2, posts[3].pk), (3, posts[4].pk)]
    new.refresh_from_db()
    thread.refresh_from_db()
    assert (new.title, new.category_id, new.author_id, new.created_at) == (
        "Attendance breakfasts",
        target.pk,
        posts[1].author_id,
        posts[1].created_at,
    )
    assert (new.post_count, new.last_post_number, new.last_posted_at) == (
        3,
        3,
        posts[4].created_at,
    )
    assert (thread.post_count, thread.last_post_number, thread.last_posted_at) == (
        3,
        3,
        posts[5].created_at,
    )
    moved = {post.pk: post for post in Post.objects.filter(thread=new)}
    # Authors and dates stay; a reply into the other thread stops pointing at it.
    assert [(moved[p.pk].author_id, moved[p.pk].created_at) for p in posts[1:2] + posts[3:5]] == [
        (p.author_id, p.created_at) for p in posts[1:2] + posts[3:5]
    ]
    assert moved[posts[4].pk].reply_to_id == posts[3].pk
    assert Post.objects.get(pk=posts[2].pk).reply_to_id is None
    assert Post.objects.get(pk=posts[5].pk).reply_to_id == posts[0].pk
    assert PostRevision.objects.get(pk=revision.pk).post_id == posts[3].pk
    assert Post.objects.get(attachments=attachment).thread_id == new.pk
    assert _audits(audit_actions.THREAD_SPLIT) == [
        {"thread": thread.pk, "new_thread": new.pk, "numbers": [2, 4, 5], "category": target.pk}
    ]


def test_split_keeps_each_readers_place(coordinator):
    thread, _posts = _thread_of_six()
    readers = UserFactory.create_batch(4)
    for reader, last in zip(readers, [1, 3, 5, 6], strict=True):
        ThreadRead.objects.create(user=reader, thread=thread, last_read_number=last)

    services.thread_split(
        thread=thread,
        moderator=coordinator,
        numbers=[2, 4, 5],
        title="Moved",
        category=thread.category,
    )

    # Old 1 -> 1, old 3 -> 2, old 6 -> 3; read to 5 means read to old 3, now 2.
    assert [
        ThreadRead.objects.get(user=reader, thread=thread).last_read_number for reader in readers
    ] == [1, 2, 2, 3]


def test_split_of_a_groups_thread_stays_in_the_group(coordinator):
    group = GroupFactory.create()
    thread = ThreadFactory.create(category=None, group=group)
    for number in (1, 2, 3):
        PostFactory.create(thread=thread, number=number)

    new = services.thread_split(
        thread=thread,
        moderator=coordinator,
        numbers=[3],
        title="Side topic",
        category=CategoryFactory.create(),
    )

    assert (new.group_id, new.category_id) == (group.pk, None)
    assert [n for n, _pk in _numbers(new)] == [1]


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        ([], "Choose the replies to move."),
        ([1, 2], "The opening post stays with its thread: choose replies only."),
        ([2, 9], "This thread has no post numbered 9."),
    ],
)
def test_split_refuses_bad_numbers_and_changes_nothing(coordinator, numbers, message):
    thread, posts = _thread_of_six()

    with pytest.raises(ApplicationError) as refused:
        services.thread_split(
            thread=thread,
            moderator=coordinator,
            numbers=numbers,
            title="New",
            category=thread.category,
        )

    assert (refused.value.message, refused.value.field) == (message, "numbers")
    assert _numbers(thread) == [(post.number, post.pk) for post in posts]
    assert Thread.objects.count() == 1


def test_split_of_the_accepted_answer_clears_it(coordinator):
    thread, posts = _thread_of_six()
    Thread.objects.filter(pk=thread.pk).update(accepted_post=posts[2])

    services.thread_split(
        thread=thread, moderator=coordinator, numbers=[3], title="New", category=thread.category
    )

    thread.refresh_from_db()
    assert thread.accepted_post_id is None


# --- Held posts end to end ------------------------------------------------------------------


def test_a_new_members_reply_is_held_unseen_until_approved(coordinator, head_at_school_b):
    thread = thread_with_posts(replies=0)
    newcomer = UserFactory.create()

    reply = discussions.reply_create(author=newcomer, thread=thread, body="We do this too.")

    assert reply.status == PostStatus.PENDING
    thread.refresh_from_db()
    assert (thread.post_count, thread.last_post_number) == (1, 1)
    assert can_see_post(head_at_school_b, reply) is False
    assert can_see_post(newcomer, reply) is True
    assert can_see_post(coordinator, reply) is True
    assert Notification.objects.filter(post=reply, kind=NotificationKind.REPLY).count() == 0

    services.post_approve(post=reply, moderator=coordinator)

    reply.refresh_from_db()
    thread.refresh_from_db()
    assert can_see_post(head_at_school_b, reply) is True
    assert (thread.post_count, thread.last_post_number) == (2, 2)
    assert list(
        Notification.objects.filter(post=reply).order_by("kind").values_list("user_id", "kind")
    ) == sorted(
        [(newcomer.pk, NotificationKind.MODERATION), (thread.author_id, NotificationKind.REPLY)],
        key=lambda row: row[1],
    )
