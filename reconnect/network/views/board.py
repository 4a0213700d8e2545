"""The offers and requests board, under ``network/board/``.

Views follow one order: scoped fetch (404), permission (403), form, service, page. Who may
do what is in ``rules.board``; every form works without JavaScript.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reconnect.core.exceptions import ApplicationError
from reconnect.core.ratelimit import rate_limit_wait
from reconnect.network.forms.board import (
    BoardFilterForm,
    BoardPostEditForm,
    BoardPostForm,
    ContactForm,
)
from reconnect.network.models import BoardKind, BoardPost
from reconnect.network.rules.board import (
    can_change_board_post,
    can_post_on_board,
    school_roles_of,
)
from reconnect.network.selectors import board as selectors
from reconnect.network.selectors.helpers import contacts_of
from reconnect.network.services import board as services
from reconnect.schools.models import School

PAGE_SIZE = 20
POSTS_PER_MINUTE = 10


def _add_error(form: Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _post_url(post: BoardPost) -> str:
    return reverse("network:board-post", kwargs={"post_id": post.pk})


def _conversation_url(conversation: Any) -> str:
    return reverse("network:conversation", kwargs={"conversation_id": conversation.pk})


def _too_fast(request: HttpRequest, scope: str) -> HttpResponse | None:
    wait = rate_limit_wait(request, scope=scope, per_minute=POSTS_PER_MINUTE)
    if wait is None:
        return None
    response = render(request, "network/board/too_fast.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


@login_required
@require_http_methods(["GET"])
def board_list(request: HttpRequest) -> HttpResponse:
    form = BoardFilterForm(request.GET or None)
    filters = selectors.BoardFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.BoardFilters(
            kind=data["kind"],
            theme=data["theme"],
            phase=data["phase"],
            borough=data["borough"],
            closed=data["closed"],
        )
    page = Paginator(selectors.board_list(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "network/board/list.html",
        {
            "form": form if form.is_bound else BoardFilterForm(),
            "page_obj": page,
            "posts": selectors.with_phase_labels(page.object_list),
            "can_post": can_post_on_board(request.user),
            "filtered": any(
                (filters.kind, filters.theme, filters.phase, filters.borough, filters.closed)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_post_new(request: HttpRequest) -> HttpResponse:
    if not can_post_on_board(request.user):
        raise PermissionDenied
    schools = selectors.schools_to_post_for(request.user)
    if request.method == "POST":
        form = BoardPostForm(request.POST, schools=schools)
        if form.is_valid():
            too_fast = _too_fast(request, "network-board-post")
            if too_fast is not None:
                return too_fast
            data = form.cleaned_data
            try:
                post = services.board_post_create(
                    author=request.user,
                    school=data["school"],
                    kind=data["kind"],
                    title=data["title"],
                    body=data["body"],
                    themes=list(data["themes"]),
                    phases=data["phases"],
                )
            except ApplicationError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("Your post is on the board."))
                return redirect(_post_url(post))
    else:
        initial: dict[str, Any] = {}
        if request.GET.get("kind") in BoardKind.values:
            initial["kind"] = request.GET["kind"]
        form = BoardPostForm(initial=initial, schools=schools)
    return render(
        request,
        "network/board/form.html",
        {"form": form, "editing": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def board_post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors.board_post_for(request.user, post_id)
    is_open = post.closed_at is None
    matches = selectors.board_matches(user=request.user, post=post) if is_open else []
    # Members of the post's own school talk to each other elsewhere.
    may_write = is_open and post.school_id not in school_roles_of(request.user)
    own_contacts = contacts_of(post.school_id, exclude_user=request.user) if may_write else []
    return render(
        request,
        "network/board/detail.html",
        {
            "post": post,
            "matches": matches,
            "can_change": can_change_board_post(request.user, post),
            "can_write_to_school": bool(own_contacts),
            "is_request": post.kind == BoardKind.REQUEST,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors.board_post_for(request.user, post_id)
    if not can_change_board_post(request.user, post):
        raise PermissionDenied
    if request.method == "POST":
        form = BoardPostEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.board_post_update(
                    post=post,
                    title=data["title"],
                    body=data["body"],
                    themes=list(data["themes"]),
                    phases=data["phases"],
                )
            except ApplicationError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("Your post is updated."))
                return redirect(_post_url(post))
    else:
        form = BoardPostEditForm(
            initial={
                "title": post.title,
                "body": post.body,
                "themes": list(post.themes.all()),
                "phases": post.phases,
            }
        )
    return render(
        request,
        "network/board/form.html",
        {"form": form, "editing": post},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def board_post_close(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors.board_post_for(request.user, post_id)
    if not can_change_board_post(request.user, post):
        raise PermissionDenied
    services.board_post_close(post=post)
    messages.success(request, _("Your post is closed and no longer on the board."))
    return redirect(_post_url(post))


@login_required
@require_POST
def board_post_reopen(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors.board_post_for(request.user, post_id)
    if not can_change_board_post(request.user, post):
        raise PermissionDenied
    services.board_post_reopen(post=post)
    messages.success(request, _("Your post is back on the board."))
    return redirect(_post_url(post))


@login_required
@require_http_methods(["GET", "POST"])
def board_contact(request: HttpRequest, post_id: int, school_id: int) -> HttpResponse:
    """Write to a school's members open to contact about a post: the post's own school, or
    a school matched with it. A school with no one open to contact is a 404."""
    post = selectors.board_post_for(request.user, post_id)
    if post.closed_at is not None:
        raise Http404
    school = get_object_or_404(School, pk=school_id, is_open=True)
    recipients = contacts_of(school.pk, exclude_user=request.user)
    if not recipients:
        raise Http404
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            too_fast = _too_fast(request, "network-board-contact")
            if too_fast is not None:
                return too_fast
            data = form.cleaned_data
            try:
                conversation = services.school_contact(
                    author=request.user,
                    school=school,
                    subject=data["subject"],
                    body=data["body"],
                    board_post=post,
                    submission_key=data["submission_key"],
                )
            except ApplicationError as error:
                _add_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your message is sent to %(school)s.") % {"school": school.name},
                )
                return redirect(_conversation_url(conversation))
    else:
        form = ContactForm(
            initial={
                "subject": (_("About \u201c%(title)s\u201d") % {"title": post.title})[:150],
                "submission_key": uuid.uuid4().hex,
            }
        )
    return render(
        request,
        "network/board/contact.html",
        {"form": form, "post": post, "school": school, "recipients": recipients},
        status=400 if form.errors else 200,
    )


URLS: list[URLPattern] = [
    path("network/board/", board_list, name="board"),
    path("network/board/new/", board_post_new, name="board-post-new"),
    path("network/board/<int:post_id>/", board_post_detail, name="board-post"),
    path("network/board/<int:post_id>/edit/", board_post_edit, name="board-post-edit"),
    path("network/board/<int:post_id>/close/", board_post_close, name="board-post-close"),
    path("network/board/<int:post_id>/reopen/", board_post_reopen, name="board-post-reopen"),
    path(
        "network/board/<int:post_id>/contact/<int:school_id>/", board_contact, name="board-contact"
    ),
]
