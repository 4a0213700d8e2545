"""Session lifetime and the second-factor requirement, enforced on every request."""

import time
from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from reconnect.accounts.rules import requires_mfa

SESSION_STARTED_KEY = "reconnect_authenticated_at"

# Pages an account without a second factor can still reach: enrolling one, signing out,
# and what a page needs to render.
MFA_ENROLMENT_PREFIXES = ("/accounts/", "/static/", "/media/", "/health/", "/__debug__/")


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after sign-in, however active it was (NIST AAL2).

    The 30-minute idle limit is the session's own expiry (SESSION_COOKIE_AGE, renewed on
    every request); this adds the absolute limit, which Django lacks.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = time.time()
            elif time.time() - started > settings.RECONNECT_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(
                    request, _("For your security you were signed out. Please sign in again.")
                )
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class MfaRequiredMiddleware:
    """Sends anyone whose role needs a second factor to set one up before anything else.

    allauth cannot demand MFA by itself (allauth issue #3649), so this middleware does.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.RECONNECT_REQUIRE_MFA
            and request.user.is_authenticated
            and not request.path.startswith(MFA_ENROLMENT_PREFIXES)
            and requires_mfa(request.user)
            and not is_mfa_enabled(request.user)
        ):
            messages.warning(
                request,
                _("Your role needs two-step verification. Set up an authenticator app first."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
