"""``Authorization: Bearer <token>`` for the JSON API: personal access tokens.

``BearerTokenAuth`` comes first in the API's auth list, before the session: a request that
carries a bearer token is judged by the token alone (and a bad token is a 401, never a fall
back to a session cookie); a request without one falls through to the session, which checks
CSRF as before. Bearer requests need no CSRF token: a browser never adds the header on its
own, so a forged cross-site request cannot carry it.

In order, for a request with a token: a malformed, unknown, expired or revoked token, or an
owner who is no longer an active member of the token's school, answers 401 with
``WWW-Authenticate: Bearer``; past the token's rate limit, 429 with ``Retry-After``; a read
token on a method that is not safe, 403. Then the request runs as the token's owner acting
for the token's school only (``acting_school``), never with network-wide powers.
"""

import hmac
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from reconnect.accounts import selectors, services
from reconnect.accounts.acting_school import act_for_school
from reconnect.accounts.api_tokens import token_hash, token_prefix
from reconnect.accounts.models import ApiToken, ApiTokenScope, ApiTokenStatus
from reconnect.core.ratelimit import rate_limit_wait

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Per token, per minute: generous for a script syncing a school, small for a runaway loop.
DEFAULT_PER_MINUTE = 120
RATE_LIMIT_SCOPE = "api-token"


def per_minute_limit() -> int:
    return int(getattr(settings, "RECONNECT_API_TOKEN_PER_MINUTE", DEFAULT_PER_MINUTE))


def required_scope(method: str) -> ApiTokenScope:
    """The token scope an operation with this HTTP method needs."""
    return ApiTokenScope.READ if method.upper() in SAFE_METHODS else ApiTokenScope.READ_WRITE


class InvalidTokenError(AuthenticationError):
    """A bearer token that cannot be used; the message says why, without helping a guesser."""

    def __init__(self, message: str) -> None:
        super().__init__(status_code=401, message=message)


class TokenScopeError(HttpError):
    def __init__(self) -> None:
        super().__init__(
            403, _("This token is read-only; this operation needs a read-write token.")
        )


class TokenRateLimitError(HttpError):
    def __init__(self, wait: int) -> None:
        super().__init__(429, _("Too many requests with this token; try again later."))
        self.wait = wait


class BearerTokenAuth(HttpBearer):
    """A personal access token in the Authorization header (see the module docstring)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = self._usable_token(token.strip())
        wait = rate_limit_wait(
            request, scope=RATE_LIMIT_SCOPE, per_minute=per_minute_limit(), who=str(api_token.pk)
        )
        if wait is not None:
            raise TokenRateLimitError(wait)
        if required_scope(request.method or "GET") == ApiTokenScope.READ_WRITE and (
            not api_token.can_write
        ):
            raise TokenScopeError
        services.api_token_touch(token=api_token)
        user = api_token.user
        # The token acts as a member of its school, never with the owner's network-wide
        # roles: a coordinator's token is a member's token. Only this in-memory copy changes.
        user.is_coordinator = False
        user.is_superuser = False
        user.is_staff = False
        act_for_school(user_id=user.pk, school_id=api_token.school_id)
        request.user = user
        request.api_token = api_token  # type: ignore[attr-defined]
        return user

    def _usable_token(self, token: str) -> ApiToken:
        prefix = token_prefix(token)
        api_token = selectors.api_token_for_bearer(prefix) if prefix else None
        # Compared in constant time, so the hash cannot be learnt a character at a time.
        if api_token is None or not hmac.compare_digest(api_token.token_hash, token_hash(token)):
            raise InvalidTokenError(_("The token is not valid."))
        status = api_token.status
        if status == ApiTokenStatus.REVOKED:
            raise InvalidTokenError(_("The token has been revoked."))
        if status == ApiTokenStatus.EXPIRED:
            raise InvalidTokenError(_("The token has expired."))
        if not (api_token.user.is_active and getattr(api_token, "owner_is_member", False)):
            raise InvalidTokenError(_("The token's owner no longer belongs to its school."))
        return api_token


def _unauthorised(request: HttpRequest, exc: object, api: NinjaAPI) -> HttpResponse:
    response = api.create_response(request, {"detail": str(exc)}, status=401)
    # RFC 6750: say which scheme to use, and that a presented token was refused.
    challenge = 'Bearer error="invalid_token"' if isinstance(exc, InvalidTokenError) else "Bearer"
    response["WWW-Authenticate"] = challenge
    return response


def _rate_limited(request: HttpRequest, exc: object, api: NinjaAPI) -> HttpResponse:
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = str(getattr(exc, "wait", 60))
    return response


def install_token_errors(api: NinjaAPI) -> None:
    """The 401 and 429 answers carry their headers (a 403 needs none beyond the default)."""
    api.add_exception_handler(AuthenticationError, lambda r, e: _unauthorised(r, e, api))
    api.add_exception_handler(TokenRateLimitError, lambda r, e: _rate_limited(r, e, api))
