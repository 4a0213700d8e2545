"""Events and network meetings: the list, an event's page, organising, replying, resources,
calendar files and the personal calendar feed, under ``network/events/`` and
``network/calendar/``.

Who may do what is in ``rules.events``. Each view fetches the event scoped to the member
first (404 for a group's event outside the group), then checks the permission to change it
(403), then the form, the service, the page. The online link reaches the page and the
calendar file only through ``rules.events.can_see_online_link``; it is never in the list.

The personal feed (``network/calendar/<token>.ics``) needs no sign-in, since calendar
applications cannot sign in: the secret address is the key. It is rate-limited per address,
answers 404 for any token that is not live, is never cached by a proxy, and the token is
neither stored (only its hash) nor written to the audit log (its requests are not audited).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from reconnect.core.exceptions import ApplicationError
from reconnect.core.private_files import private_file_response
from reconnect.core.ratelimit import rate_limit_wait
from reconnect.network import calendars
from reconnect.network.forms.events import EventForm, ResourceForm, RsvpForm, initial_of
from reconnect.network.models import Event, EventFormat, Group, RsvpStatus
from reconnect.network.rules import events as rules
from reconnect.network.rules.groups import can_open_group
from reconnect.network.selectors import events as selectors
from reconnect.network.services import events as services

FEED_PER_MINUTE = 30
CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _add_error(form: Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _status_label(status: str | None) -> str:
    return str(RsvpStatus(status).label) if status else _("Not replied")


def _place(event: Event) -> str:
    if event.format == EventFormat.ONLINE:
        return _("Online")
    return ", ".join(part for part in (event.venue, event.address) if part)


def _row(event: Event) -> dict[str, Any]:
    """What the list and the page show of an (annotated) event, never its online link."""
    return {
        "event": event,
        "place": _place(event),
        "places_left": selectors.places_left(event),
        "status": event.my_status,  # type: ignore[attr-defined]
        "status_label": _status_label(event.my_status),  # type: ignore[attr-defined]
    }


# --- The list and the page -------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def event_list(request: HttpRequest) -> HttpResponse:
    when = selectors.PAST if request.GET.get("when") == selectors.PAST else selectors.UPCOMING
    events = selectors.event_list(request.user, when=when)
    return render(
        request,
        "network/events/list.html",
        {
            "rows": [_row(event) for event in events],
            "when": when,
            "may_create": rules.can_create_network_event(request.user),
        },
    )


@login_required
@require_http_methods(["GET"])
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_for(request.user, event_id)
    status = event.my_status  # type: ignore[attr-defined]
    past = selectors.is_past(event)
    return render(
        request,
        "network/events/detail.html",
        {
            **_row(event),
            "past": past,
            "may_reply": event.cancelled_at is None and not past,
            "show_link": rules.can_see_online_link(request.user, event, status),
            "waiting_position": (
                selectors.waiting_position(event, request.user)
                if status == RsvpStatus.WAITING
                else None
            ),
            "may_manage": rules.can_manage_event(request.user, event),
            "attendees": selectors.attendees_of(event),
            "resources": selectors.resources_of(event),
            "rsvp_form": RsvpForm(),
        },
    )


# --- Organising ------------------------------------------------------------------------------


def _form_page(
    request: HttpRequest, form: EventForm, *, event: Event | None, group: Group | None
) -> HttpResponse:
    return render(
        request,
        "network/events/form.html",
        {"form": form, "event": event, "group": group},
    )


def _create(request: HttpRequest, group: Group | None) -> HttpResponse:
    form = EventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                by=request.user, details=form.details(), group=group, request=request
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Event created."))
            return redirect("network:event", event_id=event.pk)
    return _form_page(request, form, event=None, group=group)


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    if not rules.can_create_network_event(request.user):
        raise PermissionDenied
    return _create(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def group_event_new(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(Group, slug=slug)
    if not can_open_group(request.user, group):
        raise Http404
    if not rules.can_create_group_event(request.user, group):
        raise PermissionDenied
    return _create(request, group)


def _managed(request: HttpRequest, event_id: int) -> Event:
    event = selectors.event_for(request.user, event_id)
    if not rules.can_manage_event(request.user, event):
        raise PermissionDenied
    return event


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _managed(request, event_id)
    if event.cancelled_at is not None:
        raise PermissionDenied
    if request.method == "POST":
        form = EventForm(request.POST)
        if form.is_valid():
            try:
                services.event_update(
                    event=event, by=request.user, details=form.details(), request=request
                )
            except ApplicationError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("Event saved. Those coming have been told."))
                return redirect("network:event", event_id=event.pk)
    else:
        form = EventForm(initial=initial_of(event))
    return _form_page(request, form, event=event, group=event.group)


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _managed(request, event_id)
    error = ""
    if request.method == "POST":
        try:
            services.event_cancel(event=event, by=request.user, request=request)
        except ApplicationError as refused:
            error = refused.message
        else:
            messages.success(request, _("Event cancelled. Those coming have been told."))
            return redirect("network:event", event_id=event.pk)
    return render(
        request,
        "network/events/cancel.html",
        {"event": event, "error": error},
        status=409 if error else 200,
    )


# --- Replying --------------------------------------------------------------------------------


@login_required
@require_POST
def event_rsvp(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_for(request.user, event_id)
    form = RsvpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Select whether you are going."))
        return redirect("network:event", event_id=event.pk)
    try:
        result = services.rsvp_set(
            event=event, user=request.user, going=form.cleaned_data["response"] == "going"
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            {
                RsvpStatus.GOING: _("You are going."),
                RsvpStatus.WAITING: _(
                    "The event is full, so you are on the waiting list. We will tell you "
                    "if a place comes up."
                ),
                RsvpStatus.NOT_GOING: _("You are not going."),
            }[RsvpStatus(result.status)],
        )
    return redirect("network:event", event_id=event.pk)


# --- Resources -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def event_resource_add(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _managed(request, event_id)
    form = ResourceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload is not None and upload.size > services.MAX_FILE_BYTES:
                raise ApplicationError(services.too_large(), field="file")
            services.resource_add(
                event=event,
                by=request.user,
                title=form.cleaned_data["title"],
                url=form.cleaned_data["url"],
                filename=upload.name if upload is not None else "",
                data=upload.read() if upload is not None else None,
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Resource shared."))
            return redirect(reverse("network:event", kwargs={"event_id": event.pk}) + "#resources")
    return render(request, "network/events/resource_form.html", {"event": event, "form": form})


@login_required
@require_http_methods(["GET"])
def event_resource(request: HttpRequest, event_id: int, resource_id: int) -> HttpResponse:
    event = selectors.event_for(request.user, event_id)
    resource = selectors.resource_of(event, resource_id)
    data = services.EVENT_FILES.read(resource.stored_as) if resource.stored_as else None
    if data is None:
        raise Http404
    return private_file_response(
        data, filename=resource.filename, content_type=resource.content_type
    )


@login_required
@require_POST
def event_resource_delete(request: HttpRequest, event_id: int, resource_id: int) -> HttpResponse:
    event = selectors.event_for(request.user, event_id)
    resource = selectors.resource_of(event, resource_id)
    if not rules.can_manage_event(request.user, event):
        raise PermissionDenied
    services.resource_delete(resource=resource)
    messages.success(request, _("Resource removed."))
    return redirect(reverse("network:event", kwargs={"event_id": event.pk}) + "#resources")


# --- Calendars -------------------------------------------------------------------------------


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET"])
def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_for(request.user, event_id)
    status = event.my_status  # type: ignore[attr-defined]
    entry = calendars.CalendarEntry(
        event, with_link=rules.can_see_online_link(request.user, event, status)
    )
    return _calendar_response(calendars.calendar_bytes([entry]), f"event-{event.pk}.ics")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def calendar_feed_settings(request: HttpRequest) -> HttpResponse:
    token = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            if services.feed_revoke(user=request.user, request=request):
                messages.success(request, _("Your calendar address no longer works."))
            return redirect("network:calendar-feed-settings")
        if action != "create":
            return redirect("network:calendar-feed-settings")
        token = services.feed_create(user=request.user, request=request)
    feed = selectors.feed_of(request.user)
    feed_url = ""
    if token:
        feed_url = request.build_absolute_uri(
            reverse("network:calendar-feed", kwargs={"token": token})
        )
    return render(
        request, "network/events/feed_settings.html", {"feed": feed, "feed_url": feed_url}
    )


# No never_cache: the response says "private, no-store" itself, and nothing more.
@require_http_methods(["GET"])
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    wait = rate_limit_wait(request, scope="network-calendar-feed", per_minute=FEED_PER_MINUTE)
    if wait is not None:
        response = HttpResponse(_("Too many requests."), status=429, content_type="text/plain")
        response["Retry-After"] = str(wait)
        response["Cache-Control"] = "private, no-store"
        return response
    feed = services.feed_by_token(token)
    if feed is None:
        raise Http404
    user = feed.user
    entries = [
        calendars.CalendarEntry(
            event,
            with_link=rules.can_see_online_link(user, event, event.my_status),  # type: ignore[attr-defined]
        )
        for event in selectors.calendar_events(user)
    ]
    body = calendars.calendar_bytes(entries, name=_("Reconnect network events"))
    return _calendar_response(body, "reconnect-events.ics")


EVENT = "network/events/<int:event_id>/"

URLS: list[URLPattern] = [
    path("network/events/", event_list, name="event-list"),
    path("network/events/new/", event_new, name="event-new"),
    path("network/groups/<slug:slug>/events/new/", group_event_new, name="group-event-new"),
    path(EVENT, event_detail, name="event"),
    path(f"{EVENT}edit/", event_edit, name="event-edit"),
    path(f"{EVENT}cancel/", event_cancel, name="event-cancel"),
    path(f"{EVENT}rsvp/", event_rsvp, name="event-rsvp"),
    path(f"{EVENT}calendar.ics", event_ics, name="event-ics"),
    path(f"{EVENT}resources/add/", event_resource_add, name="event-resource-add"),
    path(f"{EVENT}resources/<int:resource_id>/", event_resource, name="event-resource"),
    path(
        f"{EVENT}resources/<int:resource_id>/delete/",
        event_resource_delete,
        name="event-resource-delete",
    ),
    path("network/calendar/", calendar_feed_settings, name="calendar-feed-settings"),
    path("network/calendar/<slug:token>.ics", calendar_feed, name="calendar-feed"),
]
