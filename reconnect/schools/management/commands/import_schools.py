"""Import London's schools and trusts from a Get Information about Schools (GIAS) extract.

    python manage.py import_schools edubasealldata.csv [--dry-run]

The CSV is GIAS's establishment extract (Windows-1252 or UTF-8). Only the 33 London local
authorities are imported; the rest are counted as outside London. Every row is checked
first: if any is wrong, each problem is printed with its row and column, nothing is
written, and the command exits with status 1. Re-running a file changes only what changed.
The accepted columns and the decisions about phases are in
``reconnect/schools/services/gias_rows.py``.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reconnect.schools.services.gias_import import GiasImportResult, schools_import_gias


class Command(BaseCommand):
    help = (
        "Import London's schools and trusts from a GIAS establishment extract (CSV). Optional "
        "columns PercentageEAL, PercentageSENSupport, PercentageEHCP and AttendancePercent "
        "fill the figures GIAS does not publish. A file with any invalid row is rejected whole."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the GIAS extract, a CSV file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would change, writing nothing",
        )

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error

        result = schools_import_gias(data=data, dry_run=dry_run, source=file.name)

        if not result.ok:
            for problem in result.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file.name} was rejected: {len(result.errors)} problem(s) found. "
                "Nothing was imported; correct the file and run the command again."
            )
        self.stdout.write(self._summary(file, result))

    def _summary(self, file: Path, result: GiasImportResult) -> str:
        heading = (
            f"Checked {file.name} (dry run): nothing was written; the counts are what an "
            "import would do."
            if result.dry_run
            else f"Imported {file.name}."
        )
        return "\n".join(
            [
                heading,
                f"  {result.rows:,} rows read",
                (
                    f"  London schools: {result.created:,} created, "
                    f"{result.updated:,} updated, {result.unchanged:,} unchanged"
                ),
                (
                    f"  Skipped: {result.skipped_outside_london:,} outside London, "
                    f"{result.skipped_no_phase:,} with no comparable phase"
                ),
                f"  Trusts: {result.trusts_created:,} created, {result.trusts_updated:,} updated",
            ]
        )
