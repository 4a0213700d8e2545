"""Access-matrix rows for sharing a report: see access_expectations.py.

Only school A's lead shares and withdraws (a colleague: 403). Anyone outside school A gets
a 404, even the trust's system leader who can read the shared report: reading is not
managing. POSTs carry an empty form, so nothing is shared from the matrix; the service's
writes are covered in test_sharing.py.
"""

from reconnect.selfeval.services.sharing import report_share
from reconnect.selfeval.tests.factories import published_framework, submitted_review
from tests.access import Case, World, members_only

LEAD_A_ONLY = members_only(404, staff_a=403, lead_a=200, data_lead_a=403)


def _submitted(world: World) -> dict[str, int]:
    review = submitted_review(world.school_a, published_framework(), user=world.lead_a)
    return {"review_id": review.pk}


def _shared(world: World) -> dict[str, int]:
    review = submitted_review(world.school_a, published_framework(), user=world.lead_a)
    share, _created = report_share(review=review, user=world.lead_a, trust=world.trust_a)
    return {"review_id": review.pk, "share_id": share.pk}


CASES = [
    Case("selfeval:share-create", kwargs=_submitted, expect=LEAD_A_ONLY),
    Case(
        "selfeval:share-create",
        kwargs=_submitted,
        method="post",
        data={},
        expect=LEAD_A_ONLY,
        note="An empty form is shown again with its errors",
    ),
    Case(
        "selfeval:share-withdraw",
        kwargs=_shared,
        method="post",
        expect=members_only(404, staff_a=403, lead_a=302, data_lead_a=403),
        note="The lead is sent back to the report",
    ),
    Case(
        "selfeval:share-withdraw",
        kwargs=_shared,
        expect=members_only(405),
        note="Withdrawing is a POST only",
    ),
]
