"""Access-matrix rows of the Headteacher Network's groups pages: see tests/access.py and
``rules/groups.py``.

Two groups serve most rows. School A's trust's group holds school A's staff, lead and data
lead by their school, and the trust's system leader; school B's lead is not in it. A
coordinator's group has school A's lead as owner and school A's staff member added by
hand, and no one else. Coordinators and administrators open every group to moderate it and
manage it, but are not members: they do not share files in it. Everyone else gets 404.
"""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from reconnect.lab.models import TrioStatus
from reconnect.lab.tests.factories import TrioFactory, TrioMemberFactory
from reconnect.network.group_files_storage import GROUP_FILES
from reconnect.network.models import Group, GroupFile, GroupKind, GroupRole
from reconnect.network.tests.factories import GroupFactory, GroupMembershipFactory
from reconnect.schools.tests.factories import SchoolFactory
from tests.access import Case, World, members_only

MODERATORS = {"coordinator": 200, "admin": 200}
TRUST_READ = members_only(
    404, staff_a=200, lead_a=200, data_lead_a=200, system_leader=200, **MODERATORS
)
OWN_READ = members_only(404, staff_a=200, lead_a=200, **MODERATORS)
MANAGE = members_only(404, staff_a=403, lead_a=200, **MODERATORS)
MANAGE_POST = members_only(404, staff_a=403, lead_a=302, coordinator=302, admin=302)


def trust_group(world: World) -> dict[str, Any]:
    group = GroupFactory.create(
        kind=GroupKind.TRUST, trust=world.trust_a, name="Northbank Learning Trust"
    )
    return {"slug": group.slug}


def custom_group(world: World) -> dict[str, Any]:
    group = GroupFactory.create(name="Attendance leads")
    GroupMembershipFactory.create(group=group, user=world.lead_a, role=GroupRole.OWNER)
    GroupMembershipFactory.create(group=group, user=world.staff_a, role=GroupRole.MEMBER)
    return {"slug": group.slug}


def group_file(world: World) -> dict[str, Any]:
    kwargs = custom_group(world)
    stored_as = GROUP_FILES.save(b"Meeting dates\n")
    found = GroupFile.objects.create(
        group=Group.objects.get(slug=kwargs["slug"]),
        title="Meeting dates",
        stored_as=stored_as,
        filename="dates.txt",
        content_type="text/plain",
        size_bytes=14,
        uploaded_by=world.lead_a,
    )
    return {**kwargs, "file_id": found.pk}


def confirmed_trio(world: World) -> dict[str, Any]:
    trio = TrioFactory.create(name="Riverside trio", status=TrioStatus.CONFIRMED)
    TrioMemberFactory.create(trio=trio, school=world.school_a)
    TrioMemberFactory.create(trio=trio, school=SchoolFactory.create())
    return {"trio_id": trio.pk}


def upload(world: World) -> dict[str, Any]:
    return {"title": "Dates", "file": SimpleUploadedFile("dates.txt", b"Meeting dates\n")}


CASES: list[Case] = [
    Case("network:group-list", expect=members_only(200)),
    Case(
        "network:group",
        kwargs=trust_group,
        expect=TRUST_READ,
        note="School B's lead is in no school of the trust: the group is not theirs to know",
    ),
    Case("network:group", kwargs=custom_group, label="custom", expect=OWN_READ),
    Case(
        "network:trio-group",
        kwargs=confirmed_trio,
        expect=members_only(
            404, staff_a=302, lead_a=302, data_lead_a=302, **dict.fromkeys(MODERATORS, 302)
        ),
        note="The trio's schools' members are sent on to its group",
    ),
    Case(
        "network:group-new",
        expect=members_only(403, **MODERATORS),
        note="Only coordinators make the network's own groups",
    ),
    Case(
        "network:group-new",
        method="post",
        data={"name": "Attendance leads", "description": "For those who lead attendance."},
        expect=members_only(403, coordinator=302, admin=302),
    ),
    Case("network:group-edit", kwargs=custom_group, expect=MANAGE),
    Case(
        "network:group-edit",
        kwargs=custom_group,
        method="post",
        data={"name": "Attendance leads (London)", "description": ""},
        expect=MANAGE_POST,
    ),
    Case("network:group-members", kwargs=custom_group, expect=MANAGE),
    Case(
        "network:group-members",
        kwargs=custom_group,
        method="post",
        data=lambda world: {"user": world.lead_b.pk, "role": GroupRole.MEMBER},
        expect=MANAGE_POST,
    ),
    Case(
        "network:group-archive",
        kwargs=custom_group,
        method="post",
        expect=MANAGE_POST,
    ),
    Case(
        "network:group-files",
        kwargs=custom_group,
        method="post",
        data=upload,
        expect=members_only(404, staff_a=302, lead_a=302, coordinator=403, admin=403),
        note="Members share files; moderators open the group but are not members",
    ),
    Case("network:group-file", kwargs=group_file, expect=OWN_READ),
    Case(
        "network:group-file-delete",
        kwargs=group_file,
        method="post",
        expect=MANAGE_POST,
        note="School A's lead shared it; the other member may not delete it",
    ),
]
