"""iCalendar files of events, read back with the icalendar library field by field."""

import datetime

import icalendar
import pytest

from reconnect.network.calendars import CalendarEntry, calendar_bytes
from reconnect.network.models import EventFormat
from reconnect.network.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2031, 1, 15, 16, 0, tzinfo=datetime.UTC)


def _one(entry: CalendarEntry) -> tuple[icalendar.Calendar, icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(calendar_bytes([entry]))
    (vevent,) = calendar.walk("VEVENT")
    return calendar, vevent


def test_in_person_event_has_every_field_exactly():
    event = EventFactory.create(
        title="Attendance forum",
        summary="Heads share what works.",
        agenda="1. Welcome\n2. **Data**",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        sequence=2,
    )

    calendar, vevent = _one(CalendarEntry(event, with_link=False))

    assert str(calendar["PRODID"]) == "-//Reconnect//Headteacher Network//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert {
        key: str(vevent[key])
        for key in ("UID", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS")
    } == {
        "UID": f"event-{event.pk}@reconnect",
        "SUMMARY": "Attendance forum",
        "DESCRIPTION": "Heads share what works.\n\n1. Welcome\n2. **Data**",
        "LOCATION": "Camden Centre for Learning, Bidborough Street, London WC1H 9AU",
        "URL": f"http://testserver/network/events/{event.pk}/",
        "STATUS": "CONFIRMED",
    }
    assert vevent["SEQUENCE"] == 2
    assert vevent.decoded("DTSTART") == START
    assert vevent.decoded("DTEND") == START + datetime.timedelta(hours=2)
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert b"DTSTART:20310115T160000Z" in calendar_bytes([CalendarEntry(event, with_link=False)])


def test_online_link_is_written_only_with_link():
    event = EventFactory.create(
        format=EventFormat.ONLINE, venue="", address="", online_url="https://meet.example.org/r"
    )

    _calendar, without = _one(CalendarEntry(event, with_link=False))
    _calendar, with_link = _one(CalendarEntry(event, with_link=True))

    assert str(without["LOCATION"]) == "Online"
    assert b"meet.example.org" not in calendar_bytes([CalendarEntry(event, with_link=False)])
    assert str(with_link["LOCATION"]) == "https://meet.example.org/r"


def test_cancelled_event_is_sent_cancelled():
    event = EventFactory.create(cancelled_at=START, sequence=4)

    _calendar, vevent = _one(CalendarEntry(event, with_link=False))

    assert (str(vevent["STATUS"]), vevent["SEQUENCE"]) == ("CANCELLED", 4)


def test_a_feed_holds_one_vevent_per_entry_with_its_name():
    events = EventFactory.create_batch(3)

    calendar = icalendar.Calendar.from_ical(
        calendar_bytes([CalendarEntry(e, with_link=False) for e in events], name="My events")
    )

    assert [str(v["UID"]) for v in calendar.walk("VEVENT")] == [
        f"event-{e.pk}@reconnect" for e in events
    ]
    assert str(calendar["X-WR-CALNAME"]) == "My events"
