"""What a school decides about its pupil data: retention, who sees cohorts, its key, its
column mapping and its indicator settings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The research note's default: the current year plus the previous one.
DEFAULT_RETENTION_MONTHS = 24


class SchoolDataSettings(models.Model):
    """One row per school that has ever uploaded pupil data.

    ``pseudonym_key`` is the school's own key for hashing UPNs, sealed under the
    deployment's SECRET_KEY (``core.sealing``): two schools' hashes of one UPN differ, and
    a copy of the database alone cannot test a guessed UPN against them.
    """

    school = models.OneToOneField(
        "schools.School", on_delete=models.CASCADE, related_name="spectrum_settings"
    )
    pseudonym_key = models.TextField(editable=False)
    retention_months = models.PositiveSmallIntegerField(
        default=DEFAULT_RETENTION_MONTHS,
        validators=[MinValueValidator(3), MaxValueValidator(84)],
        help_text=_("Snapshots older than this are deleted automatically."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "school data settings"

    def __str__(self) -> str:
        return f"Pupil data settings of school {self.school_id}"


class StaffCohortGrant(models.Model):
    """A lead lets one staff member see the school's cohort views (never pupil rows)."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="spectrum_grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "user"], name="spectrum_grant_once")
        ]

    def __str__(self) -> str:
        return f"Cohort views for user {self.user_id} at school {self.school_id}"


class ColumnMapping(models.Model):
    """A header the school's MIS uses, mapped by hand to a canonical column (or ignored).

    ``header`` is stored normalised (``columns.normalise_header``); ``canonical`` is a
    ``columns.COLUMNS`` name, or "" for a column the school chose to ignore.
    """

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    header = models.CharField(max_length=100)
    canonical = models.CharField(max_length=40, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "header"], name="spectrum_mapping_once")
        ]

    def __str__(self) -> str:
        return f"{self.header} → {self.canonical or '(ignored)'}"


class IndicatorConfig(models.Model):
    """The school's departures from the default indicator catalogue.

    ``overrides`` maps a parameter key of ``analysis.catalogue.PARAMETERS`` to its value
    (cut-points, switched-off factors, weights). Absent keys take the DfE defaults. Every
    change is written to ``IndicatorChange`` by ``services.indicator_config_update``.
    """

    school = models.OneToOneField(
        "schools.School", on_delete=models.CASCADE, related_name="spectrum_indicators"
    )
    overrides = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Indicator settings of school {self.school_id}"


class IndicatorChange(models.Model):
    """One change to a school's indicator settings: append-only."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    reason = models.CharField(max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["school", "-changed_at"], name="spectrum_change_idx")]

    def __str__(self) -> str:
        return f"{self.key}: {self.before!r} → {self.after!r}"
