"""Access-matrix rows of the Headteacher Network's private messages: see tests/access.py
and ``rules/messages.py``.

The conversation is between school A's and school B's leads. Only they open it, reply or
leave it: everyone else gets 404, coordinators and administrators included. Any member
writes a new message; writing to a group is for its members (a coordinator's group: its
owner and member) and for moderators.
"""

from typing import Any

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.models import GroupRole
from reconnect.network.tests.factories import (
    ConversationFactory,
    ConversationParticipantFactory,
    GroupFactory,
    GroupMembershipFactory,
    MessageFactory,
)
from tests.access import Case, World, members_only

BETWEEN = members_only(404, lead_a=200, lead_b=200)
BETWEEN_POST = members_only(404, lead_a=302, lead_b=302)


def conversation(world: World) -> dict[str, Any]:
    made = ConversationFactory.create(subject="Visiting in spring", created_by=world.lead_a)
    ConversationParticipantFactory.create(conversation=made, user=world.lead_a)
    ConversationParticipantFactory.create(conversation=made, user=world.lead_b)
    MessageFactory.create(conversation=made, author=world.lead_a)
    return {"conversation_id": made.pk}


def custom_group(world: World) -> dict[str, Any]:
    group = GroupFactory.create(name="Attendance leads")
    GroupMembershipFactory.create(group=group, user=world.lead_a, role=GroupRole.OWNER)
    GroupMembershipFactory.create(group=group, user=world.staff_a, role=GroupRole.MEMBER)
    return {"slug": group.slug}


def new_message(world: World) -> dict[str, Any]:
    return {
        "to": [UserFactory.create().pk],
        "subject": "Breakfast club",
        "body": "How do you run yours?",
    }


GROUP_MESSAGE = {"subject": "Next meeting", "body": "Shall we meet on Tuesday?"}

CASES: list[Case] = [
    Case("network:message-list", expect=members_only(200)),
    Case("network:message-new", expect=members_only(200)),
    Case("network:message-new", method="post", data=new_message, expect=members_only(302)),
    Case(
        "network:conversation",
        kwargs=conversation,
        expect=BETWEEN,
        note="A private conversation is its participants' only, moderators included",
    ),
    Case(
        "network:conversation",
        kwargs=conversation,
        method="post",
        data={"body": "Yes, do come."},
        expect=BETWEEN_POST,
    ),
    Case("network:conversation-leave", kwargs=conversation, method="post", expect=BETWEEN_POST),
    Case(
        "network:group-message-new",
        kwargs=custom_group,
        expect=members_only(404, staff_a=200, lead_a=200, coordinator=200, admin=200),
    ),
    Case(
        "network:group-message-new",
        kwargs=custom_group,
        method="post",
        data=GROUP_MESSAGE,
        expect=members_only(404, staff_a=302, lead_a=302, coordinator=302, admin=302),
    ),
]
