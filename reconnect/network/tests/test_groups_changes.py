"""Changing a coordinator's group: its name and description, its last owner, and nothing
shared or added once it is archived."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.network import audit_actions
from reconnect.network.models import GroupFile, GroupRole
from reconnect.network.services.groups import group_archive, group_member_add, group_member_remove
from reconnect.network.tests.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(head_at_school_a, staff_at_school_a):
    made = GroupFactory.create(name="Attendance leads", slug="attendance-leads")
    GroupMembershipFactory.create(group=made, user=head_at_school_a, role=GroupRole.OWNER)
    GroupMembershipFactory.create(group=made, user=staff_at_school_a)
    return made


def test_owner_renames_the_group_and_it_is_audited(client, group, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post(
        "/network/groups/attendance-leads/edit/",
        {"name": "Attendance leads (London)", "description": "Termly meetings."},
    )

    group.refresh_from_db()
    assert response.status_code == 302
    assert (group.name, group.description, group.slug) == (
        "Attendance leads (London)",
        "Termly meetings.",
        "attendance-leads",
    )
    event = AuditEvent.objects.get(action=audit_actions.GROUP_CHANGED)
    assert event.detail == {"group": group.pk, "fields": ["name", "description"]}


def test_the_only_owner_may_not_remove_themselves(group, head_at_school_a):
    with pytest.raises(ApplicationError) as refused:
        group_member_remove(group=group, user=head_at_school_a, by=head_at_school_a)

    assert refused.value.message == (
        "You are the group’s only owner: make someone else an owner first."
    )
    assert group.memberships.filter(user=head_at_school_a, role=GroupRole.OWNER).exists()


def test_an_archived_group_takes_no_files_and_no_members(
    client, group, head_at_school_a, staff_at_school_a, head_at_school_b, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    group_archive(group=group, by=head_at_school_a)
    client.force_login(staff_at_school_a)

    upload = client.post(
        "/network/groups/attendance-leads/files/",
        {"file": SimpleUploadedFile("dates.txt", b"Meeting dates\n")},
    )
    with pytest.raises(ApplicationError) as refused:
        group_member_add(group=group, user=head_at_school_b, by=head_at_school_a)

    assert upload.status_code == 403
    assert not GroupFile.objects.exists()
    assert refused.value.message == "This group is archived: no one can be added."
    assert not group.memberships.filter(user=head_at_school_b).exists()
