import factory

from reconnect.accounts.models import User

TEST_PASSWORD = "a-long-test-passphrase-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@school.example.org")
    first_name = factory.Sequence(lambda n: f"Alex{n}")
    last_name = "Morgan"
    job_title = "Teacher"
    password = factory.django.Password(TEST_PASSWORD)
