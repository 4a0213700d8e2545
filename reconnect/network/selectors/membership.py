"""Who belongs to which group: the one place that answers it.

A group's members are its explicit ``GroupMembership`` rows plus, by its kind:

- a trio's group: every member of the trio's schools, once the trio is confirmed;
- a borough's group: every member of a school in the local authority, and the borough's
  system leaders;
- a trust's group: every member of a school in the trust, and the trust's system leaders;
- a phase's group: every member of a school of the phase;
- a coordinator's group: nobody more.

Archived groups keep their members (they read the archive) but take no new posts.
Coordinators and administrators are not members by right: they moderate group content from
the review queue and open any group's page (``rules.groups``), but are not notified of it.
"""

from typing import Any

from django.db import connections
from django.db.models import Q, QuerySet

from reconnect.accounts.acting_school import current_acting_school
from reconnect.lab.models import TrioMember, TrioStatus
from reconnect.network.models import Group, GroupKind

_CACHE_ATTRIBUTE = "_network_group_ids"


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def group_ids_of(user: Any) -> frozenset[int]:
    """The ids of every group ``user`` belongs to. One query, remembered on the user object
    for the rest of the request."""
    if not _active(user):
        return frozenset()
    cached: frozenset[int] | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if current_acting_school() is not None:
        # A token request: the memberships' manager narrows the query to the token's school,
        # with that request's own values, so it is built afresh (and never compiled once).
        ids = frozenset(groups_of(user).values_list("pk", flat=True))
    else:
        sql, params, positions = _group_ids_sql(Group.objects.db)
        for position in positions:
            params[position] = user.pk
        with connections[Group.objects.db].cursor() as cursor:
            cursor.execute(sql, params)
            ids = frozenset(row[0] for row in cursor.fetchall())
    setattr(user, _CACHE_ATTRIBUTE, ids)
    return ids


# A user id no row has, in place of the member's while ``groups_of`` is compiled once.
_SENTINEL_ID = -918273645
_COMPILED: dict[str, tuple[str, tuple[Any, ...], tuple[int, ...]]] = {}


def _group_ids_sql(alias: str) -> tuple[str, list[Any], tuple[int, ...]]:
    """``groups_of``'s query as SQL, its parameters and where the member's id goes in them.

    Building that query through the ORM (seven subqueries, each filter resolved) cost about
    3 ms of processor time a request, twenty times what the database takes to answer it;
    its SQL depends on nothing but the member's id, so it is compiled once a process. Never
    during a token request: the narrowing it would compile in belongs to that request."""
    if current_acting_school() is not None:
        raise RuntimeError("The groups query is not compiled during a token request.")
    if alias not in _COMPILED:
        from reconnect.accounts.models import User

        stand_in = User(pk=_SENTINEL_ID, is_active=True)
        query = groups_of(stand_in).values_list("pk", flat=True).order_by().query
        sql, params = query.sql_with_params()
        positions = tuple(i for i, value in enumerate(params) if value == _SENTINEL_ID)
        _COMPILED[alias] = (sql, tuple(params), positions)
    sql, params, positions = _COMPILED[alias]
    return sql, list(params), positions


def forget_group_ids(user: Any) -> None:
    """After a change of membership within a request, so the next check reads afresh."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def groups_of(user: Any) -> QuerySet[Group]:
    """Every group ``user`` belongs to, as one query (no rows for signed-out users)."""
    if not _active(user):
        return Group.objects.none()
    schools = user.memberships.values("school_id")
    school_las = user.memberships.values("school__local_authority_id")
    school_trusts = user.memberships.filter(school__trust__isnull=False).values("school__trust_id")
    led_trusts = user.system_leader_scopes.filter(trust__isnull=False).values("trust_id")
    led_las = user.system_leader_scopes.filter(local_authority__isnull=False).values(
        "local_authority_id"
    )
    phases = user.memberships.values("school__phase")
    return Group.objects.filter(
        Q(memberships__user=user)
        | Q(
            kind=GroupKind.TRIO,
            trio__status=TrioStatus.CONFIRMED,
            trio__members__school_id__in=schools,
        )
        | Q(kind=GroupKind.BOROUGH, local_authority_id__in=school_las)
        | Q(kind=GroupKind.BOROUGH, local_authority_id__in=led_las)
        | Q(kind=GroupKind.TRUST, trust_id__in=school_trusts)
        | Q(kind=GroupKind.TRUST, trust_id__in=led_trusts)
        | Q(kind=GroupKind.PHASE, phase__in=phases)
    ).distinct()


def is_group_member(user: Any, group: Group) -> bool:
    return group.pk in group_ids_of(user)


def group_member_ids(group: Group) -> QuerySet[Any]:
    """The ids of the group's active members, as a subquery-ready values list."""
    from reconnect.accounts.models import User

    users = User.objects.filter(is_active=True)
    by_kind = Q(network_groups__group=group)
    if group.kind == GroupKind.TRIO and group.trio_id is not None:
        trio = group.trio
        if trio is not None and trio.status == TrioStatus.CONFIRMED:
            schools = TrioMember.objects.filter(trio_id=group.trio_id).values("school_id")
            by_kind |= Q(memberships__school_id__in=schools)
    elif group.kind == GroupKind.BOROUGH:
        by_kind |= Q(memberships__school__local_authority_id=group.local_authority_id) | Q(
            system_leader_scopes__local_authority_id=group.local_authority_id
        )
    elif group.kind == GroupKind.TRUST:
        by_kind |= Q(memberships__school__trust_id=group.trust_id) | Q(
            system_leader_scopes__trust_id=group.trust_id
        )
    elif group.kind == GroupKind.PHASE:
        by_kind |= Q(memberships__school__phase=group.phase)
    return users.filter(by_kind).values("pk").distinct()
