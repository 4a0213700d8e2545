"""The school whose pupil data a request may reach: every spectrum view starts here.

``school_for`` answers 404, never 403, when the user may not reach that school's pupil
data in the way asked, so that nobody outside it learns whether it has any.
"""

from typing import Literal

from django.db import connection
from django.http import Http404

from reconnect.schools.models import School
from reconnect.spectrum import rules
from reconnect.spectrum.models import StaffCohortGrant

# The largest URN either database holds: a bigger one is simply not a school.
MAX_URN = 2**31 - 1

Need = Literal["pupils", "cohorts", "manage", "govern"]


def school_for(user: object, urn: int, *, need: Need) -> School:
    """The school with this URN, if ``user`` may do ``need`` with its pupil data; else 404.

    - ``pupils``: pupil lists, profiles, drill-downs, exports, uploads (leads, data leads)
    - ``cohorts``: cohort views (also staff granted them by a lead)
    - ``manage``: mappings, indicator settings, grants, saved cohorts (leads, data leads)
    - ``govern``: retention and deleting everything (the school lead)
    """
    if urn > MAX_URN:
        raise Http404
    if need == "cohorts":
        school, granted = _school_and_grant(urn, user.pk)  # type: ignore[attr-defined]
    else:
        school = School.objects.filter(urn=urn).first()
    if school is None:
        raise Http404
    allowed = {
        "pupils": rules.can_see_pupils,
        "manage": rules.can_manage_data,
        "govern": rules.can_govern_data,
    }
    if need == "cohorts":
        ok = rules.can_see_cohorts(user, school.pk, granted=granted)
    else:
        ok = allowed[need](user, school.pk)
    if not ok:
        raise Http404
    return school


def _school_and_grant(urn: int, user_id: int | None) -> tuple[School | None, bool]:
    """The school with this URN and whether the user holds a cohort grant there, in one
    query. Raw SQL: every cohort page asks, and the ORM takes several times longer to
    build this query than the database takes to answer it."""
    quote = connection.ops.quote_name
    schools = quote(School._meta.db_table)
    grants = quote(StaffCohortGrant._meta.db_table)
    sql = (
        f"SELECT s.*, EXISTS(SELECT 1 FROM {grants} g "  # noqa: S608 (names from _meta)
        f"WHERE g.{quote('school_id')} = s.{quote('id')} AND g.{quote('user_id')} = %s) "
        f"AS cohorts_granted FROM {schools} s WHERE s.{quote('urn')} = %s"
    )
    found = list(School.objects.raw(sql, [user_id, urn]))
    if not found:
        return None, False
    return found[0], bool(found[0].cohorts_granted)  # type: ignore[attr-defined]
