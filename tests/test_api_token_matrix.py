"""Every API Case of the access-control matrix, sent with a personal access token (issue 8).

For each API Case (url name ``api-v1:...``) of the access-control matrix
(``tests/access.py``), for every signed-in persona and both token scopes, the request
carries ``Authorization: Bearer`` instead of a session, and the status must be exactly
the one derived from the Case:

- an operation that needs sign-in: a ``read-write`` token answers as the persona's session
  does (the token acts for the persona's only school, so it sees what the session sees);
  a ``read`` token answers the same to safe methods and 403 to the rest;
- a public operation (``auth=None``) ignores the token and answers as to a visitor;
- a method the path does not serve stays a 405, before any authentication.

Personas without a school (the system leader, the coordinator, the administrator) cannot
make a token: a token acts for one school its owner belongs to. Their column holds a token
forged straight into the database for school A, which must be refused (401) wherever sign-in
is needed. The anonymous column sends a well-formed token that matches no row: 401.

``test_every_api_operation_has_a_case`` fails for an operation of the OpenAPI document that
no API Case requests, so a new operation cannot escape this matrix.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cache
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts import services
from reconnect.accounts.api_tokens import token_generate
from reconnect.accounts.models import ApiToken
from reconnect.api import api
from tests.access import PERSONAS, Case, World
from tests.access_run import (  # noqa: F401  (the matrix's world fixtures, reused)
    _fresh_rate_limits,
    _world_ids,
    collect_cases,
    world,
)
from tests.test_access_matrix import iter_routes

API_CASES = [case for case in collect_cases() if case.url_name.startswith("api-v1:")]
# The school each persona's token acts for; the rest have none (see the module docstring).
TOKEN_SCHOOL = {"staff_a": "school_a", "lead_a": "school_a", "data_lead_a": "school_a",
                "lead_b": "school_b"}  # fmt: skip
NO_SCHOOL = ("system_leader", "coordinator", "admin")
SCOPES = ("read", "read-write")
UNSAFE = frozenset({"post", "put", "patch", "delete"})
_PARAM = re.compile(r"<(?:[^:>]+:)?(\w+)>")


@cache
def _schema_paths() -> dict[str, Any]:
    return dict(api.get_openapi_schema()["paths"])


@cache
def _routes() -> dict[str | None, str]:
    return {route.name: route.route for route in iter_routes()}


def _openapi_path(url_name: str) -> str:
    """The OpenAPI document's key for a URL name: ``/api/v1/schools/{urn}``."""
    return "/" + _PARAM.sub(r"{\1}", _routes()[url_name])


def _operation(url_name: str, method: str) -> dict[str, Any] | None:
    """The OpenAPI operation that answers ``method`` at the URL; None for none (a 405, or
    the docs' own views, which are no operation)."""
    return _schema_paths().get(_openapi_path(url_name), {}).get(method)


def expected_status(case: Case, persona: str, scope: str | None, operation: Any) -> int:
    """The status a token request should get, derived from the session's Case."""
    if operation is None:
        return case.expect[persona]
    if not operation.get("security"):
        return case.expect["anonymous"]
    if scope is None:  # no usable token: unknown, or its owner belongs to no school
        return 401
    if scope == "read" and case.method in UNSAFE:
        return 403
    return case.expect[persona]


def _token_for(persona: str, scope: str | None, world: World) -> str:  # noqa: F811
    if persona == "anonymous":
        return token_generate().token  # well formed, but no such token
    user = world.user(persona)
    assert user is not None
    if persona in NO_SCHOOL:
        new = token_generate()
        ApiToken.objects.create(
            user=user, school=world.school_a, name="forged", scope="read-write",
            prefix=new.prefix, token_hash=new.token_hash,
            expires_at=timezone.now() + timedelta(days=30),
        )  # fmt: skip
        return new.token
    assert scope is not None
    school = getattr(world, TOKEN_SCHOOL[persona])
    _token, text = services.api_token_create(
        user=user, school=school, name="matrix", scope=scope, days=30
    )
    return text


def _columns() -> list[tuple[str, str | None]]:
    columns: list[tuple[str, str | None]] = []
    for persona in PERSONAS:
        if persona in TOKEN_SCHOOL:
            columns.extend((persona, scope) for scope in SCOPES)
        else:
            columns.append((persona, None))
    return columns


COLUMNS = _columns()


def test_every_persona_has_a_column():
    assert {persona for persona, _scope in COLUMNS} == set(PERSONAS)
    assert set(TOKEN_SCHOOL) | set(NO_SCHOOL) | {"anonymous"} == set(PERSONAS)


def test_every_api_operation_has_a_case():
    covered = {(_openapi_path(case.url_name), case.method) for case in API_CASES}

    missing = sorted(
        f"{method.upper()} {path}"
        for path, operations in _schema_paths().items()
        for method in operations
        if (path, method) not in covered
    )

    assert not missing, (
        "These API operations have no Case, so neither the session nor the token matrix "
        "requests them; add a Case with an api-v1: url name:\n  " + "\n  ".join(missing)
    )


def test_the_matrix_finds_the_operations_it_derives_from():
    # A route that no longer matched the document would make every operation look public.
    found = {case.url_name for case in API_CASES if _operation(case.url_name, "get")}
    found |= {case.url_name for case in API_CASES if _operation(case.url_name, "post")}
    assert "api-v1:school-detail" in found
    assert "api-v1:spectrum-import-create" in found
    assert len(found) == len({case.url_name for case in API_CASES}) - 3  # the docs and root


@pytest.mark.parametrize(
    ("case", "persona", "scope"),
    [
        pytest.param(case, persona, scope, id=f"{case.id}-{persona}-{scope or 'none'}")
        for case in API_CASES
        for persona, scope in COLUMNS
    ],
)
def test_api_with_token(case: Case, persona: str, scope: str | None, client, world: World):  # noqa: F811
    path = reverse(
        case.url_name,
        args=case.resolve_args(world) or None,
        kwargs=case.resolve_kwargs(world) or None,
    )
    operation = _operation(case.url_name, case.method)
    url = f"{path}?{case.query}" if case.query else path
    token = _token_for(persona, scope, world)
    expected = expected_status(case, persona, scope, operation)

    response = getattr(client, case.method)(
        url, data=case.resolve_data(world) or {}, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == expected, (
        f"{case.method.upper()} {url} with {persona}'s {scope or 'unusable'} token: got "
        f"{response.status_code} {response.content[:200]!r}, expected {expected}"
        f"{'. ' + case.note if case.note else ''}"
    )
    if expected == 401:
        assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    if expected == 403 and scope == "read" and case.method in UNSAFE:
        assert response.json() == {
            "detail": "This token is read-only; this operation needs a read-write token."
        }
    # A token request never opens a session: nothing to steal, nothing to expire.
    assert settings.SESSION_COOKIE_NAME not in response.cookies
