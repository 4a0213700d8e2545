"""Access-matrix rows of the cohort views and target groups: see tests/access.py.

School A's lead and data lead see everything; staff see the cohort views and target
groups only when granted them, and may not save or delete a target group (403); anyone
else gets a 404.
"""

from typing import Any, cast

from reconnect.spectrum.models import SavedCohort
from reconnect.spectrum.tests.access.pupils import granted, with_data
from reconnect.spectrum.tests.factories import SavedCohortFactory
from tests.access import Case, World, members_only

LEADS = members_only(404, lead_a=200, data_lead_a=200)
GRANTED = members_only(404, staff_a=200, lead_a=200, data_lead_a=200)


def cohort(world: World) -> dict[str, Any]:
    kwargs = with_data(world)
    saved = cast(
        SavedCohort,
        SavedCohortFactory(school=world.school_a, definition={"factors": ["fsm_current"]}),
    )
    return {**kwargs, "cohort_id": saved.pk}


def cohort_granted(world: World) -> dict[str, Any]:
    kwargs = granted(world)
    saved = cast(
        SavedCohort,
        SavedCohortFactory(school=world.school_a, definition={"factors": ["fsm_current"]}),
    )
    return {**kwargs, "cohort_id": saved.pk}


def cohort_of_school_b(world: World) -> dict[str, Any]:
    saved = cast(SavedCohort, SavedCohortFactory(school=world.school_b))
    return {"urn": world.school_a.urn, "cohort_id": saved.pk}


CASES = [
    *(
        case
        for name in ("spectrum:cohort-overview", "spectrum:cohort-combinations",
                     "spectrum:cohort-outcomes")
        for case in (
            Case(name, kwargs=with_data, expect=LEADS),
            Case(name, kwargs=granted, label="granted", expect=GRANTED,
                 note="Granted staff see the figures; counts are not links for them"),
        )
    ),
    Case(
        "spectrum:cohort-overview",
        kwargs=with_data,
        label="by-reg",
        query="by=reg&year=7&factor=fsm_current",
        expect=LEADS,
    ),
    Case(
        "spectrum:cohort-outcomes",
        kwargs=with_data,
        label="measure",
        query="measure=suspension",
        expect=LEADS,
    ),
    Case("spectrum:target-groups", kwargs=with_data, expect=LEADS),
    Case("spectrum:target-groups", kwargs=granted, label="granted", expect=GRANTED),
    Case(
        "spectrum:target-groups",
        kwargs=granted,
        label="granted",
        method="post",
        data={"name": "", "factor": "fsm_current"},
        expect=members_only(404, staff_a=403, lead_a=200, data_lead_a=200),
        note="Leads see the form again with its error (no name); staff may not save",
    ),
    Case("spectrum:target-group-detail", kwargs=cohort, expect=LEADS),
    Case(
        "spectrum:target-group-detail",
        kwargs=cohort_granted,
        label="granted",
        expect=GRANTED,
        note="Granted staff see the group's figures, not its pupils",
    ),
    Case(
        "spectrum:target-group-detail",
        kwargs=cohort_of_school_b,
        label="other-school",
        expect=members_only(404),
    ),
    Case(
        "spectrum:target-group-delete",
        kwargs=cohort_granted,
        method="post",
        expect=members_only(404, staff_a=403, lead_a=302, data_lead_a=302),
        note="Leads delete and go back to the list; granted staff may not",
    ),
    Case(
        "spectrum:target-group-delete",
        kwargs=cohort,
        expect=members_only(405),
        note="Deleting is a POST",
    ),
]  # fmt: skip
