"""The discussions pages cost the same number of queries whatever their length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.network.models import Category, Post, PostStatus, Thread, ThreadRead
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


def test_the_thread_page_reads_the_thread_and_its_posts_in_two_queries(client, head_at_school_a):
    """Attachments and the reader's flags come with the posts; the poll with the opening
    post (one query). The session, the reader and the site's frame are not counted here."""
    client.force_login(head_at_school_a)
    thread = thread_with_posts(replies=3)
    ThreadRead.objects.create(user=head_at_school_a, thread=thread, last_read_number=100)
    url = reverse("network:thread", kwargs={"thread_id": thread.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    tables = (
        "network_thread",
        "network_post",
        "network_poll",
        "network_attachment",
        "network_flag",
    )
    read = [
        table
        for query in queries
        for table in tables
        if query["sql"].startswith(f'SELECT "{table}".')
    ]
    assert read == ["network_thread", "network_post", "network_poll"]


def test_an_accepted_answer_on_a_later_page_is_read_with_its_author(client, head_at_school_a):
    client.force_login(head_at_school_a)
    thread = thread_with_posts(replies=60, kind="question")
    answer = thread.posts.get(number=55)
    Thread.objects.filter(pk=thread.pk).update(accepted_post=answer)
    url = reverse("network:thread", kwargs={"thread_id": thread.pk})

    page = client.get(url)

    assert page.context["page"].number == 1
    assert page.context["answer"] == answer
    assert answer.author is not None
    text = page.content.decode()
    assert f"{answer.author.display_name} · " in text
    assert f'href="/network/posts/{answer.pk}/"' in text


def test_a_hidden_accepted_answer_is_not_shown(client, head_at_school_a):
    client.force_login(head_at_school_a)
    thread = thread_with_posts(replies=2, kind="question")
    answer = thread.posts.get(number=2)
    Post.objects.filter(pk=answer.pk).update(status=PostStatus.HIDDEN)
    Thread.objects.filter(pk=thread.pk).update(accepted_post=answer)

    page = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk}))

    assert page.context["answer"] is None
    assert 'data-testid="answer"' not in page.content.decode()


def test_the_thread_page_lists_only_the_files_of_the_posts_that_have_them(client, head_at_school_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reconnect.network.services.attachments import attachments_save

    client.force_login(head_at_school_a)
    thread = thread_with_posts(replies=2)
    reply = thread.posts.get(number=2)
    pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    files = [SimpleUploadedFile(name, pdf) for name in ("b-plan.pdf", "a-notes.pdf")]
    attachments_save(post=reply, files=files, by=reply.author)

    page = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk}))

    posts = {post.number: post for post in page.context["page"].posts}
    assert [post.has_files for post in posts.values()] == [False, True, False]
    text = page.content.decode()
    assert text.count('data-testid="attachments"') == 1
    assert f'id="post-{reply.pk}-attachments"' in text
    assert text.index("b-plan.pdf</a>") < text.index("a-notes.pdf</a>")  # as uploaded
