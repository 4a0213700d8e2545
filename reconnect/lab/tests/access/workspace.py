"""Access-matrix rows of a learning trio's workspace: see tests/access.py and the workspace
part of reconnect/lab/rules.py.

The trio here holds school A and a third school, so school A's staff, lead and data lead
are members (any role opens the workspace); coordinators and administrators open every
trio; school B's lead and the system leader (who oversees school A's trust but is no member)
get 404, as does everyone for a trio of school B's. A member changes only what they wrote
(403 for the others, coordinators included); a coordinator deletes any post or file.
"""

from typing import Any

from reconnect.lab import storage
from reconnect.lab.models import NoteKind
from reconnect.lab.tests.factories import (
    TrioFactory,
    TrioFileFactory,
    TrioMemberFactory,
    TrioNoteFactory,
)
from reconnect.schools.tests.factories import SchoolFactory
from tests.access import Case, World, members_only

OPEN = {"staff_a": 200, "lead_a": 200, "data_lead_a": 200, "coordinator": 200, "admin": 200}
READ = members_only(404, **OPEN)
WRITE = members_only(404, **dict.fromkeys(OPEN, 302))
# What school A's lead wrote: theirs to change; the trio's other readers are refused.
OWN = members_only(404, staff_a=403, lead_a=200, data_lead_a=403, coordinator=403, admin=403)
DELETE_OWN = members_only(404, staff_a=403, lead_a=302, data_lead_a=403, coordinator=302, admin=302)


def trio(world: World) -> dict[str, Any]:
    made = TrioFactory.create(name="Riverside trio")
    TrioMemberFactory.create(trio=made, school=world.school_a)
    TrioMemberFactory.create(trio=made, school=SchoolFactory.create())
    return {"trio_id": made.pk}


def trio_of_school_b(world: World) -> dict[str, Any]:
    made = TrioFactory.create()
    TrioMemberFactory.create(trio=made, school=world.school_b)
    return {"trio_id": made.pk}


def meeting(world: World) -> dict[str, Any]:
    kwargs = trio(world)
    note = TrioNoteFactory.create(
        trio_id=kwargs["trio_id"], kind=NoteKind.MEETING, title="First visit", author=world.lead_a
    )
    return {**kwargs, "note_id": note.pk}


def post(world: World) -> dict[str, Any]:
    kwargs = trio(world)
    note = TrioNoteFactory.create(trio_id=kwargs["trio_id"], author=world.lead_a)
    return {**kwargs, "note_id": note.pk}


def trio_file(world: World) -> dict[str, Any]:
    kwargs = trio(world)
    # Stored under the test run's own VAR_DIR (reconnect.settings.test), like every file
    # a test saves.
    stored_as = storage.lab_file_save(b"Meeting dates\n")
    found = TrioFileFactory.create(
        trio_id=kwargs["trio_id"], stored_as=stored_as, size_bytes=14, uploaded_by=world.lead_a
    )
    return {**kwargs, "file_id": found.pk}


CASES = [
    Case("lab:trio-workspace", kwargs=trio, expect=READ),
    Case(
        "lab:trio-workspace",
        kwargs=trio_of_school_b,
        label="other-trio",
        expect=members_only(404, lead_b=200, coordinator=200, admin=200),
        note="A trio without school A is school A's to know nothing of",
    ),
    Case("lab:trio-plan", kwargs=trio, expect=READ),
    Case(
        "lab:trio-plan",
        kwargs=trio,
        method="post",
        data={"body": "Meet every half term.", "version": ""},
        expect=WRITE,
    ),
    Case("lab:trio-meetings", kwargs=trio, expect=READ),
    Case(
        "lab:trio-meetings",
        kwargs=trio,
        method="post",
        data={"title": ""},
        expect=READ,
        note="Whoever opens the trio sees the form again with its errors",
    ),
    Case("lab:trio-meeting-edit", kwargs=meeting, expect=OWN),
    Case("lab:trio-meeting-edit", kwargs=meeting, method="post", data={"title": ""}, expect=OWN),
    Case("lab:trio-discussion", kwargs=trio, expect=READ),
    Case(
        "lab:trio-discussion",
        kwargs=trio,
        method="post",
        data={"body": "Shall we meet at school A?"},
        expect=WRITE,
    ),
    Case("lab:trio-post-edit", kwargs=post, expect=OWN),
    Case("lab:trio-post-edit", kwargs=post, method="post", data={"body": ""}, expect=OWN),
    Case("lab:trio-post-delete", kwargs=post, method="post", expect=DELETE_OWN),
    Case("lab:trio-files", kwargs=trio, expect=READ),
    Case(
        "lab:trio-files",
        kwargs=trio,
        method="post",
        expect=READ,
        note="No file chosen: the form again with its error",
    ),
    Case("lab:trio-file-download", kwargs=trio_file, expect=READ),
    Case("lab:trio-file-delete", kwargs=trio_file, method="post", expect=DELETE_OWN),
]
