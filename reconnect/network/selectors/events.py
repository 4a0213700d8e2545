"""Reading events: the ones a member may see, who is coming, and a member's calendar.

Every query starts from ``visible_events(user)``: network-wide events, and the events of
the member's groups (moderators see every group's). Lists are annotated with the number of
places taken and the reader's own reply in the same query, so a page costs the same
queries however many events it shows. Nothing here returns an online link on its own:
callers pass a row through ``rules.events.can_see_online_link`` first.
"""

import datetime
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from reconnect.network.models import CalendarFeed, Event, EventResource, Rsvp, RsvpStatus
from reconnect.network.rules.base import is_moderator, is_network_member
from reconnect.network.selectors.membership import group_ids_of
from reconnect.schools.models import Membership

# The personal calendar feed reaches back this far, so last month's meetings stay put.
FEED_PAST_DAYS = 60
UPCOMING = "upcoming"
PAST = "past"


def visible_events(user: Any) -> QuerySet[Event]:
    if not is_network_member(user):
        return Event.objects.none()
    events = Event.objects.select_related("group", "organiser")
    if is_moderator(user):
        return events
    return events.filter(Q(group__isnull=True) | Q(group_id__in=group_ids_of(user)))


def _annotated(events: QuerySet[Event], user: Any) -> QuerySet[Event]:
    """Each event with ``going_count``, ``waiting_count`` and ``my_status`` (None for no
    reply): one query for the lot."""
    mine = Rsvp.objects.filter(event=OuterRef("pk"), user_id=user.pk).values("status")[:1]
    return events.annotate(
        going_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.GOING), distinct=True),
        waiting_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.WAITING), distinct=True),
        my_status=Subquery(mine),
    )


def event_list(
    user: Any, *, when: str = UPCOMING, now: datetime.datetime | None = None
) -> list[Event]:
    """Upcoming events soonest first (cancelled ones too, marked), or past ones latest
    first. An event is past once it has ended."""
    now = now or timezone.now()
    events = visible_events(user)
    if when == PAST:
        events = events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gt=now).order_by("starts_at", "pk")
    return list(_annotated(events, user))


def event_for(user: Any, event_id: int) -> Event:
    """One event the member may see, annotated like the list; 404 otherwise."""
    event = _annotated(visible_events(user).filter(pk=event_id), user).first()
    if event is None:
        raise Http404
    return event


def places_left(event: Event) -> int | None:
    """For an annotated event: None when there is no limit."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - event.going_count)  # type: ignore[attr-defined]


def is_past(event: Event, now: datetime.datetime | None = None) -> bool:
    return event.ends_at <= (now or timezone.now())


def attendees_of(event: Event) -> list[Rsvp]:
    """Members with a place, in the order they replied, with their schools (two queries)."""
    schools = Prefetch(
        "user__memberships", queryset=Membership.objects.select_related("school").order_by()
    )
    return list(
        event.rsvps.filter(status=RsvpStatus.GOING)
        .select_related("user")
        .prefetch_related(schools)
        .order_by("responded_at", "pk")
    )


def waiting_position(event: Event, user: Any) -> int | None:
    """Where the member stands on the event's waiting list (1 is next), or None."""
    mine = event.rsvps.filter(user_id=user.pk, status=RsvpStatus.WAITING).first()
    if mine is None:
        return None
    ahead = event.rsvps.filter(status=RsvpStatus.WAITING).filter(
        Q(responded_at__lt=mine.responded_at) | Q(responded_at=mine.responded_at, pk__lt=mine.pk)
    )
    return ahead.count() + 1


def resources_of(event: Event) -> list[EventResource]:
    return list(event.resources.order_by("added_at", "pk"))


def resource_of(event: Event, resource_id: int) -> EventResource:
    resource = event.resources.filter(pk=resource_id).first()
    if resource is None:
        raise Http404
    return resource


def feed_of(user: Any) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def calendar_events(user: Any, *, now: datetime.datetime | None = None) -> list[Event]:
    """A member's feed: events they are going to or waiting for, from 60 days ago on,
    still limited to the events they may see (a member who left a group loses its events)."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=FEED_PAST_DAYS)
    statuses = (RsvpStatus.GOING, RsvpStatus.WAITING)
    replied = Rsvp.objects.filter(user_id=user.pk, status__in=statuses).values("event_id")
    events = visible_events(user).filter(pk__in=replied, ends_at__gte=since)
    return list(_annotated(events, user).order_by("starts_at", "pk"))
