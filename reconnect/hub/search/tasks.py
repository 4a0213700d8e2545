"""Background task of the Hub's search: rebuild the typo-correction vocabulary."""

from django.tasks import task

from reconnect.hub.search.vocabulary import vocabulary_rebuild


@task()
def rebuild_hub_vocabulary() -> int:
    """Recount the words of the live Hub items; returns how many distinct words there are."""
    return vocabulary_rebuild().words
