"""Access-matrix rows for the self-evaluation API: see access_expectations.py.

Every operation needs a session: visitors get 401. Frameworks are the network's: every
member reads them. A review, its answers and its plan are its school's: members of school
A read them, everyone else gets a 404 as if it did not exist. A report also reaches whoever
the school shared it with (here, school A's trust and so its system leader).
"""

from reconnect.selfeval.models import ReportShare, ShareKind
from reconnect.selfeval.tests.factories import published_framework, submitted_review
from tests.access import Case, World, members_only

API = members_only(200, anonymous=401)
SCHOOL_A = members_only(404, anonymous=401, staff_a=200, lead_a=200, data_lead_a=200)
UNKNOWN = members_only(404, anonymous=401)


def _framework(world: World) -> dict[str, str]:
    published_framework()
    return {"slug": "reconnect"}


def _review_of_a(world: World) -> dict[str, int]:
    review = submitted_review(world.school_a, published_framework(), user=world.lead_a)
    return {"review_id": review.pk}


def _review_shared_with_trust_a(world: World) -> dict[str, int]:
    kwargs = _review_of_a(world)
    ReportShare.objects.create(
        review_id=kwargs["review_id"],
        kind=ShareKind.TRUST,
        trust=world.trust_a,
        shared_by=world.lead_a,
    )
    return kwargs


CASES = [
    Case("api-v1:selfeval-framework-list", expect=API),
    Case("api-v1:selfeval-framework-detail", kwargs=_framework, expect=API),
    Case(
        "api-v1:selfeval-framework-detail",
        kwargs={"slug": "unknown"},
        label="unknown",
        expect=UNKNOWN,
    ),
    Case("api-v1:selfeval-review-list", expect=API, note="Each caller sees their schools' only"),
    Case("api-v1:selfeval-review-detail", kwargs=_review_of_a, expect=SCHOOL_A),
    Case(
        "api-v1:selfeval-review-detail",
        kwargs={"review_id": 999_999},
        label="unknown",
        expect=UNKNOWN,
    ),
    Case("api-v1:selfeval-review-report", kwargs=_review_of_a, expect=SCHOOL_A),
    Case(
        "api-v1:selfeval-review-report",
        kwargs=_review_shared_with_trust_a,
        label="shared-with-trust",
        expect={**SCHOOL_A, "system_leader": 200},
        note="A report shared with school A's trust reaches the trust's system leader",
    ),
    Case("api-v1:selfeval-review-actions", kwargs=_review_of_a, expect=SCHOOL_A),
    Case(
        "api-v1:selfeval-review-actions",
        kwargs=_review_shared_with_trust_a,
        label="shared-with-trust",
        expect=SCHOOL_A,
        note="Sharing the report does not share the action plan",
    ),
]
