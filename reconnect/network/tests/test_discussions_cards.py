"""Links to Hub items and Lab pilots on a line of their own are shown as cards, but only
what the reader may see: anything else stays the plain link it was written as."""

import pytest
from django.urls import reverse

from reconnect.hub.models import Visibility
from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.lab.tests.factories import PilotFactory
from reconnect.network.markdown import render_markdown
from reconnect.network.models import Post
from reconnect.network.tests.factories import thread_with_posts

pytestmark = pytest.mark.django_db


def _thread_saying(body: str):
    thread = thread_with_posts(replies=0)
    Post.objects.filter(thread=thread).update(body=body, body_html=render_markdown(body))
    return thread


def _cards(client, thread) -> list[str]:
    page = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk}))
    return [f"{c.kind}|{c.title}|{c.url}" for c in page.context["cards"].values()]


def test_a_hub_item_the_reader_may_see_is_a_card(client, head_at_school_a):
    item = InterventionPageFactory.create(
        title="Mentoring", summary="Adults meet pupils weekly.", visibility=Visibility.MEMBERS
    )
    path = item.url_path[item.url_path.find("/hub/") :]
    thread = _thread_saying(f"Have a look:\n\nhttp://testserver{path}\n\nThanks")
    client.force_login(head_at_school_a)

    page = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk}))

    assert _cards(client, thread) == [f"Intervention|Mentoring|{path}"]
    html = page.content.decode()
    assert f'<a class="govuk-link" href="{path}">Mentoring</a>' in html
    assert "Adults meet pupils weekly." in html


def test_a_pilot_of_the_reader_s_school_is_a_card_and_another_s_stays_a_link(
    client, head_at_school_a, school_a, school_b
):
    mine = PilotFactory.create(school=school_a, title="Year 5 reading")
    theirs = PilotFactory.create(school=school_b, title="Secret pilot of B")
    mine_path = f"/lab/{school_a.urn}/pilots/{mine.pk}/"
    theirs_path = f"/lab/{school_b.urn}/pilots/{theirs.pk}/"
    thread = _thread_saying(f"[ours]({mine_path})\n\n[theirs]({theirs_path})")
    client.force_login(head_at_school_a)

    page = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk}))

    assert _cards(client, thread) == [f"Lab pilot: Draft|Year 5 reading|{mine_path}"]
    html = page.content.decode()
    assert "Secret pilot of B" not in html
    assert f'<a href="{theirs_path}" rel="nofollow noopener ugc">theirs</a>' in html


def test_a_link_to_another_site_s_hub_path_is_no_card(client, head_at_school_a):
    item = InterventionPageFactory.create(title="Tutoring")
    path = item.url_path[item.url_path.find("/hub/") :]
    thread = _thread_saying(f"https://evil.example{path}")
    client.force_login(head_at_school_a)

    assert _cards(client, thread) == []
