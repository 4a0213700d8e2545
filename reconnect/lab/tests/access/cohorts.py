"""Access-matrix rows of the Lab's cohorts pages: see tests/access.py and reconnect/lab/rules.py.

Coordinators and administrators manage cohorts: everyone else signed in gets 403 on the
managing pages of a cohort they can see (an open one). A cohort open for applications is
seen by every signed-in user; any other only by coordinators and members of the schools that
applied (404 for the rest). School leads apply (lead_a, lead_b); staff, data leads, system
leaders, coordinators and administrators lead no school and get 403. Withdrawing is for a
lead of the application's school: 404 for everyone else, coordinators included.
"""

from collections.abc import Callable
from typing import Any

from reconnect.lab.models import CohortStatus, TrioStatus
from reconnect.lab.tests.factories import (
    ApplicationFactory,
    LabCohortFactory,
    PairingConstraintFactory,
    PilotFactory,
    TrioFactory,
    TrioMemberFactory,
)
from reconnect.schools.tests.factories import SchoolFactory
from tests.access import Case, World, members_only

MANAGE = members_only(403, coordinator=200, admin=200)
MANAGE_REDIRECTS = members_only(403, coordinator=302, admin=302)
APPLY = members_only(403, lead_a=200, lead_b=200)
SEEN_BY_APPLICANTS = members_only(
    404, staff_a=200, lead_a=200, data_lead_a=200, coordinator=200, admin=200
)


def cohort(world: World) -> dict[str, Any]:
    return {"cohort_id": LabCohortFactory.create(name="Spring 2027").pk}


def forming_cohort_with_school_a(world: World) -> dict[str, Any]:
    made = LabCohortFactory.create(name="Autumn 2026", status=CohortStatus.FORMING)
    ApplicationFactory.create(cohort=made, pilot=PilotFactory.create(school=world.school_a))
    return {"cohort_id": made.pk}


def application_of(school_name: str) -> Callable[[World], dict[str, Any]]:
    def kwargs(world: World) -> dict[str, Any]:
        made = LabCohortFactory.create(name="Spring 2027")
        school = getattr(world, school_name)
        application = ApplicationFactory.create(
            cohort=made, pilot=PilotFactory.create(school=school)
        )
        return {"cohort_id": made.pk, "application_id": application.pk}

    return kwargs


def pairing(world: World) -> dict[str, Any]:
    made = LabCohortFactory.create(name="Spring 2027")
    first, second = sorted((world.school_a, world.school_b), key=lambda s: s.pk)
    rule = PairingConstraintFactory.create(cohort=made, first=first, second=second)
    return {"cohort_id": made.pk, "pairing_id": rule.pk}


def cohort_with_applicants(world: World) -> dict[str, Any]:
    made = LabCohortFactory.create(name="Spring 2027")
    for school in (world.school_a, world.school_b, SchoolFactory.create()):
        ApplicationFactory.create(cohort=made, pilot=PilotFactory.create(school=school))
    return {"cohort_id": made.pk}


def _trio(world: World) -> Any:
    made = LabCohortFactory.create(name="Spring 2027")
    trio = TrioFactory.create(cohort=made, name="Trio 1", status=TrioStatus.PROPOSED)
    for school in (world.school_a, world.school_b):
        application = ApplicationFactory.create(
            cohort=made, pilot=PilotFactory.create(school=school)
        )
        TrioMemberFactory.create(trio=trio, school=school, application=application)
    return trio


def trio(world: World) -> dict[str, Any]:
    made = _trio(world)
    return {"cohort_id": made.cohort_id, "trio_id": made.pk}


def trio_cohort(world: World) -> dict[str, Any]:
    return {"cohort_id": _trio(world).cohort_id}


def member(world: World) -> dict[str, Any]:
    made = _trio(world)
    return {"cohort_id": made.cohort_id, "member_id": made.members.first().pk}


CASES = [
    Case("lab:cohort-list", expect=members_only(200)),
    Case("lab:cohort-create", expect=MANAGE),
    Case(
        "lab:cohort-create",
        method="post",
        data={"name": ""},
        expect=MANAGE,
        note="Coordinators see the form again with its error",
    ),
    Case("lab:cohort-detail", kwargs=cohort, expect=members_only(200)),
    Case(
        "lab:cohort-detail",
        kwargs=forming_cohort_with_school_a,
        label="forming",
        expect=SEEN_BY_APPLICANTS,
        note="Past its applications, a cohort is its applicants' and the coordinators' only",
    ),
    Case("lab:cohort-edit", kwargs=cohort, expect=MANAGE),
    Case(
        "lab:cohort-edit",
        kwargs=cohort,
        method="post",
        data={"name": "Spring 2027, renamed"},
        expect=MANAGE_REDIRECTS,
    ),
    Case(
        "lab:cohort-status",
        kwargs=cohort,
        method="post",
        data={"status": "forming"},
        expect=MANAGE_REDIRECTS,
    ),
    Case("lab:application-create", kwargs=cohort, expect=APPLY),
    Case(
        "lab:application-create",
        kwargs=cohort,
        method="post",
        data={"pilot": ""},
        expect=APPLY,
        note="Leads see the form again with its error",
    ),
    Case(
        "lab:application-withdraw",
        kwargs=application_of("school_a"),
        method="post",
        expect=members_only(404, lead_a=302),
    ),
    Case(
        "lab:application-withdraw",
        kwargs=application_of("school_b"),
        method="post",
        label="other-school",
        expect=members_only(404, lead_b=302),
    ),
    Case(
        "lab:pairing-add",
        kwargs=cohort,
        method="post",
        data={"first": ""},
        expect=MANAGE,
        note="Coordinators see the cohort again with the form's errors",
    ),
    Case("lab:pairing-remove", kwargs=pairing, method="post", expect=MANAGE_REDIRECTS),
    Case(
        "lab:trios-propose",
        kwargs=cohort_with_applicants,
        method="post",
        expect=MANAGE_REDIRECTS,
    ),
    Case(
        "lab:trio-member-move",
        kwargs=member,
        method="post",
        data={"to_trio": ""},
        expect=MANAGE,
        note="With no trio to move to, coordinators see the cohort again with the error",
    ),
    Case("lab:trio-confirm", kwargs=trio, method="post", expect=MANAGE_REDIRECTS),
    Case("lab:trios-confirm-all", kwargs=trio_cohort, method="post", expect=MANAGE_REDIRECTS),
]
