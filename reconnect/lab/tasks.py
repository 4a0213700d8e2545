"""Background tasks of the Innovation Lab: ids in, reload, call a service."""

from django.contrib.auth import get_user_model
from django.tasks import task

from reconnect.lab.services.cohorts import trios_propose_run


@task()
def trios_propose_task(*, cohort_id: int, user_id: int | None = None) -> str:
    """Propose trios for a large cohort; returns the cohort's proposal status."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return trios_propose_run(cohort_id=cohort_id, user=user)
