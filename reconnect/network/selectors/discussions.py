"""Reading discussions: categories, thread lists, a thread's posts, edit history, cards.

Everything starts from what the member may read (``rules.discussions``): a hidden thread
only for moderators, a thread whose opening post waits for review only for its author and
moderators, a group's threads only for its members (and moderators, who open any group).
Listings cost the same number of queries whatever their length.
"""

import datetime
import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from reconnect.accounts.models import User
from reconnect.core.compiled_query import CompiledQuery
from reconnect.network.models import (
    Attachment,
    Category,
    CategoryWatch,
    Flag,
    FlagOutcome,
    Group,
    Post,
    PostRevision,
    PostStatus,
    Thread,
    ThreadRead,
    ThreadWatch,
)
from reconnect.network.rules.base import is_moderator
from reconnect.network.rules.discussions import can_read_thread, can_see_post
from reconnect.network.rules.groups import can_open_group
from reconnect.network.selectors.membership import group_ids_of
from reconnect.network.selectors.unread import new_since

POSTS_PER_PAGE = 50
THREADS_PER_PAGE = 25
LATEST_ON_HOME = 10
MAX_ID = 2**31 - 1


def post_page_number(number: int) -> int:
    """The page of a thread that shows post ``number`` (pages hold numbers 1-50, 51-100...)."""
    return max(1, math.ceil(number / POSTS_PER_PAGE))


def post_path(thread_id: int, number: int) -> str:
    """The path of post ``number`` in its thread: its page and its anchor."""
    path = reverse("network:thread", kwargs={"thread_id": thread_id})
    page = post_page_number(number)
    return f"{path}{f'?page={page}' if page > 1 else ''}#post-{number}"


# --- Categories and thread lists -----------------------------------------------------------------


def threads_visible_to(user: Any) -> QuerySet[Thread]:
    """Threads ``user`` may see in a listing (category and group filters come on top)."""
    threads = Thread.objects.all()
    if not is_moderator(user):
        threads = threads.filter(is_hidden=False).filter(Q(post_count__gt=0) | Q(author=user))
    return threads


COUNTS_CACHE_SECONDS = 60


def categories_with_counts() -> list[Category]:
    """Every category with its number of threads and posts (visible ones).

    Counting reads every thread, so the counts are cached, keyed by the newest post and
    the newest thread (two index lookups): a new post or thread counts at once; hiding a
    thread shows in the counts within ``COUNTS_CACHE_SECONDS``."""
    newest = Thread.objects.order_by("-last_posted_at").values_list("last_posted_at", flat=True)
    latest = Thread.objects.order_by("-pk").values_list("pk", flat=True)
    last_post = newest.first()
    stamp = int(last_post.timestamp() * 1_000_000) if last_post is not None else 0
    key = f"network:category-counts:{stamp}:{latest.first() or 0}"
    counts: dict[int, tuple[int, int]] | None = cache.get(key)
    if counts is None:
        listed = Q(threads__is_hidden=False, threads__post_count__gt=0)
        rows = Category.objects.annotate(
            thread_count=Count("threads", filter=listed),
            posts=Coalesce(Sum("threads__post_count", filter=listed), 0),
        ).values_list("pk", "thread_count", "posts")
        counts = {pk: (threads, posts) for pk, threads, posts in rows}
        cache.set(key, counts, COUNTS_CACHE_SECONDS)
    categories = list(Category.objects.order_by("position", "name"))
    for category in categories:
        category.thread_count, category.posts = counts.get(category.pk, (0, 0))  # type: ignore[attr-defined]
    return categories


def category_for(slug: str) -> Category:
    category = Category.objects.select_related("theme").filter(slug=slug[:60]).first()
    if category is None:
        raise Http404
    return category


def group_for(user: Any, slug: str) -> Group:
    """The group ``slug`` if ``user`` may open it; else 404."""
    group = Group.objects.filter(slug=slug[:80]).first()
    if group is None or not can_open_group(user, group):
        raise Http404
    return group


