"""Access-matrix rows of sharing a pilot as a Hub case study: see tests/access.py and
reconnect/lab/rules.py.

School A's lead and data lead share its completed pilots (200: the prefilled form; a POST
missing its title shows the form again with its errors); its staff, who change nothing of
a pilot, get a 403; anyone outside the school a 404, coordinators and administrators
included (they review the case study in the Hub's admin, not here); so does school B's
pilot under school A's URN.
"""

from typing import Any

from reconnect.lab.models import Group, PilotStatus, SummaryStatistic, Timepoint
from reconnect.lab.tests.factories import OutcomeMeasureFactory, PilotFactory
from tests.access import Case, World, members_only

EDIT = members_only(404, staff_a=403, lead_a=200, data_lead_a=200)
NOBODY = members_only(404)


def completed_pilot(world: World) -> dict[str, Any]:
    made = PilotFactory.create(
        school=world.school_a, title="Reading catch-up", status=PilotStatus.COMPLETED
    )
    measure = OutcomeMeasureFactory.create(pilot=made, name="Reading", is_primary=True)
    for group, mean in ((Group.INTERVENTION, 103.0), (Group.COMPARISON, 100.0)):
        SummaryStatistic.objects.create(
            measure=measure, group=group, timepoint=Timepoint.POST, mean=mean, sd=5.0, n=50
        )
    return {"urn": world.school_a.urn, "pilot_id": made.pk}


def pilot_of_school_b(world: World) -> dict[str, Any]:
    made = PilotFactory.create(school=world.school_b, status=PilotStatus.COMPLETED)
    OutcomeMeasureFactory.create(pilot=made, is_primary=True)
    return {"urn": world.school_a.urn, "pilot_id": made.pk}


CASES: list[Case] = [
    Case("lab:pilot-share", kwargs=completed_pilot, expect=EDIT),
    Case(
        "lab:pilot-share",
        kwargs=completed_pilot,
        method="post",
        data={"title": ""},
        expect=EDIT,
        note="Leads see the form again with its errors; sending one is in test_sharing_views",
    ),
    Case(
        "lab:pilot-share",
        kwargs=pilot_of_school_b,
        label="other-school",
        expect=NOBODY,
        note="School B's pilot under school A's URN is nobody's to share here",
    ),
]
