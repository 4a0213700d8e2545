"""Access-matrix rows of the privacy pages: see tests/access.py.

School A's lead and data lead manage the settings; only the lead sets the retention
period and deletes everything (the data lead, who can see those controls exist, gets 403).
Everyone else gets a 404, as if the school had no pupil data. POST-only URLs answer 405
to a GET from anyone signed in. POSTs with an empty form show it again with its errors.
"""

from typing import Any, cast

from reconnect.spectrum.models import ColumnMapping, StaffCohortGrant
from reconnect.spectrum.tests.factories import ColumnMappingFactory, StaffCohortGrantFactory
from tests.access import Case, World, members_only

MANAGE = members_only(404, lead_a=200, data_lead_a=200)
GOVERN = members_only(404, lead_a=200, data_lead_a=403)
WRONG_METHOD = members_only(405)


def _school_a(world: World) -> dict[str, int]:
    return {"urn": world.school_a.urn}


def _grant(world: World) -> dict[str, int]:
    grant = cast(
        StaffCohortGrant,
        StaffCohortGrantFactory(school=world.school_a, user=world.staff_a, granted_by=world.lead_a),
    )
    return {"urn": world.school_a.urn, "user_id": grant.user_id}


def _mapping(world: World, school: Any = None) -> dict[str, int]:
    mapping = cast(
        ColumnMapping,
        ColumnMappingFactory(school=school or world.school_a, header="tutorinitials"),
    )
    return {"urn": world.school_a.urn, "mapping_id": mapping.pk}


def _school_b_mapping(world: World) -> dict[str, int]:
    return _mapping(world, world.school_b)


CASES = [
    Case("spectrum:settings", kwargs=_school_a, expect=MANAGE),
    Case("spectrum:settings", kwargs=_school_a, method="post", expect=WRONG_METHOD),
    Case(
        "spectrum:settings",
        kwargs=lambda world: {"urn": world.school_b.urn},
        label="school-b",
        expect=members_only(404, lead_b=200),
    ),
    Case("spectrum:grant-add", kwargs=_school_a, expect=WRONG_METHOD),
    Case(
        "spectrum:grant-add",
        kwargs=_school_a,
        method="post",
        data={},
        expect=MANAGE,
        note="The leads see the settings again with the form's error",
    ),
    Case(
        "spectrum:grant-add",
        kwargs=_school_a,
        method="post",
        data=lambda world: {"staff_user": world.staff_a.pk},
        label="staff-a",
        expect=members_only(404, lead_a=302, data_lead_a=302),
        note="The leads give staff A the cohort views and go back to the settings",
    ),
    Case("spectrum:grant-remove", kwargs=_grant, expect=WRONG_METHOD),
    Case(
        "spectrum:grant-remove",
        kwargs=_grant,
        method="post",
        expect=members_only(404, lead_a=302, data_lead_a=302),
    ),
    Case(
        "spectrum:grant-remove",
        kwargs=lambda world: {"urn": world.school_a.urn, "user_id": world.staff_a.pk},
        label="no-grant",
        method="post",
        expect=members_only(404),
        note="Nobody can remove a grant that does not exist",
    ),
    Case("spectrum:retention", kwargs=_school_a, expect=WRONG_METHOD),
    Case(
        "spectrum:retention",
        kwargs=_school_a,
        method="post",
        data={"months": 12},
        expect=members_only(404, lead_a=302, data_lead_a=403),
        note="Only the school lead sets the retention period",
    ),
    Case("spectrum:indicators", kwargs=_school_a, expect=MANAGE),
    Case(
        "spectrum:indicators",
        kwargs=_school_a,
        method="post",
        data={},
        expect=MANAGE,
        note="The leads see the form again with its errors; nothing changes",
    ),
    Case("spectrum:mappings", kwargs=_school_a, expect=MANAGE),
    Case("spectrum:mappings", kwargs=_school_a, method="post", expect=WRONG_METHOD),
    Case("spectrum:mapping-delete", kwargs=_mapping, expect=WRONG_METHOD),
    Case(
        "spectrum:mapping-delete",
        kwargs=_mapping,
        method="post",
        expect=members_only(404, lead_a=302, data_lead_a=302),
    ),
    Case(
        "spectrum:mapping-delete",
        kwargs=_school_b_mapping,
        label="other-school",
        method="post",
        expect=members_only(404),
        note="School B's mapping under school A's URN does not exist",
    ),
    Case("spectrum:delete-all", kwargs=_school_a, expect=GOVERN),
    Case(
        "spectrum:delete-all",
        kwargs=_school_a,
        method="post",
        data={},
        expect=GOVERN,
        note="The lead sees the form again with its error; nothing is deleted",
    ),
]
