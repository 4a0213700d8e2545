"""The discussions pages cost the same number of queries whatever their length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.network.models import Category, ThreadRead
from reconnect.network.tests.factories import thread_with_posts

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    client.get(url)  # warm: the session, the reader's handle, the content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_home_page_costs_the_same_for_one_and_many_threads(client, head_at_school_a):
    client.force_login(head_at_school_a)
    general = Category.objects.get(slug="general")
    thread = thread_with_posts(replies=1, category=general)
    ThreadRead.objects.create(user=head_at_school_a, thread=thread, last_read_number=1)
    one = _count(client, reverse("network:home"))

    for slug in ("attendance", "send", "transition"):
        more = thread_with_posts(replies=3, category=Category.objects.get(slug=slug))
        ThreadRead.objects.create(user=head_at_school_a, thread=more, last_read_number=1)

    assert _count(client, reverse("network:home")) == one


def test_the_category_page_costs_the_same_for_one_and_many_threads(client, head_at_school_a):
    client.force_login(head_at_school_a)
    attendance = Category.objects.get(slug="attendance")
    thread_with_posts(replies=1, category=attendance)
    url = reverse("network:category", kwargs={"slug": "attendance"})
    one = _count(client, url)

    for _ in range(4):
        thread_with_posts(replies=2, category=attendance)

    assert _count(client, url) == one


def test_the_thread_page_costs_the_same_for_few_and_many_posts(client, head_at_school_a):
    client.force_login(head_at_school_a)
    short = thread_with_posts(replies=1)
    long = thread_with_posts(replies=40)
    for thread in (short, long):
        ThreadRead.objects.create(user=head_at_school_a, thread=thread, last_read_number=100)

    few = _count(client, reverse("network:thread", kwargs={"thread_id": short.pk}))
    many = _count(client, reverse("network:thread", kwargs={"thread_id": long.pk}))

    assert few == many
