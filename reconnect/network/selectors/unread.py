"""What a member has not read yet: per thread and per category, in constant queries.

A thread is **unread** for a member who has opened it (a ``ThreadRead`` row) when posts
came after their place, and **new** when they have never opened it and it started in the
last fortnight (and since they joined): Discourse's "unread" and "new". A thread or
category the member muted counts for neither. Posts waiting for review or hidden do not
move a thread's ``last_post_number``, so they never make it unread.
"""

import datetime
from collections import Counter
from typing import Any

from django.db.models import Count, F, QuerySet
from django.utils import timezone

from reconnect.network.models import (
    CategoryWatch,
    Thread,
    ThreadRead,
    ThreadWatch,
    WatchLevel,
)

NEW_FOR = datetime.timedelta(days=14)


def new_since(user: Any) -> datetime.datetime:
    """Threads started after this are new to ``user`` until opened."""
    start = timezone.now() - NEW_FOR
    joined = getattr(user, "date_joined", None)
    return max(start, joined) if joined is not None else start


def _not_muted(user: Any, threads: QuerySet[Thread]) -> QuerySet[Thread]:
    muted_threads = ThreadWatch.objects.filter(user=user, level=WatchLevel.MUTED)
    muted_categories = CategoryWatch.objects.filter(user=user, level=WatchLevel.MUTED)
    return threads.exclude(pk__in=muted_threads.values("thread_id")).exclude(
        category_id__in=muted_categories.values("category_id")
    )


def unread_by_category(user: Any) -> dict[int, int]:
    """For each category, how many of its threads are unread or new to ``user``. Two
    queries, whatever the number of threads and categories."""
    # "No group" rather than "a category" (the same threads, by the model's constraint):
    # it lets the database read the new ones from the (group, start, ...) index.
    threads = _not_muted(
        user, Thread.objects.filter(group__isnull=True, is_hidden=False, post_count__gt=0)
    )
    counts: Counter[int] = Counter()
    unread = (
        threads.filter(reads__user=user, last_post_number__gt=F("reads__last_read_number"))
        .values("category_id")
        .annotate(n=Count("pk"))
    )
    since = new_since(user)
    opened = ThreadRead.objects.filter(user=user).values("thread_id")
    new = (
        # Started since, and so posted in since: a thread's last post is never before its
        # start. Filtering by the start alone lets the count read only its covering index.
        threads.filter(created_at__gte=since)
        .exclude(pk__in=opened)
        .values("category_id")
        .annotate(n=Count("pk"))
    )
    for row in [*unread, *new]:
        counts[row["category_id"]] += row["n"]
    return dict(counts)


def unread_total(user: Any) -> int:
    """Every unread or new category thread for ``user`` (the home page's headline)."""
    return sum(unread_by_category(user).values())


def reader_state(user: Any, thread: Thread) -> tuple[int | None, str | None]:
    """``user``'s place in ``thread`` (None before they first open it) and the level they
    chose for it (None for none). One query."""
    reads = ThreadRead.objects.filter(user=user, thread=thread).values("last_read_number")
    watches = ThreadWatch.objects.filter(user=user, thread=thread).values("level")
    row = (
        Thread.objects.filter(pk=thread.pk)
        .annotate(
            read=reads[:1],
            level=watches[:1],
        )
        .values("read", "level")
        .first()
    )
    if row is None:
        return None, None
    return row["read"], row["level"]


def category_level(user: Any, category_id: int) -> str | None:
    """The level ``user`` chose for a category, or None."""
    return (
        CategoryWatch.objects.filter(user=user, category_id=category_id)
        .values_list("level", flat=True)
        .first()
    )
