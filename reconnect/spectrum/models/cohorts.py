"""A target group a school saves from its cohort views, for a pilot or a plan."""

from django.conf import settings
from django.db import models


class SavedCohort(models.Model):
    """A definition, not a list: it is applied afresh to the latest snapshot.

    ``definition`` is ``analysis.cohorts.CohortFilter`` as a dict: factors all present,
    year groups, registration groups, factor-count band, support gap. It holds no pupil
    reference, so a pilot can name its target group without holding pupil data.
    """

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    definition = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="spectrum_cohort_name")
        ]

    def __str__(self) -> str:
        return self.name
