"""The header's "Lab" item, for those with somewhere to go in the Lab, at no cost per page.

Whether to show it is worked out once, when the user signs in (``remember_on_sign_in``, a
``user_logged_in`` receiver), and kept in the session; the header only reads it. The Lab
home refreshes it (``remember``). Nobody's access depends on it: every page checks for
itself.

- A member of some school (any role): the Lab home, with that school's pilots.
- A coordinator or administrator: the Lab home, with the network's running pilots.
- Anyone else: no item.
"""

from typing import Any

from django import template
from django.urls import reverse

from reconnect.core.session_nav import SessionNavItem
from reconnect.lab import rules

register = template.Library()

SESSION_KEY = "lab_nav"


def nav_target(user: Any) -> str:
    """Where the item leads for ``user``, or "" for no item. At most one query."""
    from reconnect.schools.models import Membership

    if user is None or not user.is_authenticated or not user.is_active:
        return ""
    if rules.can_list_network_pilots(user) or Membership.objects.filter(user=user).exists():
        return reverse("lab:home")
    return ""


ITEM = SessionNavItem(SESSION_KEY, nav_target)
remember = ITEM.remember
remember_on_sign_in = ITEM.remember_on_sign_in  # connected in the app's ``ready()``


@register.simple_tag(takes_context=True)
def lab_url(context: template.Context) -> str:
    """The item's address for the signed-in user, or "" when there is none. No query."""
    return ITEM.url(context)
