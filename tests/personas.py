"""The personas of the access-control matrix, as plain functions.

The root conftest's fixtures (``school_a``, ``head_at_school_a`` ...) call these, one
persona per test; the access matrix (``tests/access_run.py``) makes its world once per
file for its thousands of cases. School A (URN 900001) and school B (URN 900002) mirror the
demo network. Two-step verification is switched on for the personas whose roles demand it,
so tests exercise the production policy rather than bypassing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.mfa.models import Authenticator

from reconnect.accounts.tests.factories import UserFactory
from reconnect.schools.models import School
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import (
    MembershipFactory,
    SchoolFactory,
    SystemLeaderScopeFactory,
    TrustFactory,
)

if TYPE_CHECKING:
    from reconnect.accounts.models import User
    from reconnect.schools.models import Trust

# The TOTP secret every persona that needs a second factor is enrolled with.
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def enrol_mfa(user: User) -> User:
    """Give a persona a TOTP authenticator, as if they had set up an app."""
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": TOTP_SECRET}}
    )
    return user


def trust_a() -> Trust:
    return TrustFactory.create(name="Northbank Learning Trust", slug="northbank-learning-trust")


def school_a(trust: Trust) -> School:
    return SchoolFactory.create(urn=900001, name="Demo School A", trust=trust)


def school_b() -> School:
    return SchoolFactory.create(
        urn=900002, name="Demo School B", phase=School.Phase.SECONDARY, local_authority__code=210
    )


def _member(school: School, role: str, **names: str) -> User:
    user = UserFactory.create(**names)
    MembershipFactory(user=user, school=school, role=role)
    return user


def staff_at(school: School) -> User:
    return _member(
        school, SchoolRole.STAFF, email="staff.a@example.org", first_name="Sam", last_name="Staff"
    )


def data_lead_at(school: School) -> User:
    user = _member(
        school, SchoolRole.DATA_LEAD, email="data.a@example.org", first_name="Dana",
        last_name="Data",
    )  # fmt: skip
    return enrol_mfa(user)


def head_at_a(school: School) -> User:
    user = _member(
        school, SchoolRole.SCHOOL_LEAD, email="head.a@example.org", first_name="Harriet",
        last_name="Head",
    )  # fmt: skip
    return enrol_mfa(user)


def head_at_b(school: School) -> User:
    user = _member(
        school, SchoolRole.SCHOOL_LEAD, email="head.b@example.org", first_name="Ben",
        last_name="Head",
    )  # fmt: skip
    return enrol_mfa(user)


def system_leader(trust: Trust) -> User:
    user = UserFactory.create(email="leader@example.org", first_name="Lee", last_name="Leader")
    SystemLeaderScopeFactory(user=user, trust=trust)
    return enrol_mfa(user)


def coordinator() -> User:
    user = UserFactory.create(
        email="coordinator@example.org",
        first_name="Cora",
        last_name="Coordinator",
        is_coordinator=True,
    )
    return enrol_mfa(user)


def admin_user() -> User:
    user = UserFactory.create(
        email="admin@example.org",
        first_name="Ada",
        last_name="Admin",
        is_superuser=True,
        is_staff=True,
    )
    return enrol_mfa(user)
