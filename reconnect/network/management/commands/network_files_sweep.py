"""Delete the Network's private files (attachments, group files, event resources) that no
row names: left by a transaction that rolled back after the file was written.

    python manage.py network_files_sweep [--dry-run]

Run it daily (cron or the host's scheduler). Only files more than a day old are looked at,
so a file whose post is still being saved is never touched.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from reconnect.network.services.files_sweep import orphan_files_sweep


class Command(BaseCommand):
    help = "Delete the Network's private files that no row names (a day old or more)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count only, delete nothing")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        found = orphan_files_sweep(dry_run=dry_run)
        verb = "would be deleted (dry run)" if dry_run else "deleted"
        listed = ", ".join(f"{folder} {count:,}" for folder, count in found.items())
        self.stdout.write(f"Files no row names {verb}: {listed}.")
