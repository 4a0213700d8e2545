"""Each request's id and view name, for every log line written while it is handled.

A proxy's ``X-Request-ID`` is kept when it looks like an id (letters, digits, ``-``, ``_``,
``.``; 8 to 64 characters), so one id follows the request from Caddy to the app's logs;
anything else (an e-mail address, a header injection attempt, a 10 kB string) is replaced
by a fresh id. The id is echoed in the response so a member reporting a problem can quote it.
"""

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

# Context variables, not thread locals: they follow a request under ASGI as well as WSGI.
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)
current_view_name: ContextVar[str | None] = ContextVar("current_view_name", default=None)


def request_id_from(header: str | None) -> str:
    """The proxy's id when it is safe to log and echo, else a new random one."""
    if header and SAFE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Sets ``request.request_id`` and the logging context; echoes the id in the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        id_token = current_request_id.set(request_id)
        view_token = current_view_name.set(None)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(id_token)
            current_view_name.reset(view_token)
        response[REQUEST_ID_HEADER] = request_id
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        # The route's name (never the path, which can hold ids), once the URL is resolved.
        if request.resolver_match is not None:
            current_view_name.set(request.resolver_match.view_name)
