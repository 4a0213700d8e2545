"""``manage.py reseal_keys``: after a SECRET_KEY rotation, everything sealed under the old key
is sealed again under the new one, so the old key can leave SECRET_KEY_FALLBACKS and the
schools' pupil data and the queued e-mails still open."""

from datetime import date
from io import StringIO

import pytest
from cryptography.fernet import InvalidToken
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from reconnect.core.audit_actions import SEALED_DATA_RESEALED
from reconnect.core.models import AuditEvent
from reconnect.core.sealing import SealState, seal, seal_state, unseal
from reconnect.schools.models import School
from reconnect.spectrum.models import PupilRecord, SchoolDataSettings, Snapshot
from reconnect.spectrum.tests.factories import imported_snapshot, pupil_csv, pupil_rows

OLD = "old-secret-key-before-the-rotation-0123456789-abcdefghijklmnopqrstuvwxyz"
NEW = "new-secret-key-after-the-rotation-0123456789-abcdefghijklmnopqrstuvwxyz"
ELSEWHERE = "a-key-this-installation-never-had-0123456789-abcdefghijklmnopqrstuvwxyz"
LATER = date(2026, 11, 20)

MAILERS = {
    "default": {"BACKEND": "reconnect.core.email.TaskQueueEmailBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}
DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
}


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    """The imports' raw files in the test's own directory, not the checkout's var/."""
    settings.VAR_DIR = tmp_path


def reseal(*args: str) -> str:
    out = StringIO()
    call_command("reseal_keys", *args, stdout=out)
    return out.getvalue()


def hashes(snapshot: Snapshot) -> dict[str, str]:
    return dict(PupilRecord.objects.filter(snapshot=snapshot).values_list("pupil_ref", "upn_hash"))


def queue_an_invitation() -> DBTaskResult:
    EmailMessage(
        subject="You are invited", body="Join: /accept/tok3n/", to=["x@example.org"]
    ).send()
    return DBTaskResult.objects.get()


def deliver(task: DBTaskResult) -> None:
    worker = Worker(
        queue_names=["email"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    worker.run_task(task)


@override_settings(MAILERS=MAILERS, TASKS=DATABASE_TASKS)
def test_after_a_rotation_and_a_reseal_the_old_key_can_go(
    settings, school_a: School, school_b: School
) -> None:
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD, []
    rows = pupil_rows(30, seed=11)
    before = hashes(imported_snapshot(school_a, data=pupil_csv(rows)))
    imported_snapshot(school_b, pupils=10, seed=12)
    task = queue_an_invitation()

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW, [OLD]
    output = reseal()

    assert output == (
        "School pseudonym keys: 2 sealed again, 0 already under the current key.\n"
        "Queued e-mails: 1 sealed again, 0 already under the current key.\n"
    )
    events = AuditEvent.objects.filter(action=SEALED_DATA_RESEALED).order_by("pk")
    assert list(events.values_list("school_urn", "actor_label", "detail")) == [
        (school_a.urn, "manage.py reseal_keys", {"sealed": "pseudonym_key"}),
        (school_b.urn, "manage.py reseal_keys", {"sealed": "pseudonym_key"}),
        (None, "manage.py reseal_keys", {"sealed": "queued_emails", "count": 1}),
    ]

    # The old key leaves: every school's key and the queued e-mail still open...
    settings.SECRET_KEY_FALLBACKS = []
    for data_settings in SchoolDataSettings.objects.all():
        assert seal_state(data_settings.pseudonym_key) is SealState.CURRENT
    task.refresh_from_db()
    deliver(task)
    task.refresh_from_db()
    assert (task.status, [m.body for m in mail.outbox]) == ("SUCCESSFUL", ["Join: /accept/tok3n/"])

    # ...and the next upload hashes each pupil's UPN as before, so it links to the last one.
    later = imported_snapshot(
        school_a, data=pupil_csv([dict(row, as_at_date=LATER) for row in rows], as_at=LATER)
    )
    assert later.as_at_date == LATER
    assert hashes(later) == before


def test_running_it_again_changes_nothing(settings, school_a: School) -> None:
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD, []
    imported_snapshot(school_a, pupils=5)
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW, [OLD]
    reseal()
    sealed = SchoolDataSettings.objects.get(school=school_a).pseudonym_key

    output = reseal()

    assert output == (
        "School pseudonym keys: 0 sealed again, 1 already under the current key.\n"
        "Queued e-mails: 0 sealed again, 0 already under the current key.\n"
    )
    assert SchoolDataSettings.objects.get(school=school_a).pseudonym_key == sealed
    assert AuditEvent.objects.filter(action=SEALED_DATA_RESEALED).count() == 1


def test_a_value_no_key_opens_stops_it_before_any_change_naming_the_row(
    settings, school_a: School, school_b: School
) -> None:
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD, []
    imported_snapshot(school_a, pupils=5)
    settings.SECRET_KEY = ELSEWHERE
    imported_snapshot(school_b, pupils=5, seed=3)
    lost = SchoolDataSettings.objects.get(school=school_b)
    kept = SchoolDataSettings.objects.get(school=school_a).pseudonym_key
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW, [OLD]

    with pytest.raises(CommandError) as refused:
        reseal()

    assert str(refused.value) == (
        "Nothing was changed: no key in SECRET_KEY or SECRET_KEY_FALLBACKS opens 1 sealed "
        f"value(s): school {school_b.urn} (SchoolDataSettings {lost.pk}). Put the key they "
        "were sealed under back into SECRET_KEY_FALLBACKS and run this again (an unopenable "
        "queued e-mail that has finished can instead be deleted)."
    )
    assert SchoolDataSettings.objects.get(school=school_a).pseudonym_key == kept
    assert seal_state(kept) is SealState.FALLBACK
    assert not AuditEvent.objects.filter(action=SEALED_DATA_RESEALED).exists()


@override_settings(MAILERS=MAILERS, TASKS=DATABASE_TASKS)
def test_an_unopenable_queued_email_is_named_too(settings, db) -> None:
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = ELSEWHERE, []
    task = queue_an_invitation()
    settings.SECRET_KEY = NEW

    with pytest.raises(CommandError, match=f"queued e-mail {task.pk} \\(READY\\)"):
        reseal()


def test_a_dry_run_counts_and_changes_nothing(settings, school_a: School) -> None:
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD, []
    imported_snapshot(school_a, pupils=5)
    sealed = SchoolDataSettings.objects.get(school=school_a).pseudonym_key
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW, [OLD]

    output = reseal("--dry-run")

    assert output == (
        "School pseudonym keys: 1 would be sealed again, 0 already under the current key.\n"
        "Queued e-mails: 0 would be sealed again, 0 already under the current key.\n"
    )
    assert SchoolDataSettings.objects.get(school=school_a).pseudonym_key == sealed
    assert not AuditEvent.objects.filter(action=SEALED_DATA_RESEALED).exists()


def test_seal_state_names_the_key_that_opens_a_value(settings) -> None:
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD, []
    sealed = seal({"upn_key": "ab" * 32})
    assert seal_state(sealed) is SealState.CURRENT

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW, [OLD]
    assert seal_state(sealed) is SealState.FALLBACK

    settings.SECRET_KEY_FALLBACKS = []
    assert seal_state(sealed) is SealState.UNOPENABLE
    with pytest.raises(InvalidToken):
        unseal(sealed)
