"""The Headteacher Network's discussions in the JSON API.

Members only (session auth; visitors get 401). The same selectors and services as the
pages, so the two never disagree: a group's threads answer 404 to anyone outside the
group, a locked thread refuses replies with 403, posting shares the pages' limit of six
posts a minute (429 with Retry-After), and a repeated ``Idempotency-Key`` header (or
``submission_key`` field) returns the post already made (200) instead of a second (201).
Bodies are Markdown; ``body_html`` is the sanitised HTML stored when the post was saved.
"""

import datetime
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from reconnect.core.api_schema import INVALID, NOT_FOUND, BoundedPagination
from reconnect.core.exceptions import ApplicationError
from reconnect.hub.models import Theme
from reconnect.network.models import Post, Thread, ThreadKind
from reconnect.network.rules.discussions import can_reply, can_start_thread_in
from reconnect.network.rules.groups import can_post_in_group
from reconnect.network.selectors import discussions as selectors
from reconnect.network.selectors.unread import new_since, reader_state, unread_by_category
from reconnect.network.services import discussions as services
from reconnect.network.views.discussions import POSTS_PER_MINUTE, post_rate_limited

router = Router(tags=["network"])

MAX_PAGE_SIZE = 100
SLUG = r"^[-a-zA-Z0-9_]+$"
KEY = r"^[A-Za-z0-9-]{1,40}$"


class ErrorOut(Schema):
    detail: str


class CategoryOut(Schema):
    slug: str
    name: str
    description: str
    coordinators_only: bool = Field(description="Only coordinators start threads here")
    thread_count: int
    post_count: int
    unread: int = Field(description="Threads with posts you have not read, or new to you")


class ThreadOut(Schema):
    id: int
    title: str
    kind: ThreadKind
    category: str | None = Field(description="The category's slug; null for a group thread")
    group: str | None = Field(description="The group's slug; null for a category thread")
    author: str | None = Field(description="The author's name; null for a former member")
    created_at: datetime.datetime
    last_posted_at: datetime.datetime
    post_count: int = Field(description="Published posts, the opening post included")
    is_locked: bool
    is_pinned: bool
    answered: bool = Field(description="For a question: whether an answer is accepted")
    accepted_post: int | None = Field(description="The accepted answer's post number")
    unread: int = Field(description="Posts after your place in the thread")
    is_new: bool = Field(description="Started recently and not opened by you yet")

    @staticmethod
    def resolve_category(thread: Thread) -> str | None:
        return thread.category.slug if thread.category is not None else None

    @staticmethod
    def resolve_group(thread: Thread) -> str | None:
        return thread.group.slug if thread.group is not None else None

    @staticmethod
    def resolve_author(thread: Thread) -> str | None:
        return thread.author.display_name if thread.author is not None else None

    @staticmethod
    def resolve_answered(thread: Thread) -> bool:
        return thread.accepted_post_id is not None

    @staticmethod
    def resolve_accepted_post(thread: Thread) -> int | None:
        return getattr(thread, "accepted_number", None)

    @staticmethod
    def resolve_unread(thread: Thread) -> int:
        last_read = getattr(thread, "last_read", None)
        return max(0, thread.last_post_number - last_read) if last_read is not None else 0

    @staticmethod
    def resolve_is_new(thread: Thread, context: dict[str, Any]) -> bool:
        user = context["request"].user
        return getattr(thread, "last_read", None) is None and thread.created_at >= new_since(user)


class PostOut(Schema):
    id: int
    number: int
    author: str | None
    body: str = Field(description="The Markdown as written")
    body_html: str = Field(description="Sanitised HTML made from the Markdown when saved")
    status: str = Field(description="published; your own held posts show as pending")
    reply_to: int | None = Field(description="The number of the post this one answers")
    created_at: datetime.datetime
    edited_at: datetime.datetime | None
    edit_count: int

    @staticmethod
    def resolve_author(post: Post) -> str | None:
        return post.author.display_name if post.author is not None else None

    @staticmethod
    def resolve_reply_to(post: Post) -> int | None:
        return getattr(post, "reply_to_number", None)


class ThreadDetailOut(Schema):
    thread: ThreadOut
    page: int
    pages: int
    posts: list[PostOut] = Field(description=f"Up to {selectors.POSTS_PER_PAGE} posts")


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class ThreadIn(Strict):
    title: str = Field(min_length=1, max_length=150)
    body: str = Field(min_length=1, max_length=20_000, description="Markdown")
    kind: ThreadKind = ThreadKind.DISCUSSION
    themes: list[str] = Field(
        default_factory=list, max_length=12, description="Other Hub themes' slugs"
    )
    submission_key: str | None = Field(
        None, pattern=KEY, description="Or the Idempotency-Key header: one thread per key"
    )


class ReplyIn(Strict):
    body: str = Field(min_length=1, max_length=20_000, description="Markdown")
    reply_to: int | None = Field(None, ge=1, description="The number of the post answered")
    submission_key: str | None = Field(
        None, pattern=KEY, description="Or the Idempotency-Key header: one post per key"
    )


def _key(request: HttpRequest, given: str | None) -> str:
    header = request.headers.get("Idempotency-Key", "")[:40]
    key = given or header
    return key if key and all(c.isalnum() or c == "-" for c in key) else ""


