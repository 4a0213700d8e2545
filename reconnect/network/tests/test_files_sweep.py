"""The sweep of the Network's private files that no row names."""

import datetime
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.group_files_storage import GROUP_FILES
from reconnect.network.models import Attachment
from reconnect.network.services.events import EVENT_FILES
from reconnect.network.services.files_sweep import orphan_files_sweep
from reconnect.network.storage import ATTACHMENTS

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture(autouse=True)
def _own_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def _written(storage, hours_ago):
    name = storage.save(b"%PDF-1.4 test")
    moment = (NOW - datetime.timedelta(hours=hours_ago)).timestamp()
    os.utime(storage.path(name), (moment, moment))
    return name


def _named_by_a_row(name):
    Attachment.objects.create(
        post=None,
        stored_as=name,
        filename="plan.pdf",
        content_type="application/pdf",
        size_bytes=13,
        uploaded_by=UserFactory.create(),
    )


def test_sweep_deletes_day_old_files_no_row_names_and_keeps_the_rest():
    kept = _written(ATTACHMENTS, hours_ago=48)
    _named_by_a_row(kept)
    orphan = _written(ATTACHMENTS, hours_ago=25)
    recent = _written(ATTACHMENTS, hours_ago=2)  # its post may still be being saved
    group_orphan = _written(GROUP_FILES, hours_ago=30)
    event_recent = _written(EVENT_FILES, hours_ago=1)

    found = orphan_files_sweep(now=NOW)

    assert found == {"network": 1, "network-groups": 1, "network-events": 0}
    assert [ATTACHMENTS.exists(n) for n in (kept, orphan, recent)] == [True, False, True]
    assert GROUP_FILES.exists(group_orphan) is False
    assert EVENT_FILES.exists(event_recent) is True


def test_dry_run_counts_and_deletes_nothing():
    orphan = _written(ATTACHMENTS, hours_ago=30)

    assert orphan_files_sweep(now=NOW, dry_run=True)["network"] == 1
    assert ATTACHMENTS.exists(orphan) is True


def test_command_says_what_it_deleted():
    _written(ATTACHMENTS, hours_ago=30)
    out = StringIO()

    call_command("network_files_sweep", stdout=out)

    assert out.getvalue() == (
        "Files no row names deleted: network 1, network-groups 0, network-events 0.\n"
    )
