"""Background tasks owned by core."""

import base64
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.tasks import task

from reconnect.core.sealing import unseal

# The MAILERS alias of the real transport (SMTP in production, the console on a laptop).
DELIVERY_MAILER = "delivery"


@task(queue_name="email")
def deliver_email(*, sealed_message: str) -> int:
    """Hand one queued message to the real mail transport.

    ``sealed_message`` is the message taken apart by ``TaskQueueEmailBackend`` into plain
    JSON (attachments in base64), then sealed: it may carry an invitation or reset link.
    """
    return _build_message(**unseal(sealed_message)).send(using=DELIVERY_MAILER)


def _build_message(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    alternatives: list[list[str]],
    reply_to: list[str],
    cc: list[str],
    bcc: list[str],
    headers: dict[str, str],
    attachments: list[dict[str, str]],
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email,
        to=to,
        cc=cc,
        bcc=bcc,
        reply_to=reply_to,
        headers=headers,
    )
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    for attachment in attachments:
        message.attach(
            attachment["filename"] or None,
            _attachment_content(attachment),
            attachment["mimetype"] or None,
        )
    return message


def _attachment_content(attachment: dict[str, str]) -> Any:
    content = base64.b64decode(attachment["content"])
    return content.decode() if attachment["is_text"] == "1" else content
