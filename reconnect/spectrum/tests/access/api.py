"""Access-matrix rows for the vulnerability-spectrum API: see tests/access.py.

Every operation needs a session: visitors get 401. Uploads and import status are for
school A's leads and data leads, as on the website; the profile summary for whoever may
see school A's cohort views (staff only with a grant); anyone else gets a 404, as if the
school had no data. The network operation answers system leaders, coordinators and the
administrator, and refuses every school member with a 403.
"""

from typing import cast

from django.core.files.uploadedfile import SimpleUploadedFile

from reconnect.spectrum.models import PupilImport
from reconnect.spectrum.tests.factories import (
    PupilImportFactory,
    StaffCohortGrantFactory,
    imported_snapshot,
    pupil_csv,
)
from tests.access import Case, World, members_only

SCHOOL_A_PUPILS = members_only(404, anonymous=401, lead_a=200, data_lead_a=200)
SCHOOL_A_UPLOAD = members_only(404, anonymous=401, lead_a=201, data_lead_a=201)
SCHOOL_A_COHORTS = members_only(404, anonymous=401, staff_a=200, lead_a=200, data_lead_a=200)
NOBODY = members_only(404, anonymous=401)
NETWORK = members_only(
    403, anonymous=401, data_lead_a=403, system_leader=200, coordinator=200, admin=200
)


def _school_a(world: World) -> dict[str, int]:
    return {"urn": world.school_a.urn}


def _school_a_with_data(world: World) -> dict[str, int]:
    imported_snapshot(world.school_a, pupils=12)
    return _school_a(world)


def _school_a_granted(world: World) -> dict[str, int]:
    StaffCohortGrantFactory(school=world.school_a, user=world.staff_a)
    return _school_a_with_data(world)


def _import_of_a(world: World) -> dict[str, int]:
    pupil_import = cast(PupilImport, PupilImportFactory(school=world.school_a))
    return {"urn": world.school_a.urn, "import_id": pupil_import.pk}


def _file(world: World) -> dict[str, object]:
    return {"file": SimpleUploadedFile("pupils.csv", pupil_csv(12), "text/csv")}


CASES = [
    Case(
        "api-v1:spectrum-import-create",
        kwargs=_school_a,
        method="post",
        data=_file,
        expect=SCHOOL_A_UPLOAD,
        note="Uploads are for the school's leads and data leads",
    ),
    Case(
        "api-v1:spectrum-import-create",
        kwargs={"urn": 999_999},
        method="post",
        data=_file,
        label="unknown-school",
        expect=NOBODY,
    ),
    Case("api-v1:spectrum-import-detail", kwargs=_import_of_a, expect=SCHOOL_A_PUPILS),
    Case(
        "api-v1:spectrum-import-detail",
        kwargs=lambda world: {"urn": world.school_a.urn, "import_id": 999_999},
        label="unknown",
        expect=NOBODY,
    ),
    Case("api-v1:spectrum-profile", kwargs=_school_a_with_data, expect=SCHOOL_A_PUPILS),
    Case(
        "api-v1:spectrum-profile",
        kwargs=_school_a_granted,
        label="staff-granted",
        expect=SCHOOL_A_COHORTS,
        note="A lead's grant opens the counts to staff; still no pupil row",
    ),
    Case(
        "api-v1:spectrum-profile",
        kwargs=_school_a,
        label="no-data",
        expect=NOBODY,
        note="No snapshot yet: nothing to count",
    ),
    *(
        case
        for view in ("prevalence", "combinations", "outcomes")
        for case in (
            Case(
                f"api-v1:spectrum-cohort-{view}", kwargs=_school_a_with_data, expect=SCHOOL_A_PUPILS
            ),
            Case(
                f"api-v1:spectrum-cohort-{view}",
                kwargs=_school_a_granted,
                label="staff-granted",
                expect=SCHOOL_A_COHORTS,
            ),
        )
    ),
    Case("api-v1:spectrum-network", expect=NETWORK),
    Case(
        "api-v1:spectrum-network",
        query="scope=network&by=trust&factor=looked_after",
        label="choices",
        expect=NETWORK,
    ),
]
