"""Writing events: organising them, replying, reminders, resources and calendar feeds.

Permission to call these is the caller's job (``rules.events``); what must hold whoever
calls them (the page, the API, a command) is checked here: an event ends after it starts,
an online event has its link, an in-person one its venue, a capacity is at least one, a
cancelled or past event takes no replies.

Places are given in the order members ask: while an event is full, "going" puts a member
on its waiting list (ordered by ``Rsvp.responded_at``), and when someone with a place
withdraws (or the capacity grows) the first on the list is promoted and told. Every reply
locks the event's row first (``select_for_update``; on SQLite the IMMEDIATE transaction
mode serialises writers), so two members can never take the last place together.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.core.private_files import PrivateFiles
from reconnect.lab.services.workspace import (
    FILE_TYPES,
    MAX_FILE_BYTES,
    contents_match,
    extension_of,
    safe_filename,
    too_large,
    type_refused,
)
from reconnect.network import audit_actions
from reconnect.network.markdown import render_markdown
from reconnect.network.models import (
    CalendarFeed,
    Event,
    EventFormat,
    EventResource,
    Group,
    NotificationKind,
    Rsvp,
    RsvpStatus,
)
from reconnect.network.selectors.membership import group_member_ids
from reconnect.network.services.notifications import notify

EVENT_FILES = PrivateFiles(folder="network-events", suffix=".file")
# A reminder goes to those with a place about a day before.
REMINDER_AHEAD = datetime.timedelta(hours=24)
TITLE_MAX = 150
SUMMARY_MAX = 300
AGENDA_MAX = 10_000
NOTES_MAX = 20_000
VENUE_MAX = 200
ADDRESS_MAX = 300
URL_MAX = 500


def event_path(event: Event) -> str:
    return reverse("network:event", kwargs={"event_id": event.pk})


# --- Organising --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventDetails:
    """What an organiser writes; times are aware datetimes."""

    title: str
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    format: str
    agenda: str = ""
    venue: str = ""
    address: str = ""
    online_url: str = ""
    capacity: int | None = None
    notes: str = ""


def _require(value: str, *, limit: int, field: str, missing: str, too_long: str) -> str:
    value = value.strip()
    if not value and missing:
        raise ApplicationError(missing, field=field)
    if len(value) > limit:
        raise ApplicationError(too_long, field=field)
    return value


def _checked(details: EventDetails) -> EventDetails:
    """The details tidied, or ``ApplicationError`` naming the form field at fault."""
    title = _require(
        details.title,
        limit=TITLE_MAX,
        field="title",
        missing=_("Enter the event’s title."),
        too_long=_("The title must be 150 characters or fewer."),
    )
    summary = _require(
        details.summary,
        limit=SUMMARY_MAX,
        field="summary",
        missing=_("Enter a summary of the event."),
        too_long=_("The summary must be 300 characters or fewer."),
    )
    agenda = _require(
        details.agenda,
        limit=AGENDA_MAX,
        field="agenda",
        missing="",
        too_long=_("The agenda must be 10,000 characters or fewer."),
    )
    notes = _require(
        details.notes,
        limit=NOTES_MAX,
        field="notes",
        missing="",
        too_long=_("The notes must be 20,000 characters or fewer."),
    )
    if details.ends_at <= details.starts_at:
        raise ApplicationError(_("The event must end after it starts."), field="end_time")
    if details.format not in EventFormat.values:
        raise ApplicationError(
            _("Select whether the event is in person or online."), field="format"
        )
    venue = details.venue.strip()
    address = details.address.strip()
    online_url = details.online_url.strip()
    if details.format == EventFormat.IN_PERSON:
        if not venue:
            raise ApplicationError(_("Enter the venue of an in-person event."), field="venue")
        online_url = ""
    else:
        if not online_url:
            raise ApplicationError(_("Enter the link to join an online event."), field="online_url")
        if not online_url.startswith("https://"):
            raise ApplicationError(
                _("The link must be a web address starting with https://."), field="online_url"
            )
        venue = address = ""
    if len(venue) > VENUE_MAX:
        raise ApplicationError(_("The venue must be 200 characters or fewer."), field="venue")
    if len(address) > ADDRESS_MAX:
        raise ApplicationError(_("The address must be 300 characters or fewer."), field="address")
    if len(online_url) > URL_MAX:
        raise ApplicationError(_("The link must be 500 characters or fewer."), field="online_url")
    if details.capacity is not None and details.capacity < 1:
        raise ApplicationError(_("The number of places must be 1 or more."), field="capacity")
    return EventDetails(
        title=title,
        summary=summary,
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        format=details.format,
        agenda=agenda,
        venue=venue,
        address=address,
        online_url=online_url,
        capacity=details.capacity,
        notes=notes,
    )


def _apply(event: Event, details: EventDetails) -> None:
    event.title = details.title
    event.summary = details.summary
    event.agenda = details.agenda
    event.agenda_html = render_markdown(details.agenda) if details.agenda else ""
    event.starts_at = details.starts_at
    event.ends_at = details.ends_at
    event.format = details.format
    event.venue = details.venue
    event.address = details.address
    event.online_url = details.online_url
    event.capacity = details.capacity
    event.notes = details.notes
    event.notes_html = render_markdown(details.notes) if details.notes else ""


def _audit(action: str, *, event: Event, by: Any, request: HttpRequest | None, **detail: Any):
    audit_record(
        action,
        request=request,
        actor=by,
        target=event,
        detail={"event": event.pk, "group": event.group_id, **detail},
    )


def event_create(
    *,
    by: Any,
    details: EventDetails,
    group: Group | None = None,
    request: HttpRequest | None = None,
) -> Event:
    """A new event, organised by ``by``; a group's when ``group`` is given.

    Side effects: a group's members are notified of its new event (a network-wide event is
    announced in the list, not to every member at once); a ``network.event.created`` audit
    record. Raises ``ApplicationError`` for details that do not hold together (see
    ``_checked``).
    """
    details = _checked(details)
    event = Event(group=group, organiser=by)
    _apply(event, details)
    with transaction.atomic():
        event.save()
        if group is not None:
            notify(
                users=[row["pk"] for row in group_member_ids(group)],
                kind=NotificationKind.EVENT,
                text=_("New event in %(group)s: %(title)s")
                % {"group": group.name, "title": event.title},
                url=event_path(event),
                actor=by,
                event=event,
            )
        _audit(audit_actions.EVENT_CREATED, event=event, by=by, request=request)
    return event


def _attendee_ids(event: Event) -> list[int]:
    """Whoever has a place or waits for one: they hear of changes."""
    statuses = (RsvpStatus.GOING, RsvpStatus.WAITING)
    return list(
        event.rsvps.filter(status__in=statuses)
        .order_by("responded_at", "pk")
        .values_list("user_id", flat=True)
    )


def _promote(event: Event) -> list[int]:
    """Fill the event's free places from its waiting list, first come first served;
    returns the ids of those promoted. Call with the event's row locked."""
    waiting = event.rsvps.filter(status=RsvpStatus.WAITING).order_by("responded_at", "pk")
    if event.capacity is not None:
        going = event.rsvps.filter(status=RsvpStatus.GOING).count()
        free = max(0, event.capacity - going)
        if free == 0:
            return []
        waiting = waiting[:free]
    ids = list(waiting.values_list("pk", "user_id"))
    if ids:
        Rsvp.objects.filter(pk__in=[pk for pk, _user in ids]).update(status=RsvpStatus.GOING)
    return [user_id for _pk, user_id in ids]


