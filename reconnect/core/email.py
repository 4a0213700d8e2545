"""An e-mail backend that queues each message as a background task.

Every message in Reconnect (allauth's included) goes through here, so no request ever waits
on a mail server, and a slow or failing server is retried by the worker instead of
surfacing as an error page. The worker's ``deliver_email`` hands the message to the
"delivery" mailer (see MAILERS in the settings and docs/decisions/0002-email-through-tasks.md).
The message waits sealed (``reconnect.core.sealing``): it may hold an invitation link.
"""

import base64
from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from reconnect.core.sealing import seal
from reconnect.core.tasks import deliver_email


def _attachment(attachment: Any) -> dict[str, str]:
    if not isinstance(attachment, tuple) or len(attachment) != 3:
        # A prebuilt MIME part cannot travel as a task's JSON arguments.
        raise TypeError("Only (filename, content, mimetype) attachments can be queued.")
    filename, content, mimetype = attachment
    is_text = isinstance(content, str)
    raw = content.encode() if is_text else bytes(content)
    return {
        "filename": filename or "",
        "mimetype": mimetype or "",
        "is_text": "1" if is_text else "0",
        "content": base64.b64encode(raw).decode("ascii"),
    }


def message_as_task_arguments(message: EmailMessage) -> dict[str, Any]:
    """The message as plain JSON, which ``deliver_email`` receives sealed."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "alternatives": [
            [str(content), str(mimetype)]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment(attachment) for attachment in message.attachments],
    }


class TaskQueueEmailBackend(BaseEmailBackend):
    # No fail_silently (deprecated with MAILERS): a message that cannot be queued is a bug,
    # and must fail loudly in the request that made it.
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        queued = 0
        for message in email_messages:
            if message.recipients():
                deliver_email.enqueue(sealed_message=seal(message_as_task_arguments(message)))
                queued += 1
        return queued
