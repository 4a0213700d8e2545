"""The events service: places and the waiting list, organising, reminders and feeds."""

import datetime
import hashlib

import pytest
from django.core.management import call_command
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.network import audit_actions
from reconnect.network.event_tasks import event_reminders_task
from reconnect.network.models import (
    CalendarFeed,
    Event,
    EventFormat,
    GroupRole,
    Notification,
    NotificationKind,
    Rsvp,
    RsvpStatus,
)
from reconnect.network.selectors.events import waiting_position
from reconnect.network.services import events as services
from reconnect.network.tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    RsvpFactory,
)

pytestmark = pytest.mark.django_db

T0 = timezone.now()


def _at(minutes: int) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minutes)


def _statuses(event: Event) -> list[tuple[int, str]]:
    return list(event.rsvps.order_by("responded_at", "pk").values_list("user_id", "status"))


def _notified(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


def _details(**overrides) -> services.EventDetails:
    start = (T0 + datetime.timedelta(days=30)).replace(microsecond=0)
    fields = {
        "title": "Spring network meeting",
        "summary": "Heads share what works.",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "format": EventFormat.IN_PERSON,
        "venue": "Camden Centre",
        "address": "Bidborough Street",
        **overrides,
    }
    return services.EventDetails(**fields)


# --- Places and the waiting list ---------------------------------------------------------------


def test_rsvp_fills_places_then_the_waiting_list_in_order_and_promotes_first_come():
    event = EventFactory.create(capacity=2, title="Attendance forum")
    users = UserFactory.create_batch(5)
    results = [
        services.rsvp_set(event=event, user=user, going=True, now=_at(i))
        for i, user in enumerate(users)
    ]

    assert [r.status for r in results] == ["going", "going", "waiting", "waiting", "waiting"]
    services.rsvp_set(event=event, user=users[0], going=False, now=_at(10))
    assert _statuses(event) == [
        (users[0].pk, "not_going"),
        (users[1].pk, "going"),
        (users[2].pk, "going"),
        (users[3].pk, "waiting"),
        (users[4].pk, "waiting"),
    ]
    assert _notified(users[2]) == ["A place came up at Attendance forum: you are now going."]
    assert _notified(users[3]) == []

    services.rsvp_set(event=event, user=users[1], going=False, now=_at(11))

    assert event.rsvps.get(user=users[3]).status == RsvpStatus.GOING
    assert event.rsvps.get(user=users[4]).status == RsvpStatus.WAITING
    assert Notification.objects.get(user=users[3]).kind == NotificationKind.EVENT


def test_rsvp_twice_changes_nothing_and_keeps_a_waiting_place_in_the_queue():
    event = EventFactory.create(capacity=1)
    first, second, third = UserFactory.create_batch(3)
    services.rsvp_set(event=event, user=first, going=True, now=_at(0))
    services.rsvp_set(event=event, user=second, going=True, now=_at(1))
    services.rsvp_set(event=event, user=third, going=True, now=_at(2))

    again = services.rsvp_set(event=event, user=second, going=True, now=_at(5))
    twice = services.rsvp_set(event=event, user=first, going=True, now=_at(6))

    assert (again.status, again.changed) == ("waiting", False)
    assert (twice.status, twice.changed) == ("going", False)
    assert event.rsvps.get(user=second).responded_at == _at(1)
    assert Rsvp.objects.filter(event=event).count() == 3
    services.rsvp_set(event=event, user=first, going=False, now=_at(7))
    assert event.rsvps.get(user=second).status == RsvpStatus.GOING
    assert event.rsvps.get(user=third).status == RsvpStatus.WAITING


def test_going_again_after_withdrawing_joins_the_back_of_the_queue():
    event = EventFactory.create(capacity=1)
    first, second, third = UserFactory.create_batch(3)
    services.rsvp_set(event=event, user=first, going=True, now=_at(0))
    services.rsvp_set(event=event, user=second, going=True, now=_at(1))
    services.rsvp_set(event=event, user=third, going=True, now=_at(2))
    services.rsvp_set(event=event, user=second, going=False, now=_at(3))

    result = services.rsvp_set(event=event, user=second, going=True, now=_at(4))
    services.rsvp_set(event=event, user=first, going=False, now=_at(5))

    assert result.status == "waiting"
    assert event.rsvps.get(user=third).status == RsvpStatus.GOING
    assert event.rsvps.get(user=second).status == RsvpStatus.WAITING


def test_not_going_without_a_place_promotes_no_one():
    event = EventFactory.create(capacity=1)
    holder, waiting, other = UserFactory.create_batch(3)
    services.rsvp_set(event=event, user=holder, going=True, now=_at(0))
    services.rsvp_set(event=event, user=waiting, going=True, now=_at(1))

    result = services.rsvp_set(event=event, user=other, going=False, now=_at(2))

    assert (result.status, result.changed) == ("not_going", True)
    assert event.rsvps.get(user=waiting).status == RsvpStatus.WAITING
    assert Notification.objects.count() == 0


def test_no_capacity_means_everyone_is_going():
    event = EventFactory.create(capacity=None)
    users = UserFactory.create_batch(3)

    statuses = [services.rsvp_set(event=event, user=u, going=True).status for u in users]

    assert statuses == ["going", "going", "going"]


def test_cancelled_and_past_events_refuse_replies():
    cancelled = EventFactory.create(cancelled_at=T0)
    past = EventFactory.create(
        starts_at=T0 - datetime.timedelta(hours=3), ends_at=T0 - datetime.timedelta(hours=1)
    )
    user = UserFactory.create()

    with pytest.raises(ApplicationError) as refused:
        services.rsvp_set(event=cancelled, user=user, going=True)
    with pytest.raises(ApplicationError) as over:
        services.rsvp_set(event=past, user=user, going=False)

    assert refused.value.message == "This event has been cancelled."
    assert over.value.message == "This event is over."
    assert Rsvp.objects.count() == 0


# --- Organising --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "Enter the event’s title."),
        ({"summary": ""}, "summary", "Enter a summary of the event."),
        ({"ends_at": _details().starts_at}, "end_time", "The event must end after it starts."),
        ({"venue": ""}, "venue", "Enter the venue of an in-person event."),
        (
            {"format": EventFormat.ONLINE, "online_url": ""},
            "online_url",
            "Enter the link to join an online event.",
        ),
        (
            {"format": EventFormat.ONLINE, "online_url": "javascript:alert(1)"},
            "online_url",
            "The link must be a web address starting with https://.",
        ),
        ({"capacity": 0}, "capacity", "The number of places must be 1 or more."),
    ],
)
def test_event_create_refuses_details_that_do_not_hold_together(
    coordinator, overrides, field, message
):
    with pytest.raises(ApplicationError) as refused:
        services.event_create(by=coordinator, details=_details(**overrides))

    assert (refused.value.field, refused.value.message) == (field, message)
    assert Event.objects.count() == 0


