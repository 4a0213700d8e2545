"""When the Hub's items change: one version number that per-process caches compare against.

Every publish, unpublish, save, move or delete of a Hub page (an item, or a section or the
Hub's index, whose titles and slugs are in breadcrumbs and item URLs), any change to a theme
or phase, and any change to a Wagtail site (its root decides every page's URL) stores a
new random ``content_version`` in the single ``SearchState`` row, in the same transaction
as the change. A request reads the row once (a primary-key lookup) and
rebuilds its facet table only when the number differs from the one it was built at; the
theme pages and search pages cached in ``reconnect.hub.fragments`` carry it in their keys.
Random numbers rather than a counter: a rolled-back transaction (a test, a failed publish)
can never bring back a number that an earlier, different state of the data was cached at.

Wagtail indexes a saved page in a queued task, which may run after the save moved the
version; an edit's words then reach the index in place (the entry keeps its id, so the
newest entry id does not move either), so the version moves again when that task is done,
or a search page cached in between would keep the old matches and snippets.

Publishing, unpublishing and deleting also queue a rebuild of the vocabulary that typo
correction uses, once the change is committed.
"""

import datetime
import secrets
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.tasks import TaskResultStatus
from django.tasks.signals import task_finished
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from reconnect.hub.models.base import HubPage
from reconnect.hub.models.search_terms import SearchState
from reconnect.hub.models.taxonomy import Phase, Theme

STATE_PK = 1


def new_version() -> int:
    return secrets.randbits(62) + 1


def versions() -> tuple[int, int, int]:
    """``(content_version, vocabulary_version, newest index entry id)``, in one query.

    The index entry id moves when Wagtail indexes something new, which it may do after the
    publish that moved the content version: the SQLite search maps index rows to pages
    through the facet table, so a new row must rebuild it too.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT "
            "(SELECT content_version FROM hub_searchstate WHERE id = %s), "
            "(SELECT vocabulary_version FROM hub_searchstate WHERE id = %s), "
            "(SELECT MAX(id) FROM wagtailsearch_indexentry)",
            [STATE_PK, STATE_PK],
        )
        content, vocabulary, newest_entry = cursor.fetchone()
    return int(content or 0), int(vocabulary or 0), int(newest_entry or 0)


def _store(field: str) -> None:
    version = new_version()
    if not SearchState.objects.filter(pk=STATE_PK).update(**{field: version}):
        SearchState.objects.update_or_create(pk=STATE_PK, defaults={field: version})


def content_changed() -> None:
    """Tell every process that its facet table is out of date."""
    _store("content_version")


def vocabulary_changed(*, read_at: datetime.datetime) -> None:
    """The vocabulary was rebuilt from what was live at ``read_at``."""
    SearchState.objects.update_or_create(
        pk=STATE_PK, defaults={"vocabulary_version": new_version(), "vocabulary_read_at": read_at}
    )


def vocabulary_is_newer_than(requested_at: datetime.datetime) -> bool:
    """Whether a rebuild began reading after ``requested_at``, so already includes it."""
    return SearchState.objects.filter(pk=STATE_PK, vocabulary_read_at__gt=requested_at).exists()


def _queue_vocabulary_rebuild() -> None:
    from reconnect.hub.search.tasks import rebuild_hub_vocabulary

    # Asked for once the change is committed: a rebuild that starts reading after this
    # moment sees the change, so later duplicates of this request can stand down.
    transaction.on_commit(lambda: rebuild_hub_vocabulary.enqueue(timezone.now().isoformat()))


@receiver(post_save, dispatch_uid="hub-search-page-saved")
@receiver(post_delete, dispatch_uid="hub-search-page-deleted")
def _hub_item_changed(sender: type, instance: object, **kwargs: Any) -> None:
    if isinstance(instance, Page | Theme | Phase | Site):
        content_changed()
    if kwargs.get("signal") is post_delete and isinstance(instance, HubPage):
        _queue_vocabulary_rebuild()


@receiver(page_published, dispatch_uid="hub-search-page-published")
@receiver(page_unpublished, dispatch_uid="hub-search-page-unpublished")
def _hub_item_published(sender: type, instance: object, **kwargs: Any) -> None:
    if isinstance(instance, HubPage):
        content_changed()
        _queue_vocabulary_rebuild()


@receiver(post_page_move, dispatch_uid="hub-search-page-moved")
def _hub_item_moved(sender: type, instance: object, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        content_changed()


INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"


@receiver(task_finished, dispatch_uid="hub-search-item-indexed")
def _hub_item_indexed(sender: type, task_result: Any, **kwargs: Any) -> None:
    task = getattr(task_result, "task", None)
    if getattr(task, "module_path", "") != INDEX_TASK:
        return
    if task_result.status != TaskResultStatus.SUCCESSFUL or len(task_result.args) < 2:
        return
    try:
        model = apps.get_model(task_result.args[0], task_result.args[1])
    except LookupError:
        return
    if issubclass(model, HubPage):
        content_changed()
