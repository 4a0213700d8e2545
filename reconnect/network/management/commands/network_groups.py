"""Make the network's standing groups: one per London borough, trust and phase that has
schools, and a group for every confirmed learning trio that lacks one.

    manage.py network_groups            # make what is missing
    manage.py network_groups --dry-run  # say what is missing, change nothing

Idempotent: run it after importing schools; running it again makes nothing new.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from reconnect.lab.models import Trio, TrioStatus
from reconnect.network.services.groups import standing_groups_ensure, trio_group_ensure


class Command(BaseCommand):
    help = "Make the groups of boroughs, trusts, phases and confirmed trios that are missing."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be made; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = bool(options["dry_run"])
        with transaction.atomic():
            made = standing_groups_ensure()
            trios = Trio.objects.filter(status=TrioStatus.CONFIRMED, group__isnull=True)
            made["trio"] = 0
            for trio in trios.select_related("cohort", "confirmed_by"):
                trio_group_ensure(trio)
                made["trio"] += 1
            if dry_run:
                transaction.set_rollback(True)
        verb = "Would make" if dry_run else "Made"
        self.stdout.write(
            f"{verb} {made['borough']} borough, {made['trust']} trust, {made['phase']} phase "
            f"and {made['trio']} trio groups."
        )
