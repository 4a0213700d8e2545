"""A pilot: one school's (or one trio's) trial of an intervention, and how it is going.

A pilot names its challenge in the network's shared words (a Hub theme), and where they
exist, the self-evaluation action it answers and the pupil-data target group it serves; the
intervention it tries comes from the Hub. Its outcome measures, milestones and
implementation log hang off it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Design(models.TextChoices):
    """How the pilot knows what would have happened without it (strongest first)."""

    RANDOMISED = "randomised", _("Randomised: pupils or classes allocated by lot")
    MATCHED = "matched", _("Matched comparison group")
    PREVIOUS_COHORT = "previous_cohort", _("Previous cohort as the comparison")
    SINGLE_GROUP = "single_group", _("One group, before and after")


class Phase(models.TextChoices):
    """The EEF implementation guide's four phases."""

    EXPLORE = "explore", _("Explore")
    PREPARE = "prepare", _("Prepare")
    DELIVER = "deliver", _("Deliver")
    SUSTAIN = "sustain", _("Sustain")


class PilotStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Pilot(models.Model):
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    trio = models.ForeignKey(
        "lab.Trio", null=True, blank=True, on_delete=models.SET_NULL, related_name="pilots"
    )
    title = models.CharField(max_length=200)
    challenge = models.TextField(max_length=2000)
    theme = models.ForeignKey(
        "hub.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    priority = models.ForeignKey(
        "selfeval.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_group = models.ForeignKey(
        "spectrum.SavedCohort", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    intervention = models.ForeignKey(
        "hub.InterventionPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_pupils = models.TextField(max_length=1000, blank=True)
    design = models.CharField(max_length=20, choices=Design.choices)
    comparison = models.TextField(max_length=1000, blank=True)
    success_criteria = models.TextField(max_length=2000, blank=True)
    # The numbers the school plans for: what the power calculator works from.
    planned_intervention = models.PositiveIntegerField(null=True, blank=True)
    planned_comparison = models.PositiveIntegerField(null=True, blank=True)
    phase = models.CharField(max_length=10, choices=Phase.choices, default=Phase.EXPLORE)
    status = models.CharField(max_length=10, choices=PilotStatus.choices, default=PilotStatus.DRAFT)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The Hub case study drafted from the pilot once it was completed (services.sharing).
    case_study = models.ForeignKey(
        "hub.CaseStudyPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["school", "status"], name="lab_pilot_school_idx"),
            models.Index(fields=["intervention", "status"], name="lab_pilot_intervention_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="lab_pilot_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class MeasureKind(models.TextChoices):
    ATTAINMENT = "attainment", _("Attainment score")
    ATTENDANCE = "attendance", _("Attendance %")
    WEMWBS = "wemwbs", _("Wellbeing: WEMWBS (14 to 70)")
    SWEMWBS = "swemwbs", _("Wellbeing: SWEMWBS (7 to 35)")
    CUSTOM = "custom", _("Another measure")


class OutcomeMeasure(models.Model):
    """What the pilot measures, and the values a pupil's score can take."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(max_length=12, choices=MeasureKind.choices)
    name = models.CharField(max_length=120)
    unit = models.CharField(max_length=40, blank=True)
    higher_is_better = models.BooleanField(default=True)
    is_primary = models.BooleanField(default=False)
    lowest = models.FloatField(null=True, blank=True)
    highest = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["pilot", "-is_primary", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pilot", "name"], name="lab_measure_name_once"),
            models.UniqueConstraint(
                fields=["pilot"], condition=Q(is_primary=True), name="lab_one_primary_measure"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="milestones")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    title = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["pilot", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Fidelity(models.TextChoices):
    """How closely a session followed the intervention as designed."""

    AS_PLANNED = "as_planned", _("As planned")
    MOSTLY = "mostly", _("Mostly as planned")
    PARTLY = "partly", _("Partly as planned")
    NOT = "not", _("Not as planned")


class LogEntry(models.Model):
    """One entry of the implementation log: what was delivered, to how many, how faithfully."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="log")
    happened_on = models.DateField()
    sessions_planned = models.PositiveSmallIntegerField(null=True, blank=True)
    sessions_delivered = models.PositiveSmallIntegerField(null=True, blank=True)
    pupils_present = models.PositiveIntegerField(null=True, blank=True)
    fidelity = models.CharField(max_length=12, choices=Fidelity.choices, blank=True)
    notes = models.TextField(max_length=2000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pilot", "-happened_on", "-pk"]
        verbose_name_plural = "log entries"

    def __str__(self) -> str:
        return f"{self.pilot} on {self.happened_on:%d/%m/%Y}"
