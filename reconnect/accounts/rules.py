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
