import secrets
from datetime import timedelta
from typing import Any

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from reconnect.accounts.models import Invitation, JoinRequest, User
from reconnect.accounts.selectors import hash_token
from reconnect.schools.roles import SchoolRole

TEST_PASSWORD = "a-long-test-passphrase-42"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@school.example.org")
    first_name = factory.Sequence(lambda n: f"Alex{n}")
    last_name = "Morgan"
    job_title = "Teacher"
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: object, **kwargs: object) -> None:
        """Members signed up through an invitation, so their address is verified.

        allauth refuses to sign in an account without one (ACCOUNT_EMAIL_VERIFICATION is
        mandatory); pass ``verified_email=False`` for an account that has none.
        """
        if not create or extracted is False:
            return
        EmailAddress.objects.get_or_create(
            user=self, email=self.email, defaults={"verified": True, "primary": True}
        )


class InvitationFactory(factory.django.DjangoModelFactory[Invitation]):
    """An invitation whose token nobody knows; use ``invitation_with_token`` to open it."""

    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@school.example.org")
    school = factory.SubFactory("reconnect.schools.tests.factories.SchoolFactory")
    role = SchoolRole.STAFF
    invited_by = None
    token_hash = factory.LazyFunction(lambda: hash_token(secrets.token_urlsafe(32)))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


def invitation_with_token(**fields: Any) -> tuple[Invitation, str]:
    """An invitation and the token its email would carry (the database keeps only a hash)."""
    token = secrets.token_urlsafe(32)
    return InvitationFactory.create(token_hash=hash_token(token), **fields), token


class JoinRequestFactory(factory.django.DjangoModelFactory[JoinRequest]):
    class Meta:
        model = JoinRequest

    first_name = "Jo"
    last_name = factory.Sequence(lambda n: f"Applicant{n}")
    email = factory.Sequence(lambda n: f"applicant{n}@school.example.org")
    job_title = "Deputy headteacher"
    school = factory.SubFactory("reconnect.schools.tests.factories.SchoolFactory")
    role = SchoolRole.SCHOOL_LEAD
    message = ""
