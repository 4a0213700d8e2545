"""Access-matrix rows of the upload pages: see tests/access.py.

Uploads are pupil data: only school A's lead and data lead reach school A's (everyone
else gets a 404, as if the school had none). Imports are made with
``PupilImportFactory`` (rows with no file behind them). POSTs carry an empty form: the
leads see it again with its errors, and nothing is written.
"""

from typing import Any, cast

from reconnect.spectrum.models import ImportStatus, PupilImport
from reconnect.spectrum.tests.factories import PupilImportFactory
from tests.access import Case, World, members_only

PUPILS = members_only(404, lead_a=200, data_lead_a=200)


def make_import(**fields: Any) -> PupilImport:
    return cast(PupilImport, PupilImportFactory(**fields))


def _school_a(world: World) -> dict[str, int]:
    return {"urn": world.school_a.urn}


def _rejected(world: World) -> dict[str, int]:
    found = make_import(school=world.school_a, uploaded_by=world.data_lead_a)
    return {"urn": world.school_a.urn, "import_id": found.pk}


def _imported(world: World) -> dict[str, int]:
    found = make_import(
        school=world.school_a, status=ImportStatus.IMPORTED, problems=[], problem_count=0
    )
    return {"urn": world.school_a.urn, "import_id": found.pk}


def _needs_mapping(world: World) -> dict[str, int]:
    found = make_import(
        school=world.school_a,
        status=ImportStatus.NEEDS_MAPPING,
        problems=[],
        problem_count=0,
        unmatched_headers=["Tutor Initials"],
        finished_at=None,
    )
    return {"urn": world.school_a.urn, "import_id": found.pk}


def _school_b_import_under_a(world: World) -> dict[str, int]:
    found = make_import(school=world.school_b)
    return {"urn": world.school_a.urn, "import_id": found.pk}


def _school_b_import(world: World) -> dict[str, int]:
    found = make_import(school=world.school_b)
    return {"urn": world.school_b.urn, "import_id": found.pk}


CASES = [
    Case("spectrum:upload", kwargs=_school_a, expect=PUPILS),
    Case(
        "spectrum:upload",
        kwargs=_school_a,
        method="post",
        data={},
        expect=PUPILS,
        note="The leads see the empty form again with its errors; nothing is imported",
    ),
    Case(
        "spectrum:upload",
        kwargs={"urn": 999_999},
        label="unknown-school",
        expect=members_only(404),
    ),
    Case("spectrum:upload-template", kwargs=_school_a, expect=PUPILS),
    Case("spectrum:import-list", kwargs=_school_a, expect=PUPILS),
    Case(
        "spectrum:import-list",
        kwargs=lambda world: {"urn": world.school_b.urn},
        label="school-b",
        expect=members_only(404, lead_b=200),
        note="Each school's lead sees its own uploads",
    ),
    Case("spectrum:import-detail", kwargs=_rejected, expect=PUPILS),
    Case("spectrum:import-detail", kwargs=_imported, label="imported", expect=PUPILS),
    Case(
        "spectrum:import-detail",
        kwargs=_school_b_import_under_a,
        label="other-school",
        expect=members_only(404),
        note="School B's upload under school A's URN does not exist",
    ),
    Case(
        "spectrum:import-detail",
        kwargs=_school_b_import,
        label="school-b",
        expect=members_only(404, lead_b=200),
    ),
    Case(
        "spectrum:import-detail",
        kwargs={"urn": 900001, "import_id": 2**31},
        label="unknown",
        expect=members_only(404),
    ),
    Case("spectrum:import-mapping", kwargs=_needs_mapping, expect=PUPILS),
    Case(
        "spectrum:import-mapping",
        kwargs=_needs_mapping,
        method="post",
        data={},
        expect=PUPILS,
        note="The leads see the form again with its errors; nothing is saved",
    ),
    Case(
        "spectrum:import-mapping",
        kwargs=_rejected,
        label="nothing-to-match",
        expect=members_only(404, lead_a=302, data_lead_a=302),
        note="An import with no columns to match sends the leads to its page",
    ),
    Case("spectrum:import-problems-csv", kwargs=_rejected, expect=PUPILS),
    Case(
        "spectrum:import-problems-csv",
        kwargs=_imported,
        label="imported",
        expect=members_only(404),
        note="Only a rejected import has problems to download",
    ),
    Case(
        "spectrum:import-problems-csv",
        kwargs=_school_b_import_under_a,
        label="other-school",
        expect=members_only(404),
    ),
]
