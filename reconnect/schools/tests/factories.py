from decimal import Decimal

import factory

from reconnect.schools.models import LocalAuthority, Membership, School, SystemLeaderScope, Trust
from reconnect.schools.roles import SchoolRole


def local_authority(code: int = 202) -> LocalAuthority:
    """The 33 London authorities are loaded by a migration, so tests look them up."""
    return LocalAuthority.objects.get(code=code)


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    """Finds one of the 33 authorities by code (``local_authority__code=210``); the migration
    has already created them, so the other fields are never used."""

    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    code = 202
    name = factory.Sequence(lambda n: f"Authority {n}")
    slug = factory.Sequence(lambda n: f"authority-{n}")


class TrustFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trust
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Riverside Learning Trust {n}")
    slug = factory.Sequence(lambda n: f"riverside-learning-trust-{n}")
    gias_code = factory.Sequence(lambda n: f"TR{n:05d}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ("urn",)

    urn = factory.Sequence(lambda n: 910000 + n)
    name = factory.Sequence(lambda n: f"Test Primary School {n}")
    phase = School.Phase.PRIMARY
    establishment_type = "Community school"
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    postcode = "NW1 2AB"
    number_on_roll = 420
    percent_fsm = Decimal("24.5")
    percent_eal = Decimal("31.0")
    percent_sen_support = Decimal("13.2")
    percent_ehcp = Decimal("2.9")
    attendance_percent = Decimal("94.1")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("reconnect.accounts.tests.factories.UserFactory")
    school = factory.SubFactory(SchoolFactory)
    role = SchoolRole.STAFF


class SystemLeaderScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SystemLeaderScope

    user = factory.SubFactory("reconnect.accounts.tests.factories.UserFactory")
    trust = factory.SubFactory(TrustFactory)
