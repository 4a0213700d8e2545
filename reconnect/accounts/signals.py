"""Security events go to the audit log (ASVS 16.3): sign-ins and failures, sign-outs,
two-step verification changes, password and email address changes.

These are records of what allauth and Django did, not domain flow: the domain's own
events (invitations, roles) are audited by the services that cause them.
"""

import time
from collections.abc import Callable
from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from reconnect.accounts.middleware import SESSION_RENEWED_KEY, SESSION_STARTED_KEY
from reconnect.core.audit import audit_record
from reconnect.core.models import AuditEvent


@receiver(user_logged_in)
def record_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        # Signing in saves the session: its idle expiry starts now.
        request.session[SESSION_STARTED_KEY] = request.session[SESSION_RENEWED_KEY] = time.time()
    audit_record(AuditEvent.Action.SIGN_IN, request=request, actor=user)


@receiver(user_login_failed)
def record_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Django has already masked the password in ``credentials``; keep only the login name.
    attempted = str(credentials.get("email") or credentials.get("username") or "")
    audit_record(AuditEvent.Action.SIGN_IN_FAILED, request=request, actor_label=attempted)


@receiver(user_logged_out)
def record_sign_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(AuditEvent.Action.SIGN_OUT, request=request, actor=user)


# --- Two-step verification -------------------------------------------------------------------


def _record_mfa_change(change: str) -> Callable[..., None]:
    def receiver_(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
        authenticator = kwargs.get("authenticator")
        audit_record(
            AuditEvent.Action.MFA_CHANGED,
            request=request,
            actor=user,
            target=authenticator,
            detail={
                "change": change,
                "type": getattr(authenticator, "type", ""),
            },
        )

    return receiver_


record_authenticator_added = _record_mfa_change("added")
record_authenticator_removed = _record_mfa_change("removed")
record_authenticator_reset = _record_mfa_change("reset")
mfa_signals.authenticator_added.connect(record_authenticator_added, weak=False)
mfa_signals.authenticator_removed.connect(record_authenticator_removed, weak=False)
mfa_signals.authenticator_reset.connect(record_authenticator_reset, weak=False)


@receiver(mfa_signals.authentication_failed)
def record_mfa_failure(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    # A wrong or reused code after a correct password: someone may hold the password.
    audit_record(
        AuditEvent.Action.SIGN_IN_FAILED,
        request=request,
        actor=user,
        detail={
            "reason": "second_factor",
            "reauthentication": bool(kwargs.get("reauthentication")),
        },
    )


# --- Passwords and email addresses -----------------------------------------------------------


def _record_password(change: str) -> Callable[..., None]:
    def receiver_(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
        audit_record(
            AuditEvent.Action.PASSWORD_CHANGED,
            request=request,
            actor=user,
            target=user,
            detail={"change": change},
        )

    return receiver_


record_password_changed = _record_password("changed")
record_password_set = _record_password("set")
record_password_reset = _record_password("reset")
account_signals.password_changed.connect(record_password_changed, weak=False)
account_signals.password_set.connect(record_password_set, weak=False)
account_signals.password_reset.connect(record_password_reset, weak=False)


def _record_email(request: HttpRequest | None, user: Any, detail: dict[str, str]) -> None:
    """One EMAIL_CHANGED record for any change to a person's addresses."""
    audit_record(
        AuditEvent.Action.EMAIL_CHANGED,
        request=request,
        actor=user,
        target=user,
        detail=detail,
    )


@receiver(account_signals.email_added)
def record_email_added(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    address = kwargs.get("email_address")
    _record_email(request, user, {"change": "added", "email": getattr(address, "email", "")})


@receiver(account_signals.email_removed)
def record_email_removed(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    address = kwargs.get("email_address")
    _record_email(request, user, {"change": "removed", "email": getattr(address, "email", "")})


@receiver(account_signals.email_changed)
def record_email_changed(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    before = kwargs.get("from_email_address")
    after = kwargs.get("to_email_address")
    _record_email(
        request,
        user,
        {
            "change": "primary",
            "from": getattr(before, "email", ""),
            "to": getattr(after, "email", ""),
        },
    )


@receiver(account_signals.email_confirmed)
def record_email_confirmed(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    address = kwargs.get("email_address")
    user = getattr(address, "user", None)
    audit_record(
        AuditEvent.Action.EMAIL_CHANGED,
        request=request,
        actor=user,
        target=user,
        detail={"change": "verified", "email": getattr(address, "email", "")},
    )