def test_event_create_renders_the_agenda_and_audits(coordinator):
    event = services.event_create(
        by=coordinator, details=_details(agenda="1. **Welcome**\n2. <script>x</script>")
    )

    assert event.agenda_html == (
        "<ol>\n<li><strong>Welcome</strong></li>\n<li>&lt;script&gt;x&lt;/script&gt;</li>\n</ol>\n"
    )
    assert (event.organiser, event.sequence, event.group) == (coordinator, 0, None)
    audit = AuditEvent.objects.get(action=audit_actions.EVENT_CREATED)
    assert audit.detail == {"event": event.pk, "group": None}


def test_a_groups_new_event_is_announced_to_its_members_without_the_link(coordinator):
    group = GroupFactory.create(name="Attendance heads")
    owner, member = UserFactory.create_batch(2)
    GroupMembershipFactory.create(group=group, user=owner, role=GroupRole.OWNER)
    GroupMembershipFactory.create(group=group, user=member)
    outsider = UserFactory.create()

    event = services.event_create(
        by=owner,
        group=group,
        details=_details(format=EventFormat.ONLINE, online_url="https://meet.example.org/x"),
    )

    assert _notified(member) == ["New event in Attendance heads: Spring network meeting"]
    assert Notification.objects.get(user=member).url == f"/network/events/{event.pk}/"
    assert _notified(owner) == []
    assert _notified(outsider) == []
    assert AuditEvent.objects.get(action=audit_actions.EVENT_CREATED).detail == {
        "event": event.pk,
        "group": group.pk,
    }


