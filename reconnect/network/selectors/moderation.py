"""What moderation decides for other areas (the moderation area owns the bodies)."""

from typing import Any

from reconnect.network.models import Block


def must_hold_for_review(user: Any) -> bool:
    """CONTRACT: whether ``user``'s next post waits for a coordinator (a new member's first
    posts). The moderation area implements the trust model."""
    return False


def blocked_by_ids(user: Any) -> frozenset[int]:
    """The ids of members who have blocked ``user``: they get no messages or mentions from
    them. One query."""
    return frozenset(Block.objects.filter(blocked=user).values_list("blocker_id", flat=True))


def blocking_ids(user: Any) -> frozenset[int]:
    """The ids of members ``user`` has blocked. One query."""
    return frozenset(Block.objects.filter(blocker=user).values_list("blocked_id", flat=True))
