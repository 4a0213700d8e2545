"""Who may see, organise and join events.

A network-wide event is every member's; a group's event is the group's (its members, and
moderators who open any group), everyone else gets 404 so no one learns it exists. Network
events are created by coordinators; a group's events by the group's owners (and
moderators). The organiser, the group's managers and moderators change or cancel an event.

An online event's link is the attendees' only: members with a place (going), the organiser
and moderators. A member on the waiting list does not have a place, so no link.
"""

from typing import Any

from reconnect.network.models import Event, Group, RsvpStatus
from reconnect.network.rules.base import is_moderator, is_network_member
from reconnect.network.rules.groups import can_manage_group, can_open_group


def can_see_event(user: Any, event: Event) -> bool:
    if not is_network_member(user):
        return False
    if event.group is not None:
        return can_open_group(user, event.group)
    return True


def can_create_network_event(user: Any) -> bool:
    """Network-wide events: coordinators (and administrators)."""
    return is_moderator(user)


def can_create_group_event(user: Any, group: Group) -> bool:
    """A group's events: its owners and moderators, while the group is not archived."""
    return group.archived_at is None and can_manage_group(user, group)


def can_manage_event(user: Any, event: Event) -> bool:
    """Change, cancel, add notes and resources: the organiser, the group's managers,
    moderators."""
    if not is_network_member(user):
        return False
    if is_moderator(user):
        return True
    if event.organiser_id is not None and event.organiser_id == user.pk:
        return True
    return event.group is not None and can_manage_group(user, event.group)


def can_see_online_link(user: Any, event: Event, status: str | None) -> bool:
    """``status`` is the member's RSVP status for the event (None for no reply)."""
    if not event.online_url or event.cancelled_at is not None:
        return False
    if status == RsvpStatus.GOING:
        return True
    if not is_network_member(user):
        return False
    return is_moderator(user) or (event.organiser_id is not None and event.organiser_id == user.pk)
