"""Roles in the network: a member's role at a school, and system leaders' scopes.

Every grant, change and removal is audited here, whichever page or admin view asks for it.
Invitations and join requests (``reconnect.accounts.services``) grant roles through their
own acceptance, which is audited there.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from reconnect.accounts.models import User
from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.schools.models import LocalAuthority, Membership, School, SystemLeaderScope, Trust
from reconnect.schools.roles import SchoolRole


def membership_grant(
    *,
    user: Any,
    school: School,
    role: str,
    actor: Any,
    request: HttpRequest | None = None,
    via: str = "admin",
) -> Membership:
    """Give ``user`` ``role`` at ``school``.

    Side effects: the Membership row and a ROLE_GRANTED audit record, in one transaction,
    so a role is never granted without its record. Errors: ApplicationError when the role
    is unknown or the person already has a role at the school.
    """
    if role not in SchoolRole.values:
        raise ApplicationError(_("Choose a role."), field="role")
    with transaction.atomic():
        try:
            # Its own savepoint, so that a duplicate (two coordinators at once) is a
            # message, not a broken transaction; an audit failure below is not caught.
            with transaction.atomic():
                membership = Membership.objects.create(user=user, school=school, role=role)
        except IntegrityError as error:
            raise ApplicationError(
                _("%(member)s already has a role at %(school)s. Change that role instead.")
                % {"member": user.email, "school": school.name}
            ) from error
        audit_record(
            AuditEvent.Action.ROLE_GRANTED,
            request=request,
            actor=actor,
            target=membership,
            school_urn=school.urn,
            detail={"member": user.email, "role": role, "via": via},
        )
    return membership


# --- Roles at a school -----------------------------------------------------------------------


def _lock_membership(membership: Membership) -> Membership:
    return (
        Membership.objects.select_for_update()
        .select_related("school", "user")
        .get(pk=membership.pk)
    )


def _refuse_if_last_lead(membership: Membership) -> None:
    if membership.role != SchoolRole.SCHOOL_LEAD:
        return
    # Lock the school's lead rows so two leads cannot demote each other at the same moment.
    leads = list(
        Membership.objects.select_for_update()
        .filter(school_id=membership.school_id, role=SchoolRole.SCHOOL_LEAD)
        .values_list("pk", flat=True)
    )
    if len(leads) <= 1:
        raise ApplicationError(
            _(
                "%(school)s must keep at least one school lead. "
                "Make someone else a school lead first."
            )
            % {"school": membership.school.name}
        )


def membership_change_role(
    *, membership: Membership, role: str, actor: Any, request: HttpRequest | None = None
) -> Membership:
    if role not in SchoolRole.values:
        raise ApplicationError(_("Choose a role."), field="role")
    with transaction.atomic():
        membership = _lock_membership(membership)
        previous = membership.role
        if previous == role:
            return membership
        _refuse_if_last_lead(membership)
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(
            AuditEvent.Action.ROLE_CHANGED,
            request=request,
            actor=actor,
            target=membership,
            school_urn=membership.school.urn,
            detail={"member": membership.user.email, "from": previous, "to": role},
        )
    return membership


def membership_remove(
    *, membership: Membership, actor: Any, request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        membership = _lock_membership(membership)
        _refuse_if_last_lead(membership)
        audit_record(
            AuditEvent.Action.ROLE_REMOVED,
            request=request,
            actor=actor,
            target=membership,
            school_urn=membership.school.urn,
            detail={"member": membership.user.email, "role": membership.role},
        )
        membership.delete()


# --- System leaders' scopes (granted by coordinators in the admin) ---------------------------
# The coordinator flag itself is core's: reconnect.core.services.coordinator_set.


def system_leader_scope_grant(
    *,
    user: User,
    actor: Any,
    trust: Trust | None = None,
    local_authority: LocalAuthority | None = None,
    request: HttpRequest | None = None,
) -> SystemLeaderScope:
    if (trust is None) == (local_authority is None):
        raise ApplicationError(_("Choose either a trust or a local authority."))
    try:
        with transaction.atomic():
            scope = SystemLeaderScope.objects.create(
                user=user, trust=trust, local_authority=local_authority
            )
            audit_record(
                AuditEvent.Action.ROLE_GRANTED,
                request=request,
                actor=actor,
                target=scope,
                detail={
                    "member": user.email,
                    "role": "system_leader",
                    "scope": str(trust or local_authority),
                },
            )
    except IntegrityError as error:
        raise ApplicationError(_("This person already oversees that scope.")) from error
    return scope


def system_leader_scope_revoke(
    *, scope: SystemLeaderScope, actor: Any, request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        audit_record(
            AuditEvent.Action.ROLE_REMOVED,
            request=request,
            actor=actor,
            target=scope,
            detail={
                "member": scope.user.email,
                "role": "system_leader",
                "scope": str(scope.trust or scope.local_authority),
            },
        )
        scope.delete()
