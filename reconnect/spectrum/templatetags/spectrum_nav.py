"""The header's "Pupil data" item, for those with somewhere to go, at no cost per page.

Where the item leads is worked out once, when the user signs in (``remember_on_sign_in``,
a ``user_logged_in`` receiver), and kept in the session; the header only reads it, so no
page pays a query for it. The pupil-data home refreshes it (``remember``). Nobody's access
depends on it: every page checks for itself.

- A lead, data lead or granted staff member of some school: the pupil-data home.
- Otherwise someone who sees network aggregates (system leader, coordinator, admin): the
  network page.
- Anyone else: no item.
"""

from typing import Any

from django import template
from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse

from reconnect.core.session_nav import SessionNavItem
from reconnect.spectrum import rules

register = template.Library()

SESSION_KEY = "spectrum_nav"


def nav_target(user: Any) -> str:
    """Where the item leads for ``user``, or "" for no item. One or two queries."""
    from reconnect.schools.models import Membership
    from reconnect.spectrum.models import StaffCohortGrant

    if user is None or not user.is_authenticated or not user.is_active:
        return ""
    grant = StaffCohortGrant.objects.filter(school=OuterRef("school"), user=user)
    has_school = (
        Membership.objects.filter(user=user)
        .filter(Q(role__in=rules.PUPIL_ROLES) | Exists(grant))
        .exists()
    )
    if has_school:
        return reverse("spectrum:home")
    if rules.can_see_network_aggregates(user):
        try:
            return reverse("spectrum:network")
        except NoReverseMatch:
            return reverse("spectrum:home")
    return ""


ITEM = SessionNavItem(SESSION_KEY, nav_target)
remember = ITEM.remember
remember_on_sign_in = ITEM.remember_on_sign_in  # connected in the app's ``ready()``


@register.simple_tag(takes_context=True)
def pupil_data_url(context: template.Context) -> str:
    """The item's address for the signed-in user, or "" when there is none. No query."""
    return ITEM.url(context)
