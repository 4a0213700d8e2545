"""Every URL pattern, requested as every persona, answers exactly as its Case says (G1).

Three parts:

1. ``test_every_url_pattern_has_a_case`` walks the whole resolver and fails, naming them,
   for patterns with no Case and outside the documented third-party prefixes.
2. ``test_every_case_names_a_url`` keeps the matrix honest when a URL is renamed or removed.
3. ``test_access`` runs each Case once per persona (test id ``url_name-persona``), signed in
   with ``force_login`` (the personas whose roles need a second factor have one), and
   asserts the exact status; an anonymous 302 must go to the sign-in page; every HTML page
   that answers 200 to a GET must carry the strict security headers (G11).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import reconnect
from reconnect.accounts.models import User
from reconnect.schools.models import School, Trust
from tests import access_third_party, personas
from tests.access import PERSONAS, Case, World
from tests.headers import assert_security_headers


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name", or None for an unnamed pattern
    route: str  # the concatenated pattern, e.g. "accounts/invitations/<int:pk>/revoke/"
    view: str  # dotted path of the callback, to say where an uncovered pattern lives


def iter_routes(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str | None = None
) -> Iterator[Route]:
    """Every URL pattern in the project, through every include, with its full name."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from iter_routes(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            name = None
            if pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield Route(name=name, route=route, view=pattern.lookup_str)


def expectation_modules() -> list[str]:
    """``tests.access_third_party`` and each app's ``tests/access_expectations.py``."""
    package_dir = Path(reconnect.__file__).parent
    apps = sorted(p.parent.parent.name for p in package_dir.glob("*/tests/access_expectations.py"))
    return [
        "tests.access_third_party",
        *(f"reconnect.{app}.tests.access_expectations" for app in apps),
    ]


def collect_cases() -> list[Case]:
    cases: list[Case] = []
    for module_name in expectation_modules():
        module = importlib.import_module(module_name)
        module_cases = getattr(module, "CASES", None)
        if not isinstance(module_cases, list | tuple):
            raise TypeError(f"{module_name} must define CASES, a list of tests.access.Case")
        cases.extend(module_cases)
    return cases


CASES = collect_cases()


def _covered_by_third_party_prefix(route: Route) -> bool:
    return route.route.startswith(tuple(access_third_party.COVERED_PREFIXES))


def test_every_url_pattern_has_a_case():
    named = {case.url_name for case in CASES}

    uncovered = [
        route
        for route in iter_routes()
        if route.name not in named and not _covered_by_third_party_prefix(route)
    ]

    assert not uncovered, (
        "These URL patterns have no row in the access-control matrix. Add a Case to the "
        "app's tests/access_expectations.py (see tests/access.py):\n"
        + "\n".join(f"  {r.name or '(unnamed)'}  /{r.route}  -> {r.view}" for r in uncovered)
    )


def test_every_case_names_a_url():
    names = {route.name for route in iter_routes()}

    stale = sorted({case.url_name for case in CASES} - names)

    assert not stale, f"Cases for URL names that no longer exist: {stale}"


def test_each_case_has_a_distinct_id():
    ids = [case.id for case in CASES]

    duplicates = sorted({i for i in ids if ids.count(i) > 1})

    assert not duplicates, f"Give these Cases a label to tell them apart: {duplicates}"


def test_third_party_prefixes_are_documented():
    for prefix, reason in access_third_party.COVERED_PREFIXES.items():
        assert prefix.endswith("/"), prefix
        assert len(reason) > 20, f"Say why {prefix} is covered by representative Cases"


@pytest.fixture(scope="module")
def _world_ids(django_db_setup, django_db_blocker) -> Iterator[dict[str, int]]:
    """The schools and personas, made once for the module's thousands of cases.

    They live in a transaction that stays open until the module ends and is then rolled
    back; each test runs in a savepoint inside it (pytest-django's usual per-test atomic,
    nested), so whatever a test writes is undone and the next one finds just the world.
    Making the world for every case took two thirds of the matrix's time.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        trust = personas.trust_a()
        school_a = personas.school_a(trust)
        school_b = personas.school_b()
        made = {
            "staff_a": personas.staff_at(school_a),
            "lead_a": personas.head_at_a(school_a),
            "data_lead_a": personas.data_lead_at(school_a),
            "lead_b": personas.head_at_b(school_b),
            "system_leader": personas.system_leader(trust),
            "coordinator": personas.coordinator(),
            "admin": personas.admin_user(),
        }
        assert set(made) | {"anonymous"} == set(PERSONAS)
        yield {
            "trust_a": trust.pk,
            "school_a": school_a.pk,
            "school_b": school_b.pk,
            **{persona: user.pk for persona, user in made.items()},
        }
        transaction.set_rollback(True)


@pytest.fixture
def world(db, _world_ids: dict[str, int]) -> World:
    """The module's world, read afresh so no test sees another's changes to an instance."""
    schools = School.objects.in_bulk([_world_ids["school_a"], _world_ids["school_b"]])
    users = User.objects.in_bulk([_world_ids[p] for p in PERSONAS if p != "anonymous"])
    return World(
        school_a=schools[_world_ids["school_a"]],
        school_b=schools[_world_ids["school_b"]],
        trust_a=Trust.objects.get(pk=_world_ids["trust_a"]),
        **{p: users[_world_ids[p]] for p in PERSONAS if p != "anonymous"},
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit buckets live in the cache, which outlives a test's database; a matrix
    # that signs in hundreds of times must not trip them.
    cache.clear()
    yield
    cache.clear()


def _login_path() -> str:
    return resolve_url(settings.LOGIN_URL)


@pytest.mark.parametrize(
    ("case", "persona"),
    [
        pytest.param(case, persona, id=f"{case.id}-{persona}")
        for case in CASES
        for persona in PERSONAS
    ],
)
def test_access(case: Case, persona: str, client, world: World):
    url = reverse(
        case.url_name,
        args=case.resolve_args(world) or None,
        kwargs=case.resolve_kwargs(world) or None,
    )
    if case.query:
        url = f"{url}?{case.query}"
    user = world.user(persona)
    if user is not None:
        client.force_login(user)
    expected = case.expect[persona]

    response = getattr(client, case.method)(url, data=case.resolve_data(world) or {})

    location = response.headers.get("Location", "")
    assert response.status_code == expected, (
        f"{case.method.upper()} {url} as {persona}: got {response.status_code}"
        f"{' -> ' + location if location else ''}, expected {expected}"
        f"{'. ' + case.note if case.note else ''}"
    )
    if expected == 302 and persona == "anonymous" and case.login_required:
        assert urlsplit(location).path == _login_path(), (
            f"{url}: anonymous visitors should be sent to sign in, not to {location}"
        )
    is_html = response.headers.get("Content-Type", "").startswith("text/html")
    if case.method == "get" and response.status_code == 200 and is_html:
        assert_security_headers(response, path=url)
