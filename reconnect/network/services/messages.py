"""Private messages (the messages area owns the bodies)."""

from collections.abc import Iterable
from typing import Any

from reconnect.network.models import BoardPost, Conversation, Group


def conversation_start(
    *,
    author: Any,
    recipients: Iterable[Any],
    subject: str,
    body: str,
    board_post: BoardPost | None = None,
    group: Group | None = None,
    submission_key: str = "",
) -> Conversation:
    """CONTRACT: start a conversation from ``author`` to ``recipients`` with a first
    message; raises ``ApplicationError`` when a recipient has blocked the author or the
    text is empty. Notifies the recipients (kind ``message``)."""
    raise NotImplementedError