def test_online_event_keeps_no_venue(coordinator):
    event = services.event_create(
        by=coordinator,
        details=_details(format=EventFormat.ONLINE, online_url="https://meet.example.org/x"),
    )

    assert (event.venue, event.address, event.online_url) == ("", "", "https://meet.example.org/x")


def test_event_update_bumps_sequence_notifies_attendees_and_promotes_on_more_places(coordinator):
    event = services.event_create(by=coordinator, details=_details(capacity=1))
    going, waiting_first, waiting_second, left = UserFactory.create_batch(4)
    services.rsvp_set(event=event, user=going, going=True, now=_at(0))
    services.rsvp_set(event=event, user=waiting_first, going=True, now=_at(1))
    services.rsvp_set(event=event, user=waiting_second, going=True, now=_at(2))
    services.rsvp_set(event=event, user=left, going=False, now=_at(3))
    event.reminder_sent_at = T0
    event.save()

    later = _details().starts_at + datetime.timedelta(days=1)
    updated = services.event_update(
        event=event,
        by=coordinator,
        details=_details(capacity=2, starts_at=later, ends_at=later + datetime.timedelta(hours=1)),
    )

    assert (updated.sequence, updated.reminder_sent_at) == (1, None)
    assert event.rsvps.get(user=waiting_first).status == RsvpStatus.GOING
    assert event.rsvps.get(user=waiting_second).status == RsvpStatus.WAITING
    assert _notified(going) == ["Spring network meeting has changed: check the new details."]
    assert _notified(waiting_second) == [
        "Spring network meeting has changed: check the new details."
    ]
    assert _notified(waiting_first) == [
        "A place came up at Spring network meeting: you are now going."
    ]
    assert _notified(left) == []
    assert _notified(coordinator) == []
    assert AuditEvent.objects.filter(action=audit_actions.EVENT_CHANGED).count() == 1


def test_event_cancel_marks_it_bumps_sequence_and_tells_those_coming(coordinator):
    event = EventFactory.create(
        capacity=1,
        format=EventFormat.ONLINE,
        venue="",
        online_url="https://meet.example.org/secret-room",
    )
    going, waiting = UserFactory.create_batch(2)
    RsvpFactory.create(event=event, user=going, status=RsvpStatus.GOING)
    RsvpFactory.create(event=event, user=waiting, status=RsvpStatus.WAITING)

    services.event_cancel(event=event, by=coordinator)

    event.refresh_from_db()
    assert event.cancelled_at is not None
    assert event.sequence == 1
    assert _notified(going) == [f"{event.title} has been cancelled."]
    assert _notified(waiting) == [f"{event.title} has been cancelled."]
    assert AuditEvent.objects.get(action=audit_actions.EVENT_CANCELLED).target_id == str(event.pk)
    with pytest.raises(ApplicationError):
        services.event_cancel(event=event, by=coordinator)
    with pytest.raises(ApplicationError):
        services.event_update(event=event, by=coordinator, details=_details())


def test_no_notification_carries_an_online_link(coordinator):
    event = EventFactory.create(
        capacity=1,
        format=EventFormat.ONLINE,
        venue="",
        online_url="https://meet.example.org/secret-room",
        starts_at=T0 + datetime.timedelta(hours=5),
        ends_at=T0 + datetime.timedelta(hours=6),
    )
    first, second = UserFactory.create_batch(2)
    services.rsvp_set(event=event, user=first, going=True, now=_at(0))
    services.rsvp_set(event=event, user=second, going=True, now=_at(1))
    services.rsvp_set(event=event, user=first, going=False, now=_at(2))
    services.reminders_send()
    services.event_cancel(event=event, by=coordinator)

    texts = list(Notification.objects.values_list("text", "url"))

    assert len(texts) == 3
    assert all("meet.example.org" not in text + url for text, url in texts)


# --- Reminders ---------------------------------------------------------------------------------


