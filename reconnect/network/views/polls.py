"""Polls on a thread's opening post: add one, see it, vote, close it.

``network/threads/<id>/poll/new/`` adds one (the thread's author or a moderator);
``network/polls/<id>/`` shows its results (and the vote form while open), for anyone who
may read the thread; ``.../vote/`` and ``.../close/`` change it. Someone who may not read
the thread gets 404 everywhere (a group's poll is its members'); someone who may read it
but not change it gets 403. Voting works without JavaScript (the form posts and the page
comes back); with htmx the poll alone is swapped in place.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reconnect.core.exceptions import ApplicationError
from reconnect.network.forms.polls import PollForm, VoteForm
from reconnect.network.models import Poll
from reconnect.network.selectors import polls as selectors
from reconnect.network.services import polls as services


def _poll_url(poll: Poll) -> str:
    return reverse("network:poll", kwargs={"poll_id": poll.pk})


def _back_to(request: HttpRequest, poll: Poll) -> str:
    """Where the form came from (the thread page), if it is ours; else the poll's page."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return f"{target.split('#', 1)[0]}#poll-{poll.pk}"
    return _poll_url(poll)


def _detail(
    request: HttpRequest, poll: Poll, *, form: VoteForm | None = None, status: int = 200
) -> HttpResponse:
    view = selectors.poll_view(request.user, poll)
    post = poll.post
    post.poll_view = view
    context: dict[str, Any] = {
        "post": post,
        "thread": post.thread,
        "view": view,
        "vote_form": form,
        "thread_url": reverse("network:thread", kwargs={"thread_id": post.thread_id}),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "network/polls/poll.html", context, status=status)
    return render(request, "network/polls/detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def poll_new(request: HttpRequest, thread_id: int) -> HttpResponse:
    post = selectors.opening_post_for(request.user, thread_id)
    thread = post.thread
    if not selectors.can_add_poll(request.user, thread):
        raise PermissionDenied
    existing = Poll.objects.filter(post=post).first()
    if existing is not None:
        messages.info(request, _("This thread already has a poll."))
        return redirect(_poll_url(existing))
    form = PollForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            poll = services.poll_create(
                post=post,
                by=request.user,
                question=data["question"],
                kind=data["kind"],
                options=data["options"],
                max_choices=data["max_choices"] or 1,
                show_voters=data["show_voters"],
                closes_at=data["closes_at"],
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Poll added."))
            return redirect(
                reverse("network:thread", kwargs={"thread_id": thread.pk}) + f"#poll-{poll.pk}"
            )
    return render(
        request,
        "network/polls/new.html",
        {
            "thread": thread,
            "form": form,
            "thread_url": reverse("network:thread", kwargs={"thread_id": thread.pk}),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def poll_detail(request: HttpRequest, poll_id: int) -> HttpResponse:
    return _detail(request, selectors.poll_for(request.user, poll_id))


@login_required
@require_POST
def poll_vote(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = selectors.poll_for(request.user, poll_id)
    view = selectors.poll_view(request.user, poll)
    form = VoteForm(request.POST, poll_view=view)
    if form.is_valid():
        try:
            services.poll_vote(
                poll=poll, user=request.user, option_ids=form.cleaned_data["options"]
            )
        except ApplicationError as error:
            form.add_error("options", error.message)
        else:
            if request.headers.get("HX-Request") == "true":
                return _detail(request, poll)
            messages.success(request, _("Your vote is saved."))
            return redirect(_back_to(request, poll))
    return _detail(request, poll, form=form, status=400)


@login_required
@require_POST
def poll_close(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = selectors.poll_for(request.user, poll_id)
    if not selectors.can_close_poll(request.user, poll):
        raise PermissionDenied
    services.poll_close(poll=poll, by=request.user)
    messages.success(request, _("Poll closed."))
    return redirect(_back_to(request, poll))


URLS: list[URLPattern] = [
    path("network/threads/<int:thread_id>/poll/new/", poll_new, name="poll-new"),
    path("network/polls/<int:poll_id>/", poll_detail, name="poll"),
    path("network/polls/<int:poll_id>/vote/", poll_vote, name="poll-vote"),
    path("network/polls/<int:poll_id>/close/", poll_close, name="poll-close"),
]
