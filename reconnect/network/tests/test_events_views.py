"""The events pages: the list, an event's page, organising, replies, resources, calendars."""

import datetime
import hashlib

import icalendar
import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.models import AuditEvent
from reconnect.network.models import (
    CalendarFeed,
    Event,
    EventFormat,
    EventResource,
    GroupRole,
    RsvpStatus,
)
from reconnect.network.services import events as services
from reconnect.network.tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    RsvpFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "https://meet.example.org/secret-room"
# 16:00 in London (British Summer Time) is 15:00 UTC.
JUNE = datetime.datetime(2031, 6, 10, 15, 0, tzinfo=datetime.UTC)
PDF = b"%PDF-1.4\n%minimal\n"


def _online(**fields) -> Event:
    return EventFactory.create(
        format=EventFormat.ONLINE, venue="", address="", online_url=SECRET, **fields
    )


def _page(client, user, event: Event):
    client.force_login(user)
    return client.get(reverse("network:event", kwargs={"event_id": event.pk}))


# --- The list ----------------------------------------------------------------------------------


def test_event_list_shows_london_time_place_places_and_reply_without_links(
    client, head_at_school_a
):
    in_person = EventFactory.create(
        title="Attendance forum", starts_at=JUNE, ends_at=JUNE + datetime.timedelta(hours=2),
        capacity=10,
    )  # fmt: skip
    online = _online(title="Online surgery", capacity=None)
    RsvpFactory.create(event=in_person, user=head_at_school_a, status=RsvpStatus.GOING)
    RsvpFactory.create_batch(2, event=in_person, status=RsvpStatus.GOING)
    client.force_login(head_at_school_a)

    response = client.get(reverse("network:event-list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tuesday 10 June 2031, 16:00 to 18:00" in html
    assert "Camden Centre for Learning, Bidborough Street, London WC1H 9AU" in html
    assert [row["event"].title for row in response.context["rows"]] == [
        "Online surgery",
        "Attendance forum",
    ]
    rows = {row["event"].pk: row for row in response.context["rows"]}
    assert (rows[in_person.pk]["places_left"], rows[in_person.pk]["status_label"]) == (7, "Going")
    assert (rows[online.pk]["places_left"], rows[online.pk]["status_label"]) == (
        None,
        "Not replied",
    )
    assert rows[online.pk]["place"] == "Online"
    assert SECRET not in html


def test_event_list_hides_other_groups_events_and_splits_past(client, head_at_school_b):
    group = GroupFactory.create()
    hidden = EventFactory.create(group=group, title="Group only")
    mine = GroupFactory.create()
    GroupMembershipFactory.create(group=mine, user=head_at_school_b)
    shown = EventFactory.create(group=mine, title="My group's meeting")
    past = EventFactory.create(
        title="Last term",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=1),
    )
    client.force_login(head_at_school_b)

    upcoming = client.get(reverse("network:event-list"))
    previous = client.get(reverse("network:event-list"), {"when": "past"})

    assert [r["event"].pk for r in upcoming.context["rows"]] == [shown.pk]
    assert [r["event"].pk for r in previous.context["rows"]] == [past.pk]
    assert hidden.title not in upcoming.content.decode()


def _list_queries(client, user, django_assert_num_queries, count: int, expected: int) -> None:
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=user)
    for number in range(count):
        event = EventFactory.create(group=group if number % 2 else None)
        RsvpFactory.create(event=event, user=user, status=RsvpStatus.GOING)
        RsvpFactory.create(event=event, status=RsvpStatus.WAITING)
    client.force_login(user)
    client.get(reverse("network:event-list"))  # the session's first reads
    with django_assert_num_queries(expected):
        response = client.get(reverse("network:event-list"))
    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_query_count_does_not_grow(
    client, head_at_school_a, django_assert_num_queries, count
):
    _list_queries(client, head_at_school_a, django_assert_num_queries, count, expected=QUERIES)


QUERIES = 4


# --- An event's page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (RsvpStatus.GOING, True),
        (RsvpStatus.WAITING, False),
        (RsvpStatus.NOT_GOING, False),
        (None, False),
    ],
)
def test_online_link_is_shown_only_with_a_place(client, head_at_school_a, status, shown):
    event = _online()
    if status is not None:
        RsvpFactory.create(event=event, user=head_at_school_a, status=status)

    html = _page(client, head_at_school_a, event).content.decode()

    assert (SECRET in html) is shown
    assert ("Shown to members with a place." in html) is not shown


def test_online_link_is_shown_to_the_organiser_and_moderators(client, coordinator, admin_user):
    organiser = UserFactory.create()
    event = _online(organiser=organiser)

    for user in (organiser, coordinator, admin_user):
        assert SECRET in _page(client, user, event).content.decode()


