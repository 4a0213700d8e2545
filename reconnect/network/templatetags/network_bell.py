"""The header's notification bell (the notifications area owns it)."""

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("network/notifications/bell.html", takes_context=True)
def notification_bell(context: dict[str, Any]) -> dict[str, Any]:
    return {"unread": 0, "user": context.get("user")}
