"""Signal receivers linking the network to the rest of Reconnect.

A learning trio's group is made when the trio is confirmed. The Lab's cohort service
confirms a trio by saving it with its new status; receiving that save here keeps the Lab
free of any knowledge of the network, and catches every way a trio becomes confirmed (the
coordinator's pages, the demo loader, the admin).

A new Hub theme gets its discussion category the same way: the Hub knows nothing of the
network, and a theme added in the admin or by a migration of data gets its category at once.

Every save or delete of what the cached page parts show (``page_cache``) gives them a new
version, whoever writes it: the services, the admin, a moderator's split, a cascade.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save


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


def _content_changed(sender: Any, **kwargs: Any) -> None:
    from reconnect.network.page_cache import content_changed

    content_changed()


def _reader_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from reconnect.network.page_cache import reader_changed

    reader_changed([instance.user_id])


def connect() -> None:
    """Connected in ``NetworkConfig.ready``."""
    from reconnect.hub.models import Theme
    from reconnect.lab.models import Trio
    from reconnect.network.models import (
        Category,
        CategoryWatch,
        Event,
        Group,
        Post,
        Thread,
        ThreadRead,
        ThreadWatch,
    )

    post_save.connect(_trio_saved, sender=Trio, dispatch_uid="network-trio-group")
    post_save.connect(_theme_saved, sender=Theme, dispatch_uid="network-theme-category")
    for model in (Thread, Post, Category, Group, Event):
        for signal in (post_save, post_delete):
            signal.connect(_content_changed, sender=model, dispatch_uid=f"network-pages-{model}")
    for reader_model in (ThreadRead, ThreadWatch, CategoryWatch):
        for signal in (post_save, post_delete):
            signal.connect(
                _reader_changed, sender=reader_model, dispatch_uid=f"network-reader-{reader_model}"
            )
