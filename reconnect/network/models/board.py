"""The offers and requests board: "we can help with..." and "we are looking for help with..."."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BoardKind(models.TextChoices):
    OFFER = "offer", _("We can help with")
    REQUEST = "request", _("We are looking for help with")


class BoardPost(models.Model):
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="board_posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=BoardKind.choices)
    title = models.CharField(max_length=150)
    body = models.TextField(max_length=5_000)
    body_html = models.TextField()
    themes = models.ManyToManyField("hub.Theme", related_name="+")
    # School phases (schools.School.Phase values) the offer or request concerns; empty: any.
    phases = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "closed_at", "-created_at"], name="network_board_idx")
        ]

    def __str__(self) -> str:
        return self.title
