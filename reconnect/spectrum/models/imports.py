"""One uploaded pupil file and what became of it."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    NEEDS_MAPPING = "needs_mapping", _("Columns to match")
    CHECKING = "checking", _("Checking")
    IMPORTING = "importing", _("Importing")
    REJECTED = "rejected", _("Rejected")
    IMPORTED = "imported", _("Imported")
    UNCHANGED = "unchanged", _("Already imported")
    CHECKED = "checked", _("Checked (dry run)")
    FAILED = "failed", _("Failed")


# Statuses after which nothing more happens to an import.
FINISHED = frozenset(
    {
        ImportStatus.REJECTED,
        ImportStatus.IMPORTED,
        ImportStatus.UNCHANGED,
        ImportStatus.CHECKED,
        ImportStatus.FAILED,
    }
)


class ImportSource(models.TextChoices):
    WEB = "web", _("Web upload")
    COMMAND = "command", _("Command line")
    API = "api", _("API")


class PupilImport(models.Model):
    """An upload, from receipt to its snapshot or its rejection.

    The raw file waits in private storage (``upload_name``) only while it is checked and
    imported, and is deleted as soon as the import finishes, whatever the outcome.
    ``problems`` lists what made a file unacceptable, each as
    ``{"row": int | None, "column": str, "value": str, "expected": str}`` (values of
    identifier columns are masked); ``notices`` what was dropped or assumed.
    """

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="pupil_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=10, choices=ImportSource.choices)
    dry_run = models.BooleanField(default=False)
    original_filename = models.CharField(max_length=200)
    size_bytes = models.PositiveBigIntegerField()
    file_sha256 = models.CharField(max_length=64)
    upload_name = models.CharField(max_length=200, blank=True)
    # Given on the form when the file has no as_at_date column.
    as_at_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.RECEIVED
    )
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    notices = models.JSONField(default=list, blank=True)
    # canonical column → the header it was read from, for the profile's "source" line.
    mapping = models.JSONField(default=dict, blank=True)
    unmatched_headers = models.JSONField(default=list, blank=True)
    snapshot = models.ForeignKey(
        "spectrum.Snapshot", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        indexes = [
            models.Index(fields=["school", "-uploaded_at"], name="spectrum_import_recent_idx"),
            models.Index(fields=["school", "file_sha256"], name="spectrum_import_sha_idx"),
        ]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.get_status_display()})"

    @property
    def data_as_at(self) -> datetime.date | None:
        """The date the data is as at: its snapshot's (the file's own dates win over the
        form's), else the date given on the form. Select the snapshot with the import."""
        if self.snapshot is not None:
            return self.snapshot.as_at_date
        return self.as_at_date

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def progress_percent(self) -> int:
        if not self.rows_total:
            return 100 if self.is_finished else 0
        return min(100, round(100 * self.rows_done / self.rows_total))
