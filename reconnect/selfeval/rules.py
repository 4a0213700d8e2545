"""Who may do what with self-evaluations.

A review belongs to its school. Every member of the school may read it and its report; the
school lead and the colleagues they invited answer it; only a school lead starts, invites,
submits and shares. Anyone else never learns a review exists: the selectors leave it out
and the views answer 404. A submitted report also reaches whoever it is shared with.
"""

from typing import Any

from reconnect.schools.roles import SchoolRole


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def school_role(user: Any, school_id: int) -> str | None:
    """The user's role at the school, or None. Uses prefetched memberships when present."""
    if not _active(user):
        return None
    for membership in user.memberships.all():
        if membership.school_id == school_id:
            return str(membership.role)
    return None


def is_school_lead(user: Any, school_id: int) -> bool:
    return school_role(user, school_id) == SchoolRole.SCHOOL_LEAD


def can_start_review(user: Any, school_id: int) -> bool:
    return is_school_lead(user, school_id)


def can_manage_review(user: Any, review: Any) -> bool:
    """Invite colleagues, submit, share, withdraw a share: the school lead."""
    return is_school_lead(user, review.school_id)


def is_contributor(user: Any, review: Any) -> bool:
    if not _active(user):
        return False
    return any(c.user_id == user.pk for c in review.contributors.all())


def can_answer(user: Any, review: Any) -> bool:
    """While the review is open: the school lead and the colleagues they invited."""
    if review.is_submitted or school_role(user, review.school_id) is None:
        return False
    return is_school_lead(user, review.school_id) or is_contributor(user, review)


def may_answer(role: str | None, *, invited: bool) -> bool:
    """Who answers while a review is open, from what ``review_for_answering`` read with the
    review: the user's role at its school and whether its lead invited them."""
    return role == SchoolRole.SCHOOL_LEAD or (role is not None and invited)


def can_plan_actions(user: Any, review: Any) -> bool:
    """Add and change actions: the lead and the review's contributors."""
    if school_role(user, review.school_id) is None:
        return False
    return is_school_lead(user, review.school_id) or is_contributor(user, review)


def can_update_action(user: Any, action: Any, review: Any) -> bool:
    """An action's owner may update its status and notes even without planning rights."""
    if can_plan_actions(user, review):
        return True
    return _active(user) and action.owner_id == user.pk


def can_see_network_view(user: Any) -> bool:
    """Coordinators, administrators and system leaders: suppressed aggregates only."""
    if not _active(user):
        return False
    if user.is_superuser or user.is_coordinator:
        return True
    return bool(user.system_leader_scopes.exists())
