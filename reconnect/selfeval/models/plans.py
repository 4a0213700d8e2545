"""What a school does with its report: its action plan, and who it shares the report with."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reconnect.selfeval.models.frameworks import Domain
from reconnect.selfeval.models.reviews import Review


class ActionStatus(models.TextChoices):
    """Red, amber, green, as school action planners use them."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Action(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="actions")
    # Denormalised from the review: the dashboard asks "what is due at my schools" in one
    # indexed query.
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="selfeval_actions",
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    notes = models.TextField(max_length=2000, blank=True)
    intervention = models.ForeignKey(
        "hub.InterventionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The Hub intervention this action puts in place, if any."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review", "domain__sort_order", "due_date", "pk"]
        indexes = [
            models.Index(fields=["school", "status", "due_date"], name="selfeval_action_due_idx")
        ]

    def __str__(self) -> str:
        return self.title


class ShareKind(models.TextChoices):
    TRUST = "trust", _("Our trust")
    SCHOOL = "school", _("A named school")


class ReportShare(models.Model):
    """A submitted report shown to another audience until the school withdraws it.

    A trust share reaches the members of the trust's schools and its system leaders; a
    school share reaches that school's members. Nothing else ever shows a named school's
    scores outside it.
    """

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="shares")
    kind = models.CharField(max_length=10, choices=ShareKind.choices)
    trust = models.ForeignKey(
        "schools.Trust", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["review", "-shared_at"]
        indexes = [
            models.Index(fields=["school", "revoked_at"], name="selfeval_share_school_idx"),
            models.Index(fields=["trust", "revoked_at"], name="selfeval_share_trust_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ShareKind.TRUST, trust__isnull=False, school__isnull=True)
                | Q(kind=ShareKind.SCHOOL, school__isnull=False, trust__isnull=True),
                name="selfeval_share_one_audience",
            ),
            models.UniqueConstraint(
                fields=["review", "trust"],
                condition=Q(revoked_at__isnull=True, trust__isnull=False),
                name="selfeval_share_trust_once",
            ),
            models.UniqueConstraint(
                fields=["review", "school"],
                condition=Q(revoked_at__isnull=True, school__isnull=False),
                name="selfeval_share_school_once",
            ),
        ]

    def __str__(self) -> str:
        return f"review {self.review_id} → {self.trust_id or self.school_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
