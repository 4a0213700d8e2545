"""Access-matrix rows for case-study submission: see access_expectations.py.

Any member may submit a case study and list their own. A submission belongs to the member
who sent it: for anyone else, changing or withdrawing it is a 404, as if it did not exist
(coordinators and the administrator decide on submissions in Wagtail's admin, not here).

POSTs carry an empty form, so no review e-mail is sent from the matrix; the service's
writes are covered in test_submissions.py.

Document rows here have no file on disk: a 200 would stream a file the matrix never reads,
and an unclosed file fails the suite (ResourceWarning). So the rows prove the order of the
checks (filename, then the collection's sign-in rule, then the file), and
test_documents.py downloads real files with their headers.
"""

import warnings

from wagtail.documents.models import Document
from wagtail.models import Collection

from reconnect.hub.tests.factories_submissions import review, submitted_case_study
from tests.access import Case, World, everyone, members_only

MEMBERS = members_only(200)
STAFF_A_ONLY = members_only(404, staff_a=200)


def _sent_back_by_coordinator(world: World) -> dict[str, int]:
    """A case study by staff at school A that a coordinator has asked them to change."""
    with warnings.catch_warnings():
        # Wagtail's workflow e-mails call Django's deprecated get_connection().
        warnings.filterwarnings("ignore", message="get_connection", module="wagtail.admin.mail")
        page = submitted_case_study(world.staff_a, title="Sent back")
        review(page, world.coordinator, "reject", comment="Add your figures.")
    return {"page_id": page.pk}


def _absent_document(collection_name: str | None) -> tuple[str, str]:
    """A document row whose file is not on disk (see the module docstring)."""
    collection = (
        Collection.objects.get(name=collection_name)
        if collection_name
        else Collection.get_first_root_node()
    )
    document = Document.objects.create(
        title="Minutes", file="documents/matrix-minutes.pdf", collection=collection
    )
    return (str(document.pk), document.filename)


CASES = [
    Case("hub:case-study-submit", expect=MEMBERS),
    Case(
        "hub:case-study-submit",
        method="post",
        data={},
        expect=MEMBERS,
        note="An empty form is shown again with its errors",
    ),
    Case("hub:case-study-submissions", expect=MEMBERS),
    Case("hub:case-study-resubmit", kwargs=_sent_back_by_coordinator, expect=STAFF_A_ONLY),
    Case(
        "hub:case-study-resubmit",
        kwargs=_sent_back_by_coordinator,
        method="post",
        data={},
        expect=STAFF_A_ONLY,
        note="The submitter sees the form again with its errors; anyone else a 404",
    ),
    Case(
        "hub:case-study-resubmit",
        kwargs={"page_id": 999_999},
        label="unknown",
        expect=members_only(404),
    ),
    Case(
        "hub:case-study-withdraw",
        kwargs=_sent_back_by_coordinator,
        method="post",
        expect=members_only(404, staff_a=302),
        note="The submitter is sent back to their list; anyone else gets a 404",
    ),
    Case(
        "hub:case-study-withdraw",
        kwargs=_sent_back_by_coordinator,
        expect=members_only(405),
        note="Withdrawing is a POST only",
    ),
    # --- Documents: Wagtail's serve view behind safe headers ----------------------------------
    Case(
        "hub:document-serve",
        args=lambda world: _absent_document("Members only"),
        label="members-only",
        expect=members_only(404),
        note="Visitors are sent to sign in before the file is looked for; members get past "
        "the sign-in rule to the missing file",
    ),
    Case(
        "hub:document-serve",
        args=lambda world: (_absent_document(None)[0], "other.pdf"),
        label="wrong-filename",
        expect=everyone(404),
    ),
    Case(
        "hub:document-serve",
        args=lambda world: _absent_document(None),
        method="post",
        expect=everyone(405),
    ),
]
