"""The Headteacher Network's discussions pages: categories, threads, replies, edits.

Each view: scoped fetch (404 for what the member may not read), permission (403 for what
they may read but not change), form, service, render. Posting is limited to
``POSTS_PER_MINUTE`` a member (429 with a message); a repeated submission key leads to
the post already made instead of a second one.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reconnect.core.exceptions import ApplicationError
from reconnect.core.ratelimit import rate_limit_wait
from reconnect.network.forms.discussions import (
    AcceptForm,
    EditForm,
    ReplyForm,
    ThreadForm,
    WatchForm,
)
from reconnect.network.models import Category, Group, Post, PostStatus, Thread, WatchLevel
from reconnect.network.page_cache import member_cached, shared_cached
from reconnect.network.rules.base import is_moderator
from reconnect.network.rules.discussions import (
    can_accept_answer,
    can_edit_post,
    can_reply,
    can_start_thread_in,
)
from reconnect.network.rules.groups import can_post_in_group
from reconnect.network.selectors import discussions as selectors
from reconnect.network.selectors import unread
from reconnect.network.selectors.polls import polls_for_posts
from reconnect.network.services import discussions as services
from reconnect.network.views.category_page import lay_markers
from reconnect.network.views.post_links import PostLinks
from reconnect.network.views.reply_fields import empty_reply_fields

POSTS_PER_MINUTE = 6


def post_rate_limited(request: HttpRequest) -> int | None:
    """Seconds to wait when the member has posted ``POSTS_PER_MINUTE`` times this minute."""
    return rate_limit_wait(
        request, scope=f"network-post:{request.user.pk}", per_minute=POSTS_PER_MINUTE
    )


def _refuse(request: HttpRequest, message: str, *, back: str = "") -> HttpResponse:
    """403 with the reason: the member may see this, but not do it."""
    return render(
        request,
        "network/discussions/refused.html",
        {"message": message, "back": back},
        status=403,
    )


def _page_number(request: HttpRequest) -> int | None:
    raw = request.GET.get("page", "")
    return int(raw) if raw.isdigit() and len(raw) < 7 else None


def _limited(request: HttpRequest, template: str, context: dict[str, Any], wait: int) -> Any:
    context["form"].add_error(
        None,
        _(
            "You have posted %(count)s times in the last minute. Wait %(seconds)s seconds, "
            "then send your post again."
        )
        % {"count": POSTS_PER_MINUTE, "seconds": wait},
    )
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(wait)
    return response


# --- Categories --------------------------------------------------------------------------------


def _category_page(raw: str | None) -> str:
    """The page asked for, as ``Paginator.get_page`` reads it: a number, or "" (the first
    page) for anything else, so odd values share the first page's cache entry."""
    return raw if raw is not None and raw.isdigit() and len(raw) < 7 else ""


@login_required
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    page = _category_page(request.GET.get("page"))
    moderator = is_moderator(user)

    def shared() -> dict[str, Any]:
        # Without the member: kept for every member (or every moderator) alike.
        category = selectors.category_for(slug)
        found = selectors.shared_thread_list_page(page, category=category, moderator=moderator)
        return {
            "category": category,
            "threads_html": render_to_string(
                "network/discussions/category_threads.html",
                {"threads": found, "reader_slots": True},
            ),
            "threads": [(t.pk, t.last_post_number, t.created_at) for t in found.object_list],
        }

    # The list every reader sees, from the cache until a thread, post or category changes
    # (``page_cache``); an unknown slug is a 404 and is not kept. The member's markers are
    # laid on it from their places (one query).
    kept = shared_cached("category", shared, moderator=moderator, parts=(slug[:60], page))
    category = kept["category"]
    if not moderator and selectors.own_pending_in(user, category):
        # Their own thread waiting for review is in their list alone: their own page.
        def read() -> str:
            found = selectors.thread_list_page(user, page, category=category)
            return render_to_string("network/discussions/category_threads.html", {"threads": found})

        threads_html = member_cached(user, "category-own", read, parts=(slug[:60], page))
    else:
        threads_html = lay_markers(
            kept["threads_html"],
            kept["threads"],
            selectors.category_reads(user, category.pk),
            unread.new_since(user),
        )
    level = selectors.category_watch_level(user, category.pk) or WatchLevel.NORMAL
    return render(
        request,
        "network/discussions/category.html",
        {
            "category": category,
            "threads_html": mark_safe(threads_html),  # noqa: S308 (our template's)
            "can_start": can_start_thread_in(user, category),
            "watch_form": WatchForm(initial={"level": level}),
            "level": level,
        },
    )