def test_cancelled_event_shows_no_link_even_to_those_going(client, head_at_school_a):
    event = _online(cancelled_at=timezone.now())
    RsvpFactory.create(event=event, user=head_at_school_a, status=RsvpStatus.GOING)

    html = _page(client, head_at_school_a, event).content.decode()

    assert SECRET not in html
    assert "This event has been cancelled." in html
    assert "Send reply" not in html


def test_event_page_lists_attendees_with_their_schools_and_the_agenda(
    client, head_at_school_a, head_at_school_b, staff_at_school_a
):
    event = EventFactory.create(agenda="1. Welcome", agenda_html="<ol><li>Welcome</li></ol>")
    RsvpFactory.create(event=event, user=head_at_school_b, status=RsvpStatus.GOING)
    RsvpFactory.create(event=event, user=staff_at_school_a, status=RsvpStatus.WAITING)

    response = _page(client, head_at_school_a, event)

    assert [r.user for r in response.context["attendees"]] == [head_at_school_b]
    html = response.content.decode()
    assert f"{head_at_school_b.display_name}, Demo School B" in html
    assert "<ol><li>Welcome</li></ol>" in html
    assert staff_at_school_a.display_name not in html


def test_group_event_is_404_for_non_members_and_shown_to_members(
    client, head_at_school_a, head_at_school_b
):
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    event = _online(group=group)
    RsvpFactory.create(event=event, user=head_at_school_b, status=RsvpStatus.GOING)

    assert _page(client, head_at_school_b, event).status_code == 404
    assert _page(client, head_at_school_a, event).status_code == 200
    client.force_login(head_at_school_b)
    assert (
        client.get(reverse("network:event-ics", kwargs={"event_id": event.pk})).status_code == 404
    )
    rsvp = client.post(
        reverse("network:event-rsvp", kwargs={"event_id": event.pk}), {"response": "not_going"}
    )
    assert rsvp.status_code == 404
    assert event.rsvps.get(user=head_at_school_b).status == RsvpStatus.GOING


def test_event_page_of_a_past_event_shows_notes_and_resources(client, head_at_school_a):
    start = timezone.now() - datetime.timedelta(days=2)
    event = EventFactory.create(
        starts_at=start, ends_at=start + datetime.timedelta(hours=1),
        notes="We agreed", notes_html="<p>We agreed</p>",
    )  # fmt: skip
    EventResource.objects.create(event=event, title="Slides", url="https://example.org/slides")

    html = _page(client, head_at_school_a, event).content.decode()

    assert "<p>We agreed</p>" in html
    assert 'href="https://example.org/slides"' in html
    assert "Send reply" not in html


# --- Replying ----------------------------------------------------------------------------------


def test_rsvp_form_gives_a_place_then_the_waiting_list(client, head_at_school_a, head_at_school_b):
    event = EventFactory.create(capacity=1)
    url = reverse("network:event-rsvp", kwargs={"event_id": event.pk})
    client.force_login(head_at_school_a)
    first = client.post(url, {"response": "going"}, follow=True)
    client.force_login(head_at_school_b)
    second = client.post(url, {"response": "going"}, follow=True)

    assert [str(m) for m in first.context["messages"]] == ["You are going."]
    assert [str(m) for m in second.context["messages"]] == [
        "The event is full, so you are on the waiting list. We will tell you if a place comes up."
    ]
    assert second.context["status_label"] == "On the waiting list"
    assert "On the waiting list: number 1 in the queue" in second.content.decode()


def test_rsvp_to_a_cancelled_event_is_refused(client, head_at_school_a):
    event = EventFactory.create(cancelled_at=timezone.now())
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("network:event-rsvp", kwargs={"event_id": event.pk}),
        {"response": "going"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == ["This event has been cancelled."]
    assert event.rsvps.count() == 0


# --- Organising --------------------------------------------------------------------------------

FORM = {
    "title": "Summer network meeting",
    "summary": "Heads share what works.",
    "agenda": "**Welcome**",
    "date_day": "10",
    "date_month": "6",
    "date_year": "2031",
    "start_time": "16:00",
    "end_time": "18:30",
    "format": "in_person",
    "venue": "Camden Centre",
    "address": "Bidborough Street",
    "online_url": "",
    "capacity": "30",
    "notes": "",
}


def test_coordinator_creates_an_event_in_london_time(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("network:event-new"), FORM)

    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("network:event", kwargs={"event_id": event.pk})
    assert (event.starts_at, event.ends_at) == (JUNE, JUNE + datetime.timedelta(hours=2.5))
    assert (event.capacity, event.organiser, event.agenda_html) == (
        30,
        coordinator,
        "<p><strong>Welcome</strong></p>\n",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_time": "15:00"}, "The event must end after it starts."),
        ({"format": "online", "online_url": ""}, "Enter the link to join an online event."),
        ({"venue": ""}, "Enter the venue of an in-person event."),
        ({"capacity": "0"}, "The number of places must be 1 or more."),
        ({"start_time": "25:00"}, "Enter the start time like 16:00."),
        ({"date_day": "", "date_month": "", "date_year": ""}, "Enter the date of the event."),
    ],
)
def test_event_form_says_what_is_wrong(client, coordinator, changes, message):
    client.force_login(coordinator)

    response = client.post(reverse("network:event-new"), {**FORM, **changes})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    assert Event.objects.count() == 0


