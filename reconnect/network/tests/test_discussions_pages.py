"""The discussions pages: starting a thread, replying, quoting, locking, rate limits,
double submissions, edits and their history, accepted answers, watching, unread jumps."""

import re
from types import SimpleNamespace
from unittest import mock

import pytest
from django.urls import reverse

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.models import (
    Category,
    CategoryWatch,
    Post,
    PostStatus,
    Thread,
    ThreadKind,
    ThreadRead,
    ThreadWatch,
    WatchLevel,
)
from reconnect.network.services import discussions as services
from reconnect.network.tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    thread_with_posts,
)

pytestmark = pytest.mark.django_db


def _key(client, url: str) -> str:
    return client.get(url).context["form"].initial["submission_key"]


def test_a_member_starts_a_question_in_a_theme_category(client, head_at_school_a):
    client.force_login(head_at_school_a)
    url = reverse("network:thread-new", kwargs={"slug": "attendance"})

    response = client.post(
        url,
        {
            "title": "Morning calls",
            "kind": "question",
            "body": "Do **calls** help?",
            "submission_key": _key(client, url),
        },
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/network/threads/{thread.pk}/"
    assert thread.category is not None
    assert (thread.category.slug, thread.kind, thread.author) == (
        "attendance",
        ThreadKind.QUESTION,
        head_at_school_a,
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "<p>Do <strong>calls</strong> help?</p>" in page.content.decode()


def test_the_form_shows_what_is_missing(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("network:thread-new", kwargs={"slug": "general"}),
        {"title": "", "kind": "discussion", "body": " "},
    )

    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].errors["title"]] == ["Enter a title."]
    assert [str(e) for e in response.context["form"].errors["body"]] == ["Enter your post."]
    assert Thread.objects.count() == 0


def test_only_coordinators_start_announcements(client, head_at_school_a, coordinator):
    url = reverse("network:thread-new", kwargs={"slug": "announcements"})
    client.force_login(head_at_school_a)

    refused = client.post(url, {"title": "T", "kind": "discussion", "body": "B"})

    assert refused.status_code == 403
    assert "Only coordinators start threads in this category." in refused.content.decode()
    client.force_login(coordinator)
    assert client.post(url, {"title": "T", "kind": "discussion", "body": "B"}).status_code == 302
    assert Thread.objects.count() == 1


def test_a_double_click_makes_one_post(client, head_at_school_a):
    thread = thread_with_posts(replies=0)
    client.force_login(head_at_school_a)
    url = reverse("network:thread-reply", kwargs={"thread_id": thread.pk})
    data = {"body": "Same click", "submission_key": "abc123"}

    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/network/threads/{thread.pk}/#post-2"
    assert Post.objects.filter(thread=thread, author=head_at_school_a).count() == 1


@pytest.fixture
def _mid_minute():
    """The limit counts in fixed minutes: hold its clock mid-minute, so a slow run cannot
    straddle two windows."""
    clock = SimpleNamespace(time=lambda: 1_800_000_030.0)
    with mock.patch("reconnect.core.ratelimit.time", clock):
        yield


@pytest.mark.usefixtures("_mid_minute")
def test_posting_is_limited_to_six_a_minute(client, head_at_school_a):
    thread = thread_with_posts(replies=0)
    client.force_login(head_at_school_a)
    url = reverse("network:thread-reply", kwargs={"thread_id": thread.pk})

    answers = [client.post(url, {"body": f"Reply {i}"}).status_code for i in range(7)]

    assert answers == [302] * 6 + [429]
    limited = client.post(url, {"body": "Once more"})
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) >= 1
    assert "You have posted 6 times in the last minute." in limited.content.decode()
    assert thread.posts.count() == 7


def test_a_locked_thread_refuses_replies_and_hides_the_form(client, head_at_school_a):
    thread = thread_with_posts(replies=0, is_locked=True)
    client.force_login(head_at_school_a)

    page = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk}))
    refused = client.post(
        reverse("network:thread-reply", kwargs={"thread_id": thread.pk}), {"body": "Let me in"}
    )

    assert page.context["reply_form"] is None
    assert "This thread is locked: it takes no more replies." in page.content.decode()
    assert f'action="/network/threads/{thread.pk}/reply/"' not in page.content.decode()
    assert refused.status_code == 403
    assert "This thread is locked: it takes no more replies." in refused.content.decode()
    assert thread.posts.count() == 1


