"""Write a consistent online backup of the database to FILE.

    manage.py backup FILE               # SQLite: a copy by the backup API; PostgreSQL: pg_dump
    manage.py backup FILE --compress    # SQLite only: gzip the copy (pg_dump compresses anyway)

The application may keep running and writing: the backup is one consistent state of the
database, with a manifest (engine, migrations, every table's row count, the pupil-data
checksum) that ``manage.py restore`` checks. ``reconnect/core/backups.py`` explains the file
and the checksum; ``docs/backups.md`` how to schedule and test backups.
"""

import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from reconnect.core.backups import BackupError, backup_create


class Command(BaseCommand):
    # A backup or restore must work even when some part of the project fails its checks.
    requires_system_checks: list[str] = []
    help = "Write a consistent online backup of the database to FILE."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--compress", action="store_true", help="gzip the SQLite copy")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            manifest = backup_create(
                options["file"], using=options["database"], compress=options["compress"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = manifest["tables"]
        self.stdout.write(
            f"Backed up {manifest['engine']} to {options['file']} "
            f"({options['file'].stat().st_size:,} bytes) in {time.perf_counter() - started:.1f} s: "
            f"{len(tables)} tables, {sum(tables.values()):,} rows, "
            f"{tables.get('spectrum_pupilrecord', 0):,} pupil records, "
            f"pupil checksum {manifest['pupil_checksum']['sha256']}."
        )
