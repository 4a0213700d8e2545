"""Reading polls: one poll for its page, or every poll of a page of posts at once.

``polls_for_posts`` is what the thread page calls: it sets ``post.poll_view`` on each post
(None for a post with no poll) in the same four queries whatever the number of posts, so
``network/polls/poll.html`` never queries.

Who may do what is here too (the predicates read, never write):
- read and vote: whoever may read the thread (``rules.discussions.can_read_thread``) and
  see the opening post, while the poll is open;
- add a poll: the thread's author while they may still reply, or a moderator, once;
- close it early: the thread's author or a moderator.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from reconnect.core.compiled_query import CompiledQuery
from reconnect.network.models import Poll, PollKind, PollOption, PollVote, Post, Thread
from reconnect.network.rules.base import is_moderator
from reconnect.network.rules.discussions import can_read_thread, can_reply, can_see_post


def is_open(poll: Poll, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if poll.closed_at is not None:
        return False
    return poll.closes_at is None or poll.closes_at > now


def can_add_poll(user: Any, thread: Thread) -> bool:
    if not can_read_thread(user, thread):
        return False
    return is_moderator(user) or (thread.author_id == user.pk and can_reply(user, thread))


def can_close_poll(user: Any, poll: Poll) -> bool:
    thread = poll.post.thread
    if not can_read_thread(user, thread):
        return False
    return is_moderator(user) or (user.is_authenticated and thread.author_id == user.pk)


def can_vote(user: Any, poll: Poll) -> bool:
    return (
        can_read_thread(user, poll.post.thread) and can_see_post(user, poll.post) and is_open(poll)
    )


@dataclass(frozen=True)
class OptionResult:
    option: PollOption
    votes: int
    percent: int  # of the voters, rounded; several choices may add up past 100
    chosen: bool  # by the reader
    voters: list[Any] = field(default_factory=list)  # only when the poll shows voters


@dataclass(frozen=True)
class PollView:
    poll: Poll
    options: list[OptionResult]
    voter_count: int
    my_choices: frozenset[int]
    is_open: bool
    can_vote: bool
    can_close: bool

    @property
    def multiple(self) -> bool:
        return self.poll.kind == PollKind.MULTIPLE

    @property
    def has_voted(self) -> bool:
        return bool(self.my_choices)


def poll_for(user: Any, poll_id: int) -> Poll:
    """The poll, if ``user`` may read its thread and see its post; 404 otherwise."""
    poll = (
        Poll.objects.select_related("post__thread__group", "post__thread__category")
        .filter(pk=poll_id)
        .first()
    )
    if poll is None or not can_read_thread(user, poll.post.thread):
        raise Http404
    if not can_see_post(user, poll.post):
        raise Http404
    return poll


def opening_post_for(user: Any, thread_id: int) -> Post:
    """A thread's opening post, if ``user`` may read the thread; 404 otherwise."""
    post = (
        Post.objects.select_related("thread__group", "thread__category")
        .filter(thread_id=thread_id, number=1)
        .first()
    )
    if post is None or not can_read_thread(user, post.thread):
        raise Http404
    return post


def _views(user: Any, polls: Sequence[Poll], *, voters: bool = True) -> dict[int, PollView]:
    """Four queries at most, whatever the number of polls."""
    if not polls:
        return {}
    poll_ids = [poll.pk for poll in polls]
    options_by_poll: dict[int, list[PollOption]] = defaultdict(list)
    counts: dict[int, int] = {}
    for option in PollOption.objects.filter(poll_id__in=poll_ids).annotate(
        vote_count=Count("votes")
    ):
        options_by_poll[option.poll_id].append(option)
        counts[option.pk] = option.vote_count
    voter_counts = dict(
        PollVote.objects.filter(poll_id__in=poll_ids)
        .values("poll_id")
        .annotate(voters=Count("user_id", distinct=True))
        .values_list("poll_id", "voters")
    )
    mine: dict[int, set[int]] = defaultdict(set)
    if user.is_authenticated:
        for poll_id, option_id in PollVote.objects.filter(
            poll_id__in=poll_ids, user=user
        ).values_list("poll_id", "option_id"):
            mine[poll_id].add(option_id)
    voters_by_option: dict[int, list[Any]] = defaultdict(list)
    shown = [poll.pk for poll in polls if poll.show_voters]
    if voters and shown:
        for vote in (
            PollVote.objects.filter(poll_id__in=shown)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user_id")
        ):
            voters_by_option[vote.option_id].append(vote.user)
    now = timezone.now()
    views = {}
    for poll in polls:
        total = voter_counts.get(poll.pk, 0)
        open_now = is_open(poll, now)
        views[poll.pk] = PollView(
            poll=poll,
            options=[
                OptionResult(
                    option=option,
                    votes=counts[option.pk],
                    percent=round(100 * counts[option.pk] / total) if total else 0,
                    chosen=option.pk in mine[poll.pk],
                    voters=voters_by_option[option.pk],
                )
                for option in sorted(options_by_poll[poll.pk], key=lambda o: (o.position, o.pk))
            ],
            voter_count=total,
            my_choices=frozenset(mine[poll.pk]),
            is_open=open_now,
            can_vote=open_now
            and can_read_thread(user, poll.post.thread)
            and can_see_post(user, poll.post),
            can_close=open_now and can_close_poll(user, poll),
        )
    return views


def poll_view(user: Any, poll: Poll) -> PollView:
    """What the poll's page shows ``user``: four queries."""
    return _views(user, [poll])[poll.pk]


_OPENING_POLL = CompiledQuery(Poll, lambda post_id: Poll.objects.filter(post_id=post_id), "post_id")


def polls_for_posts(posts: Iterable[Post], user: Any) -> dict[int, PollView]:
    """For the thread page: sets ``post.poll_view`` on each of ``posts`` (None for a post
    with no poll), and ``post.poll_add_url`` (the add-a-poll page for an opening post
    without one whose thread ``user`` may add a poll to, else "") and returns the views by
    post id. Five queries at most whatever the number
    of posts; none when no post is an opening post. The posts' ``thread`` should be
    select_related (the rules read it)."""
    posts = list(posts)
    by_pk = {post.pk: post for post in posts}
    openings = [post.pk for post in posts if post.number == 1]
    if len(openings) == 1:  # a thread's first page: its query compiled once a process
        polls = _OPENING_POLL(post_id=openings[0])
    else:
        polls = list(Poll.objects.filter(post_id__in=openings)) if openings else []
    for poll in polls:
        poll.post = by_pk[poll.post_id]  # the thread is already loaded with it
    views = _views(user, polls)
    found = {poll.post_id: views[poll.pk] for poll in polls}
    by_post = {poll.post_id: poll for poll in polls}
    cache = Post.poll.related  # what select_related("poll") fills: no query for post.poll
    for post in posts:
        post.poll_view = found.get(post.pk)
        cache.set_cached_value(post, by_post.get(post.pk))
        # The opening post without a poll offers its author (or a moderator) to add one.
        post.poll_add_url = (
            reverse("network:poll-new", kwargs={"thread_id": post.thread_id})
            if post.number == 1 and post.pk not in by_post and can_add_poll(user, post.thread)
            else ""
        )
    return found
