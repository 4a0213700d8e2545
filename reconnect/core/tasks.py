"""Background tasks owned by core."""

import base64
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.tasks import task

# The MAILERS alias of the real transport (SMTP in production, the console on a laptop).
DELIVERY_MAILER = "delivery"


@task(queue_name="email")
def deliver_email(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    alternatives: list[list[str]],
    reply_to: list[str],
    cc: list[str] | None = None,
    bcc: list[str] | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[dict[str, str]] | None = None,
) -> int:
    """Hand one queued message to the real mail transport.

    The arguments are the message taken apart by ``TaskQueueEmailBackend`` (plain JSON, as a
    task's arguments must be); attachments carry their content in base64.
    """
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email,
        to=to,
        cc=cc or [],
        bcc=bcc or [],
        reply_to=reply_to,
        headers=headers or {},
    )
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    for attachment in attachments or []:
        message.attach(
            attachment["filename"] or None,
            _attachment_content(attachment),
            attachment["mimetype"] or None,
        )
    return message.send(using=DELIVERY_MAILER)


def _attachment_content(attachment: dict[str, str]) -> Any:
    content = base64.b64decode(attachment["content"])
    return content.decode() if attachment["is_text"] == "1" else content
