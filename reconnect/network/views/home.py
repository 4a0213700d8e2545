"""The Headteacher Network's front page, ``network/``: the door to every area (search,
groups, messages, events, the board, "Who can help me?", notifications and, for
moderators, the review queue), the categories with their counts and what this member has
not read, the latest threads they may read and the next few events.

The lists are kept for each member in the cache (``page_cache``) until the network's
content or the member's reading changes; the areas' counts are read every time."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, path

from reconnect.network.page_cache import member_fragment
from reconnect.network.rules.base import is_moderator
from reconnect.network.selectors import discussions as selectors
from reconnect.network.selectors.home import upcoming_events
from reconnect.network.selectors.messages import unread_count
from reconnect.network.selectors.moderation import review_queue_count
from reconnect.network.selectors.unread import unread_by_category


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    moderator = is_moderator(user)
    return render(
        request,
        "network/home.html",
        {
            "lists": member_fragment(user, "home", lambda: _lists(user)),
            "unread_messages": unread_count(user),
            "is_moderator": moderator,
            "review_count": review_queue_count() if moderator else None,
        },
    )


def _lists(user: Any) -> str:
    """The events, the categories with what ``user`` has not read, and the latest threads:
    without the request, so the HTML depends on nothing the cache key does not name."""
    unread = unread_by_category(user)
    categories = selectors.categories_with_counts()
    for category in categories:
        category.unread = unread.get(category.pk, 0)  # type: ignore[attr-defined]
    latest = selectors.latest_threads(user)
    return render_to_string(
        "network/home_lists.html",
        {
            "categories": categories,
            "latest": latest,
            "unread_total": sum(unread.values()),
            # After the latest threads: the member's groups are already read for them.
            "upcoming": upcoming_events(user),
        },
    )


URLS: list[URLPattern] = [path("network/", home, name="home")]
