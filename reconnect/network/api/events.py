"""The Headteacher Network's events in the JSON API (``/api/v1/network/events``).

The same selectors, rules and service as the pages: a member lists the events they may see
(a group's event outside their groups is a 404), reads one, and replies going or not going
(with the page's capacity and waiting list). A list never carries an online link; one
event's ``online_url`` is filled only for those with a place (and the organiser and
moderators), and is null for everyone else.
"""

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, P, PathEx, Query, Router, Schema, Status

from reconnect.core.api_schema import INVALID, NOT_FOUND
from reconnect.core.exceptions import ApplicationError
from reconnect.network.models import Event
from reconnect.network.rules.events import can_see_online_link
from reconnect.network.selectors import events as selectors
from reconnect.network.services import events as services

router = Router(tags=["network"])

MAX_ID = 2**31 - 1
EventId = PathEx[int, P(ge=1, le=MAX_ID)]
Reply = Literal["going", "waiting", "not_going"]


class EventOut(Schema):
    id: int
    title: str
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    format: Literal["in_person", "online"]
    venue: str = Field(description="Empty for an online event")
    address: str
    group: str | None = Field(description="The group's slug, for a group's event")
    capacity: int | None = Field(description="Null for no limit")
    places_left: int | None = Field(description="Null for no limit")
    waiting: int = Field(description="How many are on the waiting list")
    cancelled: bool
    my_reply: Reply | None = Field(description="Your reply; null when you have not replied")
    url: str = Field(description="The event's page")


class EventDetailOut(EventOut):
    agenda_html: str = Field(description="The agenda, sanitised HTML")
    notes_html: str = Field(description="Notes after the event, sanitised HTML")
    online_url: str | None = Field(
        description="The link to join an online event: only for those with a place"
    )


class EventFilter(Schema):
    when: Literal["upcoming", "past"] = "upcoming"


class RsvpIn(Schema):
    response: Literal["going", "not_going"]


class RsvpOut(Schema):
    status: Reply = Field(description="going, waiting (the event is full) or not_going")
    changed: bool = Field(description="False when your reply was already so")


class ErrorOut(Schema):
    detail: str


def _out(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": event.title,
        "summary": event.summary,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "format": event.format,
        "venue": event.venue,
        "address": event.address,
        "group": event.group.slug if event.group is not None else None,
        "capacity": event.capacity,
        "places_left": selectors.places_left(event),
        "waiting": event.waiting_count,  # type: ignore[attr-defined]
        "cancelled": event.cancelled_at is not None,
        "my_reply": event.my_status,  # type: ignore[attr-defined]
        "url": services.event_path(event),
    }


@router.get(
    "/events",
    response={200: list[EventOut], **INVALID},
    url_name="network-event-list",
    operation_id="network_event_list",
    summary="Events you may see: upcoming (soonest first) or past (latest first)",
)
def event_list(request: HttpRequest, filters: Query[EventFilter]) -> Any:
    return [_out(event) for event in selectors.event_list(request.user, when=filters.when)]


@router.get(
    "/events/{event_id}",
    response={200: EventDetailOut, **NOT_FOUND, **INVALID},
    url_name="network-event-detail",
    operation_id="network_event_detail",
    summary="One event, with its joining link if you have a place",
)
def event_detail(request: HttpRequest, event_id: EventId) -> Any:
    event = selectors.event_for(request.user, event_id)
    status = event.my_status  # type: ignore[attr-defined]
    show = can_see_online_link(request.user, event, status)
    return {
        **_out(event),
        "agenda_html": event.agenda_html,
        "notes_html": event.notes_html,
        "online_url": event.online_url if show else None,
    }


@router.post(
    "/events/{event_id}/rsvp",
    response={200: RsvpOut, 400: ErrorOut, **NOT_FOUND, **INVALID},
    url_name="network-event-rsvp",
    operation_id="network_event_rsvp",
    summary="Reply going or not going (going joins the waiting list when the event is full)",
)
def event_rsvp(request: HttpRequest, event_id: EventId, payload: RsvpIn) -> Any:
    event = selectors.event_for(request.user, event_id)
    try:
        result = services.rsvp_set(
            event=event, user=request.user, going=payload.response == "going"
        )
    except ApplicationError as error:
        return Status(400, {"detail": error.message})
    return {"status": result.status, "changed": result.changed}
