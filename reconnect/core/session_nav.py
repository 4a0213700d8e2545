"""A header item worked out once per session, so no page pays a query for it.

An app decides where its item leads for a user (``nav_target(user) -> url or ""``); the
answer is kept in the session when the user signs in (``remember_on_sign_in``, a
``user_logged_in`` receiver the app connects in ``ready()``) and again whenever the app's
home page calls ``remember``. The header reads it back with ``url``. Nobody's access
depends on it: every page checks for itself.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import template
from django.http import HttpRequest


@dataclass(frozen=True)
class SessionNavItem:
    session_key: str
    nav_target: Callable[[Any], str]

    def remember(self, request: HttpRequest) -> None:
        """Work the item out again for this session (after access may have changed)."""
        session = getattr(request, "session", None)
        if session is not None:
            target = self.nav_target(request.user)
            if session.get(self.session_key) != target:  # a session save is a write
                session[self.session_key] = target

    def remember_on_sign_in(
        self, sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
    ) -> None:
        """``user_logged_in`` receiver."""
        session = getattr(request, "session", None)
        if session is not None:
            session[self.session_key] = self.nav_target(user)

    def url(self, context: template.Context) -> str:
        """The item's address for the signed-in user, or "" when there is none. No query."""
        request: HttpRequest | None = context.get("request")
        session = getattr(request, "session", None)
        if session is None:
            return ""
        return str(session.get(self.session_key, ""))
