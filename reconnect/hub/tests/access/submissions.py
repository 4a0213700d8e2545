"""Access-matrix rows for case-study submission: see access_expectations.py.

Any member may submit a case study and list their own. A submission belongs to the member
who sent it: for anyone else, changing or withdrawing it is a 404, as if it did not exist
(coordinators and the administrator decide on submissions in Wagtail's admin, not here).

POSTs carry an empty form, so no review e-mail is sent from the matrix; the service's
writes are covered in test_submissions.py.
"""

import warnings

from django.utils.deprecation import RemovedInDjango2028Warning

from reconnect.hub.tests.factories_submissions import review, submitted_case_study
from tests.access import Case, World, members_only

MEMBERS = members_only(200)
STAFF_A_ONLY = members_only(404, staff_a=200)


def _sent_back_by_coordinator(world: World) -> dict[str, int]:
    """A case study by staff at school A that a coordinator has asked them to change."""
    with warnings.catch_warnings():
        # Wagtail's workflow e-mails call Django's deprecated get_connection().
        warnings.filterwarnings(
            "ignore", category=RemovedInDjango2028Warning, module="wagtail.admin.mail"
        )
        page = submitted_case_study(world.staff_a, title="Sent back")
        review(page, world.coordinator, "reject", comment="Add your figures.")
    return {"page_id": page.pk}


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
]