def _tell_promoted(event: Event, user_ids: list[int]) -> None:
    if user_ids:
        notify(
            users=user_ids,
            kind=NotificationKind.EVENT,
            text=_("A place came up at %(title)s: you are now going.") % {"title": event.title},
            url=event_path(event),
            event=event,
        )


def event_update(
    *, event: Event, by: Any, details: EventDetails, request: HttpRequest | None = None
) -> Event:
    """Change an event's details (and its notes and agenda).

    Side effects: the event's ``sequence`` goes up (calendars replace their copy); a moved
    start clears ``reminder_sent_at`` so the reminder is sent for the new time; a larger
    capacity promotes from the waiting list (who are told); members with a place or on the
    waiting list are notified of the change; a ``network.event.changed`` audit record.
    Raises ``ApplicationError`` for details that do not hold together or a cancelled event.
    """
    details = _checked(details)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at is not None:
            raise ApplicationError(_("This event has been cancelled: it cannot be changed."))
        moved = locked.starts_at != details.starts_at
        _apply(locked, details)
        locked.sequence += 1
        if moved:
            locked.reminder_sent_at = None
        locked.save()
        promoted = _promote(locked)
        _tell_promoted(locked, promoted)
        notify(
            users=[pk for pk in _attendee_ids(locked) if pk not in promoted],
            kind=NotificationKind.EVENT,
            text=_("%(title)s has changed: check the new details.") % {"title": locked.title},
            url=event_path(locked),
            actor=by,
            event=locked,
        )
        _audit(audit_actions.EVENT_CHANGED, event=locked, by=by, request=request)
    return locked


