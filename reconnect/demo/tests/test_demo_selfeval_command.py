"""``seed_demo`` loads the self-evaluation demo at every scale, fills it in on the
--if-empty path when it is missing, and counts it in --dry-run."""

from io import StringIO

import pytest
from django.core.management import call_command

from reconnect.demo.builder import seed_demo
from reconnect.selfeval.models import Answer, Framework, Review

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_loads_the_self_evaluation():
    output = run()

    assert (
        "Loaded the self-evaluation: 119 submitted reviews with 6,664 answers at 60 schools, in"
        in (output)
    )
    assert Review.objects.count() == 119
    assert Framework.objects.get().slug == "reconnect"


def test_seed_demo_if_empty_adds_a_missing_self_evaluation_once():
    seed_demo()  # the network, as an older seed left it: no self-evaluation

    first = run("--if-empty")
    second = run("--if-empty")

    assert first.startswith("The demo network is already loaded; nothing to do.")
    assert "Loaded the self-evaluation: 119 submitted reviews" in first
    assert "Loaded the self-evaluation" not in second
    assert Answer.objects.count() == 119 * 56


def test_seed_demo_dry_run_counts_the_self_evaluation_and_writes_nothing():
    output = run("--dry-run", "--scale", "london")

    assert (
        "Would load the Reconnect framework (if missing) and write up to 4,999 submitted "
        "self-evaluation reviews with 279,944 answers (for schools without one)." in output
    )
    assert not Framework.objects.exists()
    assert not Review.objects.exists()
