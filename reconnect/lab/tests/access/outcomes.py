"""Access-matrix rows of the Lab's outcomes pages: see tests/access.py and reconnect/lab/rules.py.

Like a pilot's other pages: school A's lead and data lead upload outcome files and type in
summary figures; its staff read what was uploaded and download the template (200) and are
refused every change (403); anyone outside the school, coordinators and administrators
included, gets a 404, also for school B's pilot under school A's URN.
"""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from reconnect.lab.tests.factories import (
    OutcomeImportFactory,
    OutcomeMeasureFactory,
    PilotFactory,
)
from tests.access import Case, World, members_only

READ = members_only(404, staff_a=200, lead_a=200, data_lead_a=200)
EDIT = members_only(404, staff_a=403, lead_a=200, data_lead_a=200)
EDIT_REDIRECTS = members_only(404, staff_a=403, lead_a=302, data_lead_a=302)
NOBODY = members_only(404)


def measure(world: World) -> dict[str, Any]:
    made = OutcomeMeasureFactory.create(
        pilot=PilotFactory.create(school=world.school_a, title="Reading catch-up"),
        name="Reading score",
        lowest=0,
        highest=100,
    )
    return {"urn": world.school_a.urn, "pilot_id": made.pilot_id, "measure_id": made.pk}


def measure_of_school_b(world: World) -> dict[str, Any]:
    made = OutcomeMeasureFactory.create(pilot=PilotFactory.create(school=world.school_b))
    return {"urn": world.school_a.urn, "pilot_id": made.pilot_id, "measure_id": made.pk}


def upload(world: World) -> dict[str, Any]:
    kwargs = measure(world)
    made = OutcomeImportFactory.create(measure_id=kwargs["measure_id"], pilot_id=kwargs["pilot_id"])
    return {**kwargs, "import_id": made.pk}


def outcome_file(world: World) -> dict[str, Any]:
    data = b"pupil,group,pre,post\nA100,intervention,40,52\nA101,comparison,41,45\n"
    return {"file": SimpleUploadedFile("outcomes.csv", data, content_type="text/csv")}


SUMMARY = {
    "intervention_post_mean": "52",
    "intervention_post_sd": "10",
    "intervention_post_n": "30",
    "comparison_post_mean": "48",
    "comparison_post_sd": "11",
    "comparison_post_n": "29",
}

CASES: list[Case] = [
    Case("lab:outcome-upload", kwargs=measure, expect=EDIT),
    Case(
        "lab:outcome-upload",
        kwargs=measure,
        method="post",
        data=outcome_file,
        expect=EDIT_REDIRECTS,
        note="Leads go to the upload's report; staff may not upload",
    ),
    Case(
        "lab:outcome-upload",
        kwargs=measure_of_school_b,
        label="other-school",
        expect=NOBODY,
        note="School B's measure under school A's URN is nobody's to see here",
    ),
    Case("lab:outcome-template", kwargs=measure, expect=READ),
    Case("lab:outcome-import", kwargs=upload, expect=READ),
    Case("lab:outcome-summary", kwargs=measure, expect=EDIT),
    Case(
        "lab:outcome-summary",
        kwargs=measure,
        method="post",
        data=SUMMARY,
        expect=EDIT_REDIRECTS,
    ),
]
