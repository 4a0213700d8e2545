"""Queue the Network's due digests: one task that e-mails every member whose digest is due.

    python manage.py network_digests [--dry-run] [--in-process]

Run it daily (cron or the host's scheduler; ``scripts/serve`` does it for the demo). The
task (``reconnect.network.tasks.digest_send_due``) works out who is due itself: daily
digests 23 hours after the last, weekly ones 6 days 23 hours after, so running it twice in
a day sends nothing twice. ``--dry-run`` only counts the members due; ``--in-process`` sends
here instead of in the worker (for a host without one).
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from reconnect.network.services.notifications import due_member_count
from reconnect.network.tasks import digest_send_due


class Command(BaseCommand):
    help = "Queue the task that sends every member's due Network digest."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count the members due only")
        parser.add_argument(
            "--in-process", action="store_true", help="send here rather than in the worker"
        )

    def handle(self, *args: Any, dry_run: bool, in_process: bool, **options: Any) -> None:
        if dry_run:
            self.stdout.write(f"{due_member_count():,} member(s) due a digest (dry run).")
            return
        if in_process:
            totals = digest_send_due.call()
            self.stdout.write(
                f"{totals['sent']:,} digest(s) sent to {totals['members']:,} member(s) due, "
                f"with {totals['notifications']:,} notification(s)."
            )
            return
        result = digest_send_due.enqueue()
        self.stdout.write(f"Digests queued (task {result.id}).")
