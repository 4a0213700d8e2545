"""The Network's background tasks: e-mailing a notification, and sending the due digests.

Ids in, reload, call the service (``services.notifications``): the logic lives there. Both
run on the ``email`` queue beside the delivery tasks they create.
"""

import datetime

from django.tasks import task

from reconnect.network.services import notifications as services


@task(queue_name="email")
def send_notification_email(*, notification_id: int) -> bool:
    """E-mail one notification straight away (queued by ``notify`` on commit)."""
    return services.notification_email_send(notification_id=notification_id)


@task(queue_name="email")
def digest_send_due(
    *, now: str | None = None, chunk_size: int = services.DIGEST_CHUNK
) -> dict[str, int]:
    """Send every due daily and weekly digest (enqueued daily by ``network_digests``).

    ``now`` (ISO 8601) pins the clock, for a re-run after an outage; by default, the time
    the worker runs it.
    """
    moment = datetime.datetime.fromisoformat(now) if now else None
    return services.digests_send_due(now=moment, chunk_size=chunk_size)
