"""Each post's heading, written in Python (``views.post_links.PostLinks.byline``), says what
the template said: the number, the author (escaped) and handle, the time where the site is,
the post it answers (on its page) and whether it was edited."""

import datetime

import pytest
from django.urls import reverse

from reconnect.network.models import Post
from reconnect.network.models.discussions import MemberHandle
from reconnect.network.tests.factories import thread_with_posts

pytestmark = pytest.mark.django_db


def test_the_heading_escapes_the_name_and_shows_handle_time_reply_and_edit(
    client, head_at_school_a
):
    thread = thread_with_posts(replies=60)
    reply = thread.posts.get(number=2)
    author = reply.author
    assert author is not None
    author.first_name, author.last_name = "<b>Ann</b>", "O'Neil & Co"
    author.save()
    MemberHandle.objects.create(user=author, handle="ann-oneil")
    summer = datetime.datetime(2026, 7, 4, 8, 5, tzinfo=datetime.UTC)  # 09:05 in London
    later = thread.posts.get(number=55)
    Post.objects.filter(pk=reply.pk).update(created_at=summer, reply_to=later, edit_count=1)
    client.force_login(head_at_school_a)

    page = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk}))

    text = page.content.decode()
    member_url = reverse("schools:member-detail", kwargs={"pk": author.pk})
    assert (
        f'<p class="govuk-body-s govuk-!-margin-bottom-1" id="post-2-by">\n'
        f'          <a class="govuk-link" href="#post-2">#2</a>\n'
        f'          <a class="govuk-link govuk-!-font-weight-bold" href="{member_url}">'
        "&lt;b&gt;Ann&lt;/b&gt; O&#x27;Neil &amp; Co</a> <span>@ann-oneil</span>,\n"
        f'          <time datetime="2026-07-04T09:05:00+01:00">4 Jul 2026, 09:05</time>\n'
        f'          · <a class="govuk-link" href="?page=2#post-55">in reply to #55</a>\n'
        f'          · <a class="govuk-link" href="/network/posts/{reply.pk}/history/" '
        f'data-testid="edited">edited<span class="govuk-visually-hidden"> – see the changes'
        f"</span></a>\n        </p>"
    ) in text


def test_the_heading_of_a_former_members_post_on_the_same_page(client, head_at_school_a):
    thread = thread_with_posts(replies=2)
    Post.objects.filter(thread=thread, number=3).update(
        author=None, reply_to=thread.posts.get(number=1)
    )
    client.force_login(head_at_school_a)

    text = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk})).content.decode()

    assert (
        '<a class="govuk-link" href="#post-3">#3</a>\n'
        '          <span class="govuk-!-font-weight-bold">A former member</span>,\n'
    ) in text
    assert '· <a class="govuk-link" href="#post-1">in reply to #1</a>\n          \n' in text
