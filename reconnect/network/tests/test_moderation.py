"""Moderation's services: flags and auto-hiding, the review of held and flagged posts, the
trust model, and the audit and notifications each leaves."""

import datetime

import pytest
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.network import audit_actions
from reconnect.network.models import (
    Flag,
    FlagOutcome,
    FlagReason,
    Notification,
    NotificationKind,
    Post,
    PostStatus,
)
from reconnect.network.selectors import moderation as selectors
from reconnect.network.services import moderation as services
from reconnect.network.tests.factories import FlagFactory, PostFactory, thread_with_posts

pytestmark = pytest.mark.django_db


def _audits(action: str) -> list[dict]:
    return [event.detail for event in AuditEvent.objects.filter(action=action).order_by("pk")]


def _moderation_notes(user) -> list[str]:
    return list(
        Notification.objects.filter(user=user, kind=NotificationKind.MODERATION)
        .order_by("pk")
        .values_list("text", flat=True)
    )


def _reply(thread, number=2):
    return Post.objects.get(thread=thread, number=number)


# --- Flags ----------------------------------------------------------------------------------


def test_flag_records_one_open_flag_and_its_audit():
    thread = thread_with_posts(replies=1)
    post = _reply(thread)
    reader = UserFactory.create()

    flag, created = services.flag_post(
        post=post, user=reader, reason=FlagReason.SPAM, note="Selling software."
    )

    assert created is True
    assert (flag.post_id, flag.flagged_by_id, flag.reason, flag.note, flag.outcome) == (
        post.pk,
        reader.pk,
        "spam",
        "Selling software.",
        "open",
    )
    assert _audits(audit_actions.POST_FLAGGED) == [
        {"post": post.pk, "thread": thread.pk, "reason": "spam"}
    ]
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_flag_twice_by_the_same_member_changes_nothing():
    post = _reply(thread_with_posts(replies=1))
    reader = UserFactory.create()
    first, _ = services.flag_post(post=post, user=reader, reason=FlagReason.SPAM)

    again, created = services.flag_post(post=post, user=reader, reason=FlagReason.OFF_TOPIC)

    assert created is False
    assert again.pk == first.pk
    assert Flag.objects.filter(post=post).count() == 1
    assert len(_audits(audit_actions.POST_FLAGGED)) == 1


def test_flag_of_ones_own_post_is_refused():
    post = _reply(thread_with_posts(replies=1))

    with pytest.raises(ApplicationError) as refused:
        services.flag_post(post=post, user=post.author, reason=FlagReason.SPAM)

    assert refused.value.message == "You cannot report your own post."
    assert Flag.objects.count() == 0


def test_flag_with_an_unknown_reason_is_refused():
    post = _reply(thread_with_posts(replies=1))

    with pytest.raises(ApplicationError) as refused:
        services.flag_post(post=post, user=UserFactory.create(), reason="boring")

    assert refused.value.field == "reason"
    assert Flag.objects.count() == 0


def test_two_flags_leave_the_post_up_and_the_third_member_hides_it():
    thread = thread_with_posts(replies=2)
    post = _reply(thread)
    readers = UserFactory.create_batch(3)
    services.flag_post(post=post, user=readers[0], reason=FlagReason.INAPPROPRIATE)
    services.flag_post(post=post, user=readers[1], reason=FlagReason.OFF_TOPIC)
    # The same member again does not count twice.
    services.flag_post(post=post, user=readers[1], reason=FlagReason.OFF_TOPIC)
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert thread.post_count == 3

    services.flag_post(post=post, user=readers[2], reason=FlagReason.INAPPROPRIATE)

    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    assert post.hidden_reason == (
        "Reported by several members: hidden while a coordinator checks it."
    )
    assert thread.post_count == 2
    assert _audits(audit_actions.POST_HIDDEN) == [
        {
            "post": post.pk,
            "thread": thread.pk,
            "reason": "flags",
            "automatic": True,
            "flags": 3,
        }
    ]
    assert _moderation_notes(post.author) == [
        (
            f"Your post in “{thread.title}” has been hidden. Reported by several members: "
            "hidden while a coordinator checks it."
        )
    ]


