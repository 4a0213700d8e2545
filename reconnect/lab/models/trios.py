"""Lab cohorts and learning trios: coordinators open a cohort, schools apply with a pilot,
the trio builder proposes groups and the coordinator confirms them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CohortStatus(models.TextChoices):
    OPEN = "open", _("Open for applications")
    FORMING = "forming", _("Forming trios")
    RUNNING = "running", _("Trios running")
    CLOSED = "closed", _("Closed")


class ProposalStatus(models.TextChoices):
    """Where the builder's last proposal for a cohort stands (large cohorts run as a task)."""

    IDLE = "idle", _("Not proposed yet")
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Working")
    DONE = "done", _("Proposed")
    FAILED = "failed", _("Could not propose trios")


class LabCohort(models.Model):
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(max_length=2000, blank=True)
    applications_close_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=CohortStatus.choices, default=CohortStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The last trio proposal: its state, and the builder's summary or why it failed.
    proposal_status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.IDLE
    )
    proposal_message = models.TextField(max_length=2000, blank=True)
    proposal_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    PLACED = "placed", _("In a trio")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    """A school's application to a cohort, with the pilot it wants to run."""

    cohort = models.ForeignKey(LabCohort, on_delete=models.CASCADE, related_name="applications")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    pilot = models.ForeignKey("lab.Pilot", on_delete=models.CASCADE, related_name="applications")
    statement = models.TextField(max_length=2000, blank=True)
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cohort", "submitted_at", "pk"]
        constraints = [
            # One live application per school and cohort; a withdrawn one may be replaced.
            models.UniqueConstraint(
                fields=["cohort", "school"],
                condition=~Q(status="withdrawn"),
                name="lab_one_application_per_school",
            )
        ]

    def __str__(self) -> str:
        return f"{self.school} in {self.cohort}"


class PairingRule(models.TextChoices):
    MUST_PAIR = "must_pair", _("Must be in the same trio")
    MUST_NOT_PAIR = "must_not_pair", _("Must not be in the same trio")


class PairingConstraint(models.Model):
    """A coordinator's rule for two applicant schools, honoured by the trio builder."""

    cohort = models.ForeignKey(LabCohort, on_delete=models.CASCADE, related_name="constraints")
    first = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(max_length=14, choices=PairingRule.choices)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "first", "second"], name="lab_pair_once"),
            # Stored with the smaller id first, so a pair has one row whichever way it came.
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="lab_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} / {self.second}: {self.get_rule_display()}"


class TrioStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")


class Trio(models.Model):
    cohort = models.ForeignKey(LabCohort, on_delete=models.CASCADE, related_name="trios")
    name = models.CharField(max_length=80)
    status = models.CharField(
        max_length=10, choices=TrioStatus.choices, default=TrioStatus.PROPOSED
    )
    # The builder's score and the reasons for the grouping (shared challenges, travel...).
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["cohort", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "name"], name="lab_trio_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class TrioMember(models.Model):
    trio = models.ForeignKey(Trio, on_delete=models.CASCADE, related_name="members")
    # Denormalised from the trio: a school is in at most one trio of a cohort.
    cohort = models.ForeignKey(LabCohort, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["trio", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "school"], name="lab_one_trio_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.school} in {self.trio}"


class NoteKind(models.TextChoices):
    PLAN = "plan", _("Shared plan")
    MEETING = "meeting", _("Meeting notes")
    POST = "post", _("Discussion")


class TrioNote(models.Model):
    """A page of the trio's private workspace: the shared plan, meeting notes, a post."""

    trio = models.ForeignKey(Trio, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=10, choices=NoteKind.choices)
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(max_length=10000)
    met_on = models.DateField(null=True, blank=True)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["trio", "-created_at", "-pk"]
        indexes = [models.Index(fields=["trio", "kind", "created_at"], name="lab_note_idx")]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class TrioFile(models.Model):
    """A document shared in the workspace, kept in private storage (never a public URL)."""

    trio = models.ForeignKey(Trio, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=200)
    stored_as = models.CharField(max_length=100, unique=True)
    size_bytes = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["trio", "-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.name
