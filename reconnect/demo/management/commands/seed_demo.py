"""Load the fictional demo network (schools in all 33 London boroughs, the demo accounts) and
the Knowledge Hub's demo content.

    manage.py seed_demo                    # about 60 schools (what `make run` loads)
    manage.py seed_demo --scale london     # about 2,500 schools and 10,000 members
    manage.py seed_demo --seed 7           # a different, equally fictional network
    manage.py seed_demo --if-empty         # only if the demo is not there yet
    manage.py seed_demo --dry-run          # say what would be written, write nothing

Running it again is safe: rows are matched by URN and email and restored to their seeded
values, never duplicated. Hub pages are matched by slug: missing ones are published, existing
ones (perhaps edited since) are left alone; with --if-empty, a missing Hub is still filled.
The self-evaluation demo (the Reconnect framework and two submitted reviews a school, one
for school A) is written for schools that have no review yet; with --if-empty it is still
written if no demo school has one. Demo pupil data (``demo/spectrum.py``: two snapshots for
school A, one each for school B and a sample of their trusts' and boroughs' schools) is
imported through the real import service for schools without a snapshot. The Innovation
Lab demo (``demo/lab.py``: a running Lab cohort with school A's confirmed learning trio,
their pilots and the trio's workspace) is written once, through the Lab's services, and
so is the Headteacher Network demo (``demo/network.py``: threads, groups, events, the board
and a welcome message) through the Network's. Every
account's password is the value of RECONNECT_DEMO_PASSWORD.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reconnect.core.exceptions import ApplicationError
from reconnect.demo.accounts import demo_accounts
from reconnect.demo.builder import demo_is_loaded, seed_demo
from reconnect.demo.hub.load import hub_content_is_loaded, hub_content_items, hub_content_load
from reconnect.demo.lab import lab_demo_is_loaded, seed_lab
from reconnect.demo.network import network_demo_is_loaded, seed_network
from reconnect.demo.plan import DEFAULT_SEED, SCALES, plan_network
from reconnect.demo.selfeval import seed_selfeval, selfeval_demo_counts, selfeval_demo_is_loaded
from reconnect.demo.spectrum import MAX_SCHOOLS as SPECTRUM_SCHOOLS
from reconnect.demo.spectrum import seed_spectrum, spectrum_demo_is_loaded
from reconnect.hub.models import Theme

SIGN_IN_NOTE = (
    "Password for every account: the value of RECONNECT_DEMO_PASSWORD "
    "(default `reconnect-demo-2026`)."
)


class Command(BaseCommand):
    help = "Load the fictional demo network and its demo accounts."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if demo school A (URN 900001) is already there.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        scale: str = options["scale"]
        seed: int = options["seed"]
        if options["if_empty"] and demo_is_loaded():
            self.stdout.write("The demo network is already loaded; nothing to do.")
            if not hub_content_is_loaded():
                self.load_hub()
            if not selfeval_demo_is_loaded():
                self.load_selfeval(seed)
            if not spectrum_demo_is_loaded():
                self.load_spectrum(seed)
            if not lab_demo_is_loaded():
                self.load_lab(seed)
            if not network_demo_is_loaded():
                self.load_network(seed)
            self.print_accounts()
            return
        if options["dry_run"]:
            plan = plan_network(
                seed=seed,
                schools=SCALES[scale].schools,
                trusts=SCALES[scale].trusts,
                theme_slugs=list(Theme.objects.values_list("slug", flat=True)),
            )
            self.stdout.write(
                f"Would seed {len(plan.schools)} schools, {len(plan.trusts)} trusts and "
                f"{len(plan.accounts) + len(plan.members)} members (seed {seed}); "
                "nothing was written."
            )
            self.stdout.write(
                f"Would publish up to {len(hub_content_items())} Knowledge Hub items "
                "(those not there yet)."
            )
            reviews, answers = selfeval_demo_counts(len(plan.schools))
            self.stdout.write(
                "Would load the Reconnect framework (if missing) and write up to "
                f"{reviews:,} submitted self-evaluation reviews with {answers:,} answers "
                "(for schools without one)."
            )
            self.stdout.write(
                f"Would import demo pupil data for up to {SPECTRUM_SCHOOLS} schools "
                "(those without a snapshot)."
            )
            self.stdout.write(
                "Would open a Lab cohort with school A's learning trio and their pilots "
                "(if it is not there yet)."
            )
            self.stdout.write(
                "Would start the Headteacher Network's demo threads, events, board posts and "
                "groups (if they are not there yet)."
            )
            return

        self.stdout.write(f"Seeding the {scale} demo network (seed {seed})…")
        try:
            result = seed_demo(scale=scale, seed=seed)
        except ApplicationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {result.schools:,} schools in {result.local_authorities} local "
                f"authorities, {result.trusts} trusts and {result.members:,} members "
                f"in {result.seconds:.1f} s."
            )
        )
        self.load_hub()
        self.load_selfeval(seed)
        self.load_spectrum(seed)
        self.load_lab(seed)
        self.load_network(seed)
        self.print_accounts()

    def load_hub(self) -> None:
        hub = hub_content_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the Knowledge Hub: {hub.created} new items, {hub.total} in all, "
                f"in {hub.seconds:.1f} s."
            )
        )

    def load_selfeval(self, seed: int) -> None:
        try:
            result = seed_selfeval(seed=seed)
        except ApplicationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the self-evaluation: {result.reviews:,} submitted reviews with "
                f"{result.answers:,} answers at {result.schools:,} schools, "
                f"in {result.seconds:.1f} s."
            )
        )

    def load_spectrum(self, seed: int) -> None:
        result = seed_spectrum(seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported demo pupil data: {result.snapshots} snapshots of "
                f"{result.pupils:,} pupils at {result.schools} schools in {result.seconds:.1f} s."
            )
        )

    def load_lab(self, seed: int) -> None:
        result = seed_lab(seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the Innovation Lab: {result.pilots} pilots at {result.schools} "
                f"schools in {result.trios} learning trios, in {result.seconds:.1f} s."
            )
        )

    def load_network(self, seed: int) -> None:
        result = seed_network(seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the Headteacher Network: {result.threads} threads, {result.events} "
                f"events, {result.board_posts} board posts and {result.groups} groups, in "
                f"{result.seconds:.1f} s."
            )
        )

    def print_accounts(self) -> None:
        accounts = demo_accounts()
        width = max(len(account.email) for account in accounts)
        self.stdout.write("")
        self.stdout.write(f"{'Demo account':<{width}}  Role")
        self.stdout.write(f"{'-' * width}  {'-' * 40}")
        for account in accounts:
            self.stdout.write(f"{account.email:<{width}}  {account.description}")
        self.stdout.write("")
        self.stdout.write(SIGN_IN_NOTE)
