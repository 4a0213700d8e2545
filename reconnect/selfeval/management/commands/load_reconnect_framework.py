"""Make sure the Reconnect framework is there for schools to answer.

    manage.py load_reconnect_framework            # publish version 1 if nothing is published
    manage.py load_reconnect_framework --dry-run  # say what would happen, write nothing

Safe to run on every deploy: once the framework has a published version nothing is
written, and coordinators' later versions (drafted and published in the admin) are never
touched. ``seed_demo`` does the same for the demo.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reconnect.core.exceptions import ApplicationError
from reconnect.selfeval.data.reconnect_framework import DOMAINS, FRAMEWORK_NAME, FRAMEWORK_SLUG
from reconnect.selfeval.models import Framework, Statement
from reconnect.selfeval.selectors.reviews import latest_published_version
from reconnect.selfeval.services.frameworks import framework_reconnect_ensure


class Command(BaseCommand):
    help = "Publish the Reconnect framework's first version if it has no published version."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            framework = Framework.objects.filter(slug=FRAMEWORK_SLUG).first()
            published = latest_published_version(framework) if framework else None
            if published is not None:
                self.stdout.write(
                    f"{FRAMEWORK_NAME} already has version {published.number} published; "
                    "nothing would be written."
                )
            else:
                statements = sum(len(domain.statements) for domain in DOMAINS)
                self.stdout.write(
                    f"Would publish {FRAMEWORK_NAME} with {len(DOMAINS)} domains and "
                    f"{statements} statements; nothing was written."
                )
            return
        try:
            result = framework_reconnect_ensure(actor_label="manage.py load_reconnect_framework")
        except ApplicationError as error:
            raise CommandError(str(error)) from error
        version = result.version
        domains = version.domains.count()
        statements = Statement.objects.filter(domain__version=version).count()
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Published {FRAMEWORK_NAME}, version {version.number}: {domains} domains "
                    f"and {statements} statements."
                )
            )
        else:
            self.stdout.write(
                f"{FRAMEWORK_NAME} already has version {version.number} published "
                f"({domains} domains, {statements} statements); nothing to do."
            )
