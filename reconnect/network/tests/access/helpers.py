"""Access-matrix rows of the Headteacher Network's helpers pages: see tests/access.py.

"Who can help me?" is every member's; writing to a school needs someone there open to
contact (404 otherwise, so the page never offers a dead end).
"""

from typing import Any

from reconnect.accounts.tests.factories import UserFactory
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory
from tests.access import Case, World, members_only


def _school(*, open_to_contact: bool) -> dict[str, Any]:
    school = SchoolFactory.create(name="Open Door Primary")
    MembershipFactory.create(
        school=school, user=UserFactory.create(open_to_contact=open_to_contact)
    )
    return {"school_id": school.pk}


def _contactable(world: World) -> dict[str, Any]:
    return _school(open_to_contact=True)


def _nobody_open(world: World) -> dict[str, Any]:
    return _school(open_to_contact=False)


CASES: list[Case] = [
    Case("network:helpers", expect=members_only(200)),
    Case("network:helpers", query="theme=attendance", label="theme", expect=members_only(200)),
    Case(
        "network:helpers",
        query="theme=no-such-theme",
        label="unknown-theme",
        expect=members_only(404),
    ),
    Case("network:helpers-contact", kwargs=_contactable, expect=members_only(200)),
    Case(
        "network:helpers-contact",
        kwargs=_nobody_open,
        label="nobody-open",
        expect=members_only(404),
    ),
]
