"""Access-matrix rows for a domain's signposts: see access_expectations.py.

The signposts page is for the members of the review's school only: it lists the school's
own answers and peers chosen for it. A share of the report does not reach it (the trust's
system leader reads the shared report, not this page), a review still in progress has no
signposts yet, and for anyone else it does not exist (404).
"""

from typing import Any

from reconnect.selfeval.services.sharing import report_share
from reconnect.selfeval.tests.factories import open_review, published_framework, submitted_review
from tests.access import Case, World, members_only

SCHOOL_A_MEMBERS = members_only(404, staff_a=200, lead_a=200, data_lead_a=200)


def _submitted(world: World) -> dict[str, Any]:
    review = submitted_review(world.school_a, published_framework(), user=world.lead_a)
    return {"review_id": review.pk, "code": "attendance"}


def _shared_with_trust(world: World) -> dict[str, Any]:
    review = submitted_review(world.school_a, published_framework(), user=world.lead_a)
    report_share(review=review, user=world.lead_a, trust=world.trust_a)
    return {"review_id": review.pk, "code": "attendance"}


def _in_progress(world: World) -> dict[str, Any]:
    review = open_review(world.school_a, published_framework(), user=world.lead_a)
    return {"review_id": review.pk, "code": "attendance"}


def _unknown_domain(world: World) -> dict[str, Any]:
    return {**_submitted(world), "code": "no-such-domain"}


CASES = [
    Case("selfeval:signpost-detail", kwargs=_submitted, expect=SCHOOL_A_MEMBERS),
    Case(
        "selfeval:signpost-detail",
        kwargs=_shared_with_trust,
        label="shared-with-trust",
        expect=SCHOOL_A_MEMBERS,
        note="A share reaches the report, not the school's own signposts and answers",
    ),
    Case(
        "selfeval:signpost-detail",
        kwargs=_in_progress,
        label="in-progress",
        expect=members_only(404),
        note="No signposts until the review is submitted",
    ),
    Case(
        "selfeval:signpost-detail",
        kwargs=_unknown_domain,
        label="unknown-domain",
        expect=members_only(404),
    ),
    Case(
        "selfeval:signpost-detail",
        kwargs={"review_id": 2**31, "code": "attendance"},
        label="out-of-range",
        expect=members_only(404),
    ),
    Case("selfeval:signpost-detail", kwargs=_submitted, method="post", expect=members_only(405)),
]
