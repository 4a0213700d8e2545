"""Running the access-control matrix: the shared world, and one test per Case and persona.

The matrix is split into one test file per app (``tests/access_matrix/``) only so that
xdist, which gives each file to one worker, can share its thousands of requests between
workers; ``tests/test_access_matrix.py`` checks that every URL has a Case, and
``access_test`` here makes each file's parametrized test.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

import reconnect
from reconnect.accounts.models import User
from reconnect.schools.models import School, Trust
from tests import personas
from tests.access import PERSONAS, Case, World
from tests.headers import assert_security_headers

THIRD_PARTY = "tests.access_third_party"


def expectation_modules() -> list[str]:
    """``tests.access_third_party`` and each app's ``tests/access_expectations.py``."""
    package_dir = Path(reconnect.__file__).parent
    apps = sorted(p.parent.parent.name for p in package_dir.glob("*/tests/access_expectations.py"))
    return [THIRD_PARTY, *(f"reconnect.{app}.tests.access_expectations" for app in apps)]


def cases_in(module_name: str) -> list[Case]:
    module = importlib.import_module(module_name)
    module_cases = getattr(module, "CASES", None)
    if not isinstance(module_cases, list | tuple):
        raise TypeError(f"{module_name} must define CASES, a list of tests.access.Case")
    return list(module_cases)


def collect_cases() -> list[Case]:
    return [case for module_name in expectation_modules() for case in cases_in(module_name)]


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


@pytest.fixture(scope="module")
def signed_in_sessions(_world_ids: dict[str, int], django_db_blocker) -> dict[str, str]:
    """A signed-in session for each persona, made once per module inside its world's
    transaction: signing in runs the sign-in receivers (audit, the Lab's and the spectrum's
    navigation), a dozen queries that every one of thousands of cases repeated. A case that
    signs out or changes its session does so in its own savepoint, undone after it."""
    sessions = {}
    with django_db_blocker.unblock():
        for persona in PERSONAS:
            if persona == "anonymous":
                continue
            client = Client()
            client.force_login(User.objects.get(pk=_world_ids[persona]))
            sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


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


def check_access(
    case: Case, persona: str, client, world: World, sessions: dict[str, str] | None = None
) -> None:
    """Request ``case`` as ``persona`` and assert its exact status; an anonymous 302 must
    go to the sign-in page; an HTML page answering 200 to a GET carries the strict
    security headers (G11)."""
    url = reverse(
        case.url_name,
        args=case.resolve_args(world) or None,
        kwargs=case.resolve_kwargs(world) or None,
    )
    if case.query:
        url = f"{url}?{case.query}"
    user = world.user(persona)
    if user is not None and sessions is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[persona]
    elif user is not None:
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
        assert urlsplit(location).path == resolve_url(settings.LOGIN_URL), (
            f"{url}: anonymous visitors should be sent to sign in, not to {location}"
        )
    is_html = response.headers.get("Content-Type", "").startswith("text/html")
    if case.method == "get" and response.status_code == 200 and is_html:
        assert_security_headers(response, path=url)


def access_test(module_name: str) -> Callable[..., None]:
    """The matrix test for the Cases of ``module_name``: one test per Case and persona,
    with the id ``url_name-persona``."""

    @pytest.mark.parametrize(
        ("case", "persona"),
        [
            pytest.param(case, persona, id=f"{case.id}-{persona}")
            for case in cases_in(module_name)
            for persona in PERSONAS
        ],
    )
    def test_access(
        case: Case, persona: str, client, world: World, signed_in_sessions: dict[str, str]
    ) -> None:
        check_access(case, persona, client, world, signed_in_sessions)

    return test_access
