"""Access-matrix rows of the Headteacher Network's discussions pages and API: see
tests/access.py.

Every signed-in account is a network member: category threads are everyone's. A group's
threads are its members' (here school A's head, added to the group) and the moderators'
(coordinator and administrator, who open any group but, not being members, may not post
in it: 403); everyone else gets 404. A locked thread refuses replies to all (403). Only
the author and moderators edit a post, and only the asker and moderators accept an answer
(403 for the rest, who can read it).

The API's POST operations read JSON and the matrix posts form data, so every member gets
Ninja's 400 "Cannot parse request body" (visitors 401 first); their answers, refusals,
rate limit and idempotency are tested in ``test_discussions_api.py``.
"""

from typing import Any

from reconnect.network.models import Thread, ThreadKind
from reconnect.network.tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    thread_with_posts,
)
from tests.access import Case, World, members_only

ALL = members_only(200)
REDIRECT = members_only(302)
UNKNOWN = members_only(404)
MODERATORS = {"coordinator": 200, "admin": 200}
GROUP = members_only(404, lead_a=200, **MODERATORS)
GROUP_POST = members_only(404, lead_a=200, coordinator=403, admin=403)
GROUP_POST_DONE = members_only(404, lead_a=302, coordinator=403, admin=403)
OWN = members_only(403, lead_a=200, **MODERATORS)
OWN_DONE = members_only(403, lead_a=302, coordinator=302, admin=302)
API = members_only(200, anonymous=401)
API_UNKNOWN = members_only(404, anonymous=401)
JSON_ONLY = "The matrix posts form data; the operation reads JSON, so 400 for all members"
POST_DATA = {"title": "Breakfast club", "kind": "discussion", "body": "How do you run it?"}


def _thread(world: World, **fields: Any) -> Thread:
    return thread_with_posts(replies=1, author=world.lead_a, **fields)


def _category_thread(world: World) -> dict[str, int]:
    return {"thread_id": _thread(world).pk}


def _locked_thread(world: World) -> dict[str, int]:
    return {"thread_id": _thread(world, is_locked=True).pk}


def _group(world: World) -> Any:
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=world.lead_a)
    return group


def _group_slug(world: World) -> dict[str, str]:
    return {"slug": _group(world).slug}


def _group_thread(world: World) -> dict[str, int]:
    group = _group(world)
    return {"thread_id": _thread(world, category=None, group=group).pk}


def _opening_post(world: World) -> dict[str, int]:
    return {"post_id": _thread(world).posts.get(number=1).pk}


def _group_post(world: World) -> dict[str, int]:
    thread = Thread.objects.get(pk=_group_thread(world)["thread_id"])
    return {"post_id": thread.posts.get(number=1).pk}


def _answer(world: World) -> dict[str, int]:
    thread = _thread(world, kind=ThreadKind.QUESTION)
    return {"post_id": thread.posts.get(number=2).pk}


ATTENDANCE = {"slug": "attendance"}
ANNOUNCEMENTS = {"slug": "announcements"}

CASES: list[Case] = [
    Case("network:category", kwargs=ATTENDANCE, expect=ALL),
    Case("network:category", kwargs={"slug": "no-such"}, label="unknown", expect=UNKNOWN),
    Case("network:thread-new", kwargs=ATTENDANCE, expect=ALL),
    Case(
        "network:thread-new",
        kwargs=ANNOUNCEMENTS,
        label="announcements",
        expect=members_only(403, **MODERATORS),
        note="Only coordinators start threads in Announcements",
    ),
    Case("network:thread-new", kwargs=ATTENDANCE, method="post", data=POST_DATA, expect=REDIRECT),
    Case(
        "network:category-watch",
        kwargs=ATTENDANCE,
        method="post",
        data={"level": "watching"},
        expect=REDIRECT,
    ),
    Case("network:group-thread-new", kwargs=_group_slug, expect=GROUP_POST),
    Case(
        "network:group-thread-new",
        kwargs=_group_slug,
        method="post",
        data=POST_DATA,
        expect=GROUP_POST_DONE,
    ),
    Case("network:thread", kwargs=_category_thread, expect=ALL),
    Case("network:thread", kwargs=_group_thread, label="group", expect=GROUP),
    Case("network:thread", kwargs={"thread_id": 999_999}, label="unknown", expect=UNKNOWN),
    Case("network:thread-reply", kwargs=_category_thread, expect=ALL),
    Case(
        "network:thread-reply",
        kwargs=_category_thread,
        method="post",
        data={"body": "We do it too."},
        expect=REDIRECT,
    ),
    Case("network:thread-reply", kwargs=_group_thread, label="group", expect=GROUP_POST),
    Case(
        "network:thread-reply",
        kwargs=_locked_thread,
        label="locked",
        expect=members_only(403),
        note="A locked thread takes no replies, from anyone",
    ),
    Case(
        "network:thread-watch",
        kwargs=_category_thread,
        method="post",
        data={"level": "muted"},
        expect=REDIRECT,
    ),
    Case(
        "network:thread-watch",
        kwargs=_group_thread,
        method="post",
        data={"level": "muted"},
        label="group",
        expect=members_only(404, lead_a=302, coordinator=302, admin=302),
    ),
    Case("network:post", kwargs=_opening_post, expect=REDIRECT, note="Redirects to its page"),
    Case(
        "network:post",
        kwargs=_group_post,
        label="group",
        expect=members_only(404, lead_a=302, coordinator=302, admin=302),
    ),
    Case("network:post-edit", kwargs=_opening_post, expect=OWN),
    Case(
        "network:post-edit",
        kwargs=_opening_post,
        method="post",
        data={"title": "Breakfast club, again", "body": "Changed."},
        expect=OWN_DONE,
    ),
    Case("network:post-history", kwargs=_opening_post, expect=ALL),
    Case("network:post-history", kwargs=_group_post, label="group", expect=GROUP),
    Case(
        "network:post-accept",
        kwargs=_answer,
        method="post",
        data={"action": "accept"},
        expect=OWN_DONE,
        note="The asker (school A's head) and moderators",
    ),
    # The API.
    Case("api-v1:network-category-list", expect=API),
    Case("api-v1:network-category-threads", kwargs=ATTENDANCE, expect=API),
    Case(
        "api-v1:network-category-threads",
        kwargs={"slug": "no-such"},
        label="unknown",
        expect=API_UNKNOWN,
    ),
    Case("api-v1:network-thread-detail", kwargs=_category_thread, expect=API),
    Case(
        "api-v1:network-thread-detail",
        kwargs=_group_thread,
        label="group",
        expect=members_only(404, anonymous=401, lead_a=200, **MODERATORS),
    ),
    Case(
        "api-v1:network-thread-create",
        kwargs=ATTENDANCE,
        method="post",
        data=POST_DATA,
        expect=members_only(400, anonymous=401),
        note=JSON_ONLY,
    ),
    Case(
        "api-v1:network-group-thread-create",
        kwargs=_group_slug,
        method="post",
        data=POST_DATA,
        expect=members_only(400, anonymous=401),
        note=JSON_ONLY,
    ),
    Case(
        "api-v1:network-reply-create",
        kwargs=_category_thread,
        method="post",
        data={"body": "We do it too."},
        expect=members_only(400, anonymous=401),
        note=JSON_ONLY,
    ),
]
