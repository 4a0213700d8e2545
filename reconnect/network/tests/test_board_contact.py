"""Writing to a school from the board or from Who can help me?: a private conversation with
the school's members open to contact, and no one else. Uses the messages area's
``conversation_start`` (its contract) for real."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.hub.models import Theme
from reconnect.network.models import (
    Block,
    Conversation,
    ConversationParticipant,
    Message,
    Notification,
)
from reconnect.network.tests.factories import BoardPostFactory
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def helper_school():
    school = SchoolFactory.create(name="Helpful Primary")
    for first, open_ in (("Olive", True), ("Oscar", True), ("Quinn", False)):
        MembershipFactory.create(
            school=school,
            user=UserFactory.create(first_name=first, last_name="Helper", open_to_contact=open_),
        )
    MembershipFactory.create(
        school=school,
        user=UserFactory.create(
            first_name="Gone", last_name="Helper", open_to_contact=True, is_active=False
        ),
    )
    return school


@pytest.fixture
def request_post(school_a, staff_at_school_a):
    return BoardPostFactory.create(
        school=school_a,
        author=staff_at_school_a,
        title="Persistent absence",
        themes=[Theme.objects.get(slug="attendance")],
    )


def _board_contact(post, school):
    return reverse("network:board-contact", kwargs={"post_id": post.pk, "school_id": school.pk})


def _participants(conversation):
    return sorted(
        ConversationParticipant.objects.filter(conversation=conversation).values_list(
            "user__first_name", flat=True
        )
    )


def test_the_contact_form_names_only_members_open_to_contact(
    client, staff_at_school_a, request_post, helper_school
):
    client.force_login(staff_at_school_a)
    response = client.get(_board_contact(request_post, helper_school))
    assert response.status_code == 200
    assert [u.display_name for u in response.context["recipients"]] == [
        "Olive Helper",
        "Oscar Helper",
    ]
    assert response.context["form"]["subject"].value() == "About \u201cPersistent absence\u201d"


def test_writing_from_a_post_starts_a_conversation_about_it(
    client, staff_at_school_a, request_post, helper_school
):
    client.force_login(staff_at_school_a)
    response = client.post(
        _board_contact(request_post, helper_school),
        {"subject": "Your first-day calls", "body": "Could we visit?", "submission_key": "k1"},
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "network:conversation", kwargs={"conversation_id": conversation.pk}
    )
    assert (conversation.subject, conversation.board_post, conversation.created_by) == (
        "Your first-day calls",
        request_post,
        staff_at_school_a,
    )
    assert _participants(conversation) == ["Olive", "Oscar", "Sam"]
    assert list(Message.objects.values_list("body", flat=True)) == ["Could we visit?"]
    assert sorted(Notification.objects.values_list("user__first_name", flat=True)) == [
        "Olive",
        "Oscar",
    ]


def test_a_double_click_starts_one_conversation(
    client, staff_at_school_a, request_post, helper_school
):
    client.force_login(staff_at_school_a)
    data = {"subject": "Visit", "body": "Could we visit?", "submission_key": "same-key"}
    client.post(_board_contact(request_post, helper_school), data)
    client.post(_board_contact(request_post, helper_school), data)
    assert Conversation.objects.count() == 1


def test_a_block_is_reported_and_nothing_is_sent(
    client, staff_at_school_a, request_post, helper_school
):
    olive = helper_school.memberships.get(user__first_name="Olive").user
    Block.objects.create(blocker=olive, blocked=staff_at_school_a)
    client.force_login(staff_at_school_a)
    response = client.post(
        _board_contact(request_post, helper_school), {"subject": "Visit", "body": "Hello"}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Olive Helper does not accept messages from you. Nothing was sent."
    ]
    assert Conversation.objects.count() == 0


def test_a_school_with_no_one_open_to_contact_cannot_be_written_to(
    client, staff_at_school_a, request_post
):
    shy = SchoolFactory.create(name="Shy Primary")
    MembershipFactory.create(school=shy, user=UserFactory.create(open_to_contact=False))
    client.force_login(staff_at_school_a)
    assert client.get(_board_contact(request_post, shy)).status_code == 404
    response = client.post(_board_contact(request_post, shy), {"subject": "a", "body": "b"})
    assert response.status_code == 404
    assert Conversation.objects.count() == 0


def test_a_closed_post_takes_no_messages(client, head_at_school_b, request_post, helper_school):
    request_post.closed_at = timezone.now()
    request_post.save()
    client.force_login(head_at_school_b)
    assert client.get(_board_contact(request_post, helper_school)).status_code == 404


def test_writing_from_who_can_help_starts_a_conversation(client, head_at_school_b, helper_school):
    client.force_login(head_at_school_b)
    url = reverse("network:helpers-contact", kwargs={"school_id": helper_school.pk})
    form = client.get(url, {"theme": "attendance"})
    assert form.context["form"]["subject"].value() == "Your experience of Attendance"
    response = client.post(
        f"{url}?theme=attendance", {"subject": "Attendance", "body": "Can we talk?"}
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert conversation.board_post is None
    assert _participants(conversation) == ["Ben", "Olive", "Oscar"]


def test_an_empty_message_is_refused(client, head_at_school_b, helper_school):
    client.force_login(head_at_school_b)
    url = reverse("network:helpers-contact", kwargs={"school_id": helper_school.pk})
    response = client.post(url, {"subject": "Attendance", "body": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["body"] == ["Write your message."]
    assert Conversation.objects.count() == 0