def test_reminders_go_once_to_those_with_a_place_of_events_within_a_day():
    start = timezone.make_aware(datetime.datetime(2031, 6, 10, 16, 0))
    soon = EventFactory.create(
        title="Soon", starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    later = EventFactory.create(
        starts_at=start + datetime.timedelta(days=2),
        ends_at=start + datetime.timedelta(days=2, hours=1),
    )
    cancelled = EventFactory.create(
        starts_at=start, ends_at=start + datetime.timedelta(hours=1), cancelled_at=T0
    )
    going, waiting = UserFactory.create_batch(2)
    for event in (soon, later, cancelled):
        RsvpFactory.create(event=event, user=going, status=RsvpStatus.GOING)
    RsvpFactory.create(event=soon, user=waiting, status=RsvpStatus.WAITING)
    now = start - datetime.timedelta(hours=20)

    first = services.reminders_send(now=now)
    second = services.reminders_send(now=now + datetime.timedelta(hours=1))

    assert (first, second) == (1, 0)
    assert _notified(going) == ["Reminder: Soon starts on Tuesday 10 June at 16:00."]
    assert _notified(waiting) == []
    soon.refresh_from_db()
    assert soon.reminder_sent_at == now


def test_reminder_command_and_task_are_idempotent(capsys):
    event = EventFactory.create(
        starts_at=T0 + datetime.timedelta(hours=3), ends_at=T0 + datetime.timedelta(hours=4)
    )
    RsvpFactory.create(event=event, status=RsvpStatus.GOING)

    call_command("network_event_reminders", "--dry-run")
    dry = capsys.readouterr().out
    call_command("network_event_reminders")
    sent = capsys.readouterr().out
    again = event_reminders_task.enqueue()

    assert dry == "Event reminders: 1 event(s) would be sent (dry run).\n"
    assert sent == "Event reminders: 1 event(s) sent.\n"
    assert again.return_value == 0
    assert Notification.objects.count() == 1


# --- The personal calendar feed ----------------------------------------------------------------


def test_feed_token_is_kept_only_as_its_hash_and_audited_without_it(head_at_school_a):
    token = services.feed_create(user=head_at_school_a)

    feed = CalendarFeed.objects.get(user=head_at_school_a)
    assert len(token) == 43
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    audit = AuditEvent.objects.get(action=audit_actions.CALENDAR_FEED_CREATED)
    assert audit.detail == {"regenerated": False}
    assert token not in str(audit.detail) + audit.path
    assert services.feed_by_token(token) == feed


def test_regenerating_the_feed_stops_the_old_token(head_at_school_a):
    old = services.feed_create(user=head_at_school_a)

    new = services.feed_create(user=head_at_school_a)

    assert new != old
    assert services.feed_by_token(old) is None
    feed = services.feed_by_token(new)
    assert feed is not None
    assert feed.user == head_at_school_a
    assert CalendarFeed.objects.count() == 1
    details = list(
        AuditEvent.objects.filter(action=audit_actions.CALENDAR_FEED_CREATED)
        .order_by("pk")
        .values_list("detail", flat=True)
    )
    assert details == [{"regenerated": False}, {"regenerated": True}]


def test_revoking_the_feed_stops_it_and_is_audited(head_at_school_a):
    token = services.feed_create(user=head_at_school_a)

    revoked = services.feed_revoke(user=head_at_school_a)
    again = services.feed_revoke(user=head_at_school_a)

    assert (revoked, again) == (True, False)
    assert services.feed_by_token(token) is None
    assert AuditEvent.objects.filter(action=audit_actions.CALENDAR_FEED_REVOKED).count() == 1


def test_feed_of_a_deactivated_member_stops(head_at_school_a):
    token = services.feed_create(user=head_at_school_a)
    head_at_school_a.is_active = False
    head_at_school_a.save()

    assert services.feed_by_token(token) is None


def test_waiting_position_counts_those_ahead_in_reply_order():
    event = EventFactory.create(capacity=1)
    users = UserFactory.create_batch(4)
    for minute, user in enumerate(users):
        services.rsvp_set(event=event, user=user, going=True, now=_at(minute))

    positions = [waiting_position(event, user) for user in users]

    assert positions == [None, 1, 2, 3]
