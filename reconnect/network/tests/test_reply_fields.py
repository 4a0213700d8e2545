"""The thread page's empty reply form, written once a process (``views.reply_fields``)."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reconnect.network.forms.discussions import ReplyForm
from reconnect.network.tests.factories import thread_with_posts
from reconnect.network.views import reply_fields

KEY = re.compile(r'name="submission_key" value="([0-9a-f]{32})"')


def test_the_fields_are_the_form_s_own_with_a_new_key_each_time():
    reply_fields._WRITTEN.clear()
    first, second = reply_fields.empty_reply_fields(), reply_fields.empty_reply_fields()
    (first_key,), (second_key,) = KEY.findall(first), KEY.findall(second)
    form = ReplyForm(initial={"submission_key": first_key})

    assert first_key != second_key
    assert first == render_to_string("network/discussions/reply_fields.html", {"form": form})
    assert second == first.replace(first_key, second_key)


def test_each_language_has_its_own_fields():
    reply_fields._WRITTEN.clear()
    with translation.override("en-gb"):
        reply_fields.empty_reply_fields()
    with translation.override("de"):
        reply_fields.empty_reply_fields()

    assert set(reply_fields._WRITTEN) == {"en-gb", "de"}


@pytest.mark.django_db
def test_the_thread_page_gives_each_visit_its_own_key(client, head_at_school_a):
    client.force_login(head_at_school_a)
    url = reverse("network:thread", kwargs={"thread_id": thread_with_posts(replies=1).pk})

    pages = [client.get(url).content.decode() for _ in range(2)]
    keys = [KEY.findall(page) for page in pages]

    assert len(keys[0]) == len(keys[1]) == 1
    assert keys[0] != keys[1]
    assert 'name="csrfmiddlewaretoken"' in pages[0].split('id="reply"')[1]
