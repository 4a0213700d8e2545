from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_hub_tree(sender: AppConfig, **kwargs: Any) -> None:
    from reconnect.hub.services.tree import hub_tree_ensure

    hub_tree_ensure()
    from reconnect.hub.services.collections import members_only_collection_ensure

    members_only_collection_ensure()


class HubConfig(AppConfig):
    name = "reconnect.hub"
    label = "hub"

    def ready(self) -> None:
        # After migrate and after flush (tests): the Hub's skeleton always exists.
        post_migrate.connect(_ensure_hub_tree, sender=self, dispatch_uid="hub-tree-ensure")
