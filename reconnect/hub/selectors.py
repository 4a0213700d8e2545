"""Reads of Hub content, always through the visibility rule.

Every listing, count and search in the Hub starts from ``hub_pages_visible_to`` so a
members-only item can never leak to a visitor by a path someone forgot to filter.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from reconnect.hub.models import HubPage, Visibility


def can_see_members_only(user: Any) -> bool:
    """Every signed-in account is a member of the network (sign-up is by invitation)."""
    return bool(user is not None and not isinstance(user, AnonymousUser) and user.is_authenticated)


def hub_pages_visible_to[PageT: HubPage](
    user: Any, queryset: QuerySet[PageT] | None = None
) -> QuerySet[PageT]:
    """Live Hub pages this user may read: public ones, plus members-only for members."""
    pages: QuerySet[Any] = queryset if queryset is not None else HubPage.objects.all()
    pages = pages.filter(live=True)
    if not can_see_members_only(user):
        pages = pages.filter(visibility=Visibility.PUBLIC)
    return pages