def _limited(wait: int) -> JsonResponse:
    response = JsonResponse(
        {
            "detail": f"You have posted {POSTS_PER_MINUTE} times in the last minute. "
            f"Wait {wait} seconds, then send your post again."
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def _thread_out(request: HttpRequest, thread: Thread) -> Thread:
    """The thread with the reader's state, as the lists give it."""
    found = selectors.thread_list(request.user).filter(pk=thread.pk).first()
    return found if found is not None else thread


@router.get(
    "/categories",
    response=list[CategoryOut],
    url_name="network-category-list",
    operation_id="network_category_list",
    summary="The discussion categories, with counts and what you have not read",
)
def category_list(request: HttpRequest) -> Any:
    unread = unread_by_category(request.user)
    categories = selectors.categories_with_counts()
    for category in categories:
        category.unread = unread.get(category.pk, 0)  # type: ignore[attr-defined]
        category.post_count = category.posts  # type: ignore[attr-defined]
    return categories


@router.get(
    "/categories/{slug}/threads",
    response={200: list[ThreadOut], **NOT_FOUND, **INVALID},
    url_name="network-category-threads",
    operation_id="network_category_threads",
    summary="A category's threads: pinned first, then by last post",
)
@paginate(BoundedPagination, page_size=selectors.THREADS_PER_PAGE, max_page_size=MAX_PAGE_SIZE)
def category_threads(request: HttpRequest, slug: str) -> Any:
    category = selectors.category_for(slug)
    return selectors.thread_list(request.user, category=category)


@router.get(
    "/threads/{thread_id}",
    response={200: ThreadDetailOut, **NOT_FOUND, **INVALID},
    url_name="network-thread-detail",
    operation_id="network_thread_detail",
    summary="A thread with a page of its posts (50 a page); reading it moves your place",
)
def thread_detail(
    request: HttpRequest,
    thread_id: int,
    page: int = Query(1, ge=1, le=100_000, description="The page of posts"),
) -> Any:
    thread = selectors.thread_for(request.user, thread_id)
    pages = selectors.page_count(request.user, thread)
    posts = selectors.thread_posts(request.user, thread, page, pages=pages)
    last_read, _level = reader_state(request.user, thread)
    if posts.last_number:
        services.thread_read_mark(
            user=request.user, thread=thread, number=posts.last_number, known=last_read
        )
    return {
        "thread": _thread_out(request, thread),
        "page": posts.number,
        "pages": posts.count,
        "posts": posts.posts,
    }


def _start(
    request: HttpRequest, payload: ThreadIn, *, category: Any = None, group: Any = None
) -> Any:
    key = _key(request, payload.submission_key)
    existing = services.post_by_submission(request.user, key)
    if existing is not None:
        return Status(200, _thread_out(request, existing.thread))
    wait = post_rate_limited(request)
    if wait is not None:
        return _limited(wait)
    themes = list(Theme.objects.filter(slug__in=payload.themes)) if category is not None else []
    try:
        thread = services.thread_start(
            author=request.user,
            title=payload.title,
            body=payload.body,
            kind=payload.kind,
            category=category,
            group=group,
            themes=themes,
            submission_key=key,
        )
    except ApplicationError as error:
        return Status(400, {"detail": error.message})
    return Status(201, _thread_out(request, thread))


RESPONSES: dict[int, Any] = {400: ErrorOut, 403: ErrorOut, 429: ErrorOut}


@router.post(
    "/categories/{slug}/threads",
    response={200: ThreadOut, 201: ThreadOut, **RESPONSES, **NOT_FOUND, **INVALID},
    url_name="network-thread-create",
    operation_id="network_thread_create",
    summary="Start a thread in a category (200 with the first for a repeated key)",
)
def thread_create(request: HttpRequest, slug: str, payload: ThreadIn) -> Any:
    category = selectors.category_for(slug)
    if not can_start_thread_in(request.user, category):
        return Status(403, {"detail": "Only coordinators start threads in this category."})
    return _start(request, payload, category=category)


@router.post(
    "/groups/{slug}/threads",
    response={200: ThreadOut, 201: ThreadOut, **RESPONSES, **NOT_FOUND, **INVALID},
    url_name="network-group-thread-create",
    operation_id="network_group_thread_create",
    summary="Start a thread in a group you belong to (404 for anyone else)",
)
def group_thread_create(request: HttpRequest, slug: str, payload: ThreadIn) -> Any:
    group = selectors.group_for(request.user, slug)
    if not can_post_in_group(request.user, group):
        return Status(403, {"detail": "Only the group's members start threads in it."})
    return _start(request, payload, group=group)


@router.post(
    "/threads/{thread_id}/posts",
    response={200: PostOut, 201: PostOut, **RESPONSES, **NOT_FOUND, **INVALID},
    url_name="network-reply-create",
    operation_id="network_reply_create",
    summary="Reply in a thread (200 with the first post for a repeated key)",
)
def reply_create(request: HttpRequest, thread_id: int, payload: ReplyIn) -> Any:
    thread = selectors.thread_for(request.user, thread_id)
    if not can_reply(request.user, thread):
        message = (
            "This thread is locked: it takes no more replies."
            if thread.is_locked
            else "You cannot reply in this thread."
        )
        return Status(403, {"detail": message})
    key = _key(request, payload.submission_key)
    existing = services.post_by_submission(request.user, key)
    if existing is not None:
        return Status(200, _post_out(existing))
    reply_to = None
    if payload.reply_to is not None:
        reply_to = get_object_or_404(
            selectors.posts_visible_to(request.user, thread), number=payload.reply_to
        )
    wait = post_rate_limited(request)
    if wait is not None:
        return _limited(wait)
    try:
        post = services.reply_create(
            author=request.user,
            thread=thread,
            body=payload.body,
            reply_to=reply_to,
            submission_key=key,
        )
    except ApplicationError as error:
        return Status(400, {"detail": error.message})
    return Status(201, _post_out(post))


def _post_out(post: Post) -> Post:
    post.reply_to_number = post.reply_to.number if post.reply_to is not None else None
    return post
