"""Session lifetime and the second-factor requirement, enforced on every request."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from reconnect.accounts.mfa_gate import must_enrol
from reconnect.core.htmx import is_htmx

SESSION_STARTED_KEY = "reconnect_authenticated_at"
# When the session's idle expiry was last moved on (see SessionLifetimeMiddleware).
SESSION_RENEWED_KEY = "reconnect_renewed_at"

# What an account without a second factor can still reach: setting one up (and the
# re-authentication that allauth asks for first), signing out, and what pages need to render.
MFA_ENROLMENT_URL_NAMES = frozenset(
    {
        "account_logout",
        "account_login",
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
        "account_email_verification_sent",
        "account_confirm_email",
        "account_inactive",
    }
)
MFA_ENROLMENT_URL_PREFIX = "mfa_"
ALWAYS_ALLOWED_PATH_PREFIXES = ("/static/", "/media/", "/health/", "/__debug__/")
API_PATH_PREFIX = "/api/"


def is_enrolment_path(path: str) -> bool:
    """Whether a path is part of setting up a second factor (or signing out)."""
    if path.startswith(ALWAYS_ALLOWED_PATH_PREFIXES):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    name = match.url_name or ""
    return name in MFA_ENROLMENT_URL_NAMES or name.startswith(MFA_ENROLMENT_URL_PREFIX)


class SessionLifetimeMiddleware:
    """Keeps a session alive while it is used, and ends it 12 hours after sign-in, however
    active it was (NIST AAL2).

    The 30-minute idle limit is the session's own expiry (SESSION_COOKIE_AGE), moved on
    when the session is saved. Saving it on every request would make every page a database
    write (on SQLite, a turn at the one writer's lock), so a member's session is saved at
    most once every RECONNECT_SESSION_RENEW_SECONDS: the idle limit is then between
    SESSION_COOKIE_AGE less that interval and SESSION_COOKIE_AGE, never longer. This also
    adds the absolute limit, which Django lacks.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now - started > settings.RECONNECT_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(
                    request, _("For your security you were signed out. Please sign in again.")
                )
                return redirect(settings.LOGIN_URL)
            renewed = request.session.get(SESSION_RENEWED_KEY, 0.0)
            if now - renewed >= settings.RECONNECT_SESSION_RENEW_SECONDS:
                request.session[SESSION_RENEWED_KEY] = now  # modified: saved, expiry moved on
        return self.get_response(request)


class MfaRequiredMiddleware:
    """Sends anyone whose role needs a second factor to set one up before anything else.

    allauth cannot demand MFA by itself (allauth issue #3649), so this middleware does.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # must_enrol first: it is cached per member and almost always False, where the
        # path's test resolves the URL again, a fixed cost on every signed-in request.
        if (
            settings.RECONNECT_REQUIRE_MFA
            and request.user.is_authenticated
            and must_enrol(request.user)
            and not is_enrolment_path(request.path_info)
        ):
            return self._refuse(request)
        return self.get_response(request)

    def _refuse(self, request: HttpRequest) -> HttpResponse:
        message = _("Your role needs two-step verification. Set up an authenticator app first.")
        enrol_url = reverse("mfa_activate_totp")
        if request.path_info.startswith(API_PATH_PREFIX):
            # An API client cannot follow a redirect to a form: say what is needed instead.
            return JsonResponse({"detail": message, "enrol_url": enrol_url}, status=403)
        if is_htmx(request):
            # htmx would swap the enrolment page into a fragment; have it load the page.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = enrol_url
            return response
        messages.warning(request, message)
        return redirect(enrol_url)