def test_a_pupil_data_flag_hides_the_post_at_once():
    thread = thread_with_posts(replies=1)
    post = _reply(thread)

    services.flag_post(post=post, user=UserFactory.create(), reason=FlagReason.PUPIL_DATA)

    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    assert post.hidden_reason == (
        "Reported as identifying a pupil or family: hidden while a coordinator checks it."
    )
    assert (thread.post_count, thread.last_post_number) == (1, 1)
    assert _audits(audit_actions.POST_HIDDEN)[0]["reason"] == "pupil_data"
    assert len(_moderation_notes(post.author)) == 1


def test_a_hidden_post_takes_no_new_flags():
    post = _reply(thread_with_posts(replies=1))
    services.flag_post(post=post, user=UserFactory.create(), reason=FlagReason.PUPIL_DATA)

    with pytest.raises(ApplicationError) as refused:
        services.flag_post(post=post, user=UserFactory.create(), reason=FlagReason.SPAM)

    assert refused.value.message == "This post is already waiting for a coordinator."
    assert Flag.objects.count() == 1


# --- The trust model ------------------------------------------------------------------------


def test_a_new_member_is_held_until_two_posts_are_published(django_assert_num_queries):
    member = UserFactory.create()
    thread = thread_with_posts(replies=0)
    with django_assert_num_queries(1):
        assert selectors.must_hold_for_review(member) is True

    PostFactory.create(thread=thread, number=2, author=member, status=PostStatus.PUBLISHED)
    assert selectors.must_hold_for_review(member) is True
    PostFactory.create(thread=thread, number=3, author=member, status=PostStatus.REJECTED)
    assert selectors.must_hold_for_review(member) is True

    PostFactory.create(thread=thread, number=4, author=member, status=PostStatus.PUBLISHED)
    with django_assert_num_queries(1):
        assert selectors.must_hold_for_review(member) is False


def test_a_member_with_many_posts_costs_one_query(django_assert_num_queries):
    member = UserFactory.create()
    thread = thread_with_posts(replies=0)
    for number in range(2, 12):
        PostFactory.create(thread=thread, number=number, author=member)

    with django_assert_num_queries(1):
        assert selectors.must_hold_for_review(member) is False


