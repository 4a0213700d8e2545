"""What the Network's front page reads beyond the discussions: the next few events.

The other areas' counts come from their own selectors (``messages.unread_count``,
``moderation.review_queue_count``); only the short list of events is shaped here."""

import datetime
from typing import Any

from django.utils import timezone

from reconnect.network.models import Event
from reconnect.network.selectors.events import visible_events

UPCOMING_ON_HOME = 3


def upcoming_events(
    user: Any, *, limit: int = UPCOMING_ON_HOME, now: datetime.datetime | None = None
) -> list[Event]:
    """The next ``limit`` events ``user`` may see that have not ended and are not
    cancelled, soonest first. One query (the member's groups are remembered on the user
    for the request, so reading them after the latest threads costs nothing more)."""
    now = now or timezone.now()
    events = visible_events(user).filter(ends_at__gt=now, cancelled_at__isnull=True)
    return list(events.order_by("starts_at", "pk")[:limit])
