"""Reading notifications: a member's own list, the bell's count and e-mail preferences.

A notification belongs to its member alone: every read here starts from the user, so another
member's notification is simply not found (404 in the views and the API).

A member with no ``NotificationPreference`` row for a kind has the kind's default
(``DEFAULT_EMAIL``); one with no ``DigestSetting`` gets a weekly digest.
"""

from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet

from reconnect.network.models import (
    DigestFrequency,
    DigestSetting,
    EmailChoice,
    Notification,
    NotificationKind,
    NotificationPreference,
)

# What each kind does by e-mail until the member chooses: things addressed to them
# personally go straight away; news about what they follow waits for the digest.
DEFAULT_EMAIL: dict[str, str] = {
    NotificationKind.MENTION: EmailChoice.IMMEDIATELY,
    NotificationKind.REPLY: EmailChoice.IMMEDIATELY,
    NotificationKind.WATCHED: EmailChoice.DIGEST,
    NotificationKind.ACCEPTED: EmailChoice.IMMEDIATELY,
    NotificationKind.MESSAGE: EmailChoice.IMMEDIATELY,
    NotificationKind.EVENT: EmailChoice.IMMEDIATELY,
    NotificationKind.BOARD: EmailChoice.DIGEST,
    NotificationKind.GROUP: EmailChoice.DIGEST,
    NotificationKind.MODERATION: EmailChoice.IMMEDIATELY,
}
DEFAULT_DIGEST = DigestFrequency.WEEKLY

# The bell never counts past this: "99+" says enough, and the count stops early.
BELL_CAP = 100
# The bell's count is on every page a member sees, so it is cached per member. The services
# that make or read notifications forget it; this bounds how long a notification deleted with
# its thread or post (a cascade, which no service sees) is still counted.
BELL_CACHE_SECONDS = 60


def _user_id(user: Any) -> int:
    return int(getattr(user, "pk", user))


def notifications_of(user: Any) -> QuerySet[Notification]:
    """The member's notifications, newest first."""
    return Notification.objects.filter(user_id=_user_id(user)).order_by("-created_at", "-pk")


def unread_count(user: Any, *, cap: int = BELL_CAP) -> int:
    """How many of the member's notifications are unread, counting no further than ``cap``.

    One query on the (user, read_at) index; the cap keeps it cheap for a member who never
    reads them.
    """
    unread = Notification.objects.filter(user_id=_user_id(user), read_at__isnull=True)
    return unread.order_by()[:cap].count()


def bell_cache_key(user_id: int) -> str:
    return f"network:bell:v1:{user_id}"


def bell_count(user: Any) -> int:
    """``unread_count`` for the header's bell, from the cache when it is there."""
    key = bell_cache_key(_user_id(user))
    count = cache.get(key)
    if count is None:
        count = unread_count(user)
        cache.set(key, count, BELL_CACHE_SECONDS)
    return int(count)


def bell_label(count: int) -> str:
    """The count as the bell shows it: "99+" from ``BELL_CAP - 1`` up."""
    return f"{BELL_CAP - 1}+" if count >= BELL_CAP else str(count)


def email_preferences(user: Any) -> dict[str, str]:
    """The member's choice for every kind, defaults filled in, in the kinds' order."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id=_user_id(user)).values_list("kind", "email")
    )
    return {kind: chosen.get(kind, DEFAULT_EMAIL[kind]) for kind in NotificationKind.values}


def email_choice(user: Any, kind: str) -> str:
    """The member's choice for one kind (one query)."""
    chosen = (
        NotificationPreference.objects.filter(user_id=_user_id(user), kind=kind)
        .values_list("email", flat=True)
        .first()
    )
    return chosen or DEFAULT_EMAIL[kind]


def preferences_of_users(user_ids: Iterable[int]) -> dict[tuple[int, str], str]:
    """Explicit choices of many members at once, keyed by (user id, kind): one query."""
    rows = NotificationPreference.objects.filter(user_id__in=list(user_ids)).values_list(
        "user_id", "kind", "email"
    )
    return {(user_id, kind): email for user_id, kind, email in rows}


def choice_in(preferences: dict[tuple[int, str], str], user_id: int, kind: str) -> str:
    """A member's choice for ``kind`` from ``preferences_of_users``, or the default."""
    return preferences.get((user_id, kind), DEFAULT_EMAIL.get(kind, EmailChoice.NEVER))


def digest_frequency(user: Any) -> str:
    frequency = (
        DigestSetting.objects.filter(user_id=_user_id(user))
        .values_list("frequency", flat=True)
        .first()
    )
    return frequency or DEFAULT_DIGEST
