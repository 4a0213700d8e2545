"""Access-matrix rows for the action plan: see access_expectations.py.

A plan belongs to its school: every member of school A reads it, the school lead (and the
review's contributors) add, change and delete actions, an action's owner updates it, and
everyone else gets a 404, as if the review did not exist. Coordinators, system leaders and
the administrator are not members of school A, so they get the 404 too.

POSTs carry an empty form: the lead sees it again with its errors (nothing is written),
and a member without planning rights is refused before the form is read.
"""

from typing import Any, cast

from reconnect.selfeval.models import Action
from reconnect.selfeval.tests.factories import ActionFactory, open_review, published_framework
from reconnect.selfeval.tests.factories import submitted_review as _submitted
from tests.access import Case, World, members_only

READERS = members_only(404, staff_a=200, lead_a=200, data_lead_a=200)
PLANNERS = members_only(404, staff_a=403, lead_a=200, data_lead_a=403)


def make_action(**fields: Any) -> Action:
    """``ActionFactory`` typed for mypy (the factory's base class is not parametrised)."""
    return cast(Action, ActionFactory(**fields))


def _submitted_review(world: World) -> dict[str, int]:
    review = _submitted(world.school_a, published_framework(), user=world.lead_a)
    return {"review_id": review.pk}


def _open_review(world: World) -> dict[str, int]:
    review = open_review(world.school_a, published_framework(), user=world.lead_a)
    return {"review_id": review.pk}


def _action(world: World, owner=None) -> dict[str, int]:
    review = _submitted(world.school_a, published_framework(), user=world.lead_a)
    action = make_action(review=review, owner=owner, created_by=world.lead_a)
    return {"review_id": review.pk, "action_id": action.pk}


def _action_owned_by_staff(world: World) -> dict[str, int]:
    return _action(world, owner=world.staff_a)


CASES = [
    Case("selfeval:action-plan", kwargs=_submitted_review, expect=READERS),
    Case(
        "selfeval:action-plan",
        kwargs=_submitted_review,
        query="domain=attendance&intervention=999999",
        label="prefilled",
        expect=READERS,
        note="A signpost's link prefills the form; an unknown intervention is ignored",
    ),
    Case(
        "selfeval:action-plan",
        kwargs=_submitted_review,
        method="post",
        data={"section": "attendance"},
        expect=PLANNERS,
        note="The lead sees the empty form again with its errors; staff may not plan",
    ),
    Case(
        "selfeval:action-plan",
        kwargs=_open_review,
        label="open-review",
        expect=members_only(404, staff_a=302, lead_a=302, data_lead_a=302),
        note="An open review has no plan yet: members are sent to the review",
    ),
    Case(
        "selfeval:action-plan",
        kwargs={"review_id": 999_999},
        label="unknown",
        expect=members_only(404),
    ),
    Case("selfeval:action-edit", kwargs=_action, expect=PLANNERS),
    Case(
        "selfeval:action-edit",
        kwargs=_action,
        method="post",
        data={},
        expect=PLANNERS,
        note="The lead sees the empty form again with its errors",
    ),
    Case(
        "selfeval:action-edit",
        kwargs=_action_owned_by_staff,
        label="owner",
        expect=members_only(404, staff_a=200, lead_a=200, data_lead_a=403),
        note="An action's owner may update its status and notes; the data lead owns none",
    ),
    Case(
        "selfeval:action-edit",
        kwargs=_action_owned_by_staff,
        label="owner",
        method="post",
        data={},
        expect=members_only(404, staff_a=200, lead_a=200, data_lead_a=403),
        note="The owner's empty form is shown again with its errors",
    ),
    Case(
        "selfeval:action-edit",
        kwargs=lambda world: {**_submitted_review(world), "action_id": 999_999},
        label="unknown",
        expect=members_only(404),
    ),
    Case("selfeval:action-delete", kwargs=_action, expect=PLANNERS),
    Case(
        "selfeval:action-delete",
        kwargs=_action,
        method="post",
        expect=members_only(404, staff_a=403, lead_a=302, data_lead_a=403),
        note="The lead deletes the action and goes back to the plan",
    ),
    Case(
        "selfeval:action-delete",
        kwargs=_action_owned_by_staff,
        label="owner",
        method="post",
        expect=members_only(404, staff_a=403, lead_a=302, data_lead_a=403),
        note="Owning an action is not enough to delete it",
    ),
]
