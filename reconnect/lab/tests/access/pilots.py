"""Access-matrix rows of the Lab's pilots pages: see tests/access.py and reconnect/lab/rules.py.

School A's lead and data lead change its pilots; its staff read them (200) and are refused
every change (403); anyone outside the school gets a 404, coordinators and administrators
included (they see running pilots only in the Lab home's network list). The Lab home is
open to every signed-in member.
"""

from typing import Any

from reconnect.lab.tests.factories import MilestoneFactory, OutcomeMeasureFactory, PilotFactory
from tests.access import Case, World, members_only

READ = members_only(404, staff_a=200, lead_a=200, data_lead_a=200)
EDIT = members_only(404, staff_a=403, lead_a=200, data_lead_a=200)
EDIT_REDIRECTS = members_only(404, staff_a=403, lead_a=302, data_lead_a=302)
NOBODY = members_only(404)


def pilot(world: World) -> dict[str, Any]:
    made = PilotFactory.create(school=world.school_a, title="Reading catch-up")
    return {"urn": world.school_a.urn, "pilot_id": made.pk}


def pilot_of_school_b(world: World) -> dict[str, Any]:
    made = PilotFactory.create(school=world.school_b)
    return {"urn": world.school_a.urn, "pilot_id": made.pk}


def milestone(world: World) -> dict[str, Any]:
    kwargs = pilot(world)
    made = MilestoneFactory.create(pilot_id=kwargs["pilot_id"])
    return {**kwargs, "milestone_id": made.pk}


def measure(world: World) -> dict[str, Any]:
    kwargs = pilot(world)
    made = OutcomeMeasureFactory.create(pilot_id=kwargs["pilot_id"], name="Reading age")
    return {**kwargs, "measure_id": made.pk}


def school(world: World) -> dict[str, Any]:
    return {"urn": world.school_a.urn}


CASES = [
    Case("lab:home", expect=members_only(200)),
    Case("lab:pilot-create", kwargs=school, expect=EDIT),
    Case(
        "lab:pilot-create",
        kwargs=school,
        method="post",
        data={"title": ""},
        expect=EDIT,
        note="Leads see the form again with its errors; staff may not start a pilot",
    ),
    Case(
        "lab:pilot-planning",
        kwargs=school,
        query="design=matched&planned_intervention=30&planned_comparison=30",
        expect=EDIT,
    ),
    Case("lab:pilot-detail", kwargs=pilot, expect=READ),
    Case(
        "lab:pilot-detail",
        kwargs=pilot_of_school_b,
        label="other-school",
        expect=NOBODY,
        note="School B's pilot under school A's URN is nobody's to see here",
    ),
    Case("lab:pilot-edit", kwargs=pilot, expect=EDIT),
    Case(
        "lab:pilot-edit",
        kwargs=pilot,
        method="post",
        data={"title": "Renamed", "challenge": "Reading.", "design": "matched"},
        expect=EDIT_REDIRECTS,
    ),
    Case(
        "lab:pilot-status",
        kwargs=pilot,
        method="post",
        data={"status": "running"},
        expect=EDIT_REDIRECTS,
    ),
    Case(
        "lab:pilot-phase",
        kwargs=pilot,
        method="post",
        data={"phase": "prepare"},
        expect=EDIT_REDIRECTS,
    ),
    Case("lab:pilot-delete", kwargs=pilot, expect=EDIT),
    Case("lab:pilot-delete", kwargs=pilot, method="post", expect=EDIT_REDIRECTS),
    Case(
        "lab:milestone-add",
        kwargs=pilot,
        method="post",
        data={"milestone-phase": "prepare", "milestone-title": "Order the books"},
        expect=EDIT_REDIRECTS,
    ),
    Case(
        "lab:milestone-complete",
        kwargs=milestone,
        method="post",
        data={"done": "1"},
        expect=EDIT_REDIRECTS,
    ),
    Case("lab:milestone-delete", kwargs=milestone, method="post", expect=EDIT_REDIRECTS),
    Case(
        "lab:log-entry-add",
        kwargs=pilot,
        method="post",
        data={
            "log-happened_on_day": "12",
            "log-happened_on_month": "1",
            "log-happened_on_year": "2026",
            "log-notes": "First week went well.",
        },
        expect=EDIT_REDIRECTS,
    ),
    Case("lab:measure-add", kwargs=pilot, expect=EDIT),
    Case(
        "lab:measure-add",
        kwargs=pilot,
        method="post",
        data={"kind": "wemwbs", "name": "Wellbeing"},
        expect=EDIT_REDIRECTS,
    ),
    Case("lab:measure-edit", kwargs=measure, expect=EDIT),
    Case(
        "lab:measure-edit",
        kwargs=measure,
        method="post",
        data={"kind": "attainment", "name": "Reading age (months)"},
        expect=EDIT_REDIRECTS,
    ),
    Case("lab:measure-delete", kwargs=measure, method="post", expect=EDIT_REDIRECTS),
]
