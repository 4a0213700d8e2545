"""Background task of the Hub's search: rebuild the typo-correction vocabulary."""

import datetime

from django.tasks import task

from reconnect.hub.search import state
from reconnect.hub.search.vocabulary import vocabulary_rebuild


@task()
def rebuild_hub_vocabulary(requested_at: str | None = None) -> int:
    """Recount the words of the live Hub items; returns how many distinct words there are.

    ``requested_at`` (ISO 8601) is when the change that asked for it was committed. If a
    rebuild has begun reading since, the vocabulary already has the change: -1, nothing done.
    """
    if requested_at and state.vocabulary_is_newer_than(
        datetime.datetime.fromisoformat(requested_at)
    ):
        return -1
    return vocabulary_rebuild().words
