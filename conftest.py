"""Named personas shared by every test: the roles of the access-control matrix.

Each fixture makes one persona with ``tests.personas`` (which says who they are), fresh
for the test that asks for it.
"""

import pytest
from django.core.cache import cache

from tests import personas


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (tests use the in-process one): what a page
    cached for one test's rows must not answer for another's, whose ids may be the same."""
    cache.clear()


# tryfirst: before `-m` selects on the marker. The browser conftests' hooks, also tryfirst
# but registered later, have marked their tests by then.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that runs outside a transaction as `transactional`.

    Such a test ends by emptying the database, and the migrations' rows (content types,
    boroughs, themes) come back only when the next transactional test starts. Django's own
    runner therefore runs these tests last; under xdist a worker may pick one up mid-run, so
    `make pytest` runs them in a serial pass of their own instead.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction", False):
            item.add_marker(pytest.mark.transactional)


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
