"""Every URL pattern has a Case in the access-control matrix, and every Case is run (G1).

1. ``test_every_url_pattern_has_a_case`` walks the whole resolver and fails, naming them,
   for patterns with no Case and outside the documented third-party prefixes.
2. ``test_every_case_names_a_url`` keeps the matrix honest when a URL is renamed or removed.
3. ``test_every_expectation_module_has_a_matrix_file``: the Cases run in
   ``tests/access_matrix/``, one file per app (``tests/access_run.py`` says why), each Case
   once per persona (test id ``url_name-persona``), signed in with ``force_login`` (the
   personas whose roles need a second factor have one), asserting the exact status.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from tests import access_third_party
from tests.access_run import (  # noqa: F401  (the token matrix reuses the world fixtures)
    THIRD_PARTY,
    _fresh_rate_limits,
    _world_ids,
    collect_cases,
    expectation_modules,
    world,
)


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


def test_every_expectation_module_has_a_matrix_file():
    folder = Path(__file__).parent / "access_matrix"
    expected = {
        "test_third_party.py" if name == THIRD_PARTY else f"test_{name.split('.')[1]}.py"
        for name in expectation_modules()
    }

    missing = sorted(name for name in expected if not (folder / name).exists())

    assert not missing, (
        f"Add these files to tests/access_matrix/ so their Cases run: {missing} "
        "(copy test_hub.py and name the app's access_expectations module)"
    )
