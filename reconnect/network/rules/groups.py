"""Who may open and write in a group."""

from typing import Any

from reconnect.network.models import Group, GroupRole
from reconnect.network.rules.base import is_moderator, is_network_member
from reconnect.network.selectors.membership import is_group_member


def can_open_group(user: Any, group: Group) -> bool:
    """A group's page, threads and files: its members, and moderators (404 otherwise)."""
    return is_network_member(user) and (is_moderator(user) or is_group_member(user, group))


def can_post_in_group(user: Any, group: Group) -> bool:
    """Start threads, reply, share files: its members while the group is not archived."""
    return group.archived_at is None and is_group_member(user, group)


def is_group_owner(user: Any, group: Group) -> bool:
    if not is_network_member(user):
        return False
    return group.memberships.filter(user=user, role=GroupRole.OWNER).exists()


def can_manage_group(user: Any, group: Group) -> bool:
    """Edit the group, add and remove members, create its events: owners and moderators."""
    return is_moderator(user) or is_group_owner(user, group)
