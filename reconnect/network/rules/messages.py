"""Who may read and write private messages.

A conversation is its participants' only: everyone else, coordinators and administrators
included, gets 404 (moderation sees flagged posts, never private messages). Someone who
left a conversation is no longer in it. Writing to a group is ``rules.groups``'s
``can_message_group``.
"""

from typing import Any

from reconnect.network.models import ConversationParticipant
from reconnect.network.rules.base import is_network_member


def can_write_messages(user: Any) -> bool:
    """Every member may start a conversation (a recipient's block is checked on sending)."""
    return is_network_member(user)


def is_in_conversation(user: Any, participant: ConversationParticipant | None) -> bool:
    return (
        is_network_member(user)
        and participant is not None
        and participant.user_id == user.pk
        and participant.left_at is None
    )
