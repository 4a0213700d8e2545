"""The header's notification bell: a link to the member's notifications with their unread
count, on every page a member sees.

One query per page, on the (user, read_at) index, counting no further than 100 ("99+"):
a page's cost does not grow with a member's notifications.
"""

from typing import Any

from django import template

from reconnect.network.selectors.notifications import bell_label, unread_count

register = template.Library()


@register.inclusion_tag("network/notifications/bell.html", takes_context=True)
def notification_bell(context: dict[str, Any]) -> dict[str, Any]:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"show": False}
    count = unread_count(user)
    return {"show": True, "unread": count, "label": bell_label(count)}
