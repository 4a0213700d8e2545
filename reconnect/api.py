"""The versioned JSON API. Each app adds its router here; docs at /api/v1/docs.

Callers sign in with a session (the browser) or a personal access token
(``Authorization: Bearer rct_...``, ``reconnect/accounts/api_auth.py``). Operations that
declare ``auth=None`` stay public and ignore both. Every operation's OpenAPI entry names the
token scope it needs (``x-scopes`` and a line of its description), worked out here from the
same rule the token check applies: safe methods need ``read``, the rest ``read-write``.
"""

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.security import SessionAuth

from reconnect.accounts.acting_school import scoped_operation
from reconnect.accounts.api_auth import BearerTokenAuth, install_token_errors, required_scope

_HTTP_METHODS = frozenset({"get", "head", "options", "post", "put", "patch", "delete"})


class ReconnectAPI(NinjaAPI):
    """The API, whose OpenAPI document lists each operation's token scope.

    The document is built once per path prefix and kept: the operations cannot change
    while the process runs, and building it costs about as much as a hundred API requests,
    on a public URL.
    """

    _schemas: dict[str | None, OpenAPISchema]

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_params:  # not used by our URLs; never cached, to be safe
            return self._build_schema(path_prefix, path_params)
        cache = self.__dict__.setdefault("_schemas", {})
        if path_prefix not in cache:
            cache[path_prefix] = self._build_schema(path_prefix, None)
        return cache[path_prefix]

    def _build_schema(
        self, path_prefix: str | None, path_params: dict[str, Any] | None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                if method in _HTTP_METHODS:
                    _describe_scope(method, operation)
        return schema


_ERROR_BODY = {
    "application/json": {
        "schema": {
            "type": "object",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        }
    }
}
# What any operation behind sign-in may answer besides its own statuses, so the document
# lists every status a caller can get (schemathesis holds the API to it).
_SIGNED_IN_ANSWERS = {
    "401": "No session, or a bearer token that is malformed, unknown, expired, revoked, or "
    "whose owner no longer belongs to its school (header WWW-Authenticate: Bearer).",
    "429": "Too many requests with this token this minute (header Retry-After).",
}
_WRITE_ANSWER = ("403", "A read-only token on an operation that needs read-write.")


def _describe_scope(method: str, operation: dict[str, Any]) -> None:
    if operation.get("security"):
        scope = str(required_scope(method))
        operation["x-scopes"] = [scope]
        answers = dict(_SIGNED_IN_ANSWERS)
        if scope == "read-write":
            answers[_WRITE_ANSWER[0]] = _WRITE_ANSWER[1]
        responses = operation.setdefault("responses", {})
        for status, text in answers.items():
            # Ninja keys its responses by number; the served JSON turns them into strings.
            if int(status) not in responses and status not in responses:
                responses[int(status)] = {"description": text, "content": _ERROR_BODY}
        line = (
            f"Token scope: `{scope}`."
            if scope == "read-write"
            else "Token scope: `read` (a `read-write` token also may)."
        )
    else:
        operation["x-scopes"] = []
        line = "Public: no sign-in or token needed."
    description = operation.get("description", "")
    operation["description"] = f"{description}\n\n{line}" if description else line


api = ReconnectAPI(
    title="Reconnect API",
    version="1",
    urls_namespace="api-v1",
    # A bearer token first: a request that carries one is judged by it alone.
    auth=[BearerTokenAuth(), SessionAuth()],
    description=(
        "Read and write Reconnect data. Most operations need a signed-in member and are "
        "scoped to the schools the caller belongs to; another school's objects answer 404. "
        "The Knowledge Hub's reads (themes, interventions, search) are open to visitors, "
        "who see public items only; members also see members-only items. The "
        "self-evaluation serves published frameworks and your schools' reviews, reports and "
        "action plans. The vulnerability spectrum takes pupil-file uploads and serves "
        "counts: a school's pupils by factor and count band, and suppressed figures across "
        "schools for system leaders and coordinators; it never returns a pupil's row. The "
        "Innovation Lab's evaluation calculator (effect sizes, pooling studies, minimum "
        "detectable effects) is open to anyone, stores nothing and is rate-limited per address. "
        "Programs use a personal access token (Authorization: Bearer), made on the account "
        "page: it acts for one school, is read-only or read-write, expires, and is limited to "
        "a number of requests a minute; see docs/api.md."
    ),
)
# Each operation (its authentication included) runs in its own acting-school scope, so a
# token's narrowing to one school can never outlive its request.
api.add_decorator(scoped_operation, mode="view")
install_token_errors(api)


@api.get("/health", auth=None, tags=["operations"], summary="Liveness check")
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}


# Each app's router, under its own path.
from reconnect.hub.api import router as hub_router  # noqa: E402
from reconnect.lab.api import router as lab_router  # noqa: E402
from reconnect.network.api import router as network_router  # noqa: E402
from reconnect.schools.api import router as schools_router  # noqa: E402
from reconnect.selfeval.api import router as selfeval_router  # noqa: E402
from reconnect.spectrum.api import router as spectrum_router  # noqa: E402

api.add_router("/schools", schools_router)
# The Hub's public reads declare auth=None themselves: visitors read public items.
api.add_router("/hub", hub_router)
api.add_router("/selfeval", selfeval_router)
api.add_router("/spectrum", spectrum_router)
# The Lab's calculator is public (auth=None on its router): it reads and stores nothing.
api.add_router("/lab", lab_router)
# The Headteacher Network: threads, posts, events, RSVPs and notifications; members only.
api.add_router("/network", network_router)
