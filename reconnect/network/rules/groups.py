"""Who may open and write in a group."""

from typing import Any

from reconnect.network.models import Group, GroupFile, GroupKind, GroupRole
from reconnect.network.rules.base import is_moderator, is_network_member
from reconnect.network.selectors.membership import is_group_member


def can_open_group(user: Any, group: Group) -> bool:
    """A group's page, threads and files: its members, and moderators (404 otherwise)."""
    return is_network_member(user) and (is_moderator(user) or is_group_member(user, group))


def can_post_in_group(user: Any, group: Group) -> bool:
    """Start threads, reply, share files: its members while the group is not archived."""
    return group.archived_at is None and is_group_member(user, group)


def group_owner_ids(group: Group) -> frozenset[int]:
    """The ids of the group's owners: one query, remembered on the group object."""
    cached: frozenset[int] | None = getattr(group, "_network_owner_ids", None)
    if cached is None:
        cached = frozenset(
            group.memberships.filter(role=GroupRole.OWNER).values_list("user_id", flat=True)
        )
        group._network_owner_ids = cached  # type: ignore[attr-defined]
    return cached


def is_group_owner(user: Any, group: Group) -> bool:
    if not is_network_member(user):
        return False
    return user.pk in group_owner_ids(group)


def can_manage_group(user: Any, group: Group) -> bool:
    """Edit the group, add and remove members, create its events: owners and moderators."""
    return is_moderator(user) or is_group_owner(user, group)


def can_create_group(user: Any) -> bool:
    """Coordinators and administrators make the network's own groups."""
    return is_moderator(user)


def can_change_group(user: Any, group: Group) -> bool:
    """Rename, describe, add and remove members: owners and moderators, until archived."""
    return group.archived_at is None and can_manage_group(user, group)


def can_archive_group(user: Any, group: Group) -> bool:
    return group.archived_at is None and can_manage_group(user, group)


def can_delete_group_file(user: Any, group_file: GroupFile, group: Group) -> bool:
    """Members delete their own files while the group is open; owners and moderators any."""
    if can_manage_group(user, group):
        return True
    return (
        can_post_in_group(user, group)
        and group_file.uploaded_by_id is not None
        and group_file.uploaded_by_id == user.pk
    )


def can_message_group(user: Any, group: Group) -> bool:
    """Write to all of a group's members at once. Owners and moderators may in any group;
    members in a trio's or a coordinator's group. A borough's, trust's or phase's group can
    hold hundreds of members, so a member writes to them through a thread instead."""
    if group.archived_at is not None or not is_network_member(user):
        return False
    if can_manage_group(user, group):
        return True
    return group.kind in (GroupKind.TRIO, GroupKind.CUSTOM) and is_group_member(user, group)
