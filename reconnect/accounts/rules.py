"""Who may do what with accounts, invitations and join requests."""

from typing import Any

from reconnect.schools.roles import ROLES_REQUIRING_MFA, SchoolRole


def is_coordinator(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_coordinator or user.is_superuser))


def is_system_leader(user: Any) -> bool:
    return bool(user.is_authenticated and user.system_leader_scopes.exists())


def requires_mfa(user: Any) -> bool:
    """School leads, data leads, system leaders, coordinators and admins need a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_coordinator:
        return True
    if user.memberships.filter(role__in=ROLES_REQUIRING_MFA).exists():
        return True
    return user.system_leader_scopes.exists()


def can_invite_to_school(user: Any, school: Any, role: str) -> bool:
    """Coordinators invite anyone anywhere; a school lead invites staff of their own school."""
    if is_coordinator(user):
        return True
    if role == SchoolRole.SCHOOL_LEAD:
        return False
    return user.memberships.filter(school=school, role=SchoolRole.SCHOOL_LEAD).exists()


def is_school_lead(user: Any, school: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.memberships.filter(school=school, role=SchoolRole.SCHOOL_LEAD).exists()
    )


def can_invite_anywhere(user: Any) -> bool:
    """Whether the user may open the invitation pages at all (leads and coordinators)."""
    if is_coordinator(user):
        return True
    return bool(
        user.is_authenticated and user.memberships.filter(role=SchoolRole.SCHOOL_LEAD).exists()
    )


def roles_user_can_invite(user: Any) -> list[str]:
    """Coordinators invite to every role; school leads invite staff and data leads."""
    if is_coordinator(user):
        return [role.value for role in SchoolRole]
    return [SchoolRole.DATA_LEAD.value, SchoolRole.STAFF.value]


def can_manage_invitation(user: Any, invitation: Any) -> bool:
    """Revoke or resend: whoever could send this invitation (its role at its school) now.

    A school lead therefore leaves coordinators' invitations to the school lead role alone.
    """
    if is_coordinator(user):
        return True
    return invitation.role in roles_user_can_invite(user) and is_school_lead(
        user, invitation.school
    )


def can_manage_members(user: Any, school: Any) -> bool:
    """Coordinators manage any school's members; a school lead manages their own school's."""
    return is_coordinator(user) or is_school_lead(user, school)


def roles_user_can_grant(user: Any) -> list[str]:
    """The roles a user may give an existing member: the same as those they may invite to."""
    return roles_user_can_invite(user)


def can_change_membership(
    user: Any, membership: Any, role: str | None = None, *, leads_school: bool | None = None
) -> bool:
    """Whether ``user`` may change (to ``role``) or, with no role, remove ``membership``.

    Coordinators may do anything. A school lead manages the staff and data leads of their
    school; the school lead role itself is given and taken by coordinators, as it is
    invited by them, though a lead may step down or leave themselves.

    ``leads_school`` is whether ``user`` leads the membership's school, when the caller
    already knows: a page listing one school's members asks once, not once per row.
    """
    if is_coordinator(user):
        return True
    if leads_school is None:
        leads_school = is_school_lead(user, membership.school)
    if not leads_school:
        return False
    if role is not None and role not in roles_user_can_grant(user):
        return False
    is_self = membership.user_id == user.pk
    return membership.role != SchoolRole.SCHOOL_LEAD or is_self
