"""An e-mail backend that queues each message as a background task.

Every message in Reconnect (allauth's included) goes through here, so no request ever waits
on a mail server, and a slow or failing server is retried by the worker instead of
surfacing as an error page.
"""

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from reconnect.core.tasks import deliver_email


class TaskQueueEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            alternatives = [
                (content, mimetype) for content, mimetype in getattr(message, "alternatives", [])
            ]
            deliver_email.enqueue(
                subject=str(message.subject),
                body=str(message.body),
                from_email=str(message.from_email),
                to=[str(address) for address in message.to],
                alternatives=[[str(content), str(mimetype)] for content, mimetype in alternatives],
                reply_to=[str(address) for address in message.reply_to],
            )
        return len(email_messages)