def event_cancel(*, event: Event, by: Any, request: HttpRequest | None = None) -> Event:
    """Cancel an event: it stays listed, marked cancelled, and takes no more replies.

    Side effects: ``sequence`` goes up (calendars show it cancelled); members with a place
    or on the waiting list are notified; a ``network.event.cancelled`` audit record.
    Raises ``ApplicationError`` when it is already cancelled or over.
    """
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at is not None:
            raise ApplicationError(_("This event has already been cancelled."))
        if locked.ends_at <= timezone.now():
            raise ApplicationError(_("This event is over: it cannot be cancelled."))
        locked.cancelled_at = timezone.now()
        locked.sequence += 1
        locked.save(update_fields=["cancelled_at", "sequence"])
        notify(
            users=_attendee_ids(locked),
            kind=NotificationKind.EVENT,
            text=_("%(title)s has been cancelled.") % {"title": locked.title},
            url=event_path(locked),
            actor=by,
            event=locked,
        )
        _audit(audit_actions.EVENT_CANCELLED, event=locked, by=by, request=request)
    return locked


# --- Replies -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RsvpResult:
    status: str
    # False when the reply was already so (a double click): nothing was written.
    changed: bool


def rsvp_set(
    *, event: Event, user: Any, going: bool, now: datetime.datetime | None = None
) -> RsvpResult:
    """Reply to an event: going (a place, or the waiting list when it is full) or not.

    Asking again for what one has changes nothing (a double click, or "going" while
    waiting keeps one's place in the queue). Withdrawing from a place promotes the first on
    the waiting list, who is notified. Raises ``ApplicationError`` for a cancelled or past
    event.
    """
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        # The reply's time is taken once the event is locked: replies are then stamped in
        # the order they took places, so the waiting list's order matches who came first.
        now = now or timezone.now()
        if locked.cancelled_at is not None:
            raise ApplicationError(_("This event has been cancelled."))
        if locked.ends_at <= now:
            raise ApplicationError(_("This event is over."))
        rsvp = Rsvp.objects.filter(event=locked, user_id=user.pk).first()
        if going:
            if rsvp is not None and rsvp.status in (RsvpStatus.GOING, RsvpStatus.WAITING):
                return RsvpResult(status=rsvp.status, changed=False)
            # Anyone already waiting is served before a newcomer.
            _tell_promoted(locked, _promote(locked))
            taken = locked.rsvps.filter(status=RsvpStatus.GOING).count()
            waiting = locked.rsvps.filter(status=RsvpStatus.WAITING).exists()
            full = locked.capacity is not None and taken >= locked.capacity
            status = RsvpStatus.WAITING if full or waiting else RsvpStatus.GOING
            if rsvp is None:
                rsvp = Rsvp(event=locked, user=user)
            rsvp.status = status
            rsvp.responded_at = now
            rsvp.save()
            return RsvpResult(status=status, changed=True)
        if rsvp is not None and rsvp.status == RsvpStatus.NOT_GOING:
            return RsvpResult(status=rsvp.status, changed=False)
        had_place = rsvp is not None and rsvp.status == RsvpStatus.GOING
        if rsvp is None:
            rsvp = Rsvp(event=locked, user=user, responded_at=now)
        rsvp.status = RsvpStatus.NOT_GOING
        rsvp.save()
        if had_place:
            _tell_promoted(locked, _promote(locked))
        return RsvpResult(status=RsvpStatus.NOT_GOING, changed=True)


# --- Reminders ---------------------------------------------------------------------------------


