"""Schemathesis hooks for the security stage (loaded through ``SCHEMATHESIS_HOOKS``).

The API's operations take a session cookie, and the ones that write also need Django's CSRF
token (a cookie and the same value in ``X-CSRFToken``, from our own origin). Passing a fixed
``Cookie`` header would not do: schemathesis removes the declared session cookie to test
that an operation refuses a caller without it, and a header of our own would put it back.
So this signs in once, through the real form, and hands schemathesis both cookies as the
case's cookies, which it knows how to take away.

Environment: ``RECONNECT_SCAN_URL`` (the live server) and ``RECONNECT_SCAN_EMAIL`` (the
demo member to act as).
"""

import os
import sys
from pathlib import Path
from typing import Any

import schemathesis

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_site import CSRF_COOKIE, SESSION_COOKIE, LiveSite


@schemathesis.auth()
class DemoMemberSession:
    """A demo member's session cookie and CSRF token, renewed every five minutes."""

    def get(self, case: Any, context: Any) -> dict[str, str]:
        site = LiveSite(os.environ["RECONNECT_SCAN_URL"])
        try:
            site.sign_in(os.environ["RECONNECT_SCAN_EMAIL"])
        finally:
            site.close()
        return {
            SESSION_COOKIE: site.cookies[SESSION_COOKIE],
            CSRF_COOKIE: site.cookies[CSRF_COOKIE],
            "origin": site.origin,
        }

    def set(self, case: Any, data: dict[str, str], context: Any) -> None:
        case.cookies = {
            **(case.cookies or {}),
            SESSION_COOKIE: data[SESSION_COOKIE],
            CSRF_COOKIE: data[CSRF_COOKIE],
        }
        case.headers = {
            **(case.headers or {}),
            "X-CSRFToken": data[CSRF_COOKIE],
            "Origin": data["origin"],
        }