def test_another_member_cannot_see_a_group_thread(client, head_at_school_a, head_at_school_b):
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    thread = thread_with_posts(replies=1, category=None, group=group, author=head_at_school_a)
    client.force_login(head_at_school_b)

    assert client.get(reverse("network:thread", kwargs={"thread_id": thread.pk})).status_code == 404
    reply = client.post(
        reverse("network:thread-reply", kwargs={"thread_id": thread.pk}), {"body": "Hi"}
    )
    assert reply.status_code == 404
    assert thread.posts.count() == 2
    home = client.get(reverse("network:home"))
    assert thread.title not in home.content.decode()


def test_a_group_member_starts_a_group_thread(client, head_at_school_a, head_at_school_b):
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    url = reverse("network:group-thread-new", kwargs={"slug": group.slug})
    client.force_login(head_at_school_a)

    response = client.post(url, {"title": "Trio", "kind": "discussion", "body": "Ours."})

    thread = Thread.objects.get()
    assert (thread.group, thread.category) == (group, None)
    assert response["Location"] == f"/network/threads/{thread.pk}/"
    client.force_login(head_at_school_b)
    assert client.get(url).status_code == 404


def test_quote_prefills_the_reply_and_links_back(client, head_at_school_a, head_at_school_b):
    thread = thread_with_posts(replies=0, author=head_at_school_b)
    Post.objects.filter(thread=thread).update(body="Try texting.")
    client.force_login(head_at_school_a)
    url = reverse("network:thread-reply", kwargs={"thread_id": thread.pk})

    form = client.get(f"{url}?quote=1")
    body = form.context["form"].initial["body"]
    client.post(url, {"body": body + "We do.", "reply_to": "1", "submission_key": "q1"})

    assert body == (
        f"> [Ben Head wrote (#1)](/network/threads/{thread.pk}/#post-1):\n>\n> Try texting.\n\n"
    )
    reply = thread.posts.get(number=2)
    assert reply.reply_to is not None
    assert reply.reply_to.number == 1
    page = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk})).content.decode()
    assert '<a class="govuk-link" href="#post-1">in reply to #1</a>' in page
    assert "<blockquote>" in reply.body_html


def test_the_author_edits_and_readers_see_the_history(client, head_at_school_a, head_at_school_b):
    thread = thread_with_posts(replies=0, author=head_at_school_a, title="Old title")
    post = thread.posts.get()
    client.force_login(head_at_school_b)
    assert client.get(reverse("network:post-edit", kwargs={"post_id": post.pk})).status_code == 403
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("network:post-edit", kwargs={"post_id": post.pk}),
        {"title": "New title", "body": "Second thoughts."},
    )

    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.title == "New title"
    client.force_login(head_at_school_b)
    page = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk})).content.decode()
    assert f'href="/network/posts/{post.pk}/history/" data-testid="edited">edited' in page
    history = client.get(reverse("network:post-history", kwargs={"post_id": post.pk}))
    text = history.content.decode()
    assert "<p>Second thoughts.</p>" in text
    assert "We start at 8 and the register is taken at the table." in text
    assert "<strong>Title:</strong> Old title" in text


def test_the_asker_accepts_an_answer_shown_under_the_question(
    client, head_at_school_a, head_at_school_b
):
    thread = thread_with_posts(replies=1, author=head_at_school_a, kind=ThreadKind.QUESTION)
    answer = thread.posts.get(number=2)
    client.force_login(head_at_school_b)
    url = reverse("network:post-accept", kwargs={"post_id": answer.pk})
    assert client.post(url, {"action": "accept"}).status_code == 403
    client.force_login(head_at_school_a)

    client.post(url, {"action": "accept"})

    thread.refresh_from_db()
    assert thread.accepted_post == answer
    page = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk}))
    assert page.context["answer"] == answer
    assert 'data-testid="answer"' in page.content.decode()
    assert thread.category is not None
    category = client.get(reverse("network:category", kwargs={"slug": thread.category.slug}))
    assert "Question: answered" in category.content.decode()


def test_watch_controls_save_the_level(client, head_at_school_a):
    thread = thread_with_posts(replies=0)
    client.force_login(head_at_school_a)
    assert thread.category is not None

    client.post(
        reverse("network:thread-watch", kwargs={"thread_id": thread.pk}), {"level": "muted"}
    )
    client.post(
        reverse("network:category-watch", kwargs={"slug": thread.category.slug}),
        {"level": "watching"},
    )

    assert ThreadWatch.objects.get(user=head_at_school_a).level == WatchLevel.MUTED
    assert CategoryWatch.objects.get(user=head_at_school_a).level == WatchLevel.WATCHING


