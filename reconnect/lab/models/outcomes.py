"""A pilot's outcome data: pupil-level scores from a file, or the summary figures a school
has when that is all it has. Pupils are held by a keyed hash of the school's own reference,
never by name or UPN."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Group(models.TextChoices):
    INTERVENTION = "intervention", _("Intervention group")
    COMPARISON = "comparison", _("Comparison group")


class OutcomeImportStatus(models.TextChoices):
    REJECTED = "rejected", _("Rejected")
    IMPORTED = "imported", _("Imported")
    UNCHANGED = "unchanged", _("Already imported")


class OutcomeImport(models.Model):
    """One uploaded outcome file and what became of it (the file itself is not kept)."""

    pilot = models.ForeignKey("lab.Pilot", on_delete=models.CASCADE, related_name="imports")
    measure = models.ForeignKey(
        "lab.OutcomeMeasure", on_delete=models.CASCADE, related_name="imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    original_filename = models.CharField(max_length=200)
    file_sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=OutcomeImportStatus.choices)
    rows = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["measure", "file_sha256"], name="lab_outcome_file_idx")]

    def __str__(self) -> str:
        return self.original_filename


class OutcomeRecord(models.Model):
    """One pupil's scores on one measure: before (if measured) and after."""

    measure = models.ForeignKey(
        "lab.OutcomeMeasure", on_delete=models.CASCADE, related_name="records"
    )
    pupil_hash = models.CharField(max_length=64)
    group = models.CharField(max_length=12, choices=Group.choices)
    pre = models.FloatField(null=True, blank=True)
    post = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["measure", "pupil_hash"], name="lab_pupil_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()} pupil"


class Timepoint(models.TextChoices):
    PRE = "pre", _("Before")
    POST = "post", _("After")


class SummaryStatistic(models.Model):
    """A group's mean, standard deviation and number at one time point, typed in."""

    measure = models.ForeignKey(
        "lab.OutcomeMeasure", on_delete=models.CASCADE, related_name="summaries"
    )
    group = models.CharField(max_length=12, choices=Group.choices)
    timepoint = models.CharField(max_length=4, choices=Timepoint.choices)
    mean = models.FloatField()
    sd = models.FloatField()
    n = models.PositiveIntegerField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure", "group", "timepoint"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "group", "timepoint"], name="lab_summary_once"
            ),
            models.CheckConstraint(condition=models.Q(sd__gte=0), name="lab_summary_sd"),
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()}, {self.get_timepoint_display()}"
