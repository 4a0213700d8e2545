"""Access-matrix rows of the Headteacher Network's polls pages: see tests/access.py.

A poll on a network-wide thread is every member's to read and vote in; one in a group's
thread is the group's members' (school A's lead here) and moderators' only, 404 for
everyone else. Adding a poll and closing it are for the thread's author (school A's lead)
and moderators: 403 for the other members who can read the thread.
"""

from typing import Any

from reconnect.network.models import PollOption, Post
from reconnect.network.services.polls import poll_create
from reconnect.network.tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    thread_with_posts,
)
from tests.access import Case, World, members_only

MODERATORS = {"coordinator": 200, "admin": 200}
IN_GROUP = members_only(404, lead_a=200, **MODERATORS)
AUTHOR = members_only(403, lead_a=200, **MODERATORS)


def _thread(world: World, *, in_group: bool) -> Any:
    if not in_group:
        return thread_with_posts(author=world.lead_a)
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=world.lead_a)
    return thread_with_posts(author=world.lead_a, category=None, group=group)


def _poll(world: World, *, in_group: bool) -> dict[str, Any]:
    thread = _thread(world, in_group=in_group)
    poll = poll_create(
        post=Post.objects.get(thread=thread, number=1),
        by=world.lead_a,
        question="Which day suits you?",
        kind="single",
        options=["Monday", "Friday"],
    )
    return {"poll_id": poll.pk}


def thread(world: World) -> dict[str, Any]:
    return {"thread_id": _thread(world, in_group=False).pk}


def group_thread(world: World) -> dict[str, Any]:
    return {"thread_id": _thread(world, in_group=True).pk}


def poll(world: World) -> dict[str, Any]:
    return _poll(world, in_group=False)


def group_poll(world: World) -> dict[str, Any]:
    return _poll(world, in_group=True)


def vote(world: World) -> dict[str, Any]:
    """The newest poll's first option (the kwargs callable has just made that poll)."""
    option = PollOption.objects.order_by("-poll_id", "position").first()
    return {"options": str(option.pk) if option else ""}


def _redirect(expect: dict[str, int]) -> dict[str, int]:
    return {persona: 302 if status == 200 else status for persona, status in expect.items()}


CASES: list[Case] = [
    Case("network:poll-new", kwargs=thread, expect=AUTHOR),
    Case("network:poll-new", kwargs=group_thread, label="group", expect=IN_GROUP),
    Case("network:poll", kwargs=poll, expect=members_only(200)),
    Case("network:poll", kwargs=group_poll, label="group", expect=IN_GROUP),
    Case(
        "network:poll-vote",
        kwargs=poll,
        method="post",
        data=vote,
        expect=members_only(302),
    ),
    Case(
        "network:poll-vote",
        kwargs=group_poll,
        method="post",
        data=vote,
        label="group",
        expect=_redirect(IN_GROUP),
    ),
    Case("network:poll-close", kwargs=poll, method="post", expect=_redirect(AUTHOR)),
    Case(
        "network:poll-close",
        kwargs=group_poll,
        method="post",
        label="group",
        expect=_redirect(IN_GROUP),
    ),
]
