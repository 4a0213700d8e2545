"""Notifying members: in the app at once, by e-mail through tasks.

- ``notify`` (the CONTRACT every area calls) writes one row per recipient and, once the
  transaction commits, queues one e-mail task per notification whose recipient wants that
  kind "straight away". The e-mail carries the notification's one line and a link, never
  the post or message it is about.
- ``notification_email_send`` is that task's body: it looks again (the member may have
  changed their mind, or left) and sends.
- ``digests_send_due`` sends every due digest in chunks of members, a fixed handful of
  queries per chunk, so 10,000 members take one pass of the worker.
- Reading, preferences and one-click unsubscribes are the member's own writes.

No e-mail is sent inside a request: the tasks build them, and the project's mail backend
queues each message for delivery as a task of its own.
"""

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import mailers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from reconnect.network import emails
from reconnect.network.models import (
    DigestFrequency,
    DigestSetting,
    EmailChoice,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from reconnect.network.selectors import notifications as selectors
from reconnect.network.selectors.popular import PopularThread, popular_threads

logger = logging.getLogger(__name__)

# The scope of a digest unsubscribe link, beside the kinds.
DIGEST = emails.DIGEST_SCOPE
# Digests run once a day; a little slack so a run a few minutes early still counts.
DUE_AFTER = {
    DigestFrequency.DAILY: datetime.timedelta(hours=23),
    DigestFrequency.WEEKLY: datetime.timedelta(days=6, hours=23),
}
# The digest's busiest threads are those of the day, or of the week.
POPULAR_PERIOD: dict[str, datetime.timedelta] = {
    DigestFrequency.DAILY: datetime.timedelta(days=1),
    DigestFrequency.WEEKLY: datetime.timedelta(days=7),
}
# A first digest (or one after a long pause) reaches back no further than this.
DIGEST_WINDOW = datetime.timedelta(days=31)
DIGEST_CHUNK = 500


def notify(
    *,
    users: Iterable[Any],
    kind: str,
    text: str,
    url: str,
    actor: Any = None,
    thread: Any = None,
    post: Any = None,
    event: Any = None,
    conversation: Any = None,
    board_post: Any = None,
) -> list[Notification]:
    """Tell each of ``users`` (users or user ids) something, once each; never the actor.

    CONTRACT (stable; the notifications area owns the body): makes one ``Notification``
    per distinct recipient in one bulk insert, skips the actor, and queues e-mail for those
    whose preference for ``kind`` is "straight away", on commit. Callers pass ``text``
    without pupil data and ``url`` as a path inside Reconnect.

    Queries: the insert, and one read of the recipients' preferences for ``kind``.
    """
    actor_id = getattr(actor, "pk", actor)
    ids: list[int] = []
    seen: set[int] = set()
    for user in users:
        pk = getattr(user, "pk", user)
        if pk != actor_id and pk not in seen:
            seen.add(pk)
            ids.append(pk)
    if not ids:
        return []
    created = Notification.objects.bulk_create(
        [
            Notification(
                user_id=pk,
                kind=kind,
                text=text[:300],
                url=url,
                actor_id=actor_id,
                thread=thread,
                post=post,
                event=event,
                conversation=conversation,
                board_post=board_post,
            )
            for pk in ids
        ]
    )
    _queue_immediate_emails(created, kind)
    _bells_forget(ids)
    return created


def _bells_forget(user_ids: list[int]) -> None:
    """The members' bells count again: now, and once the change is committed (a page read in
    between would otherwise cache the count from before it)."""
    keys = [selectors.bell_cache_key(pk) for pk in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def _queue_immediate_emails(created: list[Notification], kind: str) -> None:
    chosen = dict(
        NotificationPreference.objects.filter(
            user_id__in=[n.user_id for n in created], kind=kind
        ).values_list("user_id", "email")
    )
    default = selectors.DEFAULT_EMAIL.get(kind, EmailChoice.NEVER)
    to_send = [
        n.pk
        for n in created
        if n.pk is not None and chosen.get(n.user_id, default) == EmailChoice.IMMEDIATELY
    ]
    if not to_send:
        return

    def enqueue() -> None:
        from reconnect.network.tasks import send_notification_email

        for pk in to_send:
            send_notification_email.enqueue(notification_id=pk)

    transaction.on_commit(enqueue)


# --- E-mail -----------------------------------------------------------------------------------


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification now, if its member still wants it so; True if it was sent.

    Side effects: one message through the default mailer (queued for delivery); the
    notification's ``emailed_at``. Sends nothing to an inactive member, for a notification
    already e-mailed, or when the member's choice for its kind is no longer "straight away"
    (it then waits for the digest, if that is their choice now).
    """
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None:
        return False
    user = notification.user
    if not user.is_active or not user.email:
        return False
    if selectors.email_choice(user, notification.kind) != EmailChoice.IMMEDIATELY:
        return False
    with transaction.atomic():
        # Claim it first: a task run twice sends once.
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            return False
        emails.notification_message(notification).send()
    return True


def _due(now: datetime.datetime) -> Any:
    """Active members with an address whose digest is due at ``now``."""
    active = [DigestFrequency.DAILY, DigestFrequency.WEEKLY]
    due = (
        Q(digest_setting__isnull=True)
        | Q(digest_setting__frequency__in=active, digest_setting__last_sent_at__isnull=True)
        | Q(
            digest_setting__frequency=DigestFrequency.DAILY,
            digest_setting__last_sent_at__lte=now - DUE_AFTER[DigestFrequency.DAILY],
        )
        | Q(
            digest_setting__frequency=DigestFrequency.WEEKLY,
            digest_setting__last_sent_at__lte=now - DUE_AFTER[DigestFrequency.WEEKLY],
        )
    )
    return get_user_model().objects.filter(due, is_active=True).exclude(email="")


def _due_users(now: datetime.datetime, after_id: int, limit: int) -> list[Any]:
    """The next ``limit`` members (by id) whose digest is due: one query."""
    return list(
        _due(now)
        .filter(pk__gt=after_id)
        .select_related("digest_setting")
        .only(
            "pk",
            "email",
            "first_name",
            "last_name",
            "digest_setting__frequency",
            "digest_setting__last_sent_at",
        )
        .order_by("pk")[:limit]
    )


def due_member_count(now: datetime.datetime | None = None) -> int:
    """How many active members are due a digest now (whether or not anything waits)."""
    return int(_due(now or timezone.now()).count())


def _frequency(user: Any) -> str:
    setting = getattr(user, "digest_setting", None)
    return setting.frequency if setting is not None else selectors.DEFAULT_DIGEST


def digests_send_due(
    *, now: datetime.datetime | None = None, chunk_size: int = DIGEST_CHUNK
) -> dict[str, int]:
    """Send every member whose digest is due one e-mail of what waits for it.

    Due: daily digests 23 hours after the last one, weekly ones 6 days 23 hours after,
    never for "never"; members without a setting have a weekly digest. What waits: their
    unread notifications from the last 31 days not yet e-mailed, of kinds they chose "in my
    digest" for, then the Network's busiest threads of the day or week. Members with
    nothing waiting get no e-mail and stay due.

    Members are read in chunks of ``chunk_size`` by id; each chunk costs the same five
    queries whatever its size (members, preferences, notifications, and two bulk updates),
    plus the mail backend's one queued delivery per e-mail; the busiest threads are one
    query per frequency per run.

    Returns counts: ``members`` looked at, ``sent`` e-mails, ``notifications`` included.
    """
    now = now or timezone.now()
    totals = {"members": 0, "sent": 0, "notifications": 0}
    after_id = 0
    connection = mailers.default
    popular = _PopularByFrequency(now)
    while True:
        users = _due_users(now, after_id, chunk_size)
        if not users:
            break
        after_id = users[-1].pk
        totals["members"] += len(users)
        sent, included = _send_chunk(users, now, connection, popular)
        totals["sent"] += sent
        totals["notifications"] += included
        if len(users) < chunk_size:
            break
    return totals


class _PopularByFrequency:
    """The busiest threads since a day or a week before ``now``, each read once a run and
    only when a digest of that frequency is sent."""

    def __init__(self, now: datetime.datetime) -> None:
        self.now = now
        self._found: dict[str, list[PopularThread]] = {}

    def __call__(self, frequency: str) -> list[PopularThread]:
        if frequency not in self._found:
            since = self.now - POPULAR_PERIOD[frequency]
            self._found[frequency] = popular_threads(since, self.now)
        return self._found[frequency]


def _send_chunk(
    users: list[Any],
    now: datetime.datetime,
    connection: Any,
    popular: _PopularByFrequency,
) -> tuple[int, int]:
    by_id = {user.pk: user for user in users}
    preferences = selectors.preferences_of_users(by_id)
    waiting: dict[int, list[Notification]] = {}
    for notification in (
        Notification.objects.filter(
            user_id__in=list(by_id),
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__gte=now - DIGEST_WINDOW,
            created_at__lte=now,
        )
        .only("pk", "user_id", "kind", "text", "created_at")
        .order_by("user_id", "-created_at", "-pk")
    ):
        if (
            selectors.choice_in(preferences, notification.user_id, notification.kind)
            == EmailChoice.DIGEST
        ):
            waiting.setdefault(notification.user_id, []).append(notification)
    if not waiting:
        return 0, 0
    messages = [
        emails.digest_message(
            by_id[user_id],
            items,
            frequency=_frequency(by_id[user_id]),
            popular=popular(_frequency(by_id[user_id])),
        )
        for user_id, items in waiting.items()
    ]
    included = [n.pk for items in waiting.values() for n in items]
    with transaction.atomic():
        Notification.objects.filter(pk__in=included).update(emailed_at=now)
        DigestSetting.objects.bulk_create(
            [
                DigestSetting(
                    user_id=user_id, frequency=_frequency(by_id[user_id]), last_sent_at=now
                )
                for user_id in waiting
            ],
            update_conflicts=True,
            unique_fields=["user"],
            update_fields=["last_sent_at"],
        )
        # Queued, not delivered, here: each message becomes a delivery task, in this
        # transaction, so the marks and the queue agree.
        connection.send_messages(messages)
    return len(messages), len(included)


# --- The member's own changes ------------------------------------------------------------------


def local_path(url: str) -> str | None:
    """``url`` if it is a path inside this site ("/network/..."), else None.

    Refuses anything a browser could take elsewhere: a scheme, a host, "//host" and "/\\host".
    """
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return None
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return None
    return url


def notification_open(*, user: Any, notification: Notification) -> str | None:
    """Mark the member's notification read and return where it leads (None if nowhere safe).

    Side effects: ``read_at``, the first time.
    """
    if notification.user_id != user.pk:
        raise ValueError("A member opens only their own notifications.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        _bells_forget([user.pk])
    return local_path(notification.url)


def notifications_mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of the member read; returns how many."""
    marked = Notification.objects.filter(user_id=user.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    _bells_forget([user.pk])
    return marked


@transaction.atomic
def notification_preferences_save(*, user: Any, choices: dict[str, str], frequency: str) -> None:
    """Record the member's e-mail choice for each kind given, and their digest frequency.

    Kinds not in ``choices`` keep what they had. Two queries whatever the number of kinds.
    """
    rows = [
        NotificationPreference(user_id=user.pk, kind=kind, email=choice)
        for kind, choice in choices.items()
        if kind in NotificationKind.values and choice in EmailChoice.values
    ]
    NotificationPreference.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["user", "kind"], update_fields=["email"]
    )
    DigestSetting.objects.update_or_create(user_id=user.pk, defaults={"frequency": frequency})


@transaction.atomic
def notification_unsubscribe(*, user_id: int, scope: str) -> None:
    """Stop e-mail of one kind (``scope`` a kind), or the digest (``scope`` "digest").

    What the one-click link in every e-mail does; the member may turn it back on in their
    settings. Raises ``ValueError`` for an unknown scope.
    """
    if scope == DIGEST:
        DigestSetting.objects.update_or_create(
            user_id=user_id, defaults={"frequency": DigestFrequency.NEVER}
        )
    elif scope in NotificationKind.values:
        NotificationPreference.objects.update_or_create(
            user_id=user_id, kind=scope, defaults={"email": EmailChoice.NEVER}
        )
    else:
        raise ValueError(f"Unknown unsubscribe scope {scope!r}")
