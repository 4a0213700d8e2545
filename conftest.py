"""Named personas shared by every test: the roles of the access-control matrix.

School A (URN 900001) and school B (URN 900002) mirror the demo network. Two-step
verification is switched on for the personas whose roles demand it, so tests exercise the
production policy rather than bypassing it.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache

from reconnect.accounts.tests.factories import UserFactory
from reconnect.schools.models import School
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import (
    MembershipFactory,
    SchoolFactory,
    SystemLeaderScopeFactory,
    TrustFactory,
)


def enrol_mfa(user):
    """Give a persona a TOTP authenticator, as if they had set up an app."""
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
    )
    return user


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (tests use the in-process one): what a page
    cached for one test's rows must not answer for another's, whose ids may be the same."""
    cache.clear()


@pytest.fixture(autouse=True)
def _database_restored_after_a_transactional_test(request):
    """A transactional test ends by emptying the database; Django refills it only when the
    next transactional test starts. Refill it at once, so a test that runs after it on the
    same worker finds the content types, boroughs and themes the migrations made."""
    yield
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction", False):
        return
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def trust_a(db):
    return TrustFactory(name="Northbank Learning Trust", slug="northbank-learning-trust")


@pytest.fixture
def school_a(db, trust_a):
    return SchoolFactory(urn=900001, name="Demo School A", trust=trust_a)


@pytest.fixture
def school_b(db):
    return SchoolFactory(
        urn=900002, name="Demo School B", phase=School.Phase.SECONDARY, local_authority__code=210
    )


@pytest.fixture
def staff_at_school_a(school_a):
    user = UserFactory(email="staff.a@example.org", first_name="Sam", last_name="Staff")
    MembershipFactory(user=user, school=school_a, role=SchoolRole.STAFF)
    return user


@pytest.fixture
def data_lead_at_school_a(school_a):
    user = UserFactory(email="data.a@example.org", first_name="Dana", last_name="Data")
    MembershipFactory(user=user, school=school_a, role=SchoolRole.DATA_LEAD)
    return enrol_mfa(user)


@pytest.fixture
def head_at_school_a(school_a):
    user = UserFactory(email="head.a@example.org", first_name="Harriet", last_name="Head")
    MembershipFactory(user=user, school=school_a, role=SchoolRole.SCHOOL_LEAD)
    return enrol_mfa(user)


@pytest.fixture
def head_at_school_b(school_b):
    user = UserFactory(email="head.b@example.org", first_name="Ben", last_name="Head")
    MembershipFactory(user=user, school=school_b, role=SchoolRole.SCHOOL_LEAD)
    return enrol_mfa(user)


@pytest.fixture
def system_leader(trust_a):
    user = UserFactory(email="leader@example.org", first_name="Lee", last_name="Leader")
    SystemLeaderScopeFactory(user=user, trust=trust_a)
    return enrol_mfa(user)


@pytest.fixture
def coordinator(db):
    user = UserFactory(
        email="coordinator@example.org",
        first_name="Cora",
        last_name="Coordinator",
        is_coordinator=True,
    )
    return enrol_mfa(user)


@pytest.fixture
def admin_user(db):
    user = UserFactory(
        email="admin@example.org",
        first_name="Ada",
        last_name="Admin",
        is_superuser=True,
        is_staff=True,
    )
    return enrol_mfa(user)