@login_required
@require_POST
def category_watch(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_for(slug)
    form = WatchForm(request.POST)
    if form.is_valid():
        services.category_watch_set(
            user=request.user, category=category, level=form.cleaned_data["level"]
        )
        messages.success(request, _("Your notifications for this category are saved."))
    return redirect("network:category", slug=category.slug)


# --- Starting a thread -------------------------------------------------------------------------


def _thread_new(
    request: HttpRequest, *, category: Category | None, group: Group | None, action: str
) -> HttpResponse:
    form = ThreadForm(request.POST or None, request.FILES or None)
    if group is not None:
        del form.fields["themes"]
    context: dict[str, Any] = {"form": form, "category": category, "group": group}
    context["action"] = action
    template = "network/discussions/thread_new.html"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        existing = services.post_by_submission(request.user, data["submission_key"])
        if existing is not None:
            return redirect(selectors.post_path(existing.thread_id, existing.number))
        wait = post_rate_limited(request)
        if wait is not None:
            return _limited(request, template, context, wait)
        try:
            thread = services.thread_start(
                author=request.user,
                title=data["title"],
                body=data["body"],
                kind=data["kind"],
                category=category,
                group=group,
                themes=data.get("themes") or (),
                files=data["attachments"],
                submission_key=data["submission_key"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            if thread.post_count == 0:
                messages.info(
                    request,
                    _(
                        "Your thread is waiting for a coordinator to review it before others "
                        "see it."
                    ),
                )
            return redirect("network:thread", thread_id=thread.pk)
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_for(slug)
    if not can_start_thread_in(request.user, category):
        return _refuse(request, _("Only coordinators start threads in this category."))
    return _thread_new(
        request,
        category=category,
        group=None,
        action=reverse("network:thread-new", kwargs={"slug": category.slug}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_for(request.user, slug)
    if not can_post_in_group(request.user, group):
        return _refuse(request, _("Only the group's members start threads in it."))
    return _thread_new(
        request,
        category=None,
        group=group,
        action=reverse("network:group-thread-new", kwargs={"slug": group.slug}),
    )


# --- A thread ----------------------------------------------------------------------------------


def _hosts(request: HttpRequest) -> set[str]:
    return {request.get_host().lower()}


def _thread_context(
    request: HttpRequest,
    thread: Thread,
    page: int,
    *,
    pages: int | None = None,
) -> dict[str, Any]:
    user = request.user
    if pages is None:
        pages = selectors.page_count(user, thread)
    # The posts come with has_files and reader_flagged: no query for attachments or flags.
    posts = selectors.thread_posts(user, thread, page, pages=pages, flags=True)
    may_reply = can_reply(user, thread)
    may_accept = thread.kind == "question" and can_accept_answer(user, thread)
    for post in posts.posts:
        post.may_edit = can_edit_post(user, post)
        post.is_held = post.status != PostStatus.PUBLISHED
    PostLinks(
        user=user,
        thread=thread,
        return_path=request.get_full_path(),
        can_reply=may_reply,
        can_accept=may_accept,
        flagged_ids=[post.pk for post in posts.posts if post.reader_flagged],
        moderator=is_moderator(user),
        page_number=posts.number,
    ).annotate(posts.posts)
    # Sets poll_view and poll_add_url on each post, so the poll's template makes no query.
    polls_for_posts(posts.posts, user)
    return {
        "thread": thread,
        "page": posts,
        "cards": selectors.cards_for(user, posts.posts, _hosts(request)),
        "can_reply": may_reply,
        "can_accept": may_accept,
        # The empty form's fields as HTML, written once a process (``reply_fields``).
        "reply_form": empty_reply_fields() if may_reply else None,
        "answer": selectors.accepted_answer(thread, posts.posts),
    }


@login_required
def thread_detail(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread, last_read, level, pages = selectors.thread_to_read(request.user, thread_id)
    page = _page_number(request)
    if page is None:
        # A returning reader starts at their first unread post (Discourse's jump).
        if last_read is not None and last_read < thread.last_post_number:
            target = selectors.post_path(thread.pk, last_read + 1)
            if selectors.post_page_number(last_read + 1) > 1:
                return HttpResponseRedirect(target)
        page = 1
    context = _thread_context(request, thread, page, pages=pages)
    context["level"] = level or WatchLevel.NORMAL
    context["watch_form"] = WatchForm(initial={"level": context["level"]})
    context["first_unread"] = (
        last_read + 1 if last_read is not None and last_read < thread.last_post_number else None
    )
    seen = context["page"].last_number
    if seen:
        services.thread_read_mark(user=request.user, thread=thread, number=seen, known=last_read)
    return render(request, "network/discussions/thread.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def thread_reply(request: HttpRequest, thread_id: int) -> HttpResponse:
    """The reply form on its own page (a quote starts here) and where replies are sent."""
    thread = selectors.thread_for(request.user, thread_id)
    if not can_reply(request.user, thread):
        return _refuse(
            request,
            _("This thread is locked: it takes no more replies.")
            if thread.is_locked
            else _("You cannot reply in this thread."),
            back=reverse("network:thread", kwargs={"thread_id": thread.pk}),
        )
    initial: dict[str, Any] = {}
    quoted = None
    quote = request.GET.get("quote", "")
    if request.method == "GET" and quote.isdigit() and len(quote) < 10:
        quoted = (
            selectors.posts_visible_to(request.user, thread)
            .select_related("author")
            .filter(number=int(quote))
            .first()
        )
        if quoted is not None:
            path = selectors.post_path(thread.pk, quoted.number)
            initial = {"body": services.quote_text(quoted, path=path), "reply_to": quoted.number}
    form = ReplyForm(request.POST or None, request.FILES or None, initial=initial)
    template = "network/discussions/reply.html"
    context: dict[str, Any] = {"thread": thread, "form": form, "quoted": quoted}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        existing = services.post_by_submission(request.user, data["submission_key"])
        if existing is not None:
            return redirect(selectors.post_path(existing.thread_id, existing.number))
        reply_to: Post | None = None
        if data.get("reply_to"):
            reply_to = (
                selectors.posts_visible_to(request.user, thread)
                .filter(number=data["reply_to"])
                .first()
            )
        wait = post_rate_limited(request)
        if wait is not None:
            return _limited(request, template, context, wait)
        try:
            post = services.reply_create(
                author=request.user,
                thread=thread,
                body=data["body"],
                reply_to=reply_to,
                files=data["attachments"],
                submission_key=data["submission_key"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            if post.status != PostStatus.PUBLISHED:
                messages.info(
                    request,
                    _("Your reply is waiting for a coordinator to review it before others see it."),
                )
            return redirect(selectors.post_path(thread.pk, post.number))
    return render(request, template, context)


@login_required
@require_POST
def thread_watch(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = selectors.thread_for(request.user, thread_id)
    form = WatchForm(request.POST)
    if form.is_valid():
        services.thread_watch_set(
            user=request.user, thread=thread, level=form.cleaned_data["level"]
        )
        messages.success(request, _("Your notifications for this thread are saved."))
    return redirect("network:thread", thread_id=thread.pk)


# --- A post ------------------------------------------------------------------------------------


@login_required
def post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    """A post's permanent link: to its page and anchor in its thread."""
    post = selectors.post_for(request.user, post_id)
    return redirect(selectors.post_path(post.thread_id, post.number))


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors.post_for(request.user, post_id)
    if not can_edit_post(request.user, post):
        return _refuse(request, _("You cannot edit this post."))
    opening = post.number == 1
    form = EditForm(
        request.POST or None,
        opening=opening,
        initial={"body": post.body, "title": post.thread.title},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(
                post=post,
                editor=request.user,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title") if opening else None,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(selectors.post_path(post.thread_id, post.number))
    return render(
        request,
        "network/discussions/post_edit.html",
        {"post": post, "thread": post.thread, "form": form},
    )


@login_required
def post_history(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors.post_for(request.user, post_id)
    return render(
        request,
        "network/discussions/post_history.html",
        {"post": post, "thread": post.thread, "revisions": selectors.post_revisions(post)},
    )


@login_required
@require_POST
def post_accept(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors.post_for(request.user, post_id)
    thread = post.thread
    if not can_accept_answer(request.user, thread):
        return _refuse(request, _("Only the person who asked can accept an answer."))
    form = AcceptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or clear the answer."))
    elif form.cleaned_data["action"] == "unaccept":
        services.answer_unaccept(thread=thread, by=request.user)
        messages.success(request, _("The answer is no longer marked as accepted."))
    else:
        try:
            services.answer_accept(thread=thread, post=post, by=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The reply is marked as the answer."))
    return redirect(selectors.post_path(thread.pk, post.number))


URLS: list[URLPattern] = [
    path("network/categories/<slug:slug>/", category_detail, name="category"),
    path("network/categories/<slug:slug>/new/", thread_new, name="thread-new"),
    path("network/categories/<slug:slug>/watch/", category_watch, name="category-watch"),
    path("network/groups/<slug:slug>/threads/new/", group_thread_new, name="group-thread-new"),
    path("network/threads/<int:thread_id>/", thread_detail, name="thread"),
    path("network/threads/<int:thread_id>/reply/", thread_reply, name="thread-reply"),
    path("network/threads/<int:thread_id>/watch/", thread_watch, name="thread-watch"),
    path("network/posts/<int:post_id>/", post_detail, name="post"),
    path("network/posts/<int:post_id>/edit/", post_edit, name="post-edit"),
    path("network/posts/<int:post_id>/history/", post_history, name="post-history"),
    path("network/posts/<int:post_id>/accept/", post_accept, name="post-accept"),
]
