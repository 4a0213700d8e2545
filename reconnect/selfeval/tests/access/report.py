"""Access-matrix rows for the report and its downloads: see access_expectations.py.

A submitted report is read by its school's members, and by whoever a share in force
reaches; for everyone else it does not exist (404). School A's review is submitted by
its lead in each row's ``kwargs``; the shared rows share it with school A's trust, whose
system leader is a persona.
"""

from reconnect.selfeval.services.sharing import report_share
from reconnect.selfeval.tests.factories import open_review, published_framework, submitted_review
from tests.access import Case, World, members_only

SCHOOL_A_MEMBERS = members_only(404, staff_a=200, lead_a=200, data_lead_a=200)
SHARED_WITH_TRUST = members_only(404, staff_a=200, lead_a=200, data_lead_a=200, system_leader=200)


def _submitted(world: World) -> dict[str, int]:
    review = submitted_review(world.school_a, published_framework(), user=world.lead_a)
    return {"review_id": review.pk}


def _shared_with_trust(world: World) -> dict[str, int]:
    review = submitted_review(world.school_a, published_framework(), user=world.lead_a)
    report_share(review=review, user=world.lead_a, trust=world.trust_a)
    return {"review_id": review.pk}


def _in_progress(world: World) -> dict[str, int]:
    review = open_review(world.school_a, published_framework(), user=world.lead_a)
    return {"review_id": review.pk}


CASES = [
    Case("selfeval:report-detail", kwargs=_submitted, expect=SCHOOL_A_MEMBERS),
    Case(
        "selfeval:report-detail",
        kwargs=_shared_with_trust,
        label="shared-with-trust",
        expect=SHARED_WITH_TRUST,
        note="School A's trust reaches its system leader",
    ),
    Case(
        "selfeval:report-detail",
        kwargs=_in_progress,
        label="in-progress",
        expect=members_only(404, staff_a=302, lead_a=302, data_lead_a=302),
        note="School A's members are sent to the review itself; for others it does not exist",
    ),
    Case(
        "selfeval:report-detail",
        kwargs={"review_id": 2**31},
        label="out-of-range",
        expect=members_only(404),
    ),
    Case("selfeval:report-detail", kwargs=_submitted, method="post", expect=members_only(405)),
    Case("selfeval:report-statements", kwargs=_submitted, expect=SCHOOL_A_MEMBERS),
    Case(
        "selfeval:report-statements",
        kwargs=_shared_with_trust,
        label="shared-with-trust",
        expect=SHARED_WITH_TRUST,
        note="The appendix is part of the report, so it reaches whoever the report reaches",
    ),
    Case(
        "selfeval:report-statements",
        kwargs=_in_progress,
        label="in-progress",
        expect=members_only(404),
        note="A review in progress has no report, so no appendix",
    ),
    Case("selfeval:report-statements", kwargs=_submitted, method="post", expect=members_only(405)),
    Case("selfeval:report-csv", kwargs=_submitted, expect=SCHOOL_A_MEMBERS),
    Case(
        "selfeval:report-csv",
        kwargs=_shared_with_trust,
        label="shared-with-trust",
        expect=SHARED_WITH_TRUST,
    ),
    Case(
        "selfeval:report-csv",
        kwargs=_in_progress,
        label="in-progress",
        expect=members_only(404),
        note="Only a submitted review has a report to download",
    ),
    Case("selfeval:report-pdf", kwargs=_submitted, expect=SCHOOL_A_MEMBERS),
    Case(
        "selfeval:report-pdf",
        kwargs=_shared_with_trust,
        label="shared-with-trust",
        expect=SHARED_WITH_TRUST,
    ),
]
