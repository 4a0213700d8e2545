"""Sign-ins, failed sign-ins and sign-outs go to the audit log."""

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from reconnect.accounts.middleware import SESSION_STARTED_KEY
from reconnect.core.audit import audit_record
from reconnect.core.models import AuditEvent


@receiver(user_logged_in)
def record_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = time.time()
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