def test_members_may_not_create_network_events(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post(reverse("network:event-new"), FORM)

    assert response.status_code == 403
    assert Event.objects.count() == 0


def test_group_owner_creates_the_groups_event(client, head_at_school_a, staff_at_school_a):
    group = GroupFactory.create(slug="attendance-heads")
    GroupMembershipFactory.create(group=group, user=head_at_school_a, role=GroupRole.OWNER)
    GroupMembershipFactory.create(group=group, user=staff_at_school_a)
    url = reverse("network:group-event-new", kwargs={"slug": group.slug})
    client.force_login(staff_at_school_a)
    refused = client.post(url, FORM)
    client.force_login(head_at_school_a)

    response = client.post(url, FORM)

    assert refused.status_code == 403
    assert response.status_code == 302
    assert Event.objects.get().group == group


def test_organiser_edits_the_event_and_sequence_goes_up(client, coordinator):
    event = EventFactory.create(
        organiser=coordinator, starts_at=JUNE, ends_at=JUNE + datetime.timedelta(hours=1)
    )
    client.force_login(coordinator)
    url = reverse("network:event-edit", kwargs={"event_id": event.pk})
    form = client.get(url).context["form"]

    response = client.post(url, {**FORM, "title": "Renamed"})

    event.refresh_from_db()
    assert form.initial["start_time"] == "16:00"
    assert response.status_code == 302
    assert (event.title, event.sequence) == ("Renamed", 1)


def test_cancelling_asks_first_then_cancels(client, coordinator):
    event = EventFactory.create(organiser=coordinator)
    client.force_login(coordinator)
    url = reverse("network:event-cancel", kwargs={"event_id": event.pk})

    page = client.get(url)
    response = client.post(url)
    again = client.post(url)

    event.refresh_from_db()
    assert "This cannot be undone." in page.content.decode()
    assert response.status_code == 302
    assert event.cancelled_at is not None
    assert again.status_code == 409
    assert "This event has already been cancelled." in again.content.decode()


# --- Resources ---------------------------------------------------------------------------------


def test_organiser_shares_a_file_members_download_it_outsiders_get_404(
    client, settings, tmp_path, coordinator, head_at_school_a, head_at_school_b
):
    settings.VAR_DIR = tmp_path
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    event = EventFactory.create(organiser=coordinator, group=group)
    client.force_login(coordinator)
    bad = client.post(
        reverse("network:event-resource-add", kwargs={"event_id": event.pk}),
        {"title": "Script", "file": _upload("run.exe", b"MZ...")},
    )
    client.post(
        reverse("network:event-resource-add", kwargs={"event_id": event.pk}),
        {"title": "Slides", "file": _upload("slides.pdf", PDF)},
    )
    resource = EventResource.objects.get()
    url = reverse(
        "network:event-resource", kwargs={"event_id": event.pk, "resource_id": resource.pk}
    )

    client.force_login(head_at_school_a)
    download = client.get(url)
    client.force_login(head_at_school_b)
    outsider = client.get(url)

    assert "The file must be a PDF, Word (DOCX)" in bad.content.decode()
    assert (resource.filename, resource.content_type) == ("slides.pdf", "application/pdf")
    assert download.status_code == 200
    assert download.content == PDF
    assert download["Content-Disposition"] == 'attachment; filename="slides.pdf"'
    assert download["Cache-Control"] == "private, no-store"
    assert outsider.status_code == 404


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


# --- The event's calendar file -----------------------------------------------------------------


def _ics(client, user, event: Event) -> icalendar.cal.Component:
    client.force_login(user)
    response = client.get(reverse("network:event-ics", kwargs={"event_id": event.pk}))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    return vevent


@pytest.mark.parametrize(
    ("status", "location"),
    [(RsvpStatus.GOING, SECRET), (RsvpStatus.WAITING, "Online"), (None, "Online")],
)
def test_event_ics_has_the_link_only_for_those_going(client, head_at_school_a, status, location):
    event = _online(starts_at=JUNE, ends_at=JUNE + datetime.timedelta(hours=1), sequence=3)
    if status is not None:
        RsvpFactory.create(event=event, user=head_at_school_a, status=status)

    vevent = _ics(client, head_at_school_a, event)

    assert str(vevent["UID"]) == f"event-{event.pk}@reconnect"
    assert str(vevent["LOCATION"]) == location
    assert vevent["SEQUENCE"] == 3
    assert vevent.decoded("DTSTART") == JUNE
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["URL"]) == f"http://testserver/network/events/{event.pk}/"


