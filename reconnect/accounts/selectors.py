import hashlib

from reconnect.accounts.models import Invitation


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_from_token(token: str) -> Invitation | None:
    """The pending invitation this token opens, or None if unknown, used, revoked or expired."""
    invitation = (
        Invitation.objects.select_related("school").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None or not invitation.is_usable:
        return None
    return invitation
