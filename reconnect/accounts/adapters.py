"""allauth adapters: sign-up only through an invitation."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

INVITATION_SESSION_KEY = "reconnect_invitation_token"


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        from reconnect.accounts.selectors import invitation_from_token

        token = request.session.get(INVITATION_SESSION_KEY)
        return isinstance(token, str) and invitation_from_token(token) is not None
