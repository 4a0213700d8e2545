"""Groups' pages: a member's list, a group's page with its members, threads, events and
conversations, and what coordinators and owners do to groups (make, change, members,
archive), each audited."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reconnect.core.models import AuditEvent
from reconnect.lab.models import TrioStatus
from reconnect.lab.tests.factories import TrioFactory, TrioMemberFactory
from reconnect.network import audit_actions
from reconnect.network.models import (
    Group,
    GroupKind,
    GroupMembership,
    GroupRole,
    Notification,
    NotificationKind,
    PostStatus,
)
from reconnect.network.tests.factories import (
    ConversationFactory,
    ConversationParticipantFactory,
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    PostFactory,
    ThreadFactory,
)
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def _texts(response, testid: str, tag: str = "a") -> list[str]:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    section = soup.select_one(f'[data-testid="{testid}"]')
    if section is None:
        return []
    return [" ".join(found.get_text(" ").split()) for found in section.find_all(tag)]


def _text(response, testid: str) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    section = soup.select_one(f'[data-testid="{testid}"]')
    return "" if section is None else " ".join(section.get_text(" ").split())


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def trust_group(trust_a):
    return GroupFactory.create(
        kind=GroupKind.TRUST, trust=trust_a, name="Northbank Learning Trust", slug="northbank"
    )


@pytest.fixture
def custom_group(head_at_school_a):
    group = GroupFactory.create(name="Attendance leads", slug="attendance-leads")
    GroupMembershipFactory.create(group=group, user=head_at_school_a, role=GroupRole.OWNER)
    return group


# --- The list ------------------------------------------------------------------------------


def test_list_shows_a_member_their_groups_with_their_kinds(
    client, staff_at_school_a, trust_group, school_b
):
    GroupFactory.create(kind=GroupKind.BOROUGH, local_authority=school_b.local_authority)
    client.force_login(staff_at_school_a)

    response = client.get("/network/groups/")

    assert response.status_code == 200
    assert _texts(response, "my-groups") == ["Northbank Learning Trust"]
    assert _texts(response, "my-groups", "strong") == ["Trust"]
    assert _texts(response, "other-groups") == []


def test_list_shows_moderators_every_other_group(client, coordinator, trust_group, custom_group):
    client.force_login(coordinator)

    response = client.get("/network/groups/")

    assert _texts(response, "my-groups") == []
    assert _texts(response, "other-groups") == ["Attendance leads", "Northbank Learning Trust"]


def test_list_costs_the_same_queries_for_one_group_and_three(
    client, staff_at_school_a, trust_group, django_assert_num_queries
):
    client.force_login(staff_at_school_a)
    client.get("/network/groups/")
    one = _queries(client, "/network/groups/")
    for number in range(2):
        group = GroupFactory.create(name=f"Extra {number}")
        GroupMembershipFactory.create(group=group, user=staff_at_school_a)

    with django_assert_num_queries(one):
        response = client.get("/network/groups/")

    assert len(_texts(response, "my-groups")) == 3


# --- A group's page ------------------------------------------------------------------------


def test_group_page_is_404_for_someone_outside_it(client, head_at_school_b, trust_group):
    client.force_login(head_at_school_b)

    assert client.get("/network/groups/northbank/").status_code == 404
    assert client.get("/network/groups/no-such-group/").status_code == 404


def test_group_page_lists_members_with_school_role_and_owner(
    client, head_at_school_a, staff_at_school_a, system_leader, trust_group
):
    GroupMembershipFactory.create(group=trust_group, user=head_at_school_a, role=GroupRole.OWNER)
    client.force_login(staff_at_school_a)

    response = client.get("/network/groups/northbank/")

    assert response.status_code == 200
    rows = _texts(response, "members", "tr")[1:]
    assert rows == [
        f"Harriet Head Owner {head_at_school_a.job_title} Demo School A: School lead",
        f"Lee Leader {system_leader.job_title} No school",
        f"Sam Staff {staff_at_school_a.job_title} Demo School A: Staff member",
    ]
    assert _text(response, "member-count") == "3 members"


def test_group_page_lists_its_visible_threads_with_published_post_counts(
    client, staff_at_school_a, trust_group
):
    thread = ThreadFactory.create(group=trust_group, category=None, title="Late gates")
    PostFactory.create(thread=thread, number=1)
    PostFactory.create(thread=thread, number=2)
    PostFactory.create(thread=thread, number=3, status=PostStatus.PENDING)
    ThreadFactory.create(group=trust_group, category=None, title="Hidden", is_hidden=True)
    ThreadFactory.create(title="Somewhere else")
    client.force_login(staff_at_school_a)

    response = client.get("/network/groups/northbank/")

    items = _texts(response, "threads", "li")
    assert len(items) == 1
    assert items[0].startswith("Late gates 2 posts, latest ")
    links = BeautifulSoup(response.content, "html.parser").select('[data-testid="threads"] a')
    assert [a["href"] for a in links] == [f"/network/threads/{thread.pk}/"]


def test_group_page_lists_upcoming_group_events_only(client, staff_at_school_a, trust_group):
    event = EventFactory.create(group=trust_group, title="Trust heads' meeting")
    EventFactory.create(
        group=trust_group,
        title="Last term's meeting",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    EventFactory.create(title="Network-wide meeting")
    client.force_login(staff_at_school_a)

    response = client.get("/network/groups/northbank/")

    items = _texts(response, "events", "li")
    assert len(items) == 1
    assert items[0].endswith(": Trust heads' meeting")
    links = BeautifulSoup(response.content, "html.parser").select('[data-testid="events"] a')
    assert [a["href"] for a in links] == [f"/network/events/{event.pk}/"]


def test_group_page_lists_only_the_readers_own_conversations_with_the_group(
    client, staff_at_school_a, head_at_school_a, trust_group
):
    mine = ConversationFactory.create(subject="Our visit", group=trust_group)
    ConversationParticipantFactory.create(conversation=mine, user=staff_at_school_a)
    theirs = ConversationFactory.create(subject="Private to the head", group=trust_group)
    ConversationParticipantFactory.create(conversation=theirs, user=head_at_school_a)
    client.force_login(staff_at_school_a)

    response = client.get("/network/groups/northbank/")

    assert _texts(response, "conversations") == ["Our visit"]


def test_group_page_costs_the_same_queries_whatever_it_holds(
    client, staff_at_school_a, trust_group, school_a, django_assert_num_queries
):
    client.force_login(staff_at_school_a)
    client.get("/network/groups/northbank/")
    few = _queries(client, "/network/groups/northbank/")
    for number in range(3):
        MembershipFactory.create(school=school_a)
        thread = ThreadFactory.create(group=trust_group, category=None, title=f"Thread {number}")
        PostFactory.create(thread=thread, number=1)
        EventFactory.create(group=trust_group)
        conversation = ConversationFactory.create(group=trust_group)
        ConversationParticipantFactory.create(conversation=conversation, user=staff_at_school_a)

    with django_assert_num_queries(few):
        response = client.get("/network/groups/northbank/")

    assert len(_texts(response, "threads", "li")) == 3
    assert len(_texts(response, "members", "tr")) == 1 + 4


def test_moderator_opens_a_group_they_are_not_in_and_is_told_so(client, coordinator, trust_group):
    client.force_login(coordinator)

    response = client.get("/network/groups/northbank/")

    assert response.status_code == 200
    assert _text(response, "moderating") == (
        "You are not a member of this group: you can see it because you moderate the network."
    )


def test_trio_group_and_workspace_link_each_other(client, staff_at_school_a, school_a):
    trio = TrioFactory.create(name="Riverside trio", status=TrioStatus.CONFIRMED)
    TrioMemberFactory.create(trio=trio, school=school_a)
    TrioMemberFactory.create(trio=trio, school=SchoolFactory.create())
    group = Group.objects.get(trio=trio)
    client.force_login(staff_at_school_a)

    to_group = client.get(f"/network/groups/trio/{trio.pk}/")
    page = client.get(f"/network/groups/{group.slug}/")

    assert to_group.status_code == 302
    assert to_group["Location"] == f"/network/groups/{group.slug}/"
    assert [
        a["href"]
        for a in BeautifulSoup(page.content, "html.parser").select('[data-testid="trio-workspace"]')
    ] == [f"/lab/trios/{trio.pk}/"]


# --- Making and running groups -------------------------------------------------------------


def test_coordinator_creates_a_group_and_owns_it(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        "/network/groups/new/", {"name": "Attendance leads", "description": "Who leads it."}
    )

    group = Group.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "/network/groups/attendance-leads/members/"
    assert (group.kind, group.name, group.description) == (
        GroupKind.CUSTOM,
        "Attendance leads",
        "Who leads it.",
    )
    assert list(group.memberships.values_list("user_id", "role")) == [
        (coordinator.pk, GroupRole.OWNER)
    ]
    assert (
        AuditEvent.objects.filter(
            action=audit_actions.GROUP_CREATED, target_id=str(group.pk)
        ).count()
        == 1
    )


def test_a_school_lead_may_not_create_a_group(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post("/network/groups/new/", {"name": "Mine"})

    assert response.status_code == 403
    assert not Group.objects.exists()


def test_owner_adds_a_member_who_is_told_and_audited(
    client, head_at_school_a, head_at_school_b, custom_group
):
    client.force_login(head_at_school_a)

    found = client.get("/network/groups/attendance-leads/members/?q=Ben")
    response = client.post(
        "/network/groups/attendance-leads/members/",
        {"user": head_at_school_b.pk, "role": GroupRole.MEMBER},
    )

    assert _texts(found, "found", "td")[:2] == ["Ben Head", "Demo School B"]
    assert response.status_code == 302
    assert GroupMembership.objects.filter(
        group=custom_group, user=head_at_school_b, role=GroupRole.MEMBER
    ).exists()
    note = Notification.objects.get(user=head_at_school_b)
    assert (note.kind, note.text, note.url) == (
        NotificationKind.GROUP,
        "Harriet Head added you to the group Attendance leads",
        "/network/groups/attendance-leads/",
    )
    event = AuditEvent.objects.get(action=audit_actions.GROUP_MEMBER_ADDED)
    assert event.detail == {"group": custom_group.pk, "user": head_at_school_b.pk, "role": "member"}
    client.force_login(head_at_school_b)
    assert client.get("/network/groups/attendance-leads/").status_code == 200


def test_owner_removes_a_member_who_then_gets_404(
    client, head_at_school_a, head_at_school_b, custom_group
):
    GroupMembershipFactory.create(group=custom_group, user=head_at_school_b)
    client.force_login(head_at_school_a)

    response = client.post(
        "/network/groups/attendance-leads/members/", {"remove": head_at_school_b.pk}
    )

    assert response.status_code == 302
    assert not GroupMembership.objects.filter(group=custom_group, user=head_at_school_b).exists()
    assert AuditEvent.objects.filter(action=audit_actions.GROUP_MEMBER_REMOVED).count() == 1
    client.force_login(head_at_school_b)
    assert client.get("/network/groups/attendance-leads/").status_code == 404


def test_a_member_who_is_not_owner_may_not_change_the_group(
    client, staff_at_school_a, custom_group
):
    GroupMembershipFactory.create(group=custom_group, user=staff_at_school_a)
    client.force_login(staff_at_school_a)

    edit = client.post("/network/groups/attendance-leads/edit/", {"name": "Taken over"})
    add = client.post(
        "/network/groups/attendance-leads/members/", {"user": staff_at_school_a.pk, "role": "owner"}
    )

    assert (edit.status_code, add.status_code) == (403, 403)
    custom_group.refresh_from_db()
    assert custom_group.name == "Attendance leads"


def test_an_archived_group_is_read_only(client, head_at_school_a, custom_group):
    client.force_login(head_at_school_a)

    archived = client.post("/network/groups/attendance-leads/archive/")
    page = client.get("/network/groups/attendance-leads/")
    edit = client.get("/network/groups/attendance-leads/edit/")

    custom_group.refresh_from_db()
    assert archived.status_code == 302
    assert custom_group.archived_at is not None
    assert page.status_code == 200
    assert _text(page, "archived").startswith("This group was archived on ")
    assert "Share a file" not in page.content.decode()
    assert edit.status_code == 403
    assert AuditEvent.objects.filter(action=audit_actions.GROUP_ARCHIVED).count() == 1


def test_trio_workspace_links_to_its_group_and_one_confirmed_before_groups_gets_one(
    client, staff_at_school_a, school_a
):
    trio = TrioFactory.create(name="Riverside trio", status=TrioStatus.CONFIRMED)
    TrioMemberFactory.create(trio=trio, school=school_a)
    Group.objects.filter(trio=trio).delete()
    client.force_login(staff_at_school_a)

    workspace = client.get(f"/lab/trios/{trio.pk}/")
    to_group = client.get(f"/network/groups/trio/{trio.pk}/")

    link = BeautifulSoup(workspace.content, "html.parser").select_one(
        '[data-testid="network-group"]'
    )
    assert link is not None
    assert link["href"] == f"/network/groups/trio/{trio.pk}/"
    group = Group.objects.get(trio=trio)
    assert to_group["Location"] == f"/network/groups/{group.slug}/"


def test_trio_group_link_is_404_for_another_school(client, head_at_school_b, school_a):
    trio = TrioFactory.create(status=TrioStatus.CONFIRMED)
    TrioMemberFactory.create(trio=trio, school=school_a)
    Group.objects.filter(trio=trio).delete()
    client.force_login(head_at_school_b)

    assert client.get(f"/network/groups/trio/{trio.pk}/").status_code == 404
    assert not Group.objects.exists()
