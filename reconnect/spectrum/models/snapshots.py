"""A school's pupil data as of one date: the snapshot and one record per pupil on it."""

from django.db import models
from django.db.models import Q


class Snapshot(models.Model):
    """The pupils of one school as its MIS saw them on ``as_at_date``.

    A second import for the same date replaces the first (a corrected export). The newest
    snapshot within the retention period has ``is_latest``; cohort views and the network
    aggregate read it.
    """

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    as_at_date = models.DateField()
    pupil_count = models.PositiveIntegerField(default=0)
    is_latest = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school", "-as_at_date"]
        constraints = [
            models.UniqueConstraint(fields=["school", "as_at_date"], name="spectrum_snapshot_date"),
            models.UniqueConstraint(
                fields=["school"], condition=Q(is_latest=True), name="spectrum_one_latest"
            ),
        ]
        indexes = [
            models.Index(
                fields=["is_latest", "school"],
                condition=Q(is_latest=True),
                name="spectrum_latest_idx",
            )
        ]

    def __str__(self) -> str:
        return f"School {self.school_id} as at {self.as_at_date:%Y-%m-%d}"


class PupilRecord(models.Model):
    """One pupil on one snapshot: the canonical columns, minimised.

    One field per stored column of ``columns.COLUMNS`` (same name), except that the UPN is
    kept only as ``upn_hash`` and the date of birth only to the month. No name, address,
    postcode or free text is ever stored. ``network_factors`` is the bitmask of factors
    present under the default catalogue (``analysis.catalogue``), so that the network
    aggregate compares every school on the same definitions whatever each school set.
    """

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="pupils")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    pupil_ref = models.CharField(max_length=30)
    upn_hash = models.CharField(max_length=64, blank=True)

    year_group = models.CharField(max_length=3)
    reg_group = models.CharField(max_length=20, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    birth_month = models.DateField(null=True)
    entry_date = models.DateField(null=True)
    enrol_status = models.CharField(max_length=1, blank=True)

    fsm_eligible = models.BooleanField(null=True)
    fsm_ever6 = models.BooleanField(null=True)
    fsm_protected = models.BooleanField(null=True)
    fsm_basis = models.CharField(max_length=14, blank=True)
    pupil_premium = models.BooleanField(null=True)
    pp_reasons = models.CharField(max_length=40, blank=True)
    idaci_decile = models.PositiveSmallIntegerField(null=True)

    looked_after = models.BooleanField(null=True)
    post_looked_after = models.CharField(max_length=1, blank=True)
    cin = models.BooleanField(null=True)
    cpp = models.BooleanField(null=True)
    social_worker_ever6 = models.BooleanField(null=True)
    early_help = models.BooleanField(null=True)
    kinship_care = models.CharField(max_length=2, blank=True)
    young_carer = models.CharField(max_length=1, blank=True)
    service_child = models.CharField(max_length=1, blank=True)

    sen_provision = models.CharField(max_length=1, blank=True)
    sen_primary_need = models.CharField(max_length=4, blank=True)
    sen_secondary_need = models.CharField(max_length=4, blank=True)
    medical_needs = models.BooleanField(null=True)

    first_language = models.CharField(max_length=4, blank=True)
    eal = models.BooleanField(null=True)
    english_proficiency = models.CharField(max_length=1, blank=True)
    first_entry_english_school = models.DateField(null=True)

    sessions_possible = models.PositiveIntegerField(null=True)
    sessions_present = models.PositiveIntegerField(null=True)
    sessions_auth_absent = models.PositiveIntegerField(null=True)
    sessions_unauth_absent = models.PositiveIntegerField(null=True)
    attendance_period_start = models.DateField(null=True)
    attendance_period_end = models.DateField(null=True)
    attendance_pct = models.FloatField(null=True)
    part_time_timetable = models.BooleanField(null=True)
    suspensions_count = models.PositiveSmallIntegerField(null=True)
    suspension_sessions = models.FloatField(null=True)
    permanently_excluded = models.BooleanField(null=True)
    alternative_provision = models.BooleanField(null=True)
    behaviour_negative = models.FloatField(null=True)
    attainment_english = models.CharField(max_length=5, blank=True)
    attainment_maths = models.CharField(max_length=5, blank=True)

    network_factors = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "pupil_ref"], name="spectrum_pupil_once")
        ]
        indexes = [models.Index(fields=["school", "pupil_ref"], name="spectrum_pupil_ref_idx")]

    def __str__(self) -> str:
        return f"Pupil {self.pupil_ref}"
