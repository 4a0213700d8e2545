"""What the Network's front page reads beyond the discussions: the next few events.

The other areas' counts come from their own selectors (``messages.unread_count``,
``moderation.review_queue_count``); only the short list of events is shaped here, in two
parts like the latest threads: which events a member sees (``upcoming_event_ids``, read
for each member by a query compiled once) and the events themselves (``events_in_order``,
the same for everyone who sees them)."""

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Now
from django.utils import timezone

from reconnect.core.compiled_query import CompiledQuery
from reconnect.network.models import Event
from reconnect.network.rules.base import is_moderator, is_network_member
from reconnect.network.selectors.discussions import GROUP_NAMES, group_slots
from reconnect.network.selectors.events import visible_events
from reconnect.network.selectors.membership import group_ids_of

UPCOMING_ON_HOME = 3


def upcoming_events(
    user: Any, *, limit: int = UPCOMING_ON_HOME, now: datetime.datetime | None = None
) -> list[Event]:
    """The next ``limit`` events ``user`` may see that have not ended and are not
    cancelled, soonest first. One query (the member's groups are remembered on the user
    for the request). The front page reads the same in two parts, below."""
    now = now or timezone.now()
    events = visible_events(user).filter(ends_at__gt=now, cancelled_at__isnull=True)
    return list(events.order_by("starts_at", "pk")[:limit])


def _upcoming(group_ids: list[int], *, moderator: bool) -> QuerySet[Event]:
    """``visible_events``' rule for a member of ``group_ids`` (or a moderator, who sees
    every group's), with "now" the database's clock: the SQL then holds no value that
    changes between requests but the groups', and is compiled once."""
    events = Event.objects.filter(ends_at__gt=Now(), cancelled_at__isnull=True)
    if not moderator:
        events = events.filter(Q(group__isnull=True) | Q(group_id__in=group_ids))
    return events.only("pk").order_by("starts_at", "pk")[:UPCOMING_ON_HOME]


def _upcoming_query(*, moderator: bool) -> CompiledQuery[Event]:
    def build(**groups: int) -> QuerySet[Event]:
        return _upcoming([groups[name] for name in GROUP_NAMES], moderator=moderator)

    return CompiledQuery(Event, build, *GROUP_NAMES)


# Compiled once a process: a moderator's and a member's.
_UPCOMING = {moderator: _upcoming_query(moderator=moderator) for moderator in (True, False)}


def upcoming_event_ids(user: Any) -> list[int]:
    """The ids of ``upcoming_events``, in order: one query of the events' rows alone."""
    if not is_network_member(user):
        return []
    groups = sorted(group_ids_of(user))
    moderator = is_moderator(user)
    slots = group_slots(groups)
    if slots is None:
        return [event.pk for event in _upcoming(groups, moderator=moderator)]
    return [event.pk for event in _UPCOMING[moderator](**slots)]


def events_in_order(ids: list[int]) -> list[Event]:
    """The events ``ids`` with their groups, in that order (one query, none for no ids)."""
    found = Event.objects.select_related("group").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
