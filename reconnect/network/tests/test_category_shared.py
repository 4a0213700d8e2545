"""A category's list of threads kept once for all members and once for all moderators
(``page_cache.shared_cached``), each reader's markers laid on it (``views.category_page``).

A change shows at once; a member never gets a moderator's list (hidden threads) or
another member's markers; a member's own thread waiting for review shows to them alone."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reconnect.network import page_cache
from reconnect.network.models import Category, Thread, ThreadRead
from reconnect.network.services import discussions as services
from reconnect.network.services import moderation
from reconnect.network.tests.factories import thread_with_posts
from reconnect.network.views.category_page import lay_markers

pytestmark = pytest.mark.django_db


def _general() -> Category:
    return Category.objects.get(slug="general")


def _category(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("network:category", kwargs={"slug": "general"}))
    assert response.status_code == 200
    return response.content.decode()


def _old(thread: Thread) -> Thread:
    """Started before ``unread.NEW_FOR``: not "New" to anyone."""
    Thread.objects.filter(pk=thread.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    return thread


def test_a_hidden_thread_never_reaches_a_member_from_a_moderator_s_list(
    client, head_at_school_a, coordinator
):
    hidden = thread_with_posts(category=_general(), title="Hidden for review")
    moderation.thread_set_hidden(thread=hidden, moderator=coordinator, hidden=True, reason="x")
    thread_with_posts(category=_general(), title="Open to all")

    assert "Hidden for review" in _category(client, coordinator)
    html = _category(client, head_at_school_a)

    assert "Open to all" in html
    assert "Hidden for review" not in html
    assert "1 thread" in html
    assert "Hidden for review" in _category(client, coordinator)  # and the other way round


def test_members_share_one_list_and_moderators_another(head_at_school_a, head_at_school_b):
    parts = ("general", "")
    member = page_cache.shared_key("category", moderator=False, parts=parts)
    moderator = page_cache.shared_key("category", moderator=True, parts=parts)

    assert member == page_cache.shared_key("category", moderator=False, parts=parts)
    assert member != moderator
    assert member.startswith("network:v1:shared:category:")


def test_each_member_gets_their_own_markers_on_the_shared_list(
    client, head_at_school_a, head_at_school_b, coordinator
):
    read = _old(thread_with_posts(category=_general(), title="Attendance letters", replies=2))
    ThreadRead.objects.create(user=head_at_school_a, thread=read, last_read_number=1)
    thread_with_posts(category=_general(), title="Fresh thread")

    first = _category(client, head_at_school_a)
    second = _category(client, head_at_school_b)

    assert 'data-testid="unread">2 unread</strong>' in first
    assert first.count('data-testid="new"') == 1  # the fresh thread, not the one they read
    assert "unread</strong>" not in second
    assert second.count('data-testid="new"') == 1  # the old thread is not new to them
    assert "reader-state" not in first + second


def test_a_reply_a_new_thread_an_edit_and_a_hidden_thread_show_at_once(
    client, head_at_school_a, coordinator
):
    thread = _old(thread_with_posts(category=_general(), title="Attendance letters"))
    ThreadRead.objects.create(user=head_at_school_a, thread=thread, last_read_number=1)
    assert "unread</strong>" not in _category(client, head_at_school_a)

    services.reply_create(author=coordinator, thread=thread, body="We send them weekly.")
    assert 'data-testid="unread">1 unread</strong>' in _category(client, head_at_school_a)

    services.thread_start(author=coordinator, title="Rotas", body="How?", category=_general())
    assert "Rotas" in _category(client, head_at_school_a)

    opening = thread.posts.get(number=1)
    services.post_edit(post=opening, editor=coordinator, body="Edited", title="Letters home")
    html = _category(client, head_at_school_a)
    assert "Letters home" in html
    assert "Attendance letters" not in html

    thread.refresh_from_db()
    moderation.thread_set_hidden(thread=thread, moderator=coordinator, hidden=True, reason="x")
    assert "Letters home" not in _category(client, head_at_school_a)


def test_a_member_s_own_thread_waiting_for_review_is_theirs_alone(
    client, head_at_school_a, head_at_school_b
):
    thread_with_posts(category=_general(), title="Open to all")
    assert "Open to all" in _category(client, head_at_school_b)  # the shared list is kept

    services.thread_start(
        author=head_at_school_a, title="My first question", body="How?", category=_general()
    )
    mine = _category(client, head_at_school_a)
    theirs = _category(client, head_at_school_b)

    assert "My first question" in mine
    assert "2 threads" in mine
    assert "My first question" not in theirs
    assert "1 thread" in theirs


def test_the_shared_list_is_rendered_once_for_many_members(
    client, head_at_school_a, head_at_school_b
):
    thread_with_posts(category=_general(), title="Open to all")
    cache.clear()
    _category(client, head_at_school_a)  # the list is kept
    client.force_login(head_at_school_b)
    url = reverse("network:category", kwargs={"slug": "general"})
    client.get(url)  # warm: their session, second factor and bell
    page_cache.reader_changed([head_at_school_b.pk])  # their own parts forgotten

    with CaptureQueriesContext(connection) as queries:
        assert "Open to all" in client.get(url).content.decode()

    tables = " ".join(query["sql"] for query in queries)
    assert "network_post" not in tables  # no thread list read or rendered: it is kept
    # Exact: the session, the member, whether they have a thread waiting for review here,
    # their places in its threads and their level for it.
    assert len(queries) == 5, [q["sql"][:120] for q in queries]


def test_markers_are_laid_as_the_template_wrote_them():
    now = timezone.now()
    html = "a<!--reader-state:1-->b<!--reader-state:2-->c<!--reader-state:3-->d"
    threads = [(1, 5, now), (2, 5, now - datetime.timedelta(days=400)), (3, 4, now)]

    laid = lay_markers(html, threads, {2: 2, 3: 4}, now - datetime.timedelta(days=1))

    assert laid == (
        'a<strong class="govuk-tag govuk-tag--green" data-testid="new">New</strong>'
        'b<strong class="govuk-tag govuk-tag--yellow" data-testid="unread">3 unread</strong>'
        "cd"
    )
