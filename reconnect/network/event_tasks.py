"""Background tasks of the network's events: ids in (none here), call a service.

Kept apart from ``tasks.py`` (the notifications area's), so the two areas never edit one
file.
"""

from django.tasks import task

from reconnect.network.services.events import reminders_send


@task()
def event_reminders_task() -> int:
    """Remind those with a place of events starting within a day; returns how many events."""
    return reminders_send()
