"""The Network's e-mails: one notification, and the daily or weekly digest.

Each is plain text with an HTML alternative, built by a task (``reconnect.network.tasks``)
and sent through the default mailer, which queues its delivery as a task of its own. An
e-mail says only the notification's one line ("Ada Lovelace replied to ...") and links to
Reconnect: never the post, message or group content itself, which the member reads signed in.

Every e-mail carries a one-click unsubscribe (RFC 8058: ``List-Unsubscribe`` and
``List-Unsubscribe-Post``) for its kind, or for the digest, and the same link in its footer.
The link holds a signed token of (member, kind): no sign-in is needed to use it, and
nothing else can be done with it.
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from reconnect.accounts.emails import absolute_url
from reconnect.network.models import Notification, NotificationKind
from reconnect.network.selectors.popular import PopularThread

UNSUBSCRIBE_SALT = "reconnect.network.unsubscribe"
DIGEST_SCOPE = "digest"
# A digest lists this many notifications; the rest are counted and a link leads to them all.
DIGEST_SHOWN = 20


def unsubscribe_token(user_id: int, scope: str) -> str:
    """A signed token for "stop e-mailing ``user_id`` about ``scope``" (a kind or "digest")."""
    return signing.dumps({"u": user_id, "k": scope}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """The (user id, scope) a token was made for, or None if it is not one of ours."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, scope = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or scope not in (*NotificationKind.values, DIGEST_SCOPE):
        return None
    return user_id, scope


def unsubscribe_url(user_id: int, scope: str) -> str:
    token = unsubscribe_token(user_id, scope)
    return absolute_url(reverse("network:unsubscribe", kwargs={"token": token}))


def _headers(unsubscribe: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # Tell autoresponders this is bulk mail, not a person writing.
        "Auto-Submitted": "auto-generated",
    }


def _message(
    *, template: str, subject: str, to: str, context: dict[str, Any], unsubscribe: str
) -> EmailMultiAlternatives:
    context = {
        "site_url": settings.SITE_URL,
        "settings_url": absolute_url(reverse("network:notification-settings")),
        "unsubscribe_url": unsubscribe,
        **context,
    }
    message = EmailMultiAlternatives(
        # One line, with the prefix every Reconnect e-mail carries.
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=render_to_string(f"network/emails/{template}.txt", context),
        to=[to],
        headers=_headers(unsubscribe),
    )
    message.attach_alternative(
        render_to_string(f"network/emails/{template}.html", context), "text/html"
    )
    return message


def open_url(notification: Notification) -> str:
    """The absolute link that marks the notification read and goes where it leads."""
    return absolute_url(reverse("network:notification-open", kwargs={"pk": notification.pk}))


def notification_message(notification: Notification) -> EmailMultiAlternatives:
    """One notification, e-mailed straight away."""
    user = notification.user
    return _message(
        template="notification",
        subject=notification.text,
        to=user.email,
        context={
            "user": user,
            "notification": notification,
            "kind_label": NotificationKind(notification.kind).label,
            "open_url": open_url(notification),
        },
        unsubscribe=unsubscribe_url(user.pk, notification.kind),
    )


def digest_message(
    user: Any,
    notifications: Sequence[Notification],
    *,
    frequency: str,
    popular: Sequence[PopularThread] = (),
) -> EmailMultiAlternatives:
    """The member's digest of ``notifications`` (newest first; at least one), then the
    Network's busiest threads of the period, ``popular``."""
    count = len(notifications)
    context = {
        "user": user,
        "frequency": frequency,
        "popular": [
            {
                "title": thread.title,
                "posts": thread.posts,
                "url": absolute_url(
                    reverse("network:thread", kwargs={"thread_id": thread.thread_id})
                ),
            }
            for thread in popular
        ],
        "items": [
            {"text": n.text, "url": open_url(n), "created_at": n.created_at}
            for n in notifications[:DIGEST_SHOWN]
        ],
        "count": count,
        "more": max(0, count - DIGEST_SHOWN),
        "list_url": absolute_url(reverse("network:notification-list")),
    }
    subject = render_to_string("network/emails/digest_subject.txt", context)
    return _message(
        template="digest",
        subject=subject,
        to=user.email,
        context=context,
        unsubscribe=unsubscribe_url(user.pk, DIGEST_SCOPE),
    )
