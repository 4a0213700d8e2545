"""Writes for invitations, join requests, roles at a school and members' profiles.

Each use case owns its transaction, its audit record and the emails it sends after commit.
"""

import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.accounts import emails
from reconnect.accounts.api_tokens import token_generate
from reconnect.accounts.audit_actions import API_TOKEN_CREATED, API_TOKEN_REVOKED
from reconnect.accounts.models import ApiToken, ApiTokenScope, Invitation, JoinRequest, User
from reconnect.accounts.rules import can_invite_to_school
from reconnect.accounts.selectors import coordinators, hash_token, pending_invitations
from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.hub.models import Theme
from reconnect.schools.models import Membership, School
from reconnect.schools.roles import SchoolRole


def _new_token() -> tuple[str, str]:
    """A token for the email and the hash the database keeps instead."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def _expiry() -> Any:
    return timezone.now() + timedelta(days=settings.RECONNECT_INVITATION_DAYS)


# --- Invitations -----------------------------------------------------------------------------


def invitation_create(
    *,
    invited_by: Any,
    email: str,
    school: School,
    role: str,
    message: str = "",
    request: HttpRequest | None = None,
) -> tuple[Invitation, str]:
    """Invite someone to a role at a school; returns the invitation and its one-off token."""
    email = email.strip().lower()
    if role not in SchoolRole.values:
        raise ApplicationError(_("Choose a role."), field="role")
    if not can_invite_to_school(invited_by, school, role):
        raise ApplicationError(
            _("You cannot invite someone to that role at this school."), field="role"
        )
    if Membership.objects.filter(school=school, user__email__iexact=email).exists():
        raise ApplicationError(
            _("%(email)s is already a member of %(school)s.")
            % {"email": email, "school": school.name},
            field="email",
        )
    if pending_invitations().filter(school=school, email__iexact=email).exists():
        raise ApplicationError(
            _(
                "%(email)s already has an invitation to %(school)s waiting. "
                "Resend or revoke it from the list of invitations."
            )
            % {"email": email, "school": school.name},
            field="email",
        )
    token, token_hash = _new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email,
            school=school,
            role=role,
            invited_by=invited_by,
            message=message.strip(),
            token_hash=token_hash,
            expires_at=_expiry(),
        )
        audit_record(
            AuditEvent.Action.INVITATION_SENT,
            request=request,
            actor=invited_by,
            target=invitation,
            school_urn=school.urn,
            detail={"email": email, "role": role},
        )
        transaction.on_commit(lambda: emails.send_invitation(invitation=invitation, token=token))
    return invitation, token


def invitation_revoke(
    *, invitation: Invitation, actor: Any, request: HttpRequest | None = None
) -> Invitation:
    if not invitation.is_usable:
        raise ApplicationError(_("Only an invitation that is still waiting can be withdrawn."))
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_record(
            AuditEvent.Action.INVITATION_REVOKED,
            request=request,
            actor=actor,
            target=invitation,
            school_urn=invitation.school.urn,
            detail={"email": invitation.email, "role": invitation.role},
        )
    return invitation


def invitation_resend(
    *, invitation: Invitation, actor: Any, request: HttpRequest | None = None
) -> tuple[Invitation, str]:
    """Send a waiting invitation again with a new token and a new expiry; the old link dies."""
    if not invitation.is_usable:
        raise ApplicationError(_("Only an invitation that is still waiting can be resent."))
    token, token_hash = _new_token()
    with transaction.atomic():
        invitation.token_hash = token_hash
        invitation.expires_at = _expiry()
        invitation.save(update_fields=["token_hash", "expires_at"])
        audit_record(
            AuditEvent.Action.INVITATION_SENT,
            request=request,
            actor=actor,
            target=invitation,
            school_urn=invitation.school.urn,
            detail={"email": invitation.email, "role": invitation.role, "resent": True},
        )
        transaction.on_commit(lambda: emails.send_invitation(invitation=invitation, token=token))
    return invitation, token


def invitation_accept(
    *, invitation: Invitation, user: Any, request: HttpRequest | None = None
) -> Membership:
    """Give the invited person their role at the school and close the invitation."""
    with transaction.atomic():
        # Lock the row so that two tabs accepting at once cannot both succeed.
        invitation = (
            Invitation.objects.select_for_update().select_related("school").get(pk=invitation.pk)
        )
        if not invitation.is_usable:
            raise ApplicationError(_("This invitation can no longer be used."))
        if invitation.email.lower() != user.email.lower():
            raise ApplicationError(_("This invitation was sent to a different email address."))
        if Membership.objects.filter(user=user, school=invitation.school).exists():
            raise ApplicationError(
                _("You are already a member of %(school)s.") % {"school": invitation.school.name}
            )
        membership = Membership.objects.create(
            user=user, school=invitation.school, role=invitation.role
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        urn = invitation.school.urn
        audit_record(
            AuditEvent.Action.INVITATION_ACCEPTED,
            request=request,
            actor=user,
            target=invitation,
            school_urn=urn,
            detail={"role": invitation.role},
        )
        audit_record(
            AuditEvent.Action.ROLE_GRANTED,
            request=request,
            actor=user,
            target=membership,
            school_urn=urn,
            detail={"role": invitation.role, "via": "invitation"},
        )
    return membership


# --- Join requests ---------------------------------------------------------------------------


def join_request_submit(
    *,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str,
    school: School,
    role: str,
    message: str = "",
    request: HttpRequest | None = None,
) -> JoinRequest:
    """A visitor asks to join; coordinators are told. The visitor learns nothing about accounts.

    Asking again for the same school while a request waits changes nothing: the visitor
    sees the same thanks, and coordinators are not sent the same request twice.
    """
    email = email.strip().lower()
    waiting = JoinRequest.objects.filter(
        email=email, school=school, status=JoinRequest.Status.PENDING
    ).first()
    if waiting is not None:
        return waiting
    with transaction.atomic():
        join_request = JoinRequest.objects.create(
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            job_title=job_title.strip(),
            school=school,
            role=role,
            message=message.strip(),
        )
        audit_record(
            AuditEvent.Action.JOIN_REQUESTED,
            request=request,
            actor_label=join_request.email,
            target=join_request,
            school_urn=school.urn,
            detail={"role": role},
        )
        recipients = list(coordinators().values_list("email", flat=True))
        transaction.on_commit(
            lambda: emails.send_join_request_received(
                join_request=join_request, recipients=recipients
            )
        )
    return join_request


def _lock_pending(join_request: JoinRequest) -> JoinRequest:
    locked = (
        JoinRequest.objects.select_for_update().select_related("school").get(pk=join_request.pk)
    )
    if locked.status != JoinRequest.Status.PENDING:
        raise ApplicationError(_("This request has already been decided."))
    return locked


def join_request_approve(
    *, join_request: JoinRequest, actor: Any, request: HttpRequest | None = None
) -> Invitation:
    """Approve a request by sending the requester an invitation to the role they asked for."""
    with transaction.atomic():
        join_request = _lock_pending(join_request)
        invitation, _token = invitation_create(
            invited_by=actor,
            email=join_request.email,
            school=join_request.school,
            role=join_request.role,
            request=request,
        )
        join_request.status = JoinRequest.Status.APPROVED
        join_request.decided_at = timezone.now()
        join_request.decided_by = actor
        join_request.invitation = invitation
        join_request.save(update_fields=["status", "decided_at", "decided_by", "invitation"])
        audit_record(
            AuditEvent.Action.JOIN_APPROVED,
            request=request,
            actor=actor,
            target=join_request,
            school_urn=join_request.school.urn,
            detail={"email": join_request.email, "role": join_request.role},
        )
    return invitation


def join_request_decline(
    *,
    join_request: JoinRequest,
    actor: Any,
    reason: str = "",
    request: HttpRequest | None = None,
) -> JoinRequest:
    with transaction.atomic():
        join_request = _lock_pending(join_request)
        join_request.status = JoinRequest.Status.DECLINED
        join_request.decided_at = timezone.now()
        join_request.decided_by = actor
        join_request.decline_reason = reason.strip()
        join_request.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
        audit_record(
            AuditEvent.Action.JOIN_DECLINED,
            request=request,
            actor=actor,
            target=join_request,
            school_urn=join_request.school.urn,
            detail={"email": join_request.email, "reason_given": bool(join_request.decline_reason)},
        )
        declined = join_request
        transaction.on_commit(lambda: emails.send_join_request_declined(join_request=declined))
    return join_request


# --- Profile ---------------------------------------------------------------------------------


def user_update_profile(
    *,
    user: User,
    first_name: str,
    last_name: str,
    job_title: str,
    bio: str,
    open_to_contact: bool,
    themes: Iterable[Theme],
) -> User:
    with transaction.atomic():
        user.first_name = first_name.strip()
        user.last_name = last_name.strip()
        user.job_title = job_title.strip()
        user.bio = bio.strip()
        user.open_to_contact = open_to_contact
        user.save(update_fields=["first_name", "last_name", "job_title", "bio", "open_to_contact"])
        user.themes.set(list(themes))
    return user


# --- Personal access tokens ------------------------------------------------------------------

# How long a token may live, in days: a required choice, a year at most, so a forgotten
# token dies on its own.
API_TOKEN_LIFETIMES_DAYS = (30, 90, 365)
# A busy client uses its token every request; the list only needs "used around then".
API_TOKEN_TOUCH_SECONDS = 60


def api_token_create(
    *,
    user: Any,
    school: School,
    name: str,
    scope: str,
    days: int,
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """Make a token for ``user`` acting for ``school``; returns it and the token text.

    The text is returned this once and never stored (only its hash). Audited. Raises
    ApplicationError when the user does not belong to the school, or the name, scope or
    lifetime is not one we offer.
    """
    name = name.strip()
    if not name:
        raise ApplicationError(_("Give the token a name."), field="name")
    if scope not in ApiTokenScope.values:
        raise ApplicationError(_("Choose what the token may do."), field="scope")
    if days not in API_TOKEN_LIFETIMES_DAYS:
        raise ApplicationError(_("Choose when the token expires."), field="days")
    if not (user.is_active and Membership.objects.filter(user_id=user.pk, school=school).exists()):
        raise ApplicationError(_("Choose one of your schools."), field="school")
    new = token_generate()
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            school=school,
            name=name,
            scope=scope,
            prefix=new.prefix,
            token_hash=new.token_hash,
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        audit_record(
            API_TOKEN_CREATED,
            request=request,
            actor=user,
            target=token,
            school_urn=school.urn,
            detail={
                "name": name,
                "scope": scope,
                "prefix": token.display_prefix,
                "expires_at": token.expires_at.isoformat(),
            },
        )
    return token, new.token


def api_token_revoke(*, token: ApiToken, by: Any, request: HttpRequest | None = None) -> ApiToken:
    """Stop a token working at once. Audited. Revoking a revoked token changes nothing."""
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            API_TOKEN_REVOKED,
            request=request,
            actor=by,
            target=token,
            school_urn=token.school.urn,
            detail={"name": token.name, "prefix": token.display_prefix},
        )
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Note that the token was used: at most one write a minute, however busy the client.

    The check runs on the row already loaded, so most requests cost no query; the filter
    keeps two workers racing on the same minute to one write.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=API_TOKEN_TOUCH_SECONDS)
    if token.last_used_at is not None and token.last_used_at > stale:
        return
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale), pk=token.pk
    ).update(last_used_at=now)
    token.last_used_at = now
