"""Access-matrix rows of the Headteacher Network's moderation pages: see tests/access.py
and ``rules.moderation``.

Any member reports a post they can read and did not write (403 on their own; 404 for a post
of a private group they cannot open). The review queue and every moderator's action are
for coordinators and administrators: a member who can see the post or thread gets 403, one
who cannot (a held post of someone else, a private group's thread) 404. Every member blocks
another member (not a coordinator: 403) and lists whom they have blocked.
"""

from typing import Any

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.models import PostStatus
from reconnect.network.tests.factories import GroupFactory, PostFactory, ThreadFactory
from tests.access import Case, World, members_only

MODERATORS = members_only(403, coordinator=200, admin=200)
MODERATORS_POST = members_only(403, coordinator=302, admin=302)
PRIVATE = members_only(404, coordinator=200, admin=200)


def post(world: World) -> dict[str, Any]:
    return {"post_id": PostFactory.create(number=2).pk}


def own_post(world: World) -> dict[str, Any]:
    return {"post_id": PostFactory.create(number=2, author=world.lead_a).pk}


def held_post_of_lead_a(world: World) -> dict[str, Any]:
    made = PostFactory.create(number=2, author=world.lead_a, status=PostStatus.PENDING)
    return {"post_id": made.pk}


def private_group_post(world: World) -> dict[str, Any]:
    thread = ThreadFactory.create(category=None, group=GroupFactory.create())
    return {"post_id": PostFactory.create(thread=thread, number=1).pk}


def thread(world: World) -> dict[str, Any]:
    return {"thread_id": PostFactory.create(number=1).thread_id}


def private_group_thread(world: World) -> dict[str, Any]:
    return {"thread_id": ThreadFactory.create(category=None, group=GroupFactory.create()).pk}


def member(world: World) -> dict[str, Any]:
    return {"user_id": UserFactory.create().pk}


def coordinator(world: World) -> dict[str, Any]:
    return {"user_id": world.coordinator.pk}


CASES: list[Case] = [
    Case("network:post-flag", kwargs=post, expect=members_only(200)),
    Case(
        "network:post-flag",
        kwargs=post,
        method="post",
        data={"reason": "spam", "note": ""},
        expect=members_only(302),
    ),
    Case(
        "network:post-flag",
        kwargs=own_post,
        label="own",
        expect=members_only(200, lead_a=403),
        note="An author cannot report their own post",
    ),
    Case(
        "network:post-flag",
        kwargs=private_group_post,
        label="private-group",
        expect=PRIVATE,
        note="A private group's post is its members' and the moderators' only",
    ),
    Case("network:review-queue", expect=MODERATORS),
    Case("network:post-moderate", kwargs=post, expect=MODERATORS),
    Case(
        "network:post-moderate",
        kwargs=post,
        method="post",
        data={"action": "hide", "reason": "Off topic here."},
        expect=MODERATORS_POST,
    ),
    Case(
        "network:post-moderate",
        kwargs=held_post_of_lead_a,
        label="held",
        expect=members_only(404, lead_a=403, coordinator=200, admin=200),
        note="A held post is seen by its author and moderators only",
    ),
    Case("network:thread-moderate", kwargs=thread, expect=MODERATORS),
    Case(
        "network:thread-moderate",
        kwargs=thread,
        method="post",
        data={"form": "thread", "action": "lock"},
        expect=MODERATORS_POST,
    ),
    Case(
        "network:thread-moderate",
        kwargs=private_group_thread,
        label="private-group",
        expect=PRIVATE,
    ),
    Case("network:member-block", kwargs=member, expect=members_only(200)),
    Case("network:member-block", kwargs=member, method="post", expect=members_only(302)),
    Case(
        "network:member-block",
        kwargs=coordinator,
        label="coordinator",
        expect=members_only(403),
        note="Coordinators must reach every member; no one blocks themselves either",
    ),
    Case("network:member-unblock", kwargs=member, method="post", expect=members_only(302)),
    Case("network:blocked-members", expect=members_only(200)),
]
