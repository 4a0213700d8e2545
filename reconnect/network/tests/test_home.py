"""The Network's front page: the door to every area, the next events, the moderators'
review queue, and a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reconnect.network.models import Category, PostStatus
from reconnect.network.page_cache import content_changed
from reconnect.network.tests.factories import (
    ConversationParticipantFactory,
    EventFactory,
    FlagFactory,
    GroupFactory,
    PostFactory,
    thread_with_posts,
)

pytestmark = pytest.mark.django_db

MEMBER_LINKS = [
    ("network:group-list", "Groups"),
    ("network:message-list", "Messages"),
    ("network:event-list", "Events"),
    ("network:board", "Offers and requests"),
    ("network:helpers", "Who can help me?"),
    ("network:notification-settings", "Notification settings"),
    ("network:blocked-members", "Blocked members"),
]


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("network:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_finds_every_area_and_a_search_form(client, head_at_school_a):
    html = _page(client, head_at_school_a)

    for name, text in MEMBER_LINKS:
        assert f'<a class="govuk-link" href="{reverse(name)}">{text}</a>' in html or (
            f'href="{reverse(name)}"' in html and text in html
        )
    assert f'<form method="get" action="{reverse("network:search")}" role="search"' in html
    assert (
        '<input class="govuk-input govuk-!-width-two-thirds" id="network-home-q" name="q"' in html
    )
    assert reverse("network:review-queue") not in html


def test_each_area_link_is_exact(client, head_at_school_a):
    html = _page(client, head_at_school_a)

    for name, text in MEMBER_LINKS:
        if name == "network:message-list":
            continue
        assert f'<li><a class="govuk-link" href="{reverse(name)}">{text}</a></li>' in html
    assert (
        f'<a class="govuk-link" href="{reverse("network:message-list")}" '
        'data-testid="messages-link">Messages</a>'
    ) in html


def test_the_messages_link_counts_unread_conversations(client, head_at_school_a):
    for _ in range(2):
        ConversationParticipantFactory.create(user=head_at_school_a, last_read_at=None)
    read = ConversationParticipantFactory.create(user=head_at_school_a)
    read.last_read_at = read.conversation.last_message_at + datetime.timedelta(minutes=1)
    read.save()

    html = _page(client, head_at_school_a)

    assert (
        f'href="{reverse("network:message-list")}" data-testid="messages-link">'
        "Messages (2 unread conversations)</a>"
    ) in html


def test_a_coordinator_sees_the_review_queue_with_its_count(client, coordinator):
    thread = thread_with_posts(replies=1, category=Category.objects.get(slug="general"))
    PostFactory.create(thread=thread, number=3, status=PostStatus.PENDING)
    FlagFactory.create(post=thread.posts.get(number=2))

    html = _page(client, coordinator)

    assert (
        f'<a class="govuk-link" href="{reverse("network:review-queue")}" '
        'data-testid="review-queue-link">Review queue (2 posts waiting)</a>'
    ) in html
    for name, _text in MEMBER_LINKS:
        assert f'href="{reverse(name)}"' in html


def test_the_next_three_events_the_member_may_see(client, head_at_school_a):
    now = timezone.now()
    soon = [
        EventFactory.create(
            title=f"Meeting {n}",
            starts_at=now + datetime.timedelta(days=n),
            ends_at=now + datetime.timedelta(days=n, hours=2),
        )
        for n in (3, 1, 2, 4)
    ]
    EventFactory.create(
        title="Cancelled meeting",
        starts_at=now + datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
        cancelled_at=now,
    )
    EventFactory.create(
        title="Private group meeting",
        group=GroupFactory.create(),
        starts_at=now + datetime.timedelta(minutes=30),
        ends_at=now + datetime.timedelta(hours=1),
    )
    EventFactory.create(
        title="Last week's meeting",
        starts_at=now - datetime.timedelta(days=7),
        ends_at=now - datetime.timedelta(days=7, hours=-2),
    )
    client.force_login(head_at_school_a)

    response = client.get(reverse("network:home"))

    assert [event.title for event in response.context["upcoming"]] == [
        "Meeting 1",
        "Meeting 2",
        "Meeting 3",
    ]
    html = response.content.decode()
    by_title = {event.title: event for event in soon}
    assert (
        f'href="{reverse("network:event", kwargs={"event_id": by_title["Meeting 1"].pk})}"' in html
    )
    assert "Meeting 4" not in html
    assert "Private group meeting" not in html
    assert "Cancelled meeting" not in html


def test_no_events_says_so(client, head_at_school_a):
    assert "No events are coming up." in _page(client, head_at_school_a)


def _count(client, user) -> tuple[int, int]:
    """The queries of the page written afresh, then of the same page again (its lists
    from the cache)."""
    client.force_login(user)
    url = reverse("network:home")
    client.get(url)  # warm: the session, the reader's handle, the content types
    content_changed()  # the lists are written afresh, then read from the cache
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    return counts[0], counts[1]


# The home page's queries written afresh, whatever the rows: the session and the user (2),
# the member's groups (1), which latest threads they see with their places in them (1),
# which events (1), their unread threads by category (1), the categories' two cache keys
# and the categories (3; the counts come from the cache), the latest threads and their last
# posters (2), the events (1), unread conversations (1). A moderator adds the review
# queue's count (1). The second-factor gate and the header's bell come from the cache after
# the warming request, and the session was saved at sign-in, less than a minute before.
MEMBER_QUERIES = 13
MODERATOR_QUERIES = 14
# Again, the lists' HTML from the cache: no categories, threads' rows or events read; the
# member's part (which rows, their places and counts) is read each time.
MEMBER_CACHED = 7
MODERATOR_CACHED = 8


def _fill() -> None:
    for slug in ("general", "attendance", "send", "transition"):
        thread_with_posts(replies=2, category=Category.objects.get(slug=slug))
    for _ in range(4):
        EventFactory.create()


def _one() -> None:
    """One thread, one event: with none, the latest threads skip two queries."""
    thread_with_posts(replies=1, category=Category.objects.get(slug="general"))
    EventFactory.create()


def test_the_home_page_query_count_is_constant_for_a_member(client, head_at_school_a):
    _one()
    one = _count(client, head_at_school_a)
    _fill()
    for _ in range(3):
        ConversationParticipantFactory.create(user=head_at_school_a)

    expected = (MEMBER_QUERIES, MEMBER_CACHED)
    assert (one, _count(client, head_at_school_a)) == (expected, expected)


def test_the_home_page_query_count_is_constant_for_a_moderator(client, coordinator):
    _one()
    one = _count(client, coordinator)
    _fill()
    PostFactory.create(
        thread=thread_with_posts(category=Category.objects.get(slug="general")),
        number=2,
        status=PostStatus.PENDING,
    )

    expected = (MODERATOR_QUERIES, MODERATOR_CACHED)
    assert (one, _count(client, coordinator)) == (expected, expected)
