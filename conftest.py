"""Named personas shared by every test: the roles of the access-control matrix.

Each fixture makes one persona with ``tests.personas`` (which says who they are), fresh
for the test that asks for it.
"""

import os
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from tests import database_template, personas

# Property tests explore new examples on every developer's run, and find new edge cases
# there; CI replays a fixed sequence, so a submission's result does not depend on luck.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """pytest-django's hook before the test databases are made: they are made as copies of
    one migrated template (``tests/database_template.py``), not migrated afresh."""
    from django.db import connections

    if database_template.enabled():
        database_template.install(connections["default"])


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (tests use the in-process one): what a page
    cached for one test's rows must not answer for another's, whose ids may be the same."""
    cache.clear()


def _commits_for_real(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return marker is not None and bool(marker.kwargs.get("transaction", False))


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> Iterator[None]:
    """Tests that commit for real: marked `transactional`, and run last.

    Such a test ends by emptying the database; the migrations' rows (content types,
    boroughs, themes) come back only when the next transactional test starts. Django's
    runner runs them after every other test, and so does pytest-django, except after tests
    that reach the database through ``request.getfixturevalue`` alone, which it takes for
    tests without one. Those now come first too. Under xdist a worker may still pick one
    up mid-run, so `make pytest` runs the marked tests in a serial pass of their own.
    """
    for item in items:  # before `-m` selects on the marker
        if _commits_for_real(item):
            item.add_marker(pytest.mark.transactional)
    yield  # every other plugin's and conftest's hook, pytest-django's ordering included
    items.sort(key=_commits_for_real)  # stable: the order within each kind is kept
    return None


@pytest.fixture
def trust_a(db):
    return personas.trust_a()


@pytest.fixture
def school_a(db, trust_a):
    return personas.school_a(trust_a)


@pytest.fixture
def school_b(db):
    return personas.school_b()


@pytest.fixture
def staff_at_school_a(school_a):
    return personas.staff_at(school_a)


@pytest.fixture
def data_lead_at_school_a(school_a):
    return personas.data_lead_at(school_a)


@pytest.fixture
def head_at_school_a(school_a):
    return personas.head_at_a(school_a)


@pytest.fixture
def head_at_school_b(school_b):
    return personas.head_at_b(school_b)


@pytest.fixture
def system_leader(trust_a):
    return personas.system_leader(trust_a)


@pytest.fixture
def coordinator(db):
    return personas.coordinator()


@pytest.fixture
def admin_user(db):
    return personas.admin_user()
