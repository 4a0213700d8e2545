"""Background tasks of the vulnerability spectrum: ids in, reload, call a service."""

from typing import Any

from django.tasks import task
from django.utils import timezone

from reconnect.spectrum.services.housekeeping import snapshots_expire
from reconnect.spectrum.services.imports import import_process


@task()
def import_process_task(*, import_id: int) -> str | None:
    """Check and import a large upload; returns the import's final status."""
    pupil_import = import_process(import_id)
    return None if pupil_import is None else str(pupil_import.status)


@task()
def spectrum_housekeeping_task() -> dict[str, Any]:
    """The retention purge and the sweep of abandoned uploads (queued after each import)."""
    result = snapshots_expire(today=timezone.localdate())
    return {
        "snapshots_expired": result.snapshots_expired,
        "schools": result.schools,
        "imports_abandoned": result.imports_abandoned,
        "files_deleted": result.files_deleted,
    }
