"""allauth adapters: sign-up only through an invitation, and refused sign-ins audited."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.forms import ValidationError
from django.http import HttpRequest

INVITATION_SESSION_KEY = "reconnect_invitation_token"


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        from reconnect.accounts.selectors import invitation_from_token

        token = request.session.get(INVITATION_SESSION_KEY)
        return isinstance(token, str) and invitation_from_token(token) is not None

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        # A throttled attempt never reaches Django's authenticate(), so it would send no
        # user_login_failed signal; record it here so brute force shows in the audit log.
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            from reconnect.core.audit import audit_record
            from reconnect.core.models import AuditEvent

            audit_record(
                AuditEvent.Action.SIGN_IN_FAILED,
                request=request,
                actor_label=str(credentials.get("email") or ""),
                detail={"reason": "rate_limited"},
            )
            raise
