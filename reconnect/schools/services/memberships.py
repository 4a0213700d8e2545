"""Granting a member a role at a school.

Changing and removing a role are ``membership_change_role`` and ``membership_remove`` in
``reconnect.accounts.services``, beside the invitations and join requests that also grant
roles; this is the direct grant a coordinator makes in the admin.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.schools.models import Membership, School
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
