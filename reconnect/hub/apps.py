from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_hub_skeleton(sender: AppConfig, **kwargs: Any) -> None:
    from reconnect.hub.services.collections import members_only_collection_ensure
    from reconnect.hub.services.taxonomy import taxonomy_ensure
    from reconnect.hub.services.tree import hub_tree_ensure

    taxonomy_ensure()
    hub_tree_ensure()
    members_only_collection_ensure()


class HubConfig(AppConfig):
    name = "reconnect.hub"
    label = "hub"

    def ready(self) -> None:
        # Keeps the search state current in every process that can publish (web, tasks,
        # management commands): its receivers connect on import.
        from reconnect.hub.search import state  # noqa: F401

        # After migrate and after flush (tests): the taxonomy, the Hub's pages and the
        # members-only document collection always exist.
        post_migrate.connect(_ensure_hub_skeleton, sender=self, dispatch_uid="hub-skeleton")
