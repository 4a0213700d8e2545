"""What moderation decides for other areas, and what the review queue reads.

The trust model (``must_hold_for_review``): a member's posts, threads and replies alike,
wait for a coordinator until two of their posts have been published. In practice their
first two posts are held; if a coordinator rejects one, the next is held too, until two
have been accepted. Coordinators and administrators are never held. Discourse holds the
first posts of its new members the same way ("approve new users' first posts"); a member
here is already known to the network (invited through a school), so two is enough to
catch the account that was handed on or misused, without slowing a real head down.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from reconnect.network.models import Block, Flag, FlagOutcome, FlagReason, Post, PostStatus
from reconnect.network.rules.base import is_moderator

# How many published posts make a member trusted (their first posts are held till then).
TRUSTED_AFTER_POSTS = 2


def must_hold_for_review(user: Any) -> bool:
    """CONTRACT: whether ``user``'s next post waits for a coordinator (the trust model in
    the module docstring). At most one query, whatever the member has written."""
    if is_moderator(user):
        return False
    published = Post.objects.filter(author=user, status=PostStatus.PUBLISHED)[
        :TRUSTED_AFTER_POSTS
    ].count()
    return published < TRUSTED_AFTER_POSTS


def blocked_by_ids(user: Any) -> frozenset[int]:
    """The ids of members who have blocked ``user``: they get no messages or mentions from
    them. One query."""
    return frozenset(Block.objects.filter(blocked=user).values_list("blocker_id", flat=True))


def blocking_ids(user: Any) -> frozenset[int]:
    """The ids of members ``user`` has blocked. One query."""
    return frozenset(Block.objects.filter(blocker=user).values_list("blocked_id", flat=True))


def blocks_of(user: Any) -> QuerySet[Block]:
    """Whom ``user`` has blocked, newest first, with the members. One query."""
    return (
        Block.objects.filter(blocker=user).select_related("blocked").order_by("-created_at", "-pk")
    )


def flagged_post_ids(user: Any, posts: Iterable[Post]) -> frozenset[int]:
    """Of ``posts`` (a thread page's), those ``user`` has an open flag on: the thread page
    passes it to ``views.post_links.PostLinks``. One query
    for the whole page (none when there are no posts)."""
    ids = [post.pk for post in posts]
    if not ids or not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(
        Flag.objects.filter(flagged_by=user, post_id__in=ids, outcome=FlagOutcome.OPEN).values_list(
            "post_id", flat=True
        )
    )


# --- The review queue ------------------------------------------------------------------------


def _open_flags() -> Q:
    return Q(Exists(Flag.objects.filter(post=OuterRef("pk"), outcome=FlagOutcome.OPEN)))


def review_queue_posts() -> QuerySet[Post]:
    """Posts waiting for a coordinator: held posts of new members and posts with open
    flags, oldest wait first (a held post waits from when it was written, a flagged one
    from its first open flag). Thread, category, group and author come with each post and
    its open flags (with who flagged) in one more query: two queries for any length."""
    return (
        Post.objects.filter(Q(status=PostStatus.PENDING) | _open_flags())
        .exclude(status=PostStatus.REJECTED)
        .annotate(
            first_flagged_at=Min("flags__created_at", filter=Q(flags__outcome=FlagOutcome.OPEN)),
            open_flag_count=Count("flags", filter=Q(flags__outcome=FlagOutcome.OPEN)),
        )
        .annotate(waiting_since=Coalesce("first_flagged_at", "created_at"))
        .select_related("thread", "thread__category", "thread__group", "author")
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.filter(outcome=FlagOutcome.OPEN).select_related("flagged_by"),
                to_attr="open_flags",
            )
        )
        .order_by("waiting_since", "pk")
    )


@dataclass(frozen=True)
class QueueItem:
    """One post in the review queue, with its flags summed up by reason."""

    post: Post
    held: bool
    waiting_since: datetime.datetime
    flag_count: int
    reasons: list[tuple[str, int]]
    notes: list[str]
    pupil_data: bool


def queue_item(post: Post) -> QueueItem:
    """A queue row from a post of ``review_queue_posts`` (no queries)."""
    flags: list[Flag] = getattr(post, "open_flags", [])
    counts = Counter(flag.reason for flag in flags)
    labels = dict(FlagReason.choices)
    return QueueItem(
        post=post,
        held=post.status == PostStatus.PENDING,
        waiting_since=getattr(post, "waiting_since", post.created_at),
        flag_count=len(flags),
        reasons=[(str(labels.get(reason, reason)), n) for reason, n in counts.most_common()],
        notes=[flag.note for flag in flags if flag.note],
        pupil_data=FlagReason.PUPIL_DATA in counts,
    )


def review_queue_count() -> int:
    """How many posts wait in the review queue (for a moderator's badge). One query."""
    return (
        Post.objects.filter(Q(status=PostStatus.PENDING) | _open_flags())
        .exclude(status=PostStatus.REJECTED)
        .count()
    )


def post_for(post_id: int) -> Post:
    """A post with its thread (and the thread's group and category), or 404. One query."""
    return get_object_or_404(
        Post.objects.select_related("thread", "thread__category", "thread__group", "author"),
        pk=post_id,
    )


def open_flags_of(post: Post) -> list[Flag]:
    return list(post.flags.filter(outcome=FlagOutcome.OPEN).select_related("flagged_by"))
