from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reconnect.accounts.models import User
from reconnect.schools.models import LocalAuthority, School

pytestmark = pytest.mark.django_db

ACCOUNTS = [
    "admin@example.org",
    "coordinator@example.org",
    "head.a@example.org",
    "data.a@example.org",
    "staff.a@example.org",
    "head.b@example.org",
    "leader@example.org",
]


def run(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_command_seeds_prints_the_accounts_and_run_again_does_not_duplicate():
    # One test for both: seeding the demo is most of the suite's slowest tests' time.
    output = run("--seed", "2026")

    assert "Seeded 60 schools in 33 local authorities, 6 trusts and" in output
    for email in ACCOUNTS:
        assert email in output
    assert "School lead, Wrenmere Primary School (URN 900001)" in output
    assert "System leader for Northbank Learning Trust" in output
    assert (
        "Password for every account: the value of RECONNECT_DEMO_PASSWORD "
        "(default `reconnect-demo-2026`)." in output
    )
    assert School.objects.count() == 60
    counts = (School.objects.count(), User.objects.count())

    again = run("--seed", "2026")

    assert "Seeded 60 schools" in again
    assert (School.objects.count(), User.objects.count()) == counts


def test_seed_demo_command_if_empty_does_nothing_the_second_time():
    run("--if-empty")
    users = User.objects.count()
    School.objects.filter(urn=900003).update(name="Changed since seeding")

    output = run("--if-empty", "--seed", "99")

    assert output.startswith("The demo network is already loaded; nothing to do.")
    assert "head.a@example.org" in output
    assert User.objects.count() == users
    assert School.objects.get(urn=900003).name == "Changed since seeding"


def test_seed_demo_command_dry_run_writes_nothing():
    output = run("--dry-run", "--scale", "london")

    assert output.startswith("Would seed 2500 schools, 150 trusts and ")
    assert School.objects.count() == 0
    assert User.objects.count() == 0


def test_seed_demo_command_refuses_an_unknown_scale():
    with pytest.raises(CommandError, match="invalid choice: 'england'"):
        run("--scale", "england")


def test_seed_demo_command_explains_a_database_without_boroughs():
    LocalAuthority.objects.all().delete()

    with pytest.raises(CommandError, match=r"run `manage\.py migrate` first"):
        run()
