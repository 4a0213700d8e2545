"""Polls on the thread page: the view loads them once for the page's posts, so the opening
post shows its poll (or its author's "Add a poll" link) at a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.network.models import PollKind, Post, ThreadRead
from reconnect.network.services.polls import poll_create
from reconnect.network.tests.factories import thread_with_posts

pytestmark = pytest.mark.django_db


def _poll(thread):
    opening = Post.objects.get(thread=thread, number=1)
    return poll_create(
        post=opening,
        by=thread.author,
        question="When should the network meet?",
        kind=PollKind.SINGLE,
        options=["Monday after school", "Friday morning"],
    )


def _url(thread) -> str:
    return reverse("network:thread", kwargs={"thread_id": thread.pk})


def test_the_author_is_offered_to_add_a_poll_on_their_thread(client):
    thread = thread_with_posts(replies=1)
    client.force_login(thread.author)

    html = client.get(_url(thread)).content.decode()

    add = reverse("network:poll-new", kwargs={"thread_id": thread.pk})
    assert html.count('data-testid="poll-add"') == 1
    assert f'href="{add}" data-testid="poll-add">Add a poll to this thread</a>' in html


def test_another_reader_is_not_offered_to_add_a_poll(client, head_at_school_a):
    thread = thread_with_posts(replies=1)
    client.force_login(head_at_school_a)

    html = client.get(_url(thread)).content.decode()

    assert 'data-testid="poll-add"' not in html


def test_a_voter_sees_the_vote_form_on_the_thread_page(client, head_at_school_a):
    thread = thread_with_posts(replies=1)
    poll = _poll(thread)
    client.force_login(head_at_school_a)

    html = client.get(_url(thread)).content.decode()

    vote = reverse("network:poll-vote", kwargs={"poll_id": poll.pk})
    assert html.count('data-testid="poll"') == 1
    assert f'<form method="post" action="{vote}"' in html
    assert html.count('name="options" type="radio"') == 2
    assert ">Vote</button>" in html
    assert 'data-testid="poll-add"' not in html


def _count(client, url: str) -> int:
    client.get(url)  # warm: the session, the reader's handle, the content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_thread_page_with_a_poll_costs_the_same_for_few_and_many_posts(
    client, head_at_school_a
):
    short = thread_with_posts(replies=1)
    long = thread_with_posts(replies=30)
    for thread in (short, long):
        _poll(thread)
        ThreadRead.objects.create(user=head_at_school_a, thread=thread, last_read_number=100)
    client.force_login(head_at_school_a)

    assert _count(client, _url(short)) == _count(client, _url(long))