def _with_reader_state(user: Any, threads: QuerySet[Thread]) -> QuerySet[Thread]:
    reads = ThreadRead.objects.filter(user=user, thread=OuterRef("pk"))
    watches = ThreadWatch.objects.filter(user=user, thread=OuterRef("pk"))
    last_posts = Post.objects.filter(thread=OuterRef("pk"), number=OuterRef("last_post_number"))
    return threads.annotate(
        last_read=Subquery(reads.values("last_read_number")[:1]),
        my_level=Subquery(watches.values("level")[:1]),
        last_poster_id=Subquery(last_posts.values("author_id")[:1]),
        accepted_number=F("accepted_post__number"),
    ).select_related("author", "category", "group")


def mark_reader_state(user: Any, threads: list[Thread]) -> list[Thread]:
    """Set ``unread`` (posts after the member's place), ``is_new`` and ``last_poster`` on
    threads from ``thread_list`` (one query for the last posters of the page)."""
    since = new_since(user)
    posters = User.objects.in_bulk(
        {t.last_poster_id for t in threads if getattr(t, "last_poster_id", None)}
    )
    for thread in threads:
        last_read = getattr(thread, "last_read", None)
        thread.is_new = last_read is None and thread.created_at >= since
        thread.unread = max(0, thread.last_post_number - last_read) if last_read is not None else 0
        thread.last_poster = posters.get(getattr(thread, "last_poster_id", None) or 0)
    return threads


LIST_ORDER = ("-is_pinned", "-last_posted_at", "-pk")


def thread_list(
    user: Any, *, category: Category | None = None, group: Group | None = None
) -> QuerySet[Thread]:
    """A category's or a group's threads for ``user``: pinned first, then by last post,
    with the reader's state (for the API's pages; ``thread_list_page`` for the HTML)."""
    return _with_reader_state(user, _listed(user, category=category, group=group)).order_by(
        *LIST_ORDER
    )


def _listed(
    user: Any, *, category: Category | None = None, group: Group | None = None
) -> QuerySet[Thread]:
    threads = threads_visible_to(user)
    if category is not None:
        threads = threads.filter(category=category)
    if group is not None:
        threads = threads.filter(group=group)
    return threads


def _in_order(user: Any, ids: list[int]) -> list[Thread]:
    """The threads ``ids`` with the reader's state, in the order of ``ids``. The state's
    subqueries run for these rows only, not for every thread the ordering looked at."""
    found = _with_reader_state(user, Thread.objects.filter(pk__in=ids)).in_bulk()
    return mark_reader_state(user, [found[pk] for pk in ids if pk in found])


def thread_list_page(
    user: Any, page: str | None, *, category: Category | None = None, group: Group | None = None
) -> Page[Thread]:
    """One page of ``thread_list``: the count, the page's ids, then those threads with
    the reader's state and last posters (four queries whatever the list's length)."""
    ids = _listed(user, category=category, group=group).order_by(*LIST_ORDER)
    found = Paginator(ids.values_list("pk", flat=True), THREADS_PER_PAGE).get_page(page)
    found.object_list = _in_order(user, list(found.object_list))
    return found  # type: ignore[return-value]


# --- A category's page shared by its readers ---------------------------------------------------
#
# The list of a category's threads is the same for every member who has no thread of their
# own waiting for review in it, and for every moderator: only the unread and new markers
# are the reader's. ``shared_thread_list_page`` reads that list for all of them, and
# ``category_reads`` / ``own_pending_in`` read the reader's part (compiled once).


def shared_thread_list_page(
    page: str | None, *, category: Category, moderator: bool
) -> Page[Thread]:
    """A page of the threads every member (or every moderator) sees in ``category``, with
    their last posters and no reader state: what ``thread_list_page`` gives a reader with
    no thread of their own waiting for review there, before their markers."""
    threads = Thread.objects.filter(category=category)
    if not moderator:
        threads = threads.filter(is_hidden=False, post_count__gt=0)
    ids = threads.order_by(*LIST_ORDER).values_list("pk", flat=True)
    found = Paginator(ids, THREADS_PER_PAGE).get_page(page)
    found.object_list = _with_last_posters(list(found.object_list))
    return found  # type: ignore[return-value]


