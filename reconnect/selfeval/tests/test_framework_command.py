from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reconnect.core.models import AuditEvent
from reconnect.hub.models import Theme
from reconnect.selfeval.models import Framework, FrameworkVersion

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("load_reconnect_framework", *args, stdout=out)
    return out.getvalue()


def test_load_reconnect_framework_publishes_once():
    first = run()
    second = run()

    assert first == (
        "Published The Reconnect framework, version 1: 11 domains and 56 statements.\n"
    )
    assert second == (
        "The Reconnect framework already has version 1 published (11 domains, 56 "
        "statements); nothing to do.\n"
    )
    assert FrameworkVersion.objects.get().status == "published"
    event = AuditEvent.objects.get(action="selfeval.version_published")
    assert event.actor_label == "manage.py load_reconnect_framework"


def test_load_reconnect_framework_dry_run_writes_nothing():
    before = run("--dry-run")
    run()
    after = run("--dry-run")

    assert before == (
        "Would publish The Reconnect framework with 11 domains and 56 statements; nothing "
        "was written.\n"
    )
    assert after == (
        "The Reconnect framework already has version 1 published; nothing would be written.\n"
    )
    assert FrameworkVersion.objects.count() == 1


def test_load_reconnect_framework_explains_missing_themes():
    Theme.objects.filter(slug="send").delete()

    with pytest.raises(
        CommandError, match=r"^The Hub theme send is missing: run `manage.py migrate` first\.$"
    ):
        run()

    assert not Framework.objects.exists()