def test_a_returning_reader_is_taken_to_their_first_unread_post(client, head_at_school_a):
    thread = thread_with_posts(replies=120)
    ThreadRead.objects.create(user=head_at_school_a, thread=thread, last_read_number=60)
    client.force_login(head_at_school_a)
    url = reverse("network:thread", kwargs={"thread_id": thread.pk})

    jump = client.get(url)
    page = client.get(f"{url}?page=2")

    assert jump.status_code == 302
    assert jump["Location"] == f"{url}?page=2#post-61"
    assert [p.number for p in page.context["page"].posts] == list(range(51, 101))
    assert ThreadRead.objects.get(user=head_at_school_a).last_read_number == 100


def test_unread_counts_on_the_home_and_category_pages(client, head_at_school_a):
    attendance = Category.objects.get(slug="attendance")
    read = thread_with_posts(replies=4, category=attendance)
    unread = thread_with_posts(replies=2, category=attendance)
    thread_with_posts(replies=0, category=attendance)  # new: never opened
    muted = thread_with_posts(replies=3, category=attendance)
    ThreadRead.objects.create(user=head_at_school_a, thread=read, last_read_number=5)
    ThreadRead.objects.create(user=head_at_school_a, thread=unread, last_read_number=1)
    ThreadRead.objects.create(user=head_at_school_a, thread=muted, last_read_number=1)
    ThreadWatch.objects.create(user=head_at_school_a, thread=muted, level=WatchLevel.MUTED)
    client.force_login(head_at_school_a)

    home = client.get(reverse("network:home"))
    page = client.get(reverse("network:category", kwargs={"slug": "attendance"}))

    # The categories are kept for every member and the reader's counts laid on them
    # (``views.home``): read from each category's row.
    html = home.content.decode()

    def unread_in(slug: str) -> int:
        row = html.split(f'data-testid="category-{slug}"')[1].split("</tr>")[0]
        found = re.search(r'data-testid="unread">(\d+)</td>', row)
        assert found is not None, slug
        return int(found.group(1))

    assert unread_in("attendance") == 2
    assert unread_in("general") == 0
    assert '"unread-total">2 threads with posts you have not read</p>' in html
    # The category's list is kept for every member and the reader's markers laid on it
    # (``views.category_page``): read from each thread's row of the page.
    rows = page.content.decode().split('data-testid="thread-row"')[1:]

    def marks(thread_id: int) -> tuple[int, bool]:
        (row,) = [row for row in rows if f'href="/network/threads/{thread_id}/"' in row]
        unread = re.search(r'data-testid="unread">(\d+) unread<', row)
        return (int(unread.group(1)) if unread else 0, 'data-testid="new"' in row)

    assert len(rows) == 4
    assert marks(read.pk) == (0, False)
    assert marks(unread.pk) == (2, False)
    assert marks(muted.pk) == (3, False)
    assert sum(1 for row in rows if 'data-testid="new"' in row) == 1


def test_a_held_post_is_shown_only_to_its_author_and_moderators(
    client, head_at_school_a, head_at_school_b, coordinator
):
    thread = thread_with_posts(replies=0)
    post = Post.objects.create(
        thread=thread, number=2, author=head_at_school_a, body="Held", body_html="<p>Held</p>",
        status=PostStatus.PENDING,
    )  # fmt: skip
    url = reverse("network:thread", kwargs={"thread_id": thread.pk})

    seen = {}
    for user in (head_at_school_a, head_at_school_b, coordinator):
        client.force_login(user)
        seen[user.email] = [p.number for p in client.get(url).context["page"].posts]

    assert seen == {
        "head.a@example.org": [1, 2],
        "head.b@example.org": [1],
        "coordinator@example.org": [1, 2],
    }
    client.force_login(head_at_school_a)
    assert "Waiting for review" in client.get(url).content.decode()
    assert post.pk


def test_the_home_page_lists_categories_and_latest_threads(client, head_at_school_a):
    thread = thread_with_posts(replies=2, category=Category.objects.get(slug="send"))
    client.force_login(head_at_school_a)

    home = client.get(reverse("network:home"))

    send = next(c for c in home.context["categories"] if c.slug == "send")
    assert (send.thread_count, send.posts) == (1, 3)
    assert [t.pk for t in home.context["latest"]] == [thread.pk]
    assert home.status_code == 200


def test_a_stale_reader_of_a_missing_user_gets_a_handle(head_at_school_a):
    UserFactory.create(first_name="Zed", last_name="Zee")
    assert services.handle_of(head_at_school_a) == "harriet-head"
