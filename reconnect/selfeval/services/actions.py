"""A school's action plan: what it will do about its report, who does it and by when.

Actions hang off a submitted review (the plan answers its report). Who may add, change or
delete them is the views' business (``rules.can_plan_actions`` and
``rules.can_update_action``); these functions make sure, whoever calls them, that an action
only ever points at things of its own school and review: an owner who is an active member
of the school, a domain of the review's framework version and, if any, a live Hub
intervention that members can read.
"""

import datetime
from typing import Any

from django.utils.translation import gettext as _

from reconnect.core.exceptions import ApplicationError
from reconnect.hub.models import InterventionPage
from reconnect.hub.selectors import interventions_visible_to
from reconnect.schools.models import Membership
from reconnect.selfeval.models import Action, ActionStatus, Domain, Review

TITLE_MAX = Action._meta.get_field("title").max_length or 200
NOTES_MAX = 2000


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ApplicationError(_("Enter what you will do."), field="title")
    if len(title) > TITLE_MAX:
        raise ApplicationError(
            _("The action must be %(max)d characters or fewer.") % {"max": TITLE_MAX},
            field="title",
        )
    return title


def _clean_notes(notes: str) -> str:
    notes = notes.strip()
    if len(notes) > NOTES_MAX:
        raise ApplicationError(
            _("Notes must be %(max)d characters or fewer.") % {"max": NOTES_MAX}, field="notes"
        )
    return notes


def _check_status(status: str) -> ActionStatus:
    try:
        return ActionStatus(status)
    except ValueError as error:
        raise ApplicationError(_("Choose a status."), field="status") from error


def _check_domain(review: Review, domain: Domain) -> None:
    if domain.version_id != review.version_id:
        raise ApplicationError(
            _("Choose one of the domains of this review's framework."), field="domain"
        )


def _check_owner(review: Review, owner: Any) -> None:
    if owner is None:
        return
    is_member = (
        owner.is_active
        and Membership.objects.filter(user_id=owner.pk, school_id=review.school_id).exists()
    )
    if not is_member:
        raise ApplicationError(
            _("The owner must be a member of your school on Reconnect."), field="owner"
        )


def _check_intervention(user: Any, intervention: InterventionPage | None) -> None:
    if intervention is None:
        return
    if not interventions_visible_to(user).filter(pk=intervention.pk).exists():
        raise ApplicationError(
            _("That intervention is no longer in the Knowledge Hub. Choose another, or none."),
            field="intervention",
        )


def _check_submitted(review: Review) -> None:
    if not review.is_submitted:
        raise ApplicationError(
            _("An action plan follows the report: submit the review before planning actions.")
        )


def action_create(
    *,
    review: Review,
    user: Any,
    domain: Domain,
    title: str,
    owner: Any = None,
    due_date: datetime.date | None = None,
    status: str = ActionStatus.NOT_STARTED,
    notes: str = "",
    intervention: InterventionPage | None = None,
) -> Action:
    """Add an action to a submitted review's plan.

    No side effects beyond the row. Raises ApplicationError (with the field at fault) if
    the review is still open, the domain is not one of the review's version, the owner is
    not an active member of the school, the intervention is not a live Hub intervention
    members can read, the status is unknown, or the title is blank or too long.
    """
    _check_submitted(review)
    _check_domain(review, domain)
    title = _clean_title(title)
    notes = _clean_notes(notes)
    checked_status = _check_status(status)
    _check_owner(review, owner)
    _check_intervention(user, intervention)
    return Action.objects.create(
        review=review,
        school_id=review.school_id,
        domain=domain,
        title=title,
        owner=owner,
        due_date=due_date,
        status=checked_status,
        notes=notes,
        intervention=intervention,
        created_by=user,
    )


def action_update(
    *,
    action: Action,
    user: Any,
    domain: Domain,
    title: str,
    owner: Any,
    due_date: datetime.date | None,
    status: str,
    notes: str,
    intervention: InterventionPage | None,
) -> Action:
    """Change every field of an action (the plan's editors; the owner changes status and
    notes with ``action_progress``).

    The owner and the intervention are checked only when they change, so an action whose
    owner has since left the school, or whose intervention was unpublished, can still be
    edited without losing them by surprise. Raises ApplicationError as ``action_create``.
    """
    review = action.review
    _check_domain(review, domain)
    title = _clean_title(title)
    notes = _clean_notes(notes)
    checked_status = _check_status(status)
    if (owner.pk if owner is not None else None) != action.owner_id:
        _check_owner(review, owner)
    if (intervention.pk if intervention is not None else None) != action.intervention_id:
        _check_intervention(user, intervention)
    action.domain = domain
    action.title = title
    action.owner = owner
    action.due_date = due_date
    action.status = checked_status
    action.notes = notes
    action.intervention = intervention
    action.save(
        update_fields=[
            "domain",
            "title",
            "owner",
            "due_date",
            "status",
            "notes",
            "intervention",
            "updated_at",
        ]
    )
    return action


def action_progress(*, action: Action, user: Any, status: str, notes: str) -> Action:
    """Record how an action is going: its status and notes, the part its owner may change.

    Raises ApplicationError for an unknown status or notes that are too long.
    """
    action.status = _check_status(status)
    action.notes = _clean_notes(notes)
    action.save(update_fields=["status", "notes", "updated_at"])
    return action


def action_delete(*, action: Action, user: Any) -> None:
    """Remove an action from the plan. Nothing else refers to an action."""
    action.delete()