def reminders_send(*, now: datetime.datetime | None = None, dry_run: bool = False) -> int:
    """Remind those with a place of each event starting within the next day, once per
    event (``reminder_sent_at``); returns how many events were reminded of (or, with
    ``dry_run``, would be). Safe to run as often as one likes: an event is claimed by a
    conditional update before anyone is told, so two runs at once remind once."""
    now = now or timezone.now()
    due = Event.objects.filter(
        cancelled_at__isnull=True,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMINDER_AHEAD,
    ).values_list("pk", flat=True)
    if dry_run:
        return due.count()
    sent = 0
    for event_id in list(due):
        with transaction.atomic():
            claimed = Event.objects.filter(pk=event_id, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not claimed:
                continue
            event = Event.objects.get(pk=event_id)
            going = event.rsvps.filter(status=RsvpStatus.GOING).values_list("user_id", flat=True)
            start = timezone.localtime(event.starts_at)
            notify(
                users=list(going),
                kind=NotificationKind.EVENT,
                text=_("Reminder: %(title)s starts on %(day)s at %(time)s.")
                % {
                    "title": event.title,
                    "day": start.strftime("%A %-d %B"),
                    "time": start.strftime("%H:%M"),
                },
                url=event_path(event),
                event=event,
            )
            sent += 1
    return sent


# --- Notes and resources ------------------------------------------------------------------------


def resource_add(
    *,
    event: Event,
    by: Any,
    title: str,
    url: str = "",
    filename: str = "",
    data: bytes | None = None,
) -> EventResource:
    """Share a link or a file (one of the safe types, at most 10 MB, its contents matching
    its name) with an event; the file is kept in private storage under a random name.
    Raises ``ApplicationError`` (naming the field) otherwise."""
    title = _require(
        title,
        limit=150,
        field="title",
        missing=_("Enter a title for the resource."),
        too_long=_("The title must be 150 characters or fewer."),
    )
    url = url.strip()
    if not url and data is None:
        raise ApplicationError(_("Enter a link or choose a file."), field="url")
    if url and data is not None:
        raise ApplicationError(_("Give either a link or a file, not both."), field="url")
    if data is None:
        if not url.startswith("https://") or len(url) > URL_MAX:
            raise ApplicationError(
                _("The link must be a web address starting with https://."), field="url"
            )
        return EventResource.objects.create(event=event, title=title, url=url, added_by=by)
    extension = extension_of(filename)
    if extension not in FILE_TYPES:
        raise ApplicationError(type_refused(), field="file")
    if not data:
        raise ApplicationError(_("The file is empty."), field="file")
    if len(data) > MAX_FILE_BYTES:
        raise ApplicationError(too_large(), field="file")
    if not contents_match(extension, data):
        raise ApplicationError(
            _(
                "The file’s contents are not those of a .%(extension)s file. Save it again "
                "in that format and upload it."
            )
            % {"extension": extension},
            field="file",
        )
    stored_as = EVENT_FILES.save(data)
    try:
        return EventResource.objects.create(
            event=event,
            title=title,
            stored_as=stored_as,
            filename=safe_filename(filename),
            content_type=FILE_TYPES[extension].content_type,
            size_bytes=len(data),
            added_by=by,
        )
    except BaseException:
        EVENT_FILES.delete(stored_as)
        raise


def resource_delete(*, resource: EventResource) -> None:
    stored_as = resource.stored_as
    with transaction.atomic():
        resource.delete()
        if stored_as:
            transaction.on_commit(lambda: EVENT_FILES.delete(stored_as))


# --- The personal calendar feed ------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_create(*, user: Any, request: HttpRequest | None = None) -> str:
    """Make the member's secret feed address, replacing any earlier one (which stops
    working at once). Returns the token: shown once, kept only as its SHA-256 hash.
    Side effect: a ``network.calendar_feed.created`` audit record (never the token)."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        feed, created = CalendarFeed.objects.update_or_create(
            user=user,
            defaults={
                "token_hash": token_hash(token),
                "created_at": timezone.now(),
                "last_used_at": None,
            },
        )
        audit_record(
            audit_actions.CALENDAR_FEED_CREATED,
            request=request,
            actor=user,
            target=feed,
            detail={"regenerated": not created},
        )
    return token


def feed_revoke(*, user: Any, request: HttpRequest | None = None) -> bool:
    """Stop the member's feed address working; False when there was none.
    Side effect: a ``network.calendar_feed.revoked`` audit record."""
    with transaction.atomic():
        feed = CalendarFeed.objects.filter(user=user).first()
        if feed is None:
            return False
        target = CalendarFeed(pk=feed.pk)
        feed.delete()
        audit_record(
            audit_actions.CALENDAR_FEED_REVOKED, request=request, actor=user, target=target
        )
    return True


def feed_by_token(token: str, *, now: datetime.datetime | None = None) -> CalendarFeed | None:
    """The live feed a token opens, its use noted (at most hourly), or None."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=token_hash(token), user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    now = now or timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > datetime.timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
        feed.last_used_at = now
    return feed
