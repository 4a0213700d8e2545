"""Private messages: conversations between members, or with a group's members."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Conversation(models.Model):
    subject = models.CharField(max_length=150)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    # Where the conversation began, when it answers a board post or writes to a group.
    board_post = models.ForeignKey(
        "network.BoardPost",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    group = models.ForeignKey(
        "network.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )

    class Meta:
        ordering = ["-last_message_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class ConversationParticipant(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="network_participant_once"
            )
        ]
        indexes = [models.Index(fields=["user", "left_at"], name="network_participant_idx")]

    def __str__(self) -> str:
        return f"User {self.user_id} in conversation {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=10_000)
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    submission_key = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["conversation", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="network_message_submitted_once",
            )
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} in conversation {self.conversation_id}"
