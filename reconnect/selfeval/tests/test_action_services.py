import datetime
from typing import Any, cast

import pytest

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.exceptions import ApplicationError
from reconnect.hub.models import Visibility
from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.schools.tests.factories import MembershipFactory
from reconnect.selfeval.models import Action, ActionStatus
from reconnect.selfeval.services.actions import (
    action_create,
    action_delete,
    action_progress,
    action_update,
)
from reconnect.selfeval.tests.factories import (
    ActionFactory,
    open_review,
    published_framework,
    submitted_review,
)

pytestmark = pytest.mark.django_db


def make_action(**fields: Any) -> Action:
    """``ActionFactory`` typed for mypy (the factory's base class is not parametrised)."""
    return cast(Action, ActionFactory(**fields))


DUE = datetime.date(2026, 3, 27)


@pytest.fixture
def review(school_a, head_at_school_a):
    return submitted_review(school_a, published_framework(), user=head_at_school_a)


def domain(review, code="attendance"):
    return review.version.domains.get(code=code)


def create(review, user, **overrides):
    fields = {
        "review": review,
        "user": user,
        "domain": domain(review),
        "title": "Call home on the first morning of absence",
        "owner": None,
        "due_date": DUE,
        "status": ActionStatus.NOT_STARTED,
        "notes": "",
        "intervention": None,
    }
    return action_create(**(fields | overrides))


def test_action_create_stores_the_action_for_the_reviews_school(
    review, head_at_school_a, staff_at_school_a
):
    intervention = InterventionPageFactory(title="Parental engagement")

    action = create(
        review,
        head_at_school_a,
        title="  Call home   on the first morning ",
        owner=staff_at_school_a,
        status=ActionStatus.IN_PROGRESS,
        notes=" Start with Year 7. ",
        intervention=intervention,
    )

    stored = Action.objects.get()
    assert stored == action
    assert (stored.school_id, stored.review_id, stored.domain.code) == (
        review.school_id,
        review.pk,
        "attendance",
    )
    assert (stored.title, stored.notes, stored.status, stored.due_date) == (
        "Call home on the first morning",
        "Start with Year 7.",
        "in_progress",
        DUE,
    )
    assert (stored.owner, stored.created_by, stored.intervention_id) == (
        staff_at_school_a,
        head_at_school_a,
        intervention.pk,
    )


def test_action_create_accepts_a_members_only_intervention(review, head_at_school_a):
    members_only = InterventionPageFactory(visibility=Visibility.MEMBERS)

    action = create(review, head_at_school_a, intervention=members_only)

    assert action.intervention_id == members_only.pk


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "   "}, "title", "Enter what you will do."),
        ({"title": "x" * 201}, "title", "The action must be 200 characters or fewer."),
        ({"notes": "x" * 2001}, "notes", "Notes must be 2000 characters or fewer."),
        ({"status": "finished"}, "status", "Choose a status."),
    ],
)
def test_action_create_refuses_bad_fields(review, head_at_school_a, overrides, field, message):
    with pytest.raises(ApplicationError) as raised:
        create(review, head_at_school_a, **overrides)

    assert (raised.value.field, raised.value.message) == (field, message)
    assert not Action.objects.exists()


def test_action_create_refuses_an_owner_from_another_school(
    review, head_at_school_a, head_at_school_b
):
    with pytest.raises(ApplicationError) as raised:
        create(review, head_at_school_a, owner=head_at_school_b)

    assert (raised.value.field, raised.value.message) == (
        "owner",
        "The owner must be a member of your school on Reconnect.",
    )
    assert not Action.objects.exists()


def test_action_create_refuses_a_deactivated_member_as_owner(review, head_at_school_a, school_a):
    gone = UserFactory(is_active=False)
    MembershipFactory(user=gone, school=school_a)

    with pytest.raises(ApplicationError) as raised:
        create(review, head_at_school_a, owner=gone)

    assert raised.value.field == "owner"