# The rows of a list of threads are read ``ROWS_AT_ONCE`` at a time by queries compiled
# once (``core.compiled_query``): built through the ORM, the two queries of a list cost
# about 5 ms of processor time, twenty times what the database takes to answer them. The
# unused places of a query hold an id no row has.
ROWS_AT_ONCE = THREADS_PER_PAGE
_NO_ROW = 0
_ROW_NAMES = tuple(f"row_{n}" for n in range(ROWS_AT_ONCE))


def _rows_query() -> CompiledQuery[Thread]:
    def build(**ids: int) -> QuerySet[Thread]:
        last_posts = Post.objects.filter(thread=OuterRef("pk"), number=OuterRef("last_post_number"))
        return (
            Thread.objects.filter(pk__in=[ids[name] for name in _ROW_NAMES])
            .annotate(last_poster_id=Subquery(last_posts.values("author_id")[:1]))
            .select_related("author", "category", "group")
            .order_by()
        )

    return CompiledQuery(Thread, build, *_ROW_NAMES)


def _posters_query() -> CompiledQuery[User]:
    def build(**ids: int) -> QuerySet[User]:
        return User.objects.filter(pk__in=[ids[name] for name in _ROW_NAMES]).order_by()

    return CompiledQuery(User, build, *_ROW_NAMES)


_ROWS = _rows_query()
_POSTERS = _posters_query()


def _in_slots(query: CompiledQuery[Any], ids: list[int]) -> list[Any]:
    """``query``'s rows for ``ids``, ``ROWS_AT_ONCE`` at a time (no query for no ids)."""
    found: list[Any] = []
    for start in range(0, len(ids), ROWS_AT_ONCE):
        chunk = ids[start : start + ROWS_AT_ONCE]
        chunk += [_NO_ROW] * (ROWS_AT_ONCE - len(chunk))
        found += query(**dict(zip(_ROW_NAMES, chunk, strict=True)))
    return found


def _with_last_posters(ids: list[int]) -> list[Thread]:
    """The threads ``ids`` in that order, with their authors, places and last posters and
    nothing of any reader (two queries for a page of them, none for no ids)."""
    wanted = list(dict.fromkeys(ids))
    rows = {thread.pk: thread for thread in _in_slots(_ROWS, wanted)}
    threads_in_order = [rows[pk] for pk in wanted if pk in rows]
    poster_ids = sorted({t.last_poster_id for t in threads_in_order if t.last_poster_id})
    posters = {user.pk: user for user in _in_slots(_POSTERS, poster_ids)}
    for thread in threads_in_order:
        thread.last_poster = posters.get(thread.last_poster_id or 0)
    return threads_in_order


_OWN_PENDING = CompiledQuery(
    Thread,
    lambda user_id, category_id: Thread.objects.filter(
        category_id=category_id, author_id=user_id, post_count=0, is_hidden=False
    ).order_by("pk")[:1],
    "user_id",
    "category_id",
)
_CATEGORY_READS = CompiledQuery(
    ThreadRead,
    lambda user_id, category_id: ThreadRead.objects.filter(
        user_id=user_id, thread__category_id=category_id
    ),
    "user_id",
    "category_id",
)


_CATEGORY_LEVEL = CompiledQuery(
    CategoryWatch,
    lambda user_id, category_id: CategoryWatch.objects.filter(
        user_id=user_id, category_id=category_id
    ).order_by("pk")[:1],
    "user_id",
    "category_id",
)


def category_watch_level(user: Any, category_id: int) -> str | None:
    """``unread.category_level``, compiled once: the level ``user`` chose, or None."""
    found = _CATEGORY_LEVEL(user_id=user.pk, category_id=category_id)
    return found[0].level if found else None


def own_pending_in(user: Any, category: Category) -> bool:
    """Whether ``user`` started a thread in ``category`` that waits for review (shown to
    them, and moderators, alone)."""
    return bool(_OWN_PENDING(user_id=user.pk, category_id=category.pk))


