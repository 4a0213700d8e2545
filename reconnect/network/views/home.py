"""The Headteacher Network's front page, ``network/``: the door to every area (search,
groups, messages, events, the board, "Who can help me?", notifications and, for
moderators, the review queue), the categories with their counts and what this member has
not read, the latest threads they may read and the next few events.

Members read threads and post all the time, and each of those made a list kept for each
member stale: it was written afresh on almost every visit (about 22 ms). Nothing here is
kept per member now. For each request, a few queries compiled once read what is the
member's: which latest threads and events they see (their groups, whether they moderate,
their own thread waiting for review), their places in those threads and their unread
threads by category. The HTML is kept once for everyone who gets the same rows
(``page_cache.kept_for_rows``): the categories with their counts (the same for all), a
list of latest threads, a list of events. The member's counts and markers are laid in its
slots: the headline and each category's "Unread" (``lay_unread``), each thread's "New" or
"n unread" (``category_page.lay_markers``).

The areas' counts (unread conversations, the review queue) are read every time."""

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from reconnect.network.page_cache import Rows, kept_for_rows
from reconnect.network.rules.base import is_moderator
from reconnect.network.selectors import discussions as selectors
from reconnect.network.selectors.home import events_in_order, upcoming_event_ids
from reconnect.network.selectors.messages import unread_count
from reconnect.network.selectors.moderation import review_queue_count
from reconnect.network.selectors.unread import new_since, unread_by_category
from reconnect.network.views.category_page import lay_markers


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    moderator = is_moderator(user)
    # The member's part: which rows they see, their places and counts (three queries).
    latest = selectors.latest_places(user)
    latest_ids = tuple(thread.pk for thread in latest)
    event_ids = tuple(upcoming_event_ids(user))
    unread = unread_by_category(user)
    # The rows' HTML, the same for everyone who sees them.
    events_html, categories_html, latest_html = kept_for_rows(
        [
            Rows("home-events", lambda: _events(event_ids), event_ids),
            Rows("home-categories", _categories),
            Rows("home-latest", lambda: _latest(latest_ids), latest_ids),
        ]
    )
    lists = (
        events_html
        + lay_unread(categories_html, unread)
        + lay_markers(
            latest_html,
            [(thread.pk, thread.last_post_number, thread.created_at) for thread in latest],
            {thread.pk: thread.last_read for thread in latest if thread.last_read is not None},
            new_since(user),
        )
    )
    return render(
        request,
        "network/home.html",
        {
            "lists": mark_safe(lists),  # noqa: S308 (our templates', escaped there)
            "unread_messages": unread_count(user),
            "is_moderator": moderator,
            "review_count": review_queue_count() if moderator else None,
        },
    )


# Each part is written from its rows alone, without the request or the member.


def _events(ids: tuple[int, ...]) -> str:
    return render_to_string("network/home_events.html", {"upcoming": events_in_order(list(ids))})


def _categories() -> str:
    # The counts leave out hidden threads and threads waiting for review for everyone,
    # moderators too: one table for all.
    categories = selectors.categories_with_counts()
    return render_to_string("network/home_categories.html", {"categories": categories})


def _latest(ids: tuple[int, ...]) -> str:
    threads = selectors.latest_rows(list(ids))
    return render_to_string("network/home_latest.html", {"latest": threads})


# What ``home_categories.html`` leaves for the reader: no escaped name or description can
# hold a "<".
UNREAD_SLOT = re.compile(r"<!--unread-(?:total|category:(\d+))-->")


def lay_unread(html: str, unread: dict[int, int]) -> str:
    """``html`` with the reader's counts in its slots: the headline, and each category's
    unread or new threads (``unread_by_category``; 0 for a category without any)."""
    total = sum(unread.values())
    # As ``{% blocktranslate count %}`` writes it: the text as translated, the number
    # localised.
    headline = ngettext(
        "%(counter)s thread with posts you have not read",
        "%(counter)s threads with posts you have not read",
        total,
    ) % {"counter": localize(total)}

    def fill(match: re.Match[str]) -> str:
        category = match.group(1)
        if category is None:
            return headline
        return str(localize(unread.get(int(category), 0)))

    return UNREAD_SLOT.sub(fill, html)


URLS: list[URLPattern] = [path("network/", home, name="home")]
