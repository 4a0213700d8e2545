"""Recount the words of the live Hub items that the search corrects typos against.

    manage.py rebuild_hub_vocabulary [--dry-run]

The vocabulary is rebuilt in the background after every publish, unpublish and delete; run
this after loading content some other way (a restore, a bulk import). ``--dry-run`` counts
the words without storing them.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reconnect.hub.search import vocabulary


class Command(BaseCommand):
    help = "Rebuild the Hub search's typo-correction vocabulary from the live Hub items."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, store nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        if dry_run:
            texts = vocabulary.live_texts()
            words = vocabulary.count_words(texts)
            self.stdout.write(f"Would store {len(words)} words from {len(texts)} items.")
            return
        result = vocabulary.vocabulary_rebuild()
        self.stdout.write(f"Stored {result.words} words from {result.items} items.")
