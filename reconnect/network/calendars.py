"""iCalendar files of events: one event's ``.ics`` and a member's personal feed.

Each event is one VEVENT whose UID stays the same for the event's life
(``event-<id>@reconnect``) and whose SEQUENCE is the event's own counter, bumped on every
change, so calendar applications replace their copy instead of adding a second one; a
cancelled event is sent with STATUS:CANCELLED. Times are written in UTC.

An online event's link is written (as LOCATION) only into a file made for someone with a
place; everyone else reads "Online". The description is plain text: the summary and the
agenda as its organiser typed it (Markdown reads as text), never rendered HTML.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.network.models import Event, EventFormat

PRODID = "-//Reconnect//Headteacher Network//EN"


@dataclass(frozen=True)
class CalendarEntry:
    event: Event
    # Whether the file is for someone who may see the online link.
    with_link: bool


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@reconnect"


def event_page_url(event: Event) -> str:
    return f"{settings.SITE_URL}{reverse('network:event', kwargs={'event_id': event.pk})}"


def location_of(event: Event, *, with_link: bool) -> str:
    if event.format == EventFormat.ONLINE:
        return event.online_url if with_link and event.online_url else _("Online")
    return ", ".join(part for part in (event.venue, event.address) if part)


def description_of(event: Event) -> str:
    parts = [event.summary, event.agenda.strip()]
    return "\n\n".join(part for part in parts if part)


def _vevent(entry: CalendarEntry, stamp: datetime.datetime) -> icalendar.Event:
    event = entry.event
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    vevent.add("dtend", event.ends_at.astimezone(datetime.UTC))
    vevent.add("summary", event.title)
    vevent.add("description", description_of(event))
    vevent.add("location", location_of(event, with_link=entry.with_link))
    vevent.add("url", event_page_url(event))
    vevent.add("sequence", event.sequence)
    vevent.add("status", "CANCELLED" if event.cancelled_at is not None else "CONFIRMED")
    return vevent


def calendar_bytes(entries: Iterable[CalendarEntry], *, name: str = "") -> bytes:
    """A VCALENDAR holding one VEVENT per entry; ``name`` titles a feed in calendar apps."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for entry in entries:
        calendar.add_component(_vevent(entry, stamp))
    return calendar.to_ical()
