"""Events and network meetings: RSVP with a capacity and a waiting list, calendar files."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Event(models.Model):
    title = models.CharField(max_length=150)
    summary = models.CharField(max_length=300)
    # Markdown, kept with its sanitised HTML like a post.
    agenda = models.TextField(max_length=10_000, blank=True)
    agenda_html = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    format = models.CharField(max_length=10, choices=EventFormat.choices)
    venue = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=300, blank=True)
    # Shown only to members with a place (going), never in a listing, feed or API list.
    online_url = models.URLField(max_length=500, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    # A group's event is for the group's members; otherwise for every member.
    group = models.ForeignKey(
        "network.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    themes = models.ManyToManyField("hub.Theme", blank=True, related_name="+")
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # After the event: notes (Markdown) for those who came and those who could not.
    notes = models.TextField(max_length=20_000, blank=True)
    notes_html = models.TextField(blank=True)
    # Bumped on every change, so calendar applications replace their copy (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="network_event_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="network_event_ends_after"
            )
        ]

    def __str__(self) -> str:
        return self.title


class RsvpStatus(models.TextChoices):
    GOING = "going", _("Going")
    WAITING = "waiting", _("On the waiting list")
    NOT_GOING = "not_going", _("Not going")


class Rsvp(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=RsvpStatus.choices)
    # When the member last asked for a place: the waiting list is served in this order.
    responded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event", "responded_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="network_rsvp_once")]
        indexes = [models.Index(fields=["user", "status"], name="network_rsvp_user_idx")]

    def __str__(self) -> str:
        return f"User {self.user_id} {self.status} for event {self.event_id}"


class EventResource(models.Model):
    """A link or a file shared with an event, usually after it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=150)
    url = models.URLField(max_length=500, blank=True)
    stored_as = models.CharField(max_length=80, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size_bytes = models.PositiveIntegerField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event", "added_at", "pk"]

    def __str__(self) -> str:
        return self.title


class CalendarFeed(models.Model):
    """A member's personal calendar feed: a secret URL, kept only as its hash, revocable."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of user {self.user_id}"
