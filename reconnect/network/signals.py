"""Signal receivers linking the network to the rest of Reconnect.

A learning trio's group is made when the trio is confirmed. The Lab's cohort service
confirms a trio by saving it with its new status; receiving that save here keeps the Lab
free of any knowledge of the network, and catches every way a trio becomes confirmed (the
coordinator's pages, the demo loader, the admin).

A new Hub theme gets its discussion category the same way: the Hub knows nothing of the
network, and a theme added in the admin or by a migration of data gets its category at once.
"""

from typing import Any

from django.db.models.signals import post_save


def _trio_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    from reconnect.lab.models import TrioStatus
    from reconnect.network.services.groups import trio_group_ensure

    if raw or instance.status != TrioStatus.CONFIRMED:
        return
    trio_group_ensure(instance)


def _theme_saved(
    sender: Any, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    from reconnect.network.services.discussions import categories_for_themes_ensure

    if raw or not created:
        return
    categories_for_themes_ensure()


def connect() -> None:
    """Connected in ``NetworkConfig.ready``."""
    from reconnect.hub.models import Theme
    from reconnect.lab.models import Trio

    post_save.connect(_trio_saved, sender=Trio, dispatch_uid="network-trio-group")
    post_save.connect(_theme_saved, sender=Theme, dispatch_uid="network-theme-category")
