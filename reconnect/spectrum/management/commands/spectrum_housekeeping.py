"""Delete pupil data past each school's retention period and uploads older than a day.

    python manage.py spectrum_housekeeping [--dry-run] [--today YYYY-MM-DD]

Run it daily (cron or the host's scheduler). The same work is also queued after every
import, so a deployment that never runs it still purges whenever schools upload. Each
school's expired snapshots are deleted in one transaction, and audited
(``spectrum.snapshot.expired``).
"""

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reconnect.spectrum.services.housekeeping import snapshots_expire


class Command(BaseCommand):
    help = "Delete snapshots past each school's retention period and uploads left over 24 hours."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count only, delete nothing")
        parser.add_argument("--today", help="the date to purge as of (default: today)")

    def handle(self, *args: Any, dry_run: bool, today: str | None, **options: Any) -> None:
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f'--today "{today}" is not a date: give YYYY-MM-DD.') from error
        result = snapshots_expire(today=day, dry_run=dry_run)
        verb = "would be deleted (dry run)" if dry_run else "deleted"
        self.stdout.write(
            "\n".join(
                [
                    f"Pupil data housekeeping as of {day:%d/%m/%Y}:",
                    (
                        f"  {result.snapshots_expired:,} expired snapshot(s) of "
                        f"{result.schools:,} school(s) {verb}"
                    ),
                    f"  {result.imports_abandoned:,} abandoned import(s) closed",
                    f"  {result.files_deleted:,} stored upload(s) over 24 hours old {verb}",
                ]
            )
        )
