"""Access-matrix rows for completing a review: see access_expectations.py.

Every row's review belongs to school A. Its members may read it (staff_a, lead_a and
data_lead_a get 200); for everyone else it does not exist (404): school B's lead, the
system leader of school A's trust, the coordinator and the administrator alike, since a
review is the school's own until it shares the report. staff_a and data_lead_a are members
but not contributors unless the row says so, so answering is a 403 for them: leading the
school's data is not leading its self-evaluation. Only the lead invites, removes and
submits.
"""

from typing import Any

from reconnect.selfeval.models import Statement
from reconnect.selfeval.tests.factories import (
    ReviewContributorFactory,
    answer_all,
    open_review,
    published_framework,
)
from tests.access import Case, World, everyone, members_only

# School A's review: its members read it; for anyone else it does not exist.
SCHOOL_A_READ = members_only(404, staff_a=200, lead_a=200, data_lead_a=200)
# Acting on school A's review: the lead acts and is redirected; staff may read but not act.
SCHOOL_A_LEAD_ACTS = members_only(404, staff_a=403, lead_a=302, data_lead_a=403)
# GET on a form handler, POST on a page: signed-in people get 405, visitors sign in first.
WRONG_METHOD = members_only(405)


def _review(world: World) -> Any:
    return open_review(world.school_a, published_framework(), user=world.lead_a)


def _review_kwargs(world: World) -> dict[str, int]:
    return {"review_id": _review(world).pk}


def _domain_kwargs(world: World) -> dict[str, Any]:
    return {"review_id": _review(world).pk, "code": "attendance"}


def _statement_kwargs(world: World) -> dict[str, int]:
    review = _review(world)
    statement = Statement.objects.filter(domain__version=review.version).first()
    assert statement is not None
    return {"review_id": review.pk, "statement_id": statement.pk}


def _staff_contributes(world: World) -> dict[str, int]:
    kwargs = _statement_kwargs(world)
    ReviewContributorFactory(review_id=kwargs["review_id"], user=world.staff_a)
    return kwargs


def _data_lead_contributes(world: World) -> dict[str, int]:
    kwargs = _statement_kwargs(world)
    ReviewContributorFactory(review_id=kwargs["review_id"], user=world.data_lead_a)
    return kwargs


def _contributor_kwargs(world: World) -> dict[str, int]:
    review = _review(world)
    ReviewContributorFactory(review=review, user=world.data_lead_a)
    return {"review_id": review.pk, "user_id": world.data_lead_a.pk}


def _answered_kwargs(world: World) -> dict[str, int]:
    review = _review(world)
    answer_all(review, user=world.lead_a)
    return {"review_id": review.pk}


def _framework(world: World) -> dict[str, Any]:
    published_framework()
    return {}


def _start_data(world: World) -> dict[str, Any]:
    version = published_framework()
    return {
        "school": world.school_a.pk,
        "framework": version.framework_id,
        "title": "Spring review",
    }


ANSWER = {"level": "3", "evidence": "Weekly attendance meetings.", "seen_revision": ""}

CASES = [
    # --- The list and the framework -----------------------------------------------------------
    Case("selfeval:review-list", expect=members_only(200)),
    Case("selfeval:review-list", method="post", expect=WRONG_METHOD),
    Case(
        "selfeval:framework-detail",
        kwargs=_framework,
        expect=everyone(200),
        login_required=False,
        note="The framework is public, so schools can read it before they join",
    ),
    Case(
        "selfeval:framework-detail",
        label="unpublished",
        expect=everyone(404),
        note="Nothing published yet: there is no framework to show",
    ),
    # --- Starting -----------------------------------------------------------------------------
    Case(
        "selfeval:review-start",
        method="post",
        data=_start_data,
        expect=members_only(403, lead_a=302, lead_b=400),
        note="Only school leads start reviews; school B's lead posting school A's id gets "
        "the form back with an error (400), never a review at another school",
    ),
    Case("selfeval:review-start", expect=WRONG_METHOD),
    # --- Reading a review ---------------------------------------------------------------------
    Case("selfeval:review-detail", kwargs=_review_kwargs, expect=SCHOOL_A_READ),
    Case("selfeval:review-detail", kwargs=_review_kwargs, method="post", expect=WRONG_METHOD),
    Case("selfeval:review-domain", kwargs=_domain_kwargs, expect=SCHOOL_A_READ),
    Case(
        "selfeval:review-domain",
        kwargs=lambda world: {"review_id": _review(world).pk, "code": "no-such-area"},
        label="unknown-area",
        expect=members_only(404),
    ),
    # --- Answering ----------------------------------------------------------------------------
    Case(
        "selfeval:answer-save",
        kwargs=_statement_kwargs,
        method="post",
        data=ANSWER,
        expect=SCHOOL_A_LEAD_ACTS,
        note="staff_a may read the review but was not invited to answer it",
    ),
    Case(
        "selfeval:answer-save",
        kwargs=_staff_contributes,
        method="post",
        data=ANSWER,
        label="contributor",
        expect=members_only(404, staff_a=302, lead_a=302, data_lead_a=403),
        note="Invited, staff_a answers like the lead; the data lead was not invited",
    ),
    Case(
        "selfeval:answer-save",
        kwargs=_data_lead_contributes,
        method="post",
        data=ANSWER,
        label="data-lead-contributor",
        expect=members_only(404, staff_a=403, lead_a=302, data_lead_a=302),
        note="Invited, the data lead answers like the lead; staff_a was not invited",
    ),
    Case(
        "selfeval:answer-save",
        kwargs=lambda world: {"review_id": _review(world).pk, "statement_id": 999_999},
        method="post",
        data=ANSWER,
        label="unknown-statement",
        expect=members_only(404),
    ),
    Case("selfeval:answer-save", kwargs=_statement_kwargs, expect=members_only(405)),
    # --- Contributors -------------------------------------------------------------------------
    Case(
        "selfeval:contributor-add",
        kwargs=_review_kwargs,
        method="post",
        data=lambda world: {"colleague": world.staff_a.pk},
        expect=SCHOOL_A_LEAD_ACTS,
    ),
    Case("selfeval:contributor-add", kwargs=_review_kwargs, expect=members_only(405)),
    Case(
        "selfeval:contributor-remove",
        kwargs=_contributor_kwargs,
        method="post",
        expect=SCHOOL_A_LEAD_ACTS,
        note="The contributor is data_lead_a, who may not take themselves off the review",
    ),
    Case(
        "selfeval:contributor-remove",
        kwargs=lambda world: {"review_id": _review(world).pk, "user_id": world.staff_a.pk},
        method="post",
        label="not-a-contributor",
        expect=members_only(404, staff_a=403, data_lead_a=403),
        note="The lead removing someone who is not helping: nothing to remove",
    ),
    Case("selfeval:contributor-remove", kwargs=_contributor_kwargs, expect=members_only(405)),
    # --- Submitting ---------------------------------------------------------------------------
    Case(
        "selfeval:review-submit",
        kwargs=_review_kwargs,
        expect=members_only(404, staff_a=403, lead_a=200, data_lead_a=403),
        note="The confirmation page is the lead's; staff read the review but do not submit",
    ),
    Case(
        "selfeval:review-submit",
        kwargs=_answered_kwargs,
        method="post",
        expect=SCHOOL_A_LEAD_ACTS,
    ),
    Case(
        "selfeval:review-submit",
        kwargs=_review_kwargs,
        method="post",
        label="unanswered",
        expect=members_only(404, staff_a=403, lead_a=400, data_lead_a=403),
        note="Refused, listing the statements still to answer",
    ),
]
