"""The header's notification bell: a link to the member's notifications with their unread
count, on every page a member sees.

The count is one query on the (user, read_at) index, counting no further than 100 ("99+"),
so a page's cost does not grow with a member's notifications; and it is cached per member
until a notification is made or read (``selectors.notifications.bell_count``).
"""

from typing import Any

from django import template

from reconnect.network.selectors.notifications import bell_count, bell_label

register = template.Library()


@register.inclusion_tag("network/notifications/bell.html", takes_context=True)
def notification_bell(context: dict[str, Any]) -> dict[str, Any]:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"show": False}
    count = bell_count(user)
    return {"show": True, "unread": count, "label": bell_label(count)}
