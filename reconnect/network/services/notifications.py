"""Notifying members: in the app at once, by e-mail through tasks (see the notifications
helper's module docstring once built)."""

from collections.abc import Iterable
from typing import Any

from reconnect.network.models import Notification


def notify(
    *,
    users: Iterable[Any],
    kind: str,
    text: str,
    url: str,
    actor: Any = None,
    thread: Any = None,
    post: Any = None,
    event: Any = None,
    conversation: Any = None,
    board_post: Any = None,
) -> list[Notification]:
    """Tell each of ``users`` (users or user ids) something, once each; never the actor.

    CONTRACT (stable; the notifications area owns the body): makes one ``Notification``
    per distinct recipient in one bulk insert, skips the actor, and queues e-mail for those
    whose preference for ``kind`` is "straight away", on commit. Callers pass ``text``
    without pupil data and ``url`` as a path inside Reconnect.
    """
    actor_id = getattr(actor, "pk", actor)
    ids = []
    for user in users:
        pk = getattr(user, "pk", user)
        if pk != actor_id and pk not in ids:
            ids.append(pk)
    return Notification.objects.bulk_create(
        [
            Notification(
                user_id=pk,
                kind=kind,
                text=text[:300],
                url=url,
                actor_id=actor_id,
                thread=thread,
                post=post,
                event=event,
                conversation=conversation,
                board_post=board_post,
            )
            for pk in ids
        ]
    )
