"""Notifications: what a member is told in the app (the bell) and by e-mail.

Each notification is one row for one member. How it reaches them by e-mail follows their
preference for its kind (``NotificationPreference``; the kind's default when they have
none): straight away, in their digest, or not at all. E-mails are always sent by tasks.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    MENTION = "mention", _("Someone mentions you")
    REPLY = "reply", _("Replies to your posts and threads")
    WATCHED = "watched", _("New posts in threads and categories you watch")
    ACCEPTED = "accepted", _("Your answer is accepted")
    MESSAGE = "message", _("Private messages")
    EVENT = "event", _("New events, changes and reminders")
    BOARD = "board", _("Replies and matches on the offers and requests board")
    GROUP = "group", _("Group news (added to a group, new group threads)")
    MODERATION = "moderation", _("Your posts held, approved or hidden")


class EmailChoice(models.TextChoices):
    IMMEDIATELY = "immediately", _("E-mail me straight away")
    DIGEST = "digest", _("Include in my digest")
    NEVER = "never", _("Only in the app")


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    NEVER = "never", _("Never")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # One line, written when the notification is made: "Ada Lovelace replied to ...".
    text = models.CharField(max_length=300)
    # Where the notification leads; a path inside Reconnect, never carrying pupil data.
    url = models.CharField(max_length=300)
    thread = models.ForeignKey(
        "network.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        "network.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "network.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    conversation = models.ForeignKey(
        "network.Conversation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    board_post = models.ForeignKey(
        "network.BoardPost", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # When it went out by e-mail, alone or in a digest; empty while it may still go.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="network_notif_unread_idx"),
            models.Index(fields=["user", "-created_at"], name="network_notif_user_idx"),
            models.Index(fields=["emailed_at", "created_at"], name="network_notif_email_idx"),
        ]

    def __str__(self) -> str:
        return self.text


class NotificationPreference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    email = models.CharField(max_length=12, choices=EmailChoice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="network_notif_pref_once")
        ]

    def __str__(self) -> str:
        return f"User {self.user_id}: {self.kind} {self.email}"


class DigestSetting(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_setting"
    )
    frequency = models.CharField(
        max_length=8, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY
    )
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Digest of user {self.user_id}: {self.frequency}"