def test_coordinators_and_administrators_are_never_held(
    coordinator, admin_user, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert selectors.must_hold_for_review(coordinator) is False
        assert selectors.must_hold_for_review(admin_user) is False


# --- Reviewing held posts -------------------------------------------------------------------


def _held_reply(thread, author=None):
    number = thread.posts.count() + 1
    return PostFactory.create(
        thread=thread,
        number=number,
        author=author or UserFactory.create(),
        status=PostStatus.PENDING,
        created_at=thread.last_posted_at + datetime.timedelta(minutes=5),
    )


def test_approve_publishes_a_held_post_and_counts_it(coordinator):
    thread = thread_with_posts(replies=1)
    held = _held_reply(thread)
    thread.refresh_from_db()
    assert (thread.post_count, thread.last_post_number) == (2, 2)

    services.post_approve(post=held, moderator=coordinator)

    held.refresh_from_db()
    thread.refresh_from_db()
    assert held.status == PostStatus.PUBLISHED
    assert (thread.post_count, thread.last_post_number, thread.last_posted_at) == (
        3,
        3,
        held.created_at,
    )
    assert _audits(audit_actions.POST_APPROVED) == [{"post": held.pk, "thread": thread.pk}]
    assert _moderation_notes(held.author) == [
        f"Your post in “{thread.title}” has been approved and is now visible."
    ]


def test_approve_tells_the_threads_author_of_the_reply_as_publishing_would(coordinator):
    thread = thread_with_posts(replies=0)
    held = _held_reply(thread)

    services.post_approve(post=held, moderator=coordinator)

    assert (
        Notification.objects.filter(
            user=thread.author, kind=NotificationKind.REPLY, post=held
        ).count()
        == 1
    )


def test_approve_refuses_a_post_not_held(coordinator):
    post = _reply(thread_with_posts(replies=1))

    with pytest.raises(ApplicationError) as refused:
        services.post_approve(post=post, moderator=coordinator)

    assert refused.value.message == "This post is not waiting for review."
    assert _audits(audit_actions.POST_APPROVED) == []


def test_reject_keeps_a_held_post_out_with_its_reason(coordinator):
    thread = thread_with_posts(replies=1)
    held = _held_reply(thread)

    services.post_reject(post=held, moderator=coordinator, reason="  Please  post in Attendance. ")

    held.refresh_from_db()
    thread.refresh_from_db()
    assert (held.status, held.hidden_reason) == (PostStatus.REJECTED, "Please post in Attendance.")
    assert thread.post_count == 2
    assert _audits(audit_actions.POST_REJECTED) == [
        {"post": held.pk, "thread": thread.pk, "reason": "Please post in Attendance."}
    ]
    assert _moderation_notes(held.author) == [
        f"Your post in “{thread.title}” was not published: Please post in Attendance."
    ]


def test_reject_needs_a_reason(coordinator):
    held = _held_reply(thread_with_posts(replies=0))

    with pytest.raises(ApplicationError) as refused:
        services.post_reject(post=held, moderator=coordinator, reason="  ")

    assert (refused.value.message, refused.value.field) == (
        "Say why the post is rejected.",
        "reason",
    )
    held.refresh_from_db()
    assert held.status == PostStatus.PENDING


# --- Hiding, showing, dismissing, upholding --------------------------------------------------


def test_hide_a_post_with_a_reason_upholds_its_flags(coordinator):
    thread = thread_with_posts(replies=2)
    post = _reply(thread)
    flag = FlagFactory.create(post=post, reason=FlagReason.OFF_TOPIC)

    services.post_hide(post=post, moderator=coordinator, reason="Moved to a private message.")

    post.refresh_from_db()
    flag.refresh_from_db()
    thread.refresh_from_db()
    assert (post.status, post.hidden_reason) == (
        PostStatus.HIDDEN,
        "Moved to a private message.",
    )
    assert (flag.outcome, flag.resolved_by_id) == (FlagOutcome.UPHELD, coordinator.pk)
    assert (thread.post_count, thread.last_post_number) == (2, 3)
    assert _audits(audit_actions.POST_HIDDEN) == [
        {
            "post": post.pk,
            "thread": thread.pk,
            "reason": "Moved to a private message.",
            "flags_upheld": [flag.pk],
        }
    ]
    assert _moderation_notes(post.author) == [
        (
            f"Your post in “{thread.title}” has been hidden by a coordinator: "
            "Moved to a private message."
        )
    ]


def test_hiding_the_last_post_moves_the_threads_last_post_back(coordinator):
    thread = thread_with_posts(replies=2)
    last = _reply(thread, 3)
    second = _reply(thread, 2)

    services.post_hide(post=last, moderator=coordinator, reason="Spam.")

    thread.refresh_from_db()
    assert (thread.post_count, thread.last_post_number, thread.last_posted_at) == (
        2,
        2,
        second.created_at,
    )


def test_unhide_shows_a_post_again_and_dismisses_open_flags(coordinator):
    thread = thread_with_posts(replies=1)
    post = _reply(thread)
    services.flag_post(post=post, user=UserFactory.create(), reason=FlagReason.PUPIL_DATA)
    flag = Flag.objects.get(post=post)

    services.post_unhide(post=post, moderator=coordinator)

    post.refresh_from_db()
    flag.refresh_from_db()
    thread.refresh_from_db()
    assert (post.status, post.hidden_reason) == (PostStatus.PUBLISHED, "")
    assert flag.outcome == FlagOutcome.DISMISSED
    assert thread.post_count == 2
    assert _audits(audit_actions.POST_UNHIDDEN) == [
        {"post": post.pk, "thread": thread.pk, "flags_dismissed": [flag.pk]}
    ]
    assert _moderation_notes(post.author)[-1] == f"Your post in “{thread.title}” is visible again."


def test_dismissing_flags_that_hid_a_post_shows_it_again(coordinator):
    thread = thread_with_posts(replies=1)
    post = _reply(thread)
    flaggers = UserFactory.create_batch(3)
    for reader in flaggers:
        services.flag_post(post=post, user=reader, reason=FlagReason.SPAM)
    ids = sorted(Flag.objects.filter(post=post).values_list("pk", flat=True))

    services.flags_dismiss(post=post, moderator=coordinator)

    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert thread.post_count == 2
    assert set(Flag.objects.filter(post=post).values_list("outcome", flat=True)) == {"dismissed"}
    assert _audits(audit_actions.FLAG_DISMISSED) == [
        {"post": post.pk, "thread": thread.pk, "flags": ids, "unhidden": True}
    ]


def test_dismissing_flags_on_a_post_still_up_leaves_it_up(coordinator):
    post = _reply(thread_with_posts(replies=1))
    flag = FlagFactory.create(post=post)

    services.flags_dismiss(post=post, moderator=coordinator)

    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert _audits(audit_actions.FLAG_DISMISSED) == [
        {"post": post.pk, "thread": post.thread_id, "flags": [flag.pk], "unhidden": False}
    ]
    assert _moderation_notes(post.author) == []


def test_dismiss_without_open_flags_is_refused(coordinator):
    post = _reply(thread_with_posts(replies=1))

    with pytest.raises(ApplicationError) as refused:
        services.flags_dismiss(post=post, moderator=coordinator)

    assert refused.value.message == "No report on this post is waiting for review."
    assert _audits(audit_actions.FLAG_DISMISSED) == []


def test_upholding_flags_hides_with_the_commonest_reason(coordinator):
    post = _reply(thread_with_posts(replies=1))
    FlagFactory.create(post=post, reason=FlagReason.SPAM)
    FlagFactory.create(post=post, reason=FlagReason.SPAM)

    services.flags_uphold(post=post, moderator=coordinator)

    post.refresh_from_db()
    assert (post.status, post.hidden_reason) == (PostStatus.HIDDEN, "Reported by members: Spam")
    assert set(Flag.objects.filter(post=post).values_list("outcome", flat=True)) == {"upheld"}


# --- The queue ------------------------------------------------------------------------------


def test_queue_holds_held_and_flagged_posts_oldest_wait_first(coordinator):
    now = timezone.now()
    thread = thread_with_posts(replies=3)
    flagged = _reply(thread, 2)
    FlagFactory.create(
        post=flagged, reason=FlagReason.SPAM, created_at=now - datetime.timedelta(hours=3)
    )
    FlagFactory.create(
        post=flagged, reason=FlagReason.PUPIL_DATA, created_at=now - datetime.timedelta(hours=1)
    )
    held = PostFactory.create(
        thread=thread,
        number=5,
        status=PostStatus.PENDING,
        created_at=now - datetime.timedelta(hours=5),
    )
    settled = _reply(thread, 3)
    FlagFactory.create(post=settled, outcome=FlagOutcome.DISMISSED)
    rejected = PostFactory.create(thread=thread, number=6, status=PostStatus.REJECTED)

    items = [selectors.queue_item(post) for post in selectors.review_queue_posts()]

    assert [item.post.pk for item in items] == [held.pk, flagged.pk]
    assert (items[0].held, items[0].flag_count, items[0].reasons) == (True, 0, [])
    assert (items[1].held, items[1].flag_count, items[1].pupil_data) == (False, 2, True)
    assert sorted(items[1].reasons) == [("Identifies a pupil or family", 1), ("Spam", 1)]
    assert selectors.review_queue_count() == 2
    assert rejected.pk not in [item.post.pk for item in items]


def test_queue_count_is_one_query(django_assert_num_queries):
    thread = thread_with_posts(replies=2)
    FlagFactory.create(post=_reply(thread, 2))
    PostFactory.create(thread=thread, number=4, status=PostStatus.PENDING)

    with django_assert_num_queries(1):
        assert selectors.review_queue_count() == 2


def test_flagged_post_ids_are_the_readers_open_flags(django_assert_num_queries):
    thread = thread_with_posts(replies=3)
    posts = list(thread.posts.order_by("number"))
    reader = UserFactory.create()
    FlagFactory.create(post=posts[1], flagged_by=reader)
    FlagFactory.create(post=posts[2], flagged_by=reader, outcome=FlagOutcome.DISMISSED)
    FlagFactory.create(post=posts[3])

    with django_assert_num_queries(1):
        assert selectors.flagged_post_ids(reader, posts) == frozenset({posts[1].pk})
