"""Who may see and do what with a school's pupil data.

Pupil-level data (the pupil list, profiles, drill-downs, exports, uploads) is for the
school's leads and data leads only. Staff see the cohort views (counts and rates, never a
pupil row) only when a lead grants it. Outside the school, system leaders see their trust
or borough and coordinators the network, as suppressed aggregates; no pupil-level row ever
leaves the school. For anyone else a school's pupil data does not exist: the views answer
404.
"""

from typing import Any

from reconnect.schools.roles import SchoolRole

PUPIL_ROLES = frozenset({SchoolRole.SCHOOL_LEAD, SchoolRole.DATA_LEAD})


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


def is_member(user: Any, school_id: int) -> bool:
    return school_role(user, school_id) is not None


def can_see_pupils(user: Any, school_id: int) -> bool:
    """Pupil lists, profiles, drill-downs and exports; uploads too."""
    return school_role(user, school_id) in PUPIL_ROLES


def can_upload(user: Any, school_id: int) -> bool:
    return can_see_pupils(user, school_id)


def can_see_cohorts(user: Any, school_id: int, *, granted: bool = False) -> bool:
    """Cohort views: leads and data leads, and staff a lead has granted them to.

    ``granted`` is whether a ``StaffCohortGrant`` exists for the user at the school; the
    selector that loads the page asks the database once and passes the answer in.
    """
    role = school_role(user, school_id)
    if role in PUPIL_ROLES:
        return True
    return role == SchoolRole.STAFF and granted


def can_manage_data(user: Any, school_id: int) -> bool:
    """Column mappings, indicator settings, staff grants, saved cohorts."""
    return can_see_pupils(user, school_id)


def can_govern_data(user: Any, school_id: int) -> bool:
    """The retention period and deleting all the school's pupil data: the school lead."""
    return school_role(user, school_id) == SchoolRole.SCHOOL_LEAD


def can_see_network_aggregates(user: Any) -> bool:
    """Suppressed aggregates across schools: coordinators, administrators, system leaders."""
    if not _active(user):
        return False
    if user.is_superuser or user.is_coordinator:
        return True
    return bool(user.system_leader_scopes.exists())