def category_reads(user: Any, category_id: int) -> dict[int, int]:
    """``user``'s place (the last post number read) in each thread of the category."""
    reads = _CATEGORY_READS(user_id=user.pk, category_id=category_id)
    return {read.thread_id: read.last_read_number for read in reads}


def latest_threads(user: Any, limit: int = LATEST_ON_HOME) -> list[Thread]:
    """The newest active threads ``user`` may read: every category's and their groups'.
    The front page reads the same list in two parts: which threads and the reader's places
    (``latest_places``, one query) and the rows, shared (``latest_rows``)."""
    threads = threads_visible_to(user).filter(
        Q(category__isnull=False) | Q(group_id__in=group_ids_of(user))
    )
    # By last post alone, so SQLite walks the last-post index and stops at ``limit``.
    ids = list(threads.order_by("-last_posted_at").values_list("pk", flat=True)[:limit])
    return _in_order(user, ids)


# --- The front page's latest threads, their rows shared ----------------------------------------
#
# Which threads a member's latest list holds depends on their groups, whether they moderate
# and their own threads waiting for review; what each row shows does not. ``latest_places``
# reads which threads, with the reader's places in them, in one query compiled once;
# ``latest_rows`` reads the rows of a list, for everyone who gets the same list.

# Groups a member's latest threads (or events) are read for in one compiled query; the
# unused slots hold an id no group has. A member of more groups (rare) has their query
# built afresh.
GROUP_SLOTS = 8
_NO_GROUP = 0
GROUP_NAMES = tuple(f"group_{n}" for n in range(GROUP_SLOTS))


def group_slots(group_ids: list[int]) -> dict[str, int] | None:
    """``group_ids`` as the values of a query compiled with ``GROUP_NAMES``, or None when
    there are more than it takes."""
    if len(group_ids) > GROUP_SLOTS:
        return None
    slots = group_ids + [_NO_GROUP] * (GROUP_SLOTS - len(group_ids))
    return dict(zip(GROUP_NAMES, slots, strict=True))


def _latest_with_places(
    user_id: int, group_ids: list[int], *, moderator: bool, limit: int = LATEST_ON_HOME
) -> QuerySet[Thread]:
    """``latest_threads``' threads for the member ``user_id`` in ``group_ids``: their ids,
    last post numbers and starts, and the member's place in each (``reader_last_read``)."""
    threads = Thread.objects.filter(Q(category__isnull=False) | Q(group_id__in=group_ids))
    if not moderator:
        # ``threads_visible_to``: their own thread waiting for review is theirs to see.
        threads = threads.filter(is_hidden=False).filter(Q(post_count__gt=0) | Q(author_id=user_id))
    reads = ThreadRead.objects.filter(user_id=user_id, thread=OuterRef("pk"))
    return (
        threads.only("pk", "last_post_number", "created_at")
        .annotate(reader_last_read=Subquery(reads.values("last_read_number")[:1]))
        # As ``latest_threads``: by last post alone, so SQLite walks the last-post index.
        .order_by("-last_posted_at")[:limit]
    )


def _latest_places_query(*, moderator: bool) -> CompiledQuery[Thread]:
    def build(user_id: int, **groups: int) -> QuerySet[Thread]:
        slots = [groups[name] for name in GROUP_NAMES]
        return _latest_with_places(user_id, slots, moderator=moderator)

    return CompiledQuery(Thread, build, "user_id", *GROUP_NAMES)


# Compiled once a process: a moderator's and a member's.
_LATEST_PLACES = {
    moderator: _latest_places_query(moderator=moderator) for moderator in (True, False)
}


@dataclass(frozen=True)
class Listed:
    """A thread of a member's latest list: what their marker is worked out from."""

    pk: int
    last_post_number: int
    created_at: datetime.datetime
    last_read: int | None


def latest_places(user: Any) -> list[Listed]:
    """The threads ``latest_threads`` lists for ``user``, newest post first, with their
    place in each (None for a thread they have not opened). One query."""
    groups = sorted(group_ids_of(user))
    moderator = is_moderator(user)
    slots = group_slots(groups)
    if slots is None:
        found = list(_latest_with_places(user.pk, groups, moderator=moderator))
    else:
        found = _LATEST_PLACES[moderator](user_id=user.pk, **slots)
    return [Listed(t.pk, t.last_post_number, t.created_at, t.reader_last_read) for t in found]