def test_event_ics_of_a_cancelled_event_says_so(client, head_at_school_a):
    event = EventFactory.create(cancelled_at=timezone.now(), sequence=1)

    vevent = _ics(client, head_at_school_a, event)

    assert str(vevent["STATUS"]) == "CANCELLED"
    assert vevent["SEQUENCE"] == 1


# --- The personal calendar feed ----------------------------------------------------------------


def _make_feed(client, user) -> tuple[str, str]:
    client.force_login(user)
    response = client.post(reverse("network:calendar-feed-settings"), {"action": "create"})
    url = response.context["feed_url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    return url, token


def test_feed_address_is_shown_once_and_stored_as_its_hash(client, head_at_school_a):
    url, token = _make_feed(client, head_at_school_a)

    later = client.get(reverse("network:calendar-feed-settings"))

    assert url == f"http://testserver/network/calendar/{token}.ics"
    assert CalendarFeed.objects.get().token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in later.content.decode()
    assert "Make a new address" in later.content.decode()
    assert not AuditEvent.objects.filter(path__contains=token).exists()


def test_feed_serves_going_and_waiting_events_with_links_only_for_going(client, head_at_school_a):
    now = timezone.now()
    going = _online(title="Going")
    waiting = _online(title="Waiting")
    not_going = EventFactory.create(title="Not going")
    recent = EventFactory.create(
        title="Recent", starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=30) + datetime.timedelta(hours=1),
    )  # fmt: skip
    old = EventFactory.create(
        title="Old", starts_at=now - datetime.timedelta(days=70),
        ends_at=now - datetime.timedelta(days=70) + datetime.timedelta(hours=1),
    )  # fmt: skip
    for event, status in [
        (going, RsvpStatus.GOING),
        (waiting, RsvpStatus.WAITING),
        (not_going, RsvpStatus.NOT_GOING),
        (recent, RsvpStatus.GOING),
        (old, RsvpStatus.GOING),
    ]:
        RsvpFactory.create(event=event, user=head_at_school_a, status=status)
    _url, token = _make_feed(client, head_at_school_a)
    client.logout()

    response = client.get(reverse("network:calendar-feed", kwargs={"token": token}))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["SUMMARY"]): str(e["LOCATION"]) for e in calendar.walk("VEVENT")}
    assert events == {
        "Recent": "Camden Centre for Learning, Bidborough Street, London WC1H 9AU",
        "Going": SECRET,
        "Waiting": "Online",
    }
    assert str(calendar["X-WR-CALNAME"]) == "Reconnect network events"
    assert CalendarFeed.objects.get().last_used_at is not None


def test_feed_regenerated_or_revoked_stops_the_old_address(client, head_at_school_a):
    _url, old = _make_feed(client, head_at_school_a)
    _url, new = _make_feed(client, head_at_school_a)
    feed = "network:calendar-feed"

    before_revoke = client.get(reverse(feed, kwargs={"token": new})).status_code
    client.post(reverse("network:calendar-feed-settings"), {"action": "revoke"})

    assert client.get(reverse(feed, kwargs={"token": old})).status_code == 404
    assert before_revoke == 200
    assert client.get(reverse(feed, kwargs={"token": new})).status_code == 404
    assert CalendarFeed.objects.count() == 0


def test_feed_is_rate_limited_per_address(client, head_at_school_a):
    cache.clear()
    url = reverse("network:calendar-feed", kwargs={"token": "guess"})

    statuses = [client.get(url).status_code for _ in range(31)]

    assert statuses == [404] * 30 + [429]


@override_settings(SITE_URL="https://reconnect.example.org")
def test_feed_event_urls_use_the_site_address(client, head_at_school_a):
    event = EventFactory.create()
    RsvpFactory.create(event=event, user=head_at_school_a, status=RsvpStatus.GOING)
    token = services.feed_create(user=head_at_school_a)

    response = client.get(reverse("network:calendar-feed", kwargs={"token": token}))

    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["URL"]) == f"https://reconnect.example.org/network/events/{event.pk}/"
