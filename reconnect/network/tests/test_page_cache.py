"""The page parts kept in the cache (``page_cache``): a change shows at once, and one
member's part is never served to another (their unread markers, their private groups).

Replies come from a coordinator: a new member's first posts wait for review."""

import pytest
from django.urls import reverse

from reconnect.network.models import Category, GroupMembership, ThreadRead
from reconnect.network.services import discussions as services
from reconnect.network.services.discussions import thread_read_mark
from reconnect.network.tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    thread_with_posts,
)

pytestmark = pytest.mark.django_db


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("network:home"))
    assert response.status_code == 200
    return response.content.decode()


def _general() -> Category:
    return Category.objects.get(slug="general")


def test_a_new_thread_shows_on_the_home_page_at_once(client, head_at_school_a, coordinator):
    thread_with_posts(category=_general(), title="An old thread")
    assert "An old thread" in _home(client, head_at_school_a)

    services.thread_start(
        author=coordinator, title="Breakfast club rotas", body="How?", category=_general()
    )

    assert "Breakfast club rotas" in _home(client, head_at_school_a)


def test_a_reply_shows_in_the_counts_and_unread_at_once(client, head_at_school_a, coordinator):
    thread = thread_with_posts(category=_general(), title="Attendance letters")
    client.force_login(head_at_school_a)
    client.get(reverse("network:thread", kwargs={"thread_id": thread.pk}))
    html = _home(client, head_at_school_a)
    assert "0 threads with posts you have not read" in html

    services.reply_create(author=coordinator, thread=thread, body="We send them weekly.")

    html = _home(client, head_at_school_a)
    assert "1 thread with posts you have not read" in html
    assert "1 unread" in html


def test_reading_a_thread_clears_its_marker_at_once(client, head_at_school_a, coordinator):
    thread = thread_with_posts(category=_general(), title="Attendance letters")
    ThreadRead.objects.create(user=head_at_school_a, thread=thread, last_read_number=1)
    services.reply_create(author=coordinator, thread=thread, body="We send them weekly.")
    assert "1 unread" in _home(client, head_at_school_a)

    thread_read_mark(user=head_at_school_a, thread=thread, number=2, known=1)

    html = _home(client, head_at_school_a)
    assert "1 unread" not in html
    assert "0 threads with posts you have not read" in html


def test_a_hidden_thread_leaves_the_home_page_at_once(client, head_at_school_a):
    thread = thread_with_posts(category=_general(), title="Soon hidden")
    assert "Soon hidden" in _home(client, head_at_school_a)

    thread.is_hidden = True
    thread.save(update_fields=["is_hidden"])  # as the admin would: the signal tells the cache

    assert "Soon hidden" not in _home(client, head_at_school_a)


def test_a_new_event_shows_at_once(client, head_at_school_a):
    assert "No events are coming up." in _home(client, head_at_school_a)

    EventFactory.create(title="Spring network meeting")

    assert "Spring network meeting" in _home(client, head_at_school_a)


def test_a_private_groups_thread_never_reaches_another_member(
    client, head_at_school_a, head_at_school_b
):
    group = GroupFactory.create(name="Governors' circle")
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    thread_with_posts(group=group, category=None, title="Our private plans")
    assert "Our private plans" in _home(client, head_at_school_a)

    html = _home(client, head_at_school_b)

    assert "Our private plans" not in html
    assert "Governors&#x27; circle" not in html


def test_leaving_a_group_hides_its_threads_at_once(client, head_at_school_a):
    group = GroupFactory.create(name="Governors' circle")
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    thread_with_posts(group=group, category=None, title="Our private plans")
    assert "Our private plans" in _home(client, head_at_school_a)

    # Straight in the database: no signal, no service; the key names the member's groups.
    GroupMembership.objects.filter(group=group, user=head_at_school_a).delete()

    assert "Our private plans" not in _home(client, head_at_school_a)


def test_one_members_unread_markers_are_not_anothers(
    client, head_at_school_a, head_at_school_b, coordinator
):
    thread = thread_with_posts(category=_general(), title="Attendance letters")
    ThreadRead.objects.create(user=head_at_school_a, thread=thread, last_read_number=1)
    services.reply_create(author=coordinator, thread=thread, body="We send them weekly.")
    assert "1 unread" in _home(client, head_at_school_a)

    html = _home(client, head_at_school_b)

    assert "1 unread" not in html


def _category(client, user, slug: str = "general") -> str:
    client.force_login(user)
    response = client.get(reverse("network:category", kwargs={"slug": slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_thread_shows_on_its_category_page_at_once(client, head_at_school_a, coordinator):
    thread_with_posts(category=_general(), title="An old thread")
    assert "1 thread" in _category(client, head_at_school_a)

    services.thread_start(
        author=coordinator, title="Breakfast club rotas", body="How?", category=_general()
    )

    html = _category(client, head_at_school_a)
    assert "Breakfast club rotas" in html
    assert "2 threads" in html


def test_a_thread_waiting_for_review_shows_to_its_author_alone(
    client, head_at_school_a, head_at_school_b
):
    # A new member's first thread waits for review: only they see it in the list.
    services.thread_start(
        author=head_at_school_a, title="My first question", body="How?", category=_general()
    )
    assert "My first question" in _category(client, head_at_school_a)

    assert "My first question" not in _category(client, head_at_school_b)


def test_a_renamed_category_and_a_new_level_show_at_once(client, head_at_school_a):
    category = _general()
    _category(client, head_at_school_a)

    category.name = "Everything else"
    category.save(update_fields=["name"])
    services.category_watch_set(user=head_at_school_a, category=category, level="muted")

    html = _category(client, head_at_school_a)
    assert '<h1 class="govuk-heading-xl">Everything else</h1>' in html
    assert '<option value="muted" selected>' in html


def test_an_unknown_category_is_not_found(client, head_at_school_a):
    client.force_login(head_at_school_a)

    for _ in range(2):
        response = client.get(reverse("network:category", kwargs={"slug": "no-such-place"}))
        assert response.status_code == 404
