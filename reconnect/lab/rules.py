"""Who may see and change a school's Innovation Lab pilots.

A pilot is the school's own plan, so it lives inside the school like its self-evaluation:

- The school's **school leads and data leads** start pilots and change everything about
  them: the plan, the timeline, the implementation log, the outcome measures, the status.
- The school's **staff** read every page of the school's pilots and change nothing: the
  controls are not shown to them, and a change they post anyway is refused with 403, as the
  spectrum refuses staff a target group's save or delete.
- **Trio partners** (the other schools of a pilot's learning trio) will read the pilot
  once trios run; ``is_trio_partner`` answers False until they exist.
- **Network coordinators and administrators** see, on the Lab home, a list of the
  network's pilots that are running or completed: title, school, intervention, phase and
  status, so they can run Lab cohorts and broker trios. A draft is still the school's
  thinking and a withdrawn pilot its own decision, so neither is listed. They do not open a
  pilot's page: its log, notes and target group stay with the school (404).
- **System leaders** see nothing of pilots beyond the schools they are members of: they
  see pupil-related figures only as suppressed aggregates, and a pilot is not one.
- Anyone else: a school's pilots do not exist (404).

Pilots hold no pupil data, but a pilot may name a pupil-data target group; its name is
shown only to those who may see the school's cohort views (``can_see_target_group``).
"""

from typing import Any

from reconnect.lab.models import Pilot, PilotStatus, TrioMember, TrioStatus
from reconnect.schools.roles import SchoolRole
from reconnect.spectrum import rules as spectrum_rules

EDIT_ROLES = frozenset({SchoolRole.SCHOOL_LEAD, SchoolRole.DATA_LEAD})

# The statuses a coordinator's network list shows; see the module docstring.
NETWORK_STATUSES = (PilotStatus.RUNNING, PilotStatus.COMPLETED)


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_read_pilots(user: Any, school_id: int) -> bool:
    """Every page of the school's pilots: any member of the school."""
    return spectrum_rules.is_member(user, school_id)


def can_edit_pilots(user: Any, school_id: int) -> bool:
    """Start, plan, run and change the school's pilots: its leads and data leads."""
    return spectrum_rules.school_role(user, school_id) in EDIT_ROLES


def is_trio_partner(user: Any, pilot: Pilot) -> bool:
    """Whether ``user`` belongs to another school of the pilot's learning trio.

    Trio partners read the pilot (never change it) once a coordinator has confirmed the
    trio, which links each member school's pilot to it; a proposed trio is not yet one.
    Any member of a partner school counts, whatever their role. One query, and none for a
    pilot in no trio.
    """
    if pilot.trio_id is None or not _active(user):
        return False
    schools = [m.school_id for m in user.memberships.all() if m.school_id != pilot.school_id]
    if not schools:
        return False
    return TrioMember.objects.filter(
        trio_id=pilot.trio_id, trio__status=TrioStatus.CONFIRMED, school_id__in=schools
    ).exists()


def can_read_pilot(user: Any, pilot: Pilot) -> bool:
    return can_read_pilots(user, pilot.school_id) or is_trio_partner(user, pilot)


def can_list_network_pilots(user: Any) -> bool:
    """The network list of running and completed pilots: coordinators and administrators."""
    if not _active(user):
        return False
    return bool(user.is_superuser or user.is_coordinator)


def can_see_target_group(user: Any, school_id: int, *, granted: bool = False) -> bool:
    """Offer and show a pilot's pupil-data target group: whoever sees the cohort views.

    ``granted`` is whether a lead granted the user the school's cohort views (staff only).
    """
    return spectrum_rules.can_see_cohorts(user, school_id, granted=granted)


# --- A learning trio's workspace ----------------------------------------------------------
#
# A trio's workspace (its shared plan, meeting notes, discussion and files) is open to every
# member, whatever their role, of the trio's schools, and to coordinators and administrators,
# who broker and support trios. Anyone else gets 404: no other school learns that the trio
# exists. Whoever may open it may write in it; a member changes only their own meeting notes
# and posts (the shared plan is everyone's). A post's author deletes it while nobody else has
# replied (deleting it would take their words with it); a coordinator deletes any post. A
# file is deleted by whoever shared it or by a coordinator.


def is_lab_coordinator(user: Any) -> bool:
    """Coordinators and administrators: they open every trio's workspace."""
    return _active(user) and bool(user.is_superuser or user.is_coordinator)


def can_open_trio(user: Any, trio: Any) -> bool:
    """Read and write in the trio's workspace. Uses ``trio.members`` and the user's
    memberships, prefetched when the caller loaded them."""
    if not _active(user):
        return False
    if is_lab_coordinator(user):
        return True
    return any(spectrum_rules.is_member(user, member.school_id) for member in trio.members.all())


def can_edit_trio_note(user: Any, note: Any) -> bool:
    """Meeting notes and posts: their author only (the plan is edited by anyone in it)."""
    return _active(user) and note.author_id is not None and note.author_id == user.pk


def can_delete_trio_post(user: Any, post: Any, *, others_replied: bool) -> bool:
    if is_lab_coordinator(user):
        return True
    return can_edit_trio_note(user, post) and not others_replied


def can_delete_trio_file(user: Any, trio_file: Any) -> bool:
    if is_lab_coordinator(user):
        return True
    return (
        _active(user)
        and trio_file.uploaded_by_id is not None
        and trio_file.uploaded_by_id == user.pk
    )


# --- Lab cohorts -------------------------------------------------------------------------
#
# Network coordinators and administrators open cohorts, set pairing rules, propose and
# confirm trios. A school's **school lead** applies with one of the school's pilots and
# withdraws the application; every member of the school sees its application and, once
# confirmed, its trio. Any signed-in user sees the cohorts open for applications.


def can_manage_cohorts(user: Any) -> bool:
    """Open, change and close cohorts, set pairing rules, propose and confirm trios."""
    if not _active(user):
        return False
    return bool(user.is_superuser or user.is_coordinator)


def can_apply(user: Any, school_id: int) -> bool:
    """Apply to a cohort for the school, and withdraw its application: its school leads."""
    return spectrum_rules.school_role(user, school_id) == SchoolRole.SCHOOL_LEAD
