"""Access-matrix rows of the Lab's evaluation pages: see tests/access.py and
reconnect/lab/rules.py.

A pilot's evaluation report, its PDF and CSV are read by whoever reads the pilot: school
A's members, staff included (200). Anyone outside the school gets a 404, coordinators and
administrators included, as for the pilot's own page; so does school B's pilot under
school A's URN.
"""

from typing import Any

from reconnect.lab.models import Group, SummaryStatistic, Timepoint
from reconnect.lab.tests.factories import OutcomeMeasureFactory, PilotFactory
from tests.access import Case, World, members_only

READ = members_only(404, staff_a=200, lead_a=200, data_lead_a=200)
NOBODY = members_only(404)


def pilot(world: World) -> dict[str, Any]:
    made = PilotFactory.create(school=world.school_a, title="Reading catch-up")
    measure = OutcomeMeasureFactory.create(pilot=made, name="Reading", is_primary=True)
    for group, mean in ((Group.INTERVENTION, 103.0), (Group.COMPARISON, 100.0)):
        SummaryStatistic.objects.create(
            measure=measure, group=group, timepoint=Timepoint.POST, mean=mean, sd=5.0, n=50
        )
    return {"urn": world.school_a.urn, "pilot_id": made.pk}


def pilot_of_school_b(world: World) -> dict[str, Any]:
    made = PilotFactory.create(school=world.school_b)
    OutcomeMeasureFactory.create(pilot=made, is_primary=True)
    return {"urn": world.school_a.urn, "pilot_id": made.pk}


CASES: list[Case] = [
    case
    for name in ("lab:evaluation-report", "lab:evaluation-pdf", "lab:evaluation-csv")
    for case in (
        Case(name, kwargs=pilot, expect=READ),
        Case(
            name,
            kwargs=pilot_of_school_b,
            label="other-school",
            expect=NOBODY,
            note="School B's pilot under school A's URN is nobody's to see here",
        ),
    )
]
