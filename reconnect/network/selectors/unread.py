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

from django.db import connections, router
from django.db.models import Count, F, QuerySet
from django.utils import timezone

from reconnect.accounts.acting_school import current_acting_school
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


def _not_muted(user_id: int, threads: QuerySet[Thread]) -> QuerySet[Thread]:
    muted_threads = ThreadWatch.objects.filter(user_id=user_id, level=WatchLevel.MUTED)
    muted_categories = CategoryWatch.objects.filter(user_id=user_id, level=WatchLevel.MUTED)
    return threads.exclude(pk__in=muted_threads.values("thread_id")).exclude(
        category_id__in=muted_categories.values("category_id")
    )


def _unread_counts(user_id: int, since: datetime.datetime) -> QuerySet[Any, Any]:
    """For each category, its threads unread by the member, then (a second part of the
    same query) its threads new to them: (category id, count) rows."""
    # "No group" rather than "a category" (the same threads, by the model's constraint):
    # it lets the database read the new ones from the (group, start, ...) index.
    threads = _not_muted(
        user_id, Thread.objects.filter(group__isnull=True, is_hidden=False, post_count__gt=0)
    )
    unread = (
        threads.filter(reads__user_id=user_id, last_post_number__gt=F("reads__last_read_number"))
        .values("category_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    opened = ThreadRead.objects.filter(user_id=user_id).values("thread_id")
    new = (
        # Started since, and so posted in since: a thread's last post is never before its
        # start. Filtering by the start alone lets the count read only its covering index.
        threads.filter(created_at__gte=since)
        .exclude(pk__in=opened)
        .values("category_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return unread.union(new, all=True).order_by()


# The counts' SQL is built once a process and database (``_compiled``): building it through
# the ORM (five subqueries) cost about 5 ms a call, twenty-five times what the database
# takes to answer it. Its SQL depends on nothing but the member's id and the start of "new".
_STAND_IN_USER = 918273645  # no account has it; within every id field's range
_STAND_IN_SINCE = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)
_COMPILED: dict[str, tuple[str, tuple[Any, ...], tuple[int, ...], tuple[int, ...]]] = {}


def _compiled(alias: str) -> tuple[str, tuple[Any, ...], tuple[int, ...], tuple[int, ...]]:
    """The counts' SQL, its parameters, and where the member's id and the start of "new"
    go in them."""
    if alias not in _COMPILED:
        query = _unread_counts(_STAND_IN_USER, _STAND_IN_SINCE).query
        sql, params = query.get_compiler(alias).as_sql()
        # The start as the lookup wrote it into the parameters (SQLite: text).
        since = _since_value(alias, _STAND_IN_SINCE)
        users = tuple(i for i, value in enumerate(params) if value == _STAND_IN_USER)
        starts = tuple(i for i, value in enumerate(params) if value == since)
        if not users or len(starts) != 1:
            raise RuntimeError("The unread counts' values were not found in their parameters.")
        _COMPILED[alias] = (sql, tuple(params), users, starts)
    return _COMPILED[alias]


def _since_value(alias: str, since: datetime.datetime) -> Any:
    field = Thread._meta.get_field("created_at")
    return field.get_db_prep_value(since, connections[alias], prepared=False)


def unread_by_category(user: Any) -> dict[int, int]:
    """For each category, how many of its threads are unread or new to ``user``. One
    query, whatever the number of threads and categories, its SQL built once a process
    (the ORM's own query during a token request, whose narrowing must not be kept)."""
    since = new_since(user)
    if current_acting_school() is not None:
        rows = [(row["category_id"], row["n"]) for row in _unread_counts(user.pk, since)]
    else:
        alias = router.db_for_read(Thread)
        sql, compiled_params, users, starts = _compiled(alias)
        params = list(compiled_params)
        for position in users:
            params[position] = user.pk
        for position in starts:
            params[position] = _since_value(alias, since)
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    counts: Counter[int] = Counter()
    for category_id, n in rows:
        counts[category_id] += n
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
