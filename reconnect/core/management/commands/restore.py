"""Restore a backup written by ``manage.py backup`` into an empty database.

    manage.py restore FILE

Refuses, changing nothing, a file that is not a whole backup (truncated or damaged), a
backup of the other engine, one made by a newer version of Reconnect, and a database that
has any tables: there is no option to overwrite one. After the restore, every table's row
count and the pupil-data checksum are compared with the backup's manifest, and any
difference is an error. See ``docs/backups.md``.
"""

import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from reconnect.core.backups import BackupError, backup_restore


class Command(BaseCommand):
    # A backup or restore must work even when some part of the project fails its checks.
    requires_system_checks: list[str] = []
    help = "Restore a backup into an empty database and check it against its manifest."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            manifest = backup_restore(options["file"], using=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = manifest["tables"]
        self.stdout.write(
            f"Restored the {manifest['engine']} backup of {manifest['created_at']} in "
            f"{time.perf_counter() - started:.1f} s and checked it: {len(tables)} tables, "
            f"{sum(tables.values()):,} rows, {tables.get('spectrum_pupilrecord', 0):,} pupil "
            f"records, pupil checksum {manifest['pupil_checksum']['sha256']}."
        )
        self.stdout.write(
            "Next, before serving anyone: manage.py migrate (if this code is newer than the "
            "backup), then manage.py spectrum_housekeeping (see docs/backups.md)."
        )
