"""Deleting the Network's private files that no row names.

A file is written before the row that names it, inside the request's transaction: if the
transaction then rolls back (an error after the upload was stored), the row is gone and
the file stays, reachable by no one. ``orphan_files_sweep`` deletes such files once they
are a day old, so it never races a transaction still open.
"""

import datetime
from itertools import batched

from django.db import models
from django.utils import timezone

from reconnect.core.private_files import PrivateFiles
from reconnect.network.group_files_storage import GROUP_FILES
from reconnect.network.models import Attachment, EventResource, GroupFile
from reconnect.network.services.events import EVENT_FILES
from reconnect.network.storage import ATTACHMENTS

SWEEP_AFTER = datetime.timedelta(days=1)
# SQLite takes at most 999 parameters in older builds: the names are checked in batches.
_BATCH = 500

# Each private folder of the Network and the model whose ``stored_as`` names its files.
FOLDERS: tuple[tuple[PrivateFiles, type[models.Model]], ...] = (
    (ATTACHMENTS, Attachment),
    (GROUP_FILES, GroupFile),
    (EVENT_FILES, EventResource),
)


def orphan_files_sweep(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> dict[str, int]:
    """Delete (or with ``dry_run`` only count) every file more than a day old in the
    Network's private folders that no row names. Returns the count per folder."""
    cutoff = (now or timezone.now()) - SWEEP_AFTER
    found: dict[str, int] = {}
    for storage, model in FOLDERS:
        orphans = []
        for names in batched(storage.older_than(cutoff), _BATCH):
            named = set(
                model._default_manager.filter(stored_as__in=names).values_list(
                    "stored_as", flat=True
                )
            )
            orphans += [name for name in names if name not in named]
        if not dry_run:
            for name in orphans:
                storage.delete(name)
        found[storage.folder] = len(orphans)
    return found
