"""Who may read and write threads and posts.

A thread in a category is every member's; a thread in a group is the group's (see
``rules.groups``). A hidden post is shown to its author and to moderators only; a post
waiting for review likewise.
"""

from typing import Any

from reconnect.network.models import Category, Post, PostStatus, Thread
from reconnect.network.rules.base import is_moderator, is_network_member
from reconnect.network.rules.groups import can_open_group, can_post_in_group


def can_read_thread(user: Any, thread: Thread) -> bool:
    if not is_network_member(user):
        return False
    if thread.is_hidden and not is_moderator(user):
        return False
    if thread.group is not None:
        return can_open_group(user, thread.group)
    return True


def can_start_thread_in(user: Any, category: Category) -> bool:
    if not is_network_member(user):
        return False
    return is_moderator(user) or not category.coordinators_only


def can_reply(user: Any, thread: Thread) -> bool:
    if not can_read_thread(user, thread):
        return False
    if thread.is_locked:
        return False
    if thread.group is not None:
        return can_post_in_group(user, thread.group)
    return True


def can_see_post(user: Any, post: Post) -> bool:
    """Within a thread the reader may read: published posts, and their own or (for
    moderators) anyone's held or hidden ones."""
    if post.status == PostStatus.PUBLISHED:
        return True
    return is_moderator(user) or (post.author_id is not None and post.author_id == user.pk)


def can_edit_post(user: Any, post: Post) -> bool:
    """Authors edit their own posts (while the thread is open); moderators edit any."""
    if is_moderator(user):
        return True
    return (
        is_network_member(user)
        and post.author_id == user.pk
        and not post.thread.is_locked
        and post.status != PostStatus.REJECTED
    )


def can_accept_answer(user: Any, thread: Thread) -> bool:
    """The asker marks the answer that helped; moderators may too."""
    return is_moderator(user) or (is_network_member(user) and thread.author_id == user.pk)