def latest_rows(ids: list[int]) -> list[Thread]:
    """The threads ``ids`` of a latest list, in that order, with what their rows show and
    nothing of any reader: the same for every member whose list holds these threads."""
    return _with_last_posters(ids)


# --- One thread ----------------------------------------------------------------------------------


def thread_for(user: Any, thread_id: int) -> Thread:
    """The thread ``thread_id`` if ``user`` may read it (404 otherwise), its opening post
    too when it waits for review and ``user`` is not its author or a moderator."""
    if thread_id > MAX_ID:
        raise Http404
    thread = (
        Thread.objects.select_related("category", "group", "author", "accepted_post__author")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None or not can_read_thread(user, thread):
        raise Http404
    if thread.post_count == 0 and not is_moderator(user) and thread.author_id != user.pk:
        raise Http404
    return thread


def _thread_to_read_query(*, moderator: bool) -> CompiledQuery[Thread]:
    def build(user_id: int, thread_id: int) -> QuerySet[Thread]:
        reads = ThreadRead.objects.filter(user_id=user_id, thread=OuterRef("pk"))
        watches = ThreadWatch.objects.filter(user_id=user_id, thread=OuterRef("pk"))
        posts = Post.objects.filter(thread=OuterRef("pk"))
        if not moderator:
            posts = posts.filter(Q(status=PostStatus.PUBLISHED) | Q(author_id=user_id))
        # Only what the page and ``can_read_thread`` read: each join costs query building
        # on every visit. The accepted answer comes from the page's posts or
        # ``accepted_answer``.
        return (
            Thread.objects.select_related("category", "group")
            .annotate(
                reader_last_read=Subquery(reads.values("last_read_number")[:1]),
                reader_level=Subquery(watches.values("level")[:1]),
                reader_top=Subquery(posts.order_by("-number").values("number")[:1]),
            )
            .filter(pk=thread_id)
            .order_by("pk")[:1]
        )

    return CompiledQuery(Thread, build, "user_id", "thread_id")


# Compiled once a process (``reconnect.core.compiled_query``): a moderator's and a member's.
_THREAD_TO_READ = {
    moderator: _thread_to_read_query(moderator=moderator) for moderator in (True, False)
}


def thread_to_read(user: Any, thread_id: int) -> tuple[Thread, int | None, str | None, int]:
    """``thread_for`` with what the thread page needs of the reader in the same query:
    their place (None before they first open it), the level they chose (None for none)
    and how many pages of posts they may see (``page_count``). One query, not three."""
    if thread_id > MAX_ID:
        raise Http404
    found = _THREAD_TO_READ[is_moderator(user)](user_id=user.pk, thread_id=thread_id)
    thread = found[0] if found else None
    if thread is None or not can_read_thread(user, thread):
        raise Http404
    if thread.post_count == 0 and not is_moderator(user) and thread.author_id != user.pk:
        raise Http404
    pages = post_page_number(thread.reader_top or 0)
    return thread, thread.reader_last_read, thread.reader_level, pages


def posts_visible_to(user: Any, thread: Thread) -> QuerySet[Post]:
    posts = Post.objects.filter(thread=thread)
    if not is_moderator(user):
        posts = posts.filter(Q(status=PostStatus.PUBLISHED) | Q(author=user))
    return posts


def _thread_posts_query(*, moderator: bool, flags: bool) -> CompiledQuery[Post]:
    def build(user_id: int, thread_id: int, after: int, upto: int) -> QuerySet[Post]:
        posts = Post.objects.filter(thread_id=thread_id)
        if not moderator:
            posts = posts.filter(Q(status=PostStatus.PUBLISHED) | Q(author_id=user_id))
        posts = (
            posts.filter(number__gt=after, number__lte=upto)
            .select_related("author__network_handle")
            .annotate(
                reply_to_number=F("reply_to__number"),
                has_files=Exists(Attachment.objects.filter(post=OuterRef("pk"))),
            )
            .order_by("number")
        )
        if flags:
            open_flags = Flag.objects.filter(
                post=OuterRef("pk"), flagged_by_id=user_id, outcome=FlagOutcome.OPEN
            )
            posts = posts.annotate(reader_flagged=Exists(open_flags))
        return posts

    return CompiledQuery(Post, build, "user_id", "thread_id", "after", "upto")


# Compiled once a process: by (moderator, with the reader's flags).
_THREAD_POSTS = {
    (moderator, flags): _thread_posts_query(moderator=moderator, flags=flags)
    for moderator in (True, False)
    for flags in (True, False)
}


@dataclass
class PostsPage:
    posts: list[Post]
    number: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def last_number(self) -> int:
        """The highest post number on this page (0 for an empty page)."""
        return max((post.number for post in self.posts), default=0)


def page_count(user: Any, thread: Thread) -> int:
    top = posts_visible_to(user, thread).aggregate(top=Max("number"))["top"] or 0
    return post_page_number(top)


def thread_posts(
    user: Any, thread: Thread, page: int, *, pages: int, flags: bool = False
) -> PostsPage:
    """Page ``page`` of the posts ``user`` may see in ``thread``, with their authors, the
    number each replies to and their attachments: one query, and one more only when a post
    of the page has attachments. Each post's ``has_files`` says whether it has any; with
    ``flags``, its ``reader_flagged`` whether ``user`` has an open flag on it (what
    ``selectors.moderation.flagged_post_ids`` answers, without a query of its own).

    The poll is not joined: ``selectors.polls.polls_for_posts`` reads it for the opening
    post only, and sets it on every post."""
    page = min(max(1, page), pages)
    first = (page - 1) * POSTS_PER_PAGE
    query = _THREAD_POSTS[(is_moderator(user), flags)]
    posts = query(user_id=user.pk, thread_id=thread.pk, after=first, upto=first + POSTS_PER_PAGE)
    with_files = [post for post in posts if post.has_files]
    # Ordered by pk alone: within one post that is the model's ("post", "pk"), without the
    # joins ordering by post brings (posts order by their thread first).
    prefetch_related_objects(
        with_files, Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
    )
    no_files = Attachment.objects.none()  # never queries
    for post in posts:
        post.thread = thread
        if not post.has_files:
            # What the prefetch would have stored: ``post.attachments.all()`` makes no query.
            post._prefetched_objects_cache = {"attachments": no_files}
    return PostsPage(posts=posts, number=page, count=pages)


def accepted_answer(thread: Thread, posts: list[Post]) -> Post | None:
    """The thread's accepted answer with its author, when it is published: from ``posts``
    (the page shown) when it is among them, else one query; none when there is no answer."""
    if thread.accepted_post_id is None:
        return None
    answer = next((post for post in posts if post.pk == thread.accepted_post_id), None)
    if answer is None:
        answer = Post.objects.select_related("author").filter(pk=thread.accepted_post_id).first()
    if answer is None or answer.status != PostStatus.PUBLISHED:
        return None
    return answer


def post_for(user: Any, post_id: int) -> Post:
    """The post ``post_id`` if ``user`` may read its thread and see it; else 404."""
    if post_id > MAX_ID:
        raise Http404
    post = (
        Post.objects.select_related("author", "thread__category", "thread__group", "thread__author")
        .filter(pk=post_id)
        .first()
    )
    if post is None or not can_read_thread(user, post.thread) or not can_see_post(user, post):
        raise Http404
    return post


def post_revisions(post: Post) -> list[PostRevision]:
    return list(post.revisions.select_related("edited_by").order_by("-edited_at", "-pk"))


# --- Rich cards ----------------------------------------------------------------------------------

# A paragraph that is nothing but one link, as ``markdown.render_markdown`` writes it.
CARD_LINE = re.compile(r'<p><a href="([^"<>]+)" rel="nofollow noopener ugc">([^<]*)</a></p>')
PILOT_PATH = re.compile(r"^/lab/(\d{1,9})/pilots/(\d{1,9})/$")


@dataclass(frozen=True)
class Card:
    url: str
    title: str
    kind: str
    summary: str


def _local_path(href: str, hosts: set[str]) -> str | None:
    parts = urlsplit(href.replace("&amp;", "&"))
    if parts.scheme in ("http", "https") and parts.netloc.lower() in hosts:
        return parts.path
    if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
        return parts.path
    return None


def cards_for(user: Any, posts: list[Post], hosts: set[str]) -> dict[str, Card]:
    """Cards for the links that stand alone on a line of ``posts``, by href: Hub items and
    Lab pilots ``user`` may read, nothing for anything else (so a pilot of another school
    or an item the reader may not see stays a plain link). At most three queries for the
    whole page, none when no post has such a line."""
    wanted: dict[str, str] = {}
    for post in posts:
        for href, _text in CARD_LINE.findall(post.body_html):
            path = _local_path(href, hosts)
            if path is not None:
                wanted[href] = path
    if not wanted:
        return {}
    cards = _hub_cards(user, {h: p for h, p in wanted.items() if p.startswith("/hub/")})
    cards.update(_pilot_cards(user, {h: p for h, p in wanted.items() if PILOT_PATH.match(p)}))
    return cards


def _hub_cards(user: Any, wanted: dict[str, str]) -> dict[str, Card]:
    from reconnect.hub.models import HubPage
    from reconnect.hub.selectors import hub_pages_visible_to

    if not wanted:
        return {}
    slugs = {path.rstrip("/").rsplit("/", 1)[-1] for path in wanted.values()}
    pages = hub_pages_visible_to(user, HubPage.objects.filter(slug__in=slugs)).select_related(
        "content_type"
    )
    by_path = {}
    for page in pages:
        # url_path is the whole tree path ("/home/hub/interventions/x/"); the site serves
        # it from "/hub/...", so the Hub-relative tail is what a link carries.
        tail = page.url_path[page.url_path.find("/hub/") :] if "/hub/" in page.url_path else ""
        if tail:
            model = page.content_type.model_class()
            kind = str(model._meta.verbose_name).capitalize() if model else _("Hub item")
            by_path[tail] = Card(url=tail, title=page.title, kind=kind, summary=page.summary)
    return {href: by_path[path] for href, path in wanted.items() if path in by_path}


def _pilot_cards(user: Any, wanted: dict[str, str]) -> dict[str, Card]:
    from reconnect.lab.models import Pilot, TrioMember, TrioStatus

    if not wanted:
        return {}
    ids = {}
    for href, path in wanted.items():
        match = PILOT_PATH.match(path)
        if match is None:
            continue
        ids[href] = (int(match.group(1)), int(match.group(2)))
    pilots = {
        pilot.pk: pilot
        for pilot in Pilot.objects.select_related("school", "theme").filter(
            pk__in={pilot_id for _urn, pilot_id in ids.values()}
        )
    }
    mine = set(user.memberships.values_list("school_id", flat=True))
    trios = {pilot.trio_id for pilot in pilots.values() if pilot.trio_id is not None}
    partner_trios = set()
    if trios and mine:
        partner_trios = set(
            TrioMember.objects.filter(
                trio_id__in=trios, trio__status=TrioStatus.CONFIRMED, school_id__in=mine
            ).values_list("trio_id", flat=True)
        )
    cards = {}
    for href, (urn, pilot_id) in ids.items():
        pilot = pilots.get(pilot_id)
        if pilot is None or pilot.school.urn != urn:
            continue
        # ``lab.rules.can_read_pilot``: the school's members, or a confirmed trio partner.
        if pilot.school_id not in mine and pilot.trio_id not in partner_trios:
            continue
        summary = pilot.school.name
        if pilot.theme is not None:
            summary = f"{summary} · {pilot.theme.name}"
        cards[href] = Card(
            url=reverse("lab:pilot-detail", kwargs={"urn": urn, "pilot_id": pilot_id}),
            title=pilot.title,
            kind=_("Lab pilot: %(status)s") % {"status": pilot.get_status_display()},
            summary=summary,
        )
    return cards
