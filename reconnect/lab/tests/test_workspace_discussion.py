"""The trio's discussion: posts with one level of replies, the newest thread first; authors
change and delete their own, coordinators delete any, and every deletion is audited."""

import datetime

import pytest
import time_machine

from reconnect.core.models import AuditEvent
from reconnect.lab.models import NoteKind, TrioNote
from reconnect.lab.tests.factories import TrioFactory, TrioMemberFactory, TrioNoteFactory

MONDAY = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
TUESDAY = datetime.datetime(2026, 3, 3, 9, tzinfo=datetime.UTC)


@pytest.fixture
def trio(school_a):
    made = TrioFactory.create(name="Riverside trio")
    TrioMemberFactory.create(trio=made, school=school_a)
    return made


def _url(trio, rest=""):
    return f"/lab/trios/{trio.pk}/discussion/{rest}"


def test_post_is_added_escaped_and_audited(client, trio, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.post(_url(trio), {"body": "<script>alert(1)</script>\nSee you Tuesday"})

    post = TrioNote.objects.get(trio=trio, kind=NoteKind.POST)
    assert response["Location"] == f"{_url(trio)}#post-{post.pk}"
    page = client.get(_url(trio)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>See you Tuesday" in page
    assert "<script>alert(1)" not in page
    event = AuditEvent.objects.get(action="lab.trio.post_added")
    assert event.detail == {"trio": trio.pk, "reply_to": None}


def test_replies_hang_off_their_thread_one_level_deep(client, trio, staff_at_school_a):
    thread = TrioNoteFactory.create(trio=trio, body="Where shall we meet?")
    first = TrioNoteFactory.create(trio=trio, body="At school A", reply_to=thread)
    client.force_login(staff_at_school_a)

    client.post(_url(trio), {"body": "Agreed", "reply_to": str(first.pk)})

    reply = TrioNote.objects.get(body="Agreed")
    assert reply.reply_to == thread
    assert AuditEvent.objects.get(action="lab.trio.post_added").detail == {
        "trio": trio.pk,
        "reply_to": thread.pk,
    }


def test_reply_to_a_post_of_another_trio_is_refused(client, trio, staff_at_school_a):
    elsewhere = TrioNoteFactory.create(body="Another trio's post")
    client.force_login(staff_at_school_a)

    response = client.post(_url(trio), {"body": "Hello", "reply_to": str(elsewhere.pk)})

    assert response.status_code == 200
    assert "The post you replied to is no longer there." in response.content.decode()
    assert not TrioNote.objects.filter(body="Hello").exists()


def test_discussion_shows_the_newest_thread_first_with_replies_in_order(
    client, trio, staff_at_school_a
):
    with time_machine.travel(MONDAY, tick=False):
        older = TrioNoteFactory.create(trio=trio, body="Older thread")
        TrioNoteFactory.create(trio=trio, body="First reply", reply_to=older)
    with time_machine.travel(TUESDAY, tick=False):
        TrioNoteFactory.create(trio=trio, body="Newer thread")
        TrioNoteFactory.create(trio=trio, body="Second reply", reply_to=older)
    client.force_login(staff_at_school_a)

    page = client.get(_url(trio)).content.decode()

    order = [
        page.index(text) for text in ("Newer thread", "Older thread", "First reply", "Second reply")
    ]
    assert order == sorted(order)


def test_author_changes_their_post(client, trio, staff_at_school_a):
    post = TrioNoteFactory.create(trio=trio, body="Typo", author=staff_at_school_a)
    client.force_login(staff_at_school_a)

    response = client.post(_url(trio, f"{post.pk}/edit/"), {"body": "Fixed"})

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Fixed"
    assert AuditEvent.objects.filter(action="lab.trio.post_changed").count() == 1


def test_someone_elses_post_cannot_be_changed(client, trio, staff_at_school_a, head_at_school_a):
    post = TrioNoteFactory.create(trio=trio, body="Harriet's", author=head_at_school_a)
    client.force_login(staff_at_school_a)

    response = client.post(_url(trio, f"{post.pk}/edit/"), {"body": "Changed"})

    assert response.status_code == 403
    post.refresh_from_db()
    assert post.body == "Harriet's"


def test_author_deletes_their_post_while_nobody_else_replied(client, trio, staff_at_school_a):
    post = TrioNoteFactory.create(trio=trio, body="Mine", author=staff_at_school_a)
    TrioNoteFactory.create(trio=trio, reply_to=post, body="Also mine", author=staff_at_school_a)
    client.force_login(staff_at_school_a)

    response = client.post(_url(trio, f"{post.pk}/delete/"))

    assert response["Location"] == _url(trio)
    assert not TrioNote.objects.exists()
    event = AuditEvent.objects.get(action="lab.trio.post_deleted")
    assert event.detail == {
        "trio": trio.pk,
        "author": staff_at_school_a.pk,
        "reply": False,
        "replies": 1,
    }


def test_author_may_not_delete_a_post_others_replied_to(
    client, trio, staff_at_school_a, head_at_school_a
):
    post = TrioNoteFactory.create(trio=trio, body="Mine", author=staff_at_school_a)
    TrioNoteFactory.create(trio=trio, reply_to=post, body="Harriet's", author=head_at_school_a)
    client.force_login(staff_at_school_a)

    response = client.post(_url(trio, f"{post.pk}/delete/"))

    assert response.status_code == 403
    assert TrioNote.objects.count() == 2
    assert not AuditEvent.objects.filter(action="lab.trio.post_deleted").exists()


def test_member_may_not_delete_someone_elses_post(
    client, trio, staff_at_school_a, head_at_school_a
):
    post = TrioNoteFactory.create(trio=trio, author=head_at_school_a)
    client.force_login(staff_at_school_a)

    assert client.post(_url(trio, f"{post.pk}/delete/")).status_code == 403
    assert TrioNote.objects.filter(pk=post.pk).exists()


def test_coordinator_deletes_any_post_and_it_is_audited(
    client, trio, staff_at_school_a, head_at_school_a, coordinator
):
    post = TrioNoteFactory.create(trio=trio, body="Off topic", author=staff_at_school_a)
    TrioNoteFactory.create(trio=trio, reply_to=post, author=head_at_school_a)
    client.force_login(coordinator)

    response = client.post(_url(trio, f"{post.pk}/delete/"))

    assert response.status_code == 302
    assert not TrioNote.objects.exists()
    event = AuditEvent.objects.get(action="lab.trio.post_deleted")
    assert (event.actor, event.target_id) == (coordinator, str(post.pk))
    assert event.detail["author"] == staff_at_school_a.pk


def test_delete_is_post_only(client, trio, staff_at_school_a):
    post = TrioNoteFactory.create(trio=trio, author=staff_at_school_a)
    client.force_login(staff_at_school_a)

    assert client.get(_url(trio, f"{post.pk}/delete/")).status_code == 405
    assert TrioNote.objects.filter(pk=post.pk).exists()
