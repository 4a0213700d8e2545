"""Remind members with a place of the network events starting within the next 24 hours.

    python manage.py network_event_reminders [--dry-run]

Run it every hour or so (cron or the host's scheduler), like ``spectrum_housekeeping``.
Each event's reminder is sent once (``Event.reminder_sent_at``), however often the command
runs, and never for a cancelled event; moving an event's start makes it due again.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from reconnect.network.services.events import reminders_send


class Command(BaseCommand):
    help = "Send the day-before reminders of network events, once per event."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count only, send nothing")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        count = reminders_send(dry_run=dry_run)
        verb = "would be sent (dry run)" if dry_run else "sent"
        self.stdout.write(f"Event reminders: {count:,} event(s) {verb}.")
