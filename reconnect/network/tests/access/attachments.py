"""Access-matrix rows of the Headteacher Network's attachment downloads: see tests/access.py.

A file on a network-wide thread is every member's; a file in a group's thread is the
group's members' (school A's lead here) and moderators' only, 404 for everyone else; a file
on a post held for review is its author's and moderators' only.
"""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from reconnect.network.models import PostStatus
from reconnect.network.services.attachments import attachments_save
from reconnect.network.tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    PostFactory,
    ThreadFactory,
)
from tests.access import Case, World, members_only

PDF = b"%PDF-1.7\n%%EOF\n"


def _attached(**post_fields: Any) -> dict[str, Any]:
    post = PostFactory.create(**post_fields)
    [attachment] = attachments_save(
        post=post, files=[SimpleUploadedFile("plan.pdf", PDF)], by=post.author
    )
    return {"attachment_id": attachment.pk}


def in_category(world: World) -> dict[str, Any]:
    return _attached()


def in_group(world: World) -> dict[str, Any]:
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=world.lead_a)
    thread = ThreadFactory.create(category=None, group=group, author=world.lead_a)
    return _attached(thread=thread, number=1, author=world.lead_a)


def held_for_review(world: World) -> dict[str, Any]:
    return _attached(author=world.lead_a, status=PostStatus.PENDING)


CASES: list[Case] = [
    Case("network:attachment", kwargs=in_category, expect=members_only(200)),
    Case(
        "network:attachment",
        kwargs=in_group,
        label="group",
        expect=members_only(404, lead_a=200, coordinator=200, admin=200),
    ),
    Case(
        "network:attachment",
        kwargs=held_for_review,
        label="held",
        expect=members_only(404, lead_a=200, coordinator=200, admin=200),
    ),
]
