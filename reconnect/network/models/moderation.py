"""Flags, the review queue's raw material, and members' blocks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FlagReason(models.TextChoices):
    OFF_TOPIC = "off_topic", _("Off topic")
    INAPPROPRIATE = "inappropriate", _("Inappropriate")
    PUPIL_DATA = "pupil_data", _("Identifies a pupil or family")
    SPAM = "spam", _("Spam")
    OTHER = "other", _("Something else")


class FlagOutcome(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    UPHELD = "upheld", _("Upheld: post hidden")
    DISMISSED = "dismissed", _("Dismissed")


class Flag(models.Model):
    post = models.ForeignKey("network.Post", on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=FlagReason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=10, choices=FlagOutcome.choices, default=FlagOutcome.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # One open flag per member per post: flagging twice changes nothing.
            models.UniqueConstraint(
                fields=["post", "flagged_by"],
                condition=Q(outcome="open"),
                name="network_flag_open_once",
            )
        ]
        indexes = [models.Index(fields=["outcome", "created_at"], name="network_flag_queue_idx")]

    def __str__(self) -> str:
        return f"Flag on post {self.post_id}: {self.reason} ({self.outcome})"


class Block(models.Model):
    """``blocker`` no longer receives ``blocked``'s private messages or mentions."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="network_block_once"),
            models.CheckConstraint(
                condition=~Q(blocker=models.F("blocked")), name="network_block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"User {self.blocker_id} blocks user {self.blocked_id}"