def test_action_create_refuses_a_domain_of_another_version(review, head_at_school_a):
    newer = published_framework(framework=review.framework)

    with pytest.raises(ApplicationError) as raised:
        create(review, head_at_school_a, domain=newer.domains.get(code="attendance"))

    assert (raised.value.field, raised.value.message) == (
        "domain",
        "Choose one of the domains of this review's framework.",
    )


def test_action_create_refuses_an_intervention_no_longer_live(review, head_at_school_a):
    draft = InterventionPageFactory(live=False)

    with pytest.raises(ApplicationError) as raised:
        create(review, head_at_school_a, intervention=draft)

    assert (raised.value.field, raised.value.message) == (
        "intervention",
        "That intervention is no longer in the Knowledge Hub. Choose another, or none.",
    )


def test_action_create_refuses_an_open_review(school_b, head_at_school_b):
    review = open_review(school_b, published_framework(), user=head_at_school_b)

    with pytest.raises(ApplicationError) as raised:
        create(review, head_at_school_b)

    assert raised.value.message == (
        "An action plan follows the report: submit the review before planning actions."
    )
    assert not Action.objects.exists()


def test_action_update_changes_every_field(
    review, head_at_school_a, staff_at_school_a, data_lead_at_school_a
):
    action = create(review, head_at_school_a, owner=staff_at_school_a)
    intervention = InterventionPageFactory()

    action_update(
        action=action,
        user=head_at_school_a,
        domain=domain(review, "transition"),
        title="Visit every feeder school",
        owner=data_lead_at_school_a,
        due_date=None,
        status=ActionStatus.DONE,
        notes="Done in June.",
        intervention=intervention,
    )

    action.refresh_from_db()
    assert (action.domain.code, action.title, action.owner, action.due_date) == (
        "transition",
        "Visit every feeder school",
        data_lead_at_school_a,
        None,
    )
    assert (action.status, action.notes, action.intervention_id) == (
        "done",
        "Done in June.",
        intervention.pk,
    )


def test_action_update_keeps_an_owner_who_has_since_left(
    review, head_at_school_a, staff_at_school_a
):
    action = create(review, head_at_school_a, owner=staff_at_school_a)
    staff_at_school_a.memberships.all().delete()
    draft = InterventionPageFactory()
    Action.objects.filter(pk=action.pk).update(intervention=draft)
    draft.unpublish()
    action.refresh_from_db()

    action_update(
        action=action,
        user=head_at_school_a,
        domain=action.domain,
        title="A clearer title",
        owner=staff_at_school_a,
        due_date=DUE,
        status=ActionStatus.IN_PROGRESS,
        notes="",
        intervention=action.intervention,
    )

    action.refresh_from_db()
    assert (action.title, action.owner, action.intervention_id) == (
        "A clearer title",
        staff_at_school_a,
        draft.pk,
    )


def test_action_update_refuses_a_new_owner_from_another_school(
    review, head_at_school_a, head_at_school_b
):
    action = create(review, head_at_school_a)

    with pytest.raises(ApplicationError) as raised:
        action_update(
            action=action,
            user=head_at_school_a,
            domain=action.domain,
            title=action.title,
            owner=head_at_school_b,
            due_date=None,
            status=ActionStatus.NOT_STARTED,
            notes="",
            intervention=None,
        )

    assert raised.value.field == "owner"
    action.refresh_from_db()
    assert action.owner is None


def test_action_progress_changes_only_status_and_notes(review, head_at_school_a, staff_at_school_a):
    action = make_action(review=review, owner=staff_at_school_a, title="Breakfast club")

    action_progress(
        action=action, user=staff_at_school_a, status=ActionStatus.DONE, notes=" Running daily. "
    )

    action.refresh_from_db()
    assert (action.title, action.status, action.notes) == (
        "Breakfast club",
        "done",
        "Running daily.",
    )


def test_action_delete_removes_the_action(review, head_at_school_a):
    action = make_action(review=review)
    keep = make_action(review=review)

    action_delete(action=action, user=head_at_school_a)

    assert list(Action.objects.all()) == [keep]
