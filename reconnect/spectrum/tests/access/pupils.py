"""Access-matrix rows of the pupil pages: see tests/access.py.

Pupil rows (the list, a profile, the export) are for school A's lead and data lead only;
everyone else gets a 404, as if the school had no pupil data. The overview is also for
staff granted the cohort views. The export answers the lead and data lead with a redirect
to re-authenticate (the matrix signs in without a recent password or second factor);
anyone else is refused before being asked.
"""

from typing import Any, cast

from reconnect.spectrum.models import PupilRecord
from reconnect.spectrum.tests.factories import (
    PupilRecordFactory,
    SnapshotFactory,
    StaffCohortGrantFactory,
)
from tests.access import Case, World, members_only

PUPIL_USERS = members_only(404, lead_a=200, data_lead_a=200)
COHORT_USERS_GRANTED = members_only(404, staff_a=200, lead_a=200, data_lead_a=200)


def with_data(world: World) -> dict[str, Any]:
    """School A with a latest snapshot of three pupils; the URL kwargs of its pages."""
    snapshot = SnapshotFactory(school=world.school_a, is_latest=True, pupil_count=3)
    PupilRecordFactory(snapshot=snapshot, fsm_eligible=True)
    PupilRecordFactory(snapshot=snapshot, sen_provision="K", sessions_present=80)
    PupilRecordFactory(snapshot=snapshot)
    return {"urn": world.school_a.urn}


def granted(world: World) -> dict[str, Any]:
    StaffCohortGrantFactory(school=world.school_a, user=world.staff_a)
    return with_data(world)


def record(world: World) -> dict[str, Any]:
    urn = with_data(world)["urn"]
    found = PupilRecordFactory(snapshot__school=world.school_a, snapshot__as_at_date="2026-09-01")
    return {"urn": urn, "record_id": cast(PupilRecord, found).pk}


def record_of_school_b(world: World) -> dict[str, Any]:
    found = PupilRecordFactory(snapshot__school=world.school_b, snapshot__is_latest=True)
    return {"urn": world.school_a.urn, "record_id": cast(PupilRecord, found).pk}


CASES = [
    Case(
        "spectrum:home",
        expect=members_only(
            200,
            lead_a=302,
            data_lead_a=302,
            lead_b=302,
            system_leader=302,
            coordinator=302,
            admin=302,
        ),
        note="One school: straight to it; network only: to the network page; staff without "
        "a grant: a page saying who can see pupil data",
    ),
    Case("spectrum:school", kwargs=with_data, expect=PUPIL_USERS),
    Case(
        "spectrum:school",
        kwargs=lambda world: {"urn": world.school_a.urn},
        label="no-data",
        expect=PUPIL_USERS,
        note="No snapshot yet: the page says so and links to the upload",
    ),
    Case(
        "spectrum:school",
        kwargs=granted,
        label="granted",
        expect=COHORT_USERS_GRANTED,
        note="Staff granted the cohort views see the figures, without links to pupils",
    ),
    Case(
        "spectrum:school",
        kwargs={"urn": 999_999},
        label="unknown",
        expect=members_only(404),
    ),
    Case("spectrum:pupil-list", kwargs=with_data, expect=PUPIL_USERS),
    Case(
        "spectrum:pupil-list",
        kwargs=granted,
        label="granted",
        query="factor=fsm_current&year=7",
        expect=PUPIL_USERS,
        note="A cohort grant never reaches pupil rows",
    ),
    Case("spectrum:pupil-detail", kwargs=record, expect=PUPIL_USERS),
    Case(
        "spectrum:pupil-detail",
        kwargs=record_of_school_b,
        label="other-school",
        expect=members_only(404),
        note="Another school's record under school A's URN does not exist",
    ),
    Case(
        "spectrum:cohort-export",
        kwargs=with_data,
        expect=members_only(404, lead_a=302, data_lead_a=302),
        note="The lead and data lead are sent to re-authenticate first",
    ),
    Case(
        "spectrum:cohort-export",
        kwargs=granted,
        label="granted",
        expect=members_only(404, lead_a=302, data_lead_a=302),
        note="A cohort grant never reaches the export",
    ),
]
