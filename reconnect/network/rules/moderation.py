"""Who may flag, moderate and block.

- Any member who may read a thread may report (flag) a published post in it, except their
  own: flagging is how readers ask a coordinator to look, not how authors withdraw words.
- Coordinators and administrators moderate: the review queue, hiding, approving, locking,
  pinning, moving and splitting. Everyone else is refused (403) on a thing they can see
  and gets 404 for a thing they cannot (``rules.discussions``).
- A member may block any other active member except themselves and a coordinator or
  administrator: moderators must always be able to reach a member (a held post, a hidden
  post, a safeguarding concern), so their messages and mentions cannot be blocked.
"""

from typing import Any

from reconnect.accounts.rules import is_coordinator
from reconnect.network.models import Post, PostStatus
from reconnect.network.rules.base import is_moderator, is_network_member
from reconnect.network.rules.discussions import can_read_thread


def can_moderate(user: Any) -> bool:
    return is_moderator(user)


def can_see_for_flag(user: Any, post: Post) -> bool:
    """Whether ``user`` may see the post at all (else 404 on its flag page)."""
    if not can_read_thread(user, post.thread):
        return False
    if post.status == PostStatus.PUBLISHED:
        return True
    return is_moderator(user) or (post.author_id is not None and post.author_id == user.pk)


def can_flag_post(user: Any, post: Post) -> bool:
    """A reader flags a published post someone else wrote (403 on their own)."""
    return (
        is_network_member(user)
        and post.status == PostStatus.PUBLISHED
        and post.author_id != user.pk
        and can_read_thread(user, post.thread)
    )


def can_block(user: Any, other: Any) -> bool:
    """Block ``other``: not oneself, not a moderator (who must still reach members)."""
    return (
        is_network_member(user)
        and other is not None
        and other.pk != user.pk
        and other.is_active
        and not is_coordinator(other)
    )
