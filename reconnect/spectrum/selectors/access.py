"""The school whose pupil data a request may reach: every spectrum view starts here.

``school_for`` answers 404, never 403, when the user may not reach that school's pupil
data in the way asked, so that nobody outside it learns whether it has any.
"""

from typing import Any, Literal

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import prefetch_related_objects
from django.http import Http404

from reconnect.accounts.acting_school import current_acting_school
from reconnect.core import compiled_sql
from reconnect.schools.models import Membership, School
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
    query. Raw SQL, written once a process: every cohort page asks, and the ORM (or a
    ``RawQuerySet``) takes several times longer to build this query than the database
    takes to answer it."""
    alias = School.objects.db or DEFAULT_DB_ALIAS
    sql, fields, converters = _school_and_grant_sql(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [user_id, urn])
        row = cursor.fetchone()
    if row is None:
        return None, False
    values = compiled_sql.convert(alias, row, converters)
    school = School.from_db(alias, [field.attname for field in fields], values[:-1])
    return school, bool(values[-1])


_SCHOOL_AND_GRANT: dict[str, tuple[str, list[Any], compiled_sql.Converters]] = {}


def _school_and_grant_sql(alias: str) -> tuple[str, list[Any], compiled_sql.Converters]:
    if alias not in _SCHOOL_AND_GRANT:
        quote = connections[alias].ops.quote_name
        schools = quote(School._meta.db_table)
        grants = quote(StaffCohortGrant._meta.db_table)
        fields = list(School._meta.concrete_fields)
        columns = ", ".join(f"s.{quote(str(field.column))}" for field in fields)
        sql = (
            f"SELECT {columns}, EXISTS(SELECT 1 FROM {grants} g "  # noqa: S608 (names from _meta)
            f"WHERE g.{quote('school_id')} = s.{quote('id')} AND g.{quote('user_id')} = %s) "
            f"AS cohorts_granted FROM {schools} s WHERE s.{quote('urn')} = %s"
        )
        _SCHOOL_AND_GRANT[alias] = (sql, fields, compiled_sql.converters_of(alias, fields))
    return _SCHOOL_AND_GRANT[alias]


def remember_memberships(user: Any) -> None:
    """Read the user's memberships once for the request, as
    ``prefetch_related_objects([user], "memberships")`` does: the cohort pages ask the role
    three times (access, links, managing), and ``rules`` reads prefetched memberships.

    From SQL compiled once a process (the ORM took longer to build the prefetch's query,
    joined for the memberships' ordering, than the database took to answer it). A token
    request takes the ORM's path: its memberships are narrowed to the token's school, and
    that narrowing must not be compiled into every later request's SQL."""
    if "memberships" in getattr(user, "_prefetched_objects_cache", {}):
        return
    if current_acting_school() is not None:
        prefetch_related_objects([user], "memberships")
        return
    alias = Membership.objects.db or DEFAULT_DB_ALIAS
    names = _MEMBERSHIP_NAMES
    query = compiled_sql.compile_once(_MEMBERSHIPS, alias, _memberships_of, 1)
    converters = _membership_converters(alias)
    memberships = []
    for row in compiled_sql.run(query, alias, [user.pk]):
        membership = Membership.from_db(alias, names, compiled_sql.convert(alias, row, converters))
        Membership.user.field.set_cached_value(membership, user)  # as the prefetch does
        memberships.append(membership)
    # The manager's own queryset (filtered to the user), holding the rows: what the
    # prefetch leaves, so ``user.memberships.all()`` and its filters behave the same.
    queryset = user.memberships.get_queryset()
    queryset._result_cache = memberships
    queryset._prefetch_done = True
    if not hasattr(user, "_prefetched_objects_cache"):
        user._prefetched_objects_cache = {}
    user._prefetched_objects_cache["memberships"] = queryset


_MEMBERSHIP_NAMES = [field.attname for field in Membership._meta.concrete_fields]
_MEMBERSHIPS: dict[str, compiled_sql.Compiled] = {}
_MEMBERSHIP_CONVERTERS: dict[str, compiled_sql.Converters] = {}


def _memberships_of(user_id: int) -> Any:
    """The prefetch's query: the user's memberships in the model's order (school name)."""
    return Membership.objects.filter(user_id=user_id).values_list(*_MEMBERSHIP_NAMES)


def _membership_converters(alias: str) -> compiled_sql.Converters:
    if alias not in _MEMBERSHIP_CONVERTERS:
        _MEMBERSHIP_CONVERTERS[alias] = compiled_sql.converters_of(
            alias, list(Membership._meta.concrete_fields)
        )
    return _MEMBERSHIP_CONVERTERS[alias]
