"""The Headteacher Network's moderation pages.

- ``network/posts/<id>/report/``: a reader reports (flags) a post.
- ``network/moderation/``: the review queue, for coordinators and administrators.
- ``network/posts/<id>/moderate/``: a moderator's decision on one post (approve, reject,
  hide, show again, dismiss or uphold its reports).
- ``network/threads/<id>/moderate/``: lock, pin, hide, move and split a thread.
- ``network/members/<id>/block/`` and ``/unblock/``, ``network/blocked/``: blocks.

Views follow the usual order: the thing (404 if the user may not see it), the permission
(403 if they see it but may not act), the form, the service, the page. Who may do what is
in ``rules.moderation``; every form works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from reconnect.core.exceptions import ApplicationError
from reconnect.core.ratelimit import rate_limit_wait
from reconnect.network.forms.moderation import (
    FlagForm,
    MoveForm,
    PostDecision,
    PostModerationForm,
    SplitForm,
    ThreadDecision,
    ThreadModerationForm,
)
from reconnect.network.models import Post, PostStatus, Thread
from reconnect.network.rules.discussions import can_read_thread
from reconnect.network.rules.moderation import (
    can_block,
    can_flag_post,
    can_moderate,
    can_see_for_flag,
)
from reconnect.network.selectors import moderation as selectors
from reconnect.network.services import moderation as services

QUEUE_PAGE_SIZE = 50
# Reports a member may make in a minute: enough for a bad thread, too few for a pile-on.
FLAGS_PER_MINUTE = 10


def _add_error(form: Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _safe_next(request: HttpRequest, value: str | None, default: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return default


# --- Reporting a post -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def post_flag(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors.post_for(post_id)
    if not can_see_for_flag(request.user, post):
        raise Http404
    if not can_flag_post(request.user, post):
        raise PermissionDenied
    back = services.post_path(post)
    if request.method == "POST":
        form = FlagForm(request.POST)
        if form.is_valid():
            wait = rate_limit_wait(request, scope="network-flag", per_minute=FLAGS_PER_MINUTE)
            if wait is not None:
                response = render(
                    request,
                    "network/moderation/flag.html",
                    {"post": post, "form": form, "back": back, "too_many": True},
                    status=429,
                )
                response["Retry-After"] = str(wait)
                return response
            try:
                _flag, created = services.flag_post(
                    post=post,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    request=request,
                )
            except ApplicationError as error:
                _add_error(form, error)
            else:
                if created:
                    messages.success(request, _("Thank you: a coordinator will look at this post."))
                else:
                    messages.info(request, _("You have already reported this post."))
                return redirect(back)
    else:
        form = FlagForm()
    return render(
        request, "network/moderation/flag.html", {"post": post, "form": form, "back": back}
    )


# --- The review queue -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def review_queue(request: HttpRequest) -> HttpResponse:
    if not can_moderate(request.user):
        raise PermissionDenied
    page = Paginator(selectors.review_queue_posts(), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    items = [selectors.queue_item(post) for post in page.object_list]
    rows = [{"item": item, "thread_url": services.thread_path(item.post.thread)} for item in items]
    return render(
        request,
        "network/moderation/queue.html",
        {"page": page, "rows": rows, "total": page.paginator.count},
    )


def _post_for_moderator(request: HttpRequest, post_id: int) -> Post:
    post = selectors.post_for(post_id)
    if not can_moderate(request.user):
        if can_see_for_flag(request.user, post):
            raise PermissionDenied
        raise Http404
    return post


_DONE = {
    PostDecision.APPROVE: gettext_lazy("Post approved and published."),
    PostDecision.REJECT: gettext_lazy("Post rejected. Its author has been told why."),
    PostDecision.HIDE: gettext_lazy("Post hidden. Its author has been told why."),
    PostDecision.UNHIDE: gettext_lazy("Post shown again."),
    PostDecision.DISMISS: gettext_lazy("Reports dismissed."),
    PostDecision.UPHOLD: gettext_lazy("Reports upheld: the post is hidden."),
}


def _decide(request: HttpRequest, post: Post, action: str, reason: str) -> None:
    common: dict[str, Any] = {"post": post, "moderator": request.user, "request": request}
    if action == PostDecision.APPROVE:
        services.post_approve(**common)
    elif action == PostDecision.REJECT:
        services.post_reject(**common, reason=reason)
    elif action == PostDecision.HIDE:
        services.post_hide(**common, reason=reason)
    elif action == PostDecision.UNHIDE:
        services.post_unhide(**common)
    elif action == PostDecision.DISMISS:
        services.flags_dismiss(**common)
    else:
        services.flags_uphold(**common, reason=reason)


@login_required
@require_http_methods(["GET", "POST"])
def post_moderate(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post_for_moderator(request, post_id)
    default = reverse("network:review-queue")
    if request.method == "POST":
        form = PostModerationForm(request.POST)
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                _decide(request, post, action, form.cleaned_data["reason"])
            except ApplicationError as error:
                _add_error(form, error)
            else:
                messages.success(request, str(_DONE[action]))
                return redirect(_safe_next(request, form.cleaned_data["next"], default))
    else:
        form = PostModerationForm(initial={"next": request.GET.get("next", "")})
    post.refresh_from_db(fields=["status", "hidden_reason"])
    item = selectors.queue_item(post)
    return render(
        request,
        "network/moderation/post.html",
        {
            "post": post,
            "form": form,
            "flags": selectors.open_flags_of(post),
            "item": item,
            "thread_url": services.thread_path(post.thread),
            "is_held": post.status == PostStatus.PENDING,
            "is_hidden": post.status == PostStatus.HIDDEN,
            "is_published": post.status == PostStatus.PUBLISHED,
        },
    )


# --- Moderating a thread --------------------------------------------------------------------


def _thread_page(
    request: HttpRequest,
    thread: Thread,
    *,
    form: ThreadModerationForm | None = None,
    move: MoveForm | None = None,
    split: SplitForm | None = None,
    status: int = 200,
) -> HttpResponse:
    posts = Post.objects.filter(thread=thread).select_related("author").order_by("number")
    forms = [f for f in (form, move, split) if f is not None]
    return render(
        request,
        "network/moderation/thread.html",
        {
            "thread": thread,
            "posts": posts,
            "form": form or ThreadModerationForm(),
            "move": move or MoveForm(initial={"category": thread.category_id}),
            "split": split or SplitForm(initial={"category": thread.category_id}),
            "has_errors": any(f.errors for f in forms),
            "thread_url": services.thread_path(thread),
        },
        status=status,
    )


_THREAD_DONE = {
    ThreadDecision.LOCK: gettext_lazy("Thread locked: no one can reply."),
    ThreadDecision.UNLOCK: gettext_lazy("Thread unlocked."),
    ThreadDecision.PIN: gettext_lazy("Thread pinned."),
    ThreadDecision.UNPIN: gettext_lazy("Thread unpinned."),
    ThreadDecision.HIDE: gettext_lazy("Thread hidden from members."),
    ThreadDecision.UNHIDE: gettext_lazy("Thread shown again."),
}


def _thread_decide(request: HttpRequest, thread: Thread, action: str, reason: str) -> None:
    common: dict[str, Any] = {"thread": thread, "moderator": request.user, "request": request}
    if action in (ThreadDecision.LOCK, ThreadDecision.UNLOCK):
        services.thread_set_locked(**common, locked=action == ThreadDecision.LOCK)
    elif action in (ThreadDecision.PIN, ThreadDecision.UNPIN):
        services.thread_set_pinned(**common, pinned=action == ThreadDecision.PIN)
    else:
        services.thread_set_hidden(**common, hidden=action == ThreadDecision.HIDE, reason=reason)


@login_required
@require_http_methods(["GET", "POST"])
def thread_moderate(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = get_object_or_404(Thread.objects.select_related("category", "group"), pk=thread_id)
    if not can_moderate(request.user):
        if can_read_thread(request.user, thread):
            raise PermissionDenied
        raise Http404
    if request.method != "POST":
        return _thread_page(request, thread)
    here = reverse("network:thread-moderate", kwargs={"thread_id": thread.pk})
    kind = request.POST.get("form")
    if kind == "move":
        move = MoveForm(request.POST)
        if move.is_valid():
            try:
                services.thread_move(
                    thread=thread,
                    moderator=request.user,
                    category=move.cleaned_data["category"],
                    request=request,
                )
            except ApplicationError as error:
                _add_error(move, error)
            else:
                messages.success(
                    request,
                    _("Thread moved to %(category)s.")
                    % {"category": move.cleaned_data["category"].name},
                )
                return redirect(here)
        return _thread_page(request, thread, move=move)
    if kind == "split":
        split = SplitForm(request.POST)
        if split.is_valid():
            try:
                new_thread = services.thread_split(
                    thread=thread,
                    moderator=request.user,
                    numbers=split.cleaned_data["numbers"],
                    title=split.cleaned_data["title"],
                    category=split.cleaned_data["category"],
                    request=request,
                )
            except ApplicationError as error:
                _add_error(split, error)
            else:
                messages.success(
                    request,
                    _("Replies moved to the new thread “%(title)s”.") % {"title": new_thread.title},
                )
                return redirect(
                    reverse("network:thread-moderate", kwargs={"thread_id": new_thread.pk})
                )
        return _thread_page(request, thread, split=split)
    form = ThreadModerationForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            _thread_decide(request, thread, action, form.cleaned_data["reason"])
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, str(_THREAD_DONE[action]))
            return redirect(here)
    return _thread_page(request, thread, form=form)


# --- Blocks ---------------------------------------------------------------------------------


def _member(user_id: int) -> Any:
    return get_object_or_404(get_user_model(), pk=user_id, is_active=True)


@login_required
@require_http_methods(["GET", "POST"])
def member_block(request: HttpRequest, user_id: int) -> HttpResponse:
    other = _member(user_id)
    if not can_block(request.user, other):
        raise PermissionDenied
    if request.method == "POST":
        try:
            created = services.member_block(user=request.user, other=other, request=request)
        except ApplicationError as error:  # can_block refused it above; kept for safety
            raise PermissionDenied(error.message) from error
        if created:
            messages.success(
                request,
                _("You have blocked %(name)s: you will not get their messages or mentions.")
                % {"name": other.display_name},
            )
        else:
            messages.info(
                request, _("You had already blocked %(name)s.") % {"name": other.display_name}
            )
        return redirect("network:blocked-members")
    return render(request, "network/moderation/block.html", {"other": other})


@login_required
@require_POST
def member_unblock(request: HttpRequest, user_id: int) -> HttpResponse:
    other = _member(user_id)
    if services.member_unblock(user=request.user, other=other, request=request):
        messages.success(request, _("You have unblocked %(name)s.") % {"name": other.display_name})
    return redirect("network:blocked-members")


@login_required
@require_http_methods(["GET"])
def blocked_members(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/moderation/blocked.html",
        {"blocks": list(selectors.blocks_of(request.user))},
    )


URLS: list[URLPattern] = [
    path("network/posts/<int:post_id>/report/", post_flag, name="post-flag"),
    path("network/posts/<int:post_id>/moderate/", post_moderate, name="post-moderate"),
    path("network/moderation/", review_queue, name="review-queue"),
    path("network/threads/<int:thread_id>/moderate/", thread_moderate, name="thread-moderate"),
    path("network/members/<int:user_id>/block/", member_block, name="member-block"),
    path("network/members/<int:user_id>/unblock/", member_unblock, name="member-unblock"),
    path("network/blocked/", blocked_members, name="blocked-members"),
]
