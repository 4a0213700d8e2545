"""Access-matrix rows of the Headteacher Network's board pages: see tests/access.py.

The board is every member's: open posts are read by all, a closed post only by its school's
members and moderators (404 for the rest). Members of a school post for it (members without
one get 403); the author, the school's leads and moderators change a post.
"""

from typing import Any

from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.hub.models import Theme
from reconnect.network.models import BoardKind
from reconnect.network.tests.factories import BoardPostFactory
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory
from tests.access import Case, World, members_only


def _post(world: World, *, closed: bool = False) -> Any:
    return BoardPostFactory.create(
        school=world.school_a,
        author=world.lead_a,
        kind=BoardKind.REQUEST,
        themes=[Theme.objects.get(slug="attendance")],
        closed_at=timezone.now() if closed else None,
    )


def _open_post(world: World) -> dict[str, Any]:
    return {"post_id": _post(world).pk}


def _closed_post(world: World) -> dict[str, Any]:
    return {"post_id": _post(world, closed=True).pk}


def _contactable_school() -> Any:
    school = SchoolFactory.create(name="Open Door Primary")
    MembershipFactory.create(school=school, user=UserFactory.create(open_to_contact=True))
    return school


def _contact(world: World) -> dict[str, Any]:
    return {"post_id": _post(world).pk, "school_id": _contactable_school().pk}


def _new_post(world: World) -> dict[str, Any]:
    return {
        "kind": BoardKind.OFFER,
        "school": world.school_a.pk,
        "title": "Come and see our attendance team",
        "body": "We run a daily first-day call.",
        "themes": [Theme.objects.get(slug="attendance").pk],
    }


_SCHOOL_A = {"staff_a": 200, "lead_a": 200, "data_lead_a": 200}
_CHANGERS = {"lead_a": 200, "coordinator": 200, "admin": 200}

CASES: list[Case] = [
    Case("network:board", expect=members_only(200)),
    Case(
        "network:board-post-new",
        expect=members_only(403, lead_b=200, **_SCHOOL_A),
        note="Members without a school read the board but have no school to post for.",
    ),
    Case(
        "network:board-post-new",
        method="post",
        data=_new_post,
        expect=members_only(403, staff_a=302, lead_a=302, data_lead_a=302, lead_b=400),
        note="School B's lead may post, but not for school A: the form refuses the school.",
    ),
    Case("network:board-post", kwargs=_open_post, label="open", expect=members_only(200)),
    Case(
        "network:board-post",
        kwargs=_closed_post,
        label="closed",
        expect=members_only(404, coordinator=200, admin=200, **_SCHOOL_A),
    ),
    Case(
        "network:board-post-edit",
        kwargs=_open_post,
        expect=members_only(403, **_CHANGERS),
        note="Others see the open post but may not change it: the author, leads, moderators.",
    ),
    Case(
        "network:board-post-close",
        kwargs=_open_post,
        method="post",
        data={},
        expect=members_only(403, lead_a=302, coordinator=302, admin=302),
    ),
    Case(
        "network:board-post-reopen",
        kwargs=_closed_post,
        method="post",
        data={},
        expect=members_only(
            404, staff_a=403, data_lead_a=403, lead_a=302, coordinator=302, admin=302
        ),
        note="A closed post is hidden from other schools (404); its own staff see it (403).",
    ),
    Case("network:board-contact", kwargs=_contact, expect=members_only(200)),
]
