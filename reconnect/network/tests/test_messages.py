"""Private messages: starting a conversation (the contract the board calls), replies,
unread marks, leaving, writing to a group, blocks, double clicks, rate limits, and that
only participants ever open a conversation."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.exceptions import ApplicationError
from reconnect.network.models import (
    Block,
    Conversation,
    ConversationParticipant,
    GroupRole,
    Message,
    Notification,
    NotificationKind,
)
from reconnect.network.services.messages import conversation_start, message_reply
from reconnect.network.tests.factories import (
    BoardPostFactory,
    GroupFactory,
    GroupMembershipFactory,
)

pytestmark = pytest.mark.django_db


def _text(response, testid: str) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    section = soup.select_one(f'[data-testid="{testid}"]')
    return "" if section is None else " ".join(section.get_text(" ").split())


def _start(author, *recipients, **extra):
    return conversation_start(
        author=author,
        recipients=list(recipients),
        subject=extra.pop("subject", "Visiting in spring"),
        body=extra.pop("body", "Could we **visit**?"),
        **extra,
    )


# --- The contract --------------------------------------------------------------------------


def test_start_makes_the_conversation_message_and_notifies_without_the_text(
    head_at_school_a, head_at_school_b
):
    board_post = BoardPostFactory.create()

    conversation = _start(head_at_school_a, head_at_school_b, board_post=board_post)

    assert (conversation.subject, conversation.created_by, conversation.board_post) == (
        "Visiting in spring",
        head_at_school_a,
        board_post,
    )
    participants = {p.user_id: p.last_read_at for p in conversation.participants.all()}
    assert set(participants) == {head_at_school_a.pk, head_at_school_b.pk}
    assert participants[head_at_school_a.pk] is not None
    assert participants[head_at_school_b.pk] is None
    message = Message.objects.get()
    assert message.body_html == "<p>Could we <strong>visit</strong>?</p>\n"
    note = Notification.objects.get()
    assert (note.user, note.kind, note.text, note.url, note.conversation) == (
        head_at_school_b,
        NotificationKind.MESSAGE,
        "Harriet Head sent you a message: Visiting in spring",
        f"/network/messages/{conversation.pk}/",
        conversation,
    )


def test_start_is_refused_when_a_recipient_blocked_the_author_and_saves_nothing(
    head_at_school_a, head_at_school_b, staff_at_school_a
):
    Block.objects.create(blocker=head_at_school_b, blocked=head_at_school_a)

    with pytest.raises(ApplicationError) as refused:
        _start(head_at_school_a, head_at_school_b, staff_at_school_a)

    assert refused.value.message == "Ben Head does not accept messages from you. Nothing was sent."
    assert not Conversation.objects.exists()
    assert not Notification.objects.exists()


def test_start_refuses_empty_text_and_no_recipient(head_at_school_a, head_at_school_b):
    with pytest.raises(ApplicationError) as empty:
        _start(head_at_school_a, head_at_school_b, body="  ")
    with pytest.raises(ApplicationError) as nobody:
        _start(head_at_school_a, head_at_school_a)

    assert (empty.value.message, nobody.value.message) == (
        "Write your message.",
        "Choose who to write to.",
    )
    assert not Conversation.objects.exists()


def test_the_same_submission_key_twice_makes_one_conversation(head_at_school_a, head_at_school_b):
    first = _start(head_at_school_a, head_at_school_b, submission_key="k1")
    second = _start(head_at_school_a, head_at_school_b, submission_key="k1")

    assert first.pk == second.pk
    assert (Conversation.objects.count(), Message.objects.count()) == (1, 1)


def test_a_reply_to_someone_who_blocked_the_author_is_refused(head_at_school_a, head_at_school_b):
    conversation = _start(head_at_school_a, head_at_school_b)
    Block.objects.create(blocker=head_at_school_b, blocked=head_at_school_a)

    with pytest.raises(ApplicationError):
        message_reply(conversation=conversation, author=head_at_school_a, body="Hello again")

    assert Message.objects.count() == 1


# --- Pages ---------------------------------------------------------------------------------


def test_member_writes_to_a_member_found_by_search(client, head_at_school_a, head_at_school_b):
    client.force_login(head_at_school_a)

    found = client.get("/network/messages/new/?q=Demo+School+B")
    key = BeautifulSoup(found.content, "html.parser").select_one('input[name="submission_key"]')
    assert key is not None
    data = {
        "to": [head_at_school_b.pk],
        "subject": "Breakfast club",
        "body": "How do you run yours?",
        "submission_key": key["value"],
    }
    response = client.post("/network/messages/new/", data)
    again = client.post("/network/messages/new/", data)

    assert _text(found, "recipients") == "Ben Head, Demo School B"
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/network/messages/{conversation.pk}/"
    assert again["Location"] == response["Location"]
    assert Message.objects.count() == 1


def test_to_link_from_a_profile_chooses_the_recipient(client, head_at_school_a, head_at_school_b):
    client.force_login(head_at_school_a)

    response = client.get(f"/network/messages/new/?to={head_at_school_b.pk}")

    soup = BeautifulSoup(response.content, "html.parser")
    ticked = soup.select_one('input[name="to"][type="checkbox"][checked]')
    assert ticked is not None
    assert ticked["value"] == str(head_at_school_b.pk)


def test_writing_to_someone_who_blocked_you_shows_why_and_saves_nothing(
    client, head_at_school_a, head_at_school_b
):
    Block.objects.create(blocker=head_at_school_b, blocked=head_at_school_a)
    client.force_login(head_at_school_a)

    response = client.post(
        "/network/messages/new/",
        {"to": [head_at_school_b.pk], "subject": "Hello", "body": "Hello"},
    )

    assert response.status_code == 200
    assert "Ben Head does not accept messages from you. Nothing was sent." in (
        _text(response, "recipients") + response.content.decode()
    )
    assert not Conversation.objects.exists()


def test_only_participants_open_a_conversation(
    client, head_at_school_a, head_at_school_b, staff_at_school_a, coordinator, admin_user
):
    conversation = _start(head_at_school_a, head_at_school_b)
    url = f"/network/messages/{conversation.pk}/"

    statuses = {}
    for user in (head_at_school_a, head_at_school_b, staff_at_school_a, coordinator, admin_user):
        client.force_login(user)
        statuses[user.email] = client.get(url).status_code
        statuses[user.email + " reply"] = client.post(url, {"body": "Me too"}).status_code

    assert statuses == {
        "head.a@example.org": 200,
        "head.a@example.org reply": 302,
        "head.b@example.org": 200,
        "head.b@example.org reply": 302,
        "staff.a@example.org": 404,
        "staff.a@example.org reply": 404,
        "coordinator@example.org": 404,
        "coordinator@example.org reply": 404,
        "admin@example.org": 404,
        "admin@example.org reply": 404,
    }
    assert Message.objects.count() == 3


def test_inbox_marks_unread_until_opened(client, head_at_school_a, head_at_school_b):
    _start(head_at_school_a, head_at_school_b, subject="Visiting in spring")
    client.force_login(head_at_school_b)

    before = client.get("/network/messages/")
    conversation = client.get(f"/network/messages/{Conversation.objects.get().pk}/")
    after = client.get("/network/messages/")

    assert _text(before, "unread") == "Unread"
    assert _text(conversation, "new") == "New"
    assert _text(after, "unread") == ""
    client.force_login(head_at_school_a)
    assert _text(client.get("/network/messages/"), "unread") == ""


def test_inbox_costs_the_same_queries_for_one_conversation_and_three(
    client, head_at_school_a, head_at_school_b, django_assert_num_queries
):
    _start(head_at_school_a, head_at_school_b, subject="First")
    client.force_login(head_at_school_b)
    client.get("/network/messages/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/network/messages/")
    one = len(captured.captured_queries)  # now: the next request empties the query log
    for number in range(2):
        _start(head_at_school_a, head_at_school_b, UserFactory.create(), subject=f"More {number}")
    client.get("/network/messages/")  # the new messages' notifications: the bell counts again

    with django_assert_num_queries(one):
        response = client.get("/network/messages/")

    rows = BeautifulSoup(response.content, "html.parser").select(
        '[data-testid="conversations"] tbody tr'
    )
    assert len(rows) == 3


def test_leaving_takes_the_conversation_out_of_the_inbox(
    client, head_at_school_a, head_at_school_b
):
    conversation = _start(head_at_school_a, head_at_school_b)
    client.force_login(head_at_school_b)

    response = client.post(f"/network/messages/{conversation.pk}/leave/")

    assert response.status_code == 302
    assert ConversationParticipant.objects.get(user=head_at_school_b).left_at is not None
    assert _text(client.get("/network/messages/"), "conversations") == ""
    assert client.get(f"/network/messages/{conversation.pk}/").status_code == 404


def test_writing_to_a_group_reaches_its_members_but_those_who_blocked_the_author(
    client, head_at_school_a, staff_at_school_a, head_at_school_b
):
    group = GroupFactory.create(name="Attendance leads", slug="attendance-leads")
    GroupMembershipFactory.create(group=group, user=head_at_school_a, role=GroupRole.OWNER)
    GroupMembershipFactory.create(group=group, user=staff_at_school_a)
    GroupMembershipFactory.create(group=group, user=head_at_school_b)
    Block.objects.create(blocker=head_at_school_b, blocked=head_at_school_a)
    client.force_login(head_at_school_a)

    response = client.post(
        "/network/groups/attendance-leads/message/",
        {"subject": "Next meeting", "body": "Tuesday?"},
    )

    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert conversation.group == group
    assert set(conversation.participants.values_list("user_id", flat=True)) == {
        head_at_school_a.pk,
        staff_at_school_a.pk,
    }
    assert list(Notification.objects.values_list("user_id", flat=True)) == [staff_at_school_a.pk]


def test_sending_is_rate_limited(client, head_at_school_a, head_at_school_b):
    cache.clear()
    client.force_login(head_at_school_a)
    statuses = [
        client.post(
            "/network/messages/new/",
            {"to": [head_at_school_b.pk], "subject": f"Note {n}", "body": "Hi"},
        ).status_code
        for n in range(11)
    ]

    assert statuses == [302] * 10 + [429]
    assert Conversation.objects.count() == 10


def test_a_member_s_profile_offers_to_send_them_a_message(
    client, head_at_school_a, head_at_school_b
):
    client.force_login(head_at_school_a)

    theirs = client.get(f"/members/{head_at_school_b.pk}/")
    own = client.get(f"/members/{head_at_school_a.pk}/")

    link = BeautifulSoup(theirs.content, "html.parser").select_one('[data-testid="send-message"]')
    assert link is not None
    assert (link.get_text(), link["href"]) == (
        "Send Ben Head a message",
        f"/network/messages/new/?to={head_at_school_b.pk}",
    )
    assert _text(own, "send-message") == ""


def test_writing_to_a_group_with_no_one_else_says_so(client, head_at_school_a):
    group = GroupFactory.create(name="Just me", slug="just-me")
    GroupMembershipFactory.create(group=group, user=head_at_school_a, role=GroupRole.OWNER)
    client.force_login(head_at_school_a)

    response = client.post("/network/groups/just-me/message/", {"subject": "Hi", "body": "Hi"})

    assert response.status_code == 200
    assert "No one else in the group can receive your message." in response.content.decode()
    assert not Conversation.objects.exists()
