"""The Headteacher Network's private messages, under ``network/messages/``: the inbox, a
conversation with its replies, writing to one or several members (found with a plain
search, no JavaScript needed, or named by ``?to=<id>`` from a profile or a board post),
writing to a group's members, and leaving a conversation.

A conversation is its participants' only: ``selectors.messages.participant_for`` gives
404 to anyone else, coordinators and administrators included. Sending is rate limited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reconnect.core.exceptions import ApplicationError
from reconnect.core.ratelimit import rate_limit_wait
from reconnect.network.forms.messages import MessageForm, ReplyForm
from reconnect.network.models import Group
from reconnect.network.rules.groups import can_message_group, can_open_group
from reconnect.network.selectors import groups as group_selectors
from reconnect.network.selectors import messages as selectors
from reconnect.network.services import messages as services

CONVERSATIONS_PER_PAGE = 50
# A member writes to a handful of people a minute at most; more is a script or a spammer.
START_PER_MINUTE = 10
REPLY_PER_MINUTE = 30


def _ids(values: list[str]) -> list[int]:
    found = []
    for value in values[: selectors.CHOSEN_MAX]:
        try:
            found.append(int(value))
        except ValueError:
            continue
    return found


def _refused(form: Any, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _rate_limited(form: Any, wait: int) -> None:
    form.add_error(
        None,
        _("You have sent a lot of messages in the last minute: wait %(seconds)s seconds.")
        % {"seconds": wait},
    )


# --- The inbox -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def message_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.inbox(request.user), CONVERSATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "participant": participant,
            "conversation": participant.conversation,
            "others": [
                other.user
                for other in participant.conversation.participants.all()
                if other.user_id != request.user.pk and other.left_at is None
            ],
        }
        for participant in page
    ]
    return render(request, "network/messages/list.html", {"page": page, "rows": rows})


# --- One conversation ----------------------------------------------------------------------


def _conversation_page(
    request: HttpRequest, participant: Any, form: ReplyForm, *, status: int = 200
) -> HttpResponse:
    conversation = participant.conversation
    group = conversation.group
    return render(
        request,
        "network/messages/conversation.html",
        {
            "conversation": conversation,
            "participant": participant,
            "messages_shown": selectors.messages_of(participant),
            "participants": selectors.participants_of(participant),
            "group_url": reverse("network:group", kwargs={"slug": group.slug})
            if group is not None and can_open_group(request.user, group)
            else "",
            "form": form,
            "has_errors": bool(form.errors),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_detail(request: HttpRequest, conversation_id: int) -> HttpResponse:
    participant = selectors.participant_for(request.user, conversation_id)
    if request.method != "POST":
        response = _conversation_page(request, participant, ReplyForm())
        services.conversation_read(participant=participant)
        return response
    form = ReplyForm(request.POST)
    if (
        wait := rate_limit_wait(request, scope="network-reply", per_minute=REPLY_PER_MINUTE)
    ) is not None:
        _rate_limited(form, wait)
        return _conversation_page(request, participant, form, status=429)
    if form.is_valid():
        try:
            services.message_reply(
                conversation=participant.conversation,
                author=request.user,
                body=form.cleaned_data["body"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except ApplicationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Reply sent."))
            return redirect(f"{services.conversation_url(participant.conversation)}#latest")
    return _conversation_page(request, participant, form)


@login_required
@require_POST
def conversation_leave(request: HttpRequest, conversation_id: int) -> HttpResponse:
    participant = selectors.participant_for(request.user, conversation_id)
    services.conversation_leave(participant=participant)
    messages.success(
        request,
        _("You left the conversation “%(subject)s”.")
        % {"subject": participant.conversation.subject},
    )
    return redirect("network:message-list")


# --- Writing to members --------------------------------------------------------------------


def _new_page(
    request: HttpRequest, form: MessageForm, chosen_ids: list[int], *, status: int = 200
) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    chosen = selectors.people_chosen(request.user, chosen_ids)
    chosen_pks = {person.pk for person in chosen}
    found = [p for p in selectors.people_found(request.user, query) if p.pk not in chosen_pks]
    return render(
        request,
        "network/messages/new.html",
        {
            "form": form,
            "query": query,
            "chosen": chosen,
            "found": found,
            "has_errors": bool(form.errors),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def message_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _new_page(request, MessageForm(), _ids(request.GET.getlist("to")))
    chosen_ids = _ids(request.POST.getlist("to"))
    form = MessageForm(request.POST)
    if (
        wait := rate_limit_wait(request, scope="network-message", per_minute=START_PER_MINUTE)
    ) is not None:
        _rate_limited(form, wait)
        return _new_page(request, form, chosen_ids, status=429)
    if form.is_valid():
        recipients = selectors.people_chosen(request.user, chosen_ids)
        try:
            conversation = services.conversation_start(
                author=request.user,
                recipients=recipients,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except ApplicationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Message sent."))
            return redirect(services.conversation_url(conversation))
    return _new_page(request, form, chosen_ids)


# --- Writing to a group --------------------------------------------------------------------


def _group_page(
    request: HttpRequest, group: Group, form: MessageForm, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "network/messages/group_new.html",
        {"group": group, "form": form, "has_errors": bool(form.errors)},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_message_new(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_selectors.group_for(request.user, slug)
    if not can_message_group(request.user, group):
        raise PermissionDenied
    if request.method != "POST":
        return _group_page(request, group, MessageForm())
    form = MessageForm(request.POST)
    if (
        wait := rate_limit_wait(request, scope="network-message", per_minute=START_PER_MINUTE)
    ) is not None:
        _rate_limited(form, wait)
        return _group_page(request, group, form, status=429)
    recipients = selectors.group_recipients(group, request.user)
    if form.is_valid() and not recipients:
        form.add_error(None, _("No one else in the group can receive your message."))
    if form.is_valid():
        try:
            conversation = services.conversation_start(
                author=request.user,
                recipients=recipients,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                group=group,
                submission_key=form.cleaned_data["submission_key"],
            )
        except ApplicationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Message sent to the group."))
            return redirect(services.conversation_url(conversation))
    return _group_page(request, group, form)


URLS: list[URLPattern] = [
    path("network/messages/", message_list, name="message-list"),
    path("network/messages/new/", message_new, name="message-new"),
    path("network/messages/<int:conversation_id>/", conversation_detail, name="conversation"),
    path(
        "network/messages/<int:conversation_id>/leave/",
        conversation_leave,
        name="conversation-leave",
    ),
    path("network/groups/<slug:slug>/message/", group_message_new, name="group-message-new"),
]
