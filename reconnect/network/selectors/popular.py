"""The Network's busiest threads of a period: the digest's "popular in the Network" section.

Only category threads, which every member may read, so one list serves every member's
digest: never a group's thread, a hidden one or one whose opening post waits for review.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max

from reconnect.network.models import Post, PostStatus

POPULAR_SHOWN = 5


@dataclass(frozen=True)
class PopularThread:
    thread_id: int
    title: str
    posts: int  # published in the period


def popular_threads(
    since: datetime.datetime, until: datetime.datetime, *, limit: int = POPULAR_SHOWN
) -> list[PopularThread]:
    """The ``limit`` category threads with the most posts published between ``since`` and
    ``until``: the most first, then the most recently active, then the oldest thread. One
    query, from the posts' (status, created) index."""
    rows = (
        Post.objects.filter(
            status=PostStatus.PUBLISHED,
            created_at__gte=since,
            created_at__lte=until,
            thread__group__isnull=True,
            thread__is_hidden=False,
            thread__post_count__gt=0,
        )
        .values("thread_id", "thread__title")
        .annotate(posts=Count("pk"), latest=Max("created_at"))
        .order_by("-posts", "-latest", "thread_id")[:limit]
    )
    return [PopularThread(row["thread_id"], row["thread__title"], row["posts"]) for row in rows]
