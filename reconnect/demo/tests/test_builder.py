import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from reconnect.accounts.models import Invitation, JoinRequest, User
from reconnect.demo.builder import demo_is_loaded, network_digest, seed_demo
from reconnect.schools.models import LocalAuthority, Membership, School, SystemLeaderScope, Trust
from reconnect.schools.roles import SchoolRole

pytestmark = pytest.mark.django_db


def _seed_and_digest(**options) -> str:
    """Seed inside a transaction that is rolled back, so each call starts from a fresh DB."""
    with transaction.atomic():
        seed_demo(**options)
        digest = network_digest()
        transaction.set_rollback(True)
    return digest


def test_seed_demo_is_deterministic_for_a_seed():
    first = _seed_and_digest(seed=2026)
    second = _seed_and_digest(seed=2026)

    assert School.objects.count() == 0
    assert first == second


def test_seed_demo_differs_between_seeds():
    assert _seed_and_digest(seed=2026) != _seed_and_digest(seed=2027)


def test_seed_demo_small_counts():
    result = seed_demo()

    assert (result.schools, result.trusts, result.local_authorities) == (60, 6, 33)
    assert School.objects.count() == 60
    assert Trust.objects.count() == 6
    assert User.objects.count() == result.members
    assert 200 <= result.members <= 310
    assert Membership.objects.count() == result.members - 3  # admin, coordinator, leader
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == result.members
    assert Invitation.objects.count() == 2
    assert JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count() == 3


def test_seed_demo_puts_a_school_in_every_local_authority():
    seed_demo()

    empty = LocalAuthority.objects.filter(schools__isnull=True)
    assert list(empty) == []
    assert LocalAuthority.objects.count() == 33


def test_seed_demo_about_a_third_of_schools_are_in_trusts():
    seed_demo()

    assert School.objects.filter(trust__isnull=False).count() == 20


def test_seed_demo_accounts_have_their_roles():
    seed_demo()

    def role_at(email: str, urn: int) -> str:
        return Membership.objects.get(user__email=email, school__urn=urn).role

    admin = User.objects.get(email="admin@example.org")
    coordinator = User.objects.get(email="coordinator@example.org")
    assert (admin.is_superuser, admin.is_staff, admin.is_coordinator) == (True, True, False)
    assert (coordinator.is_coordinator, coordinator.is_superuser) == (True, False)
    assert coordinator.has_perm("wagtailadmin.access_admin")
    assert role_at("head.a@example.org", 900001) == SchoolRole.SCHOOL_LEAD
    assert role_at("data.a@example.org", 900001) == SchoolRole.DATA_LEAD
    assert role_at("staff.a@example.org", 900001) == SchoolRole.STAFF
    assert role_at("head.b@example.org", 900002) == SchoolRole.SCHOOL_LEAD
    scope = SystemLeaderScope.objects.get(user__email="leader@example.org")
    school_a = School.objects.get(urn=900001)
    assert scope.trust is not None
    assert scope.trust == school_a.trust
    assert scope.trust.name == "Northbank Learning Trust"
    assert School.objects.filter(trust=scope.trust).count() >= 2


def test_seed_demo_schools_a_and_b():
    seed_demo()

    school_a = School.objects.select_related("local_authority", "trust").get(urn=900001)
    school_b = School.objects.select_related("local_authority", "trust").get(urn=900002)
    assert (school_a.name, school_a.phase, school_a.local_authority.name) == (
        "Wrenmere Primary School",
        "primary",
        "Camden",
    )
    assert (school_b.name, school_b.phase, school_b.local_authority.name) == (
        "Kestrelgate Academy",
        "secondary",
        "Southwark",
    )
    assert school_b.trust is not None
    assert school_b.trust != school_a.trust


def test_seed_demo_accounts_sign_in_with_the_demo_password(client, settings):
    seed_demo()

    signed_in = client.login(email="head.a@example.org", password=settings.RECONNECT_DEMO_PASSWORD)

    assert signed_in is True
    address = EmailAddress.objects.get(email="head.a@example.org")
    assert (address.verified, address.primary) == (True, True)


def test_seed_demo_uses_the_password_from_settings(client, settings):
    settings.RECONNECT_DEMO_PASSWORD = "another-long-demo-passphrase"
    seed_demo()

    assert client.login(email="staff.a@example.org", password="another-long-demo-passphrase")
    assert not client.login(email="staff.a@example.org", password="reconnect-demo-2026")


def test_seed_demo_again_duplicates_nothing_and_restores_seeded_values():
    seed_demo()
    counts = (School.objects.count(), User.objects.count(), Membership.objects.count())
    digest = network_digest()
    School.objects.filter(urn=900001).update(name="Renamed by a member")
    User.objects.filter(email="head.b@example.org").update(is_superuser=True)

    seed_demo()

    assert (School.objects.count(), User.objects.count(), Membership.objects.count()) == counts
    assert network_digest() == digest
    assert User.objects.get(email="head.b@example.org").is_superuser is False
    assert Invitation.objects.count() == 2
    assert JoinRequest.objects.count() == 3
    assert SystemLeaderScope.objects.count() == 1


def test_seed_demo_adds_the_coordinator_to_the_coordinators_group_when_it_exists():
    group, _ = Group.objects.get_or_create(name="Coordinators")

    seed_demo()

    assert list(group.user_set.values_list("email", flat=True)) == ["coordinator@example.org"]


def test_seed_demo_builds_a_custom_size_like_the_london_scale():
    result = seed_demo(scale="london", schools=120, trusts=8)

    assert (result.schools, result.trusts) == (120, 8)
    assert School.objects.count() == 120
    assert LocalAuthority.objects.filter(schools__isnull=True).count() == 0
    assert 3 * 118 <= Membership.objects.count() - 6 <= 5 * 118


def test_demo_is_loaded_after_seeding():
    assert demo_is_loaded() is False

    seed_demo()

    assert demo_is_loaded() is True
