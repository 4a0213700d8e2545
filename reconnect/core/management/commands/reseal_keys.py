"""``manage.py reseal_keys``: seal everything sealed under an old SECRET_KEY again under the
current one, so that the old key can leave SECRET_KEY_FALLBACKS.

What is sealed (``reconnect.core.sealing``): each school's pseudonym key
(``SchoolDataSettings.pseudonym_key``) and the queued e-mails (``deliver_email``'s
arguments in the task table). Run it after a rotation, with the new key as SECRET_KEY and
the old one among the fallbacks (docs/data-protection/breach-runbook.md, "Rotate the keys").

- Safe to run again: a value already sealed under SECRET_KEY is left as it is.
- Changes nothing if any sealed value can be opened by no configured key, and names those
  rows: dropping the fallback that opens them would lose the school's pupil links for good.
- One transaction per school (its row locked, re-read, sealed again, audited), then one for
  the queued e-mails; a run stopped halfway leaves every value openable.
"""

from argparse import ArgumentParser
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from reconnect.core.audit import audit_record
from reconnect.core.audit_actions import SEALED_DATA_RESEALED
from reconnect.core.sealing import SealState, reseal, seal_state
from reconnect.core.tasks import deliver_email
from reconnect.spectrum.models import SchoolDataSettings

ACTOR_LABEL = "manage.py reseal_keys"
EMAIL_TASK = deliver_email.module_path


@dataclass
class Counts:
    resealed: int = 0
    current: int = 0


class Command(BaseCommand):
    help = (
        "Seal each school's pseudonym key and every queued e-mail again under the current "
        "SECRET_KEY, so the old key can leave SECRET_KEY_FALLBACKS."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be sealed again, and check every value opens; change nothing.",
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        _refuse_unopenable()
        if dry_run:
            schools, emails = _counted()
            verb = "would be sealed again"
        else:
            schools, emails = _schools_resealed(), _emails_resealed()
            verb = "sealed again"
        self.stdout.write(
            f"School pseudonym keys: {schools.resealed} {verb}, "
            f"{schools.current} already under the current key."
        )
        self.stdout.write(
            f"Queued e-mails: {emails.resealed} {verb}, "
            f"{emails.current} already under the current key."
        )


def _email_tasks() -> Any:
    return DBTaskResult.objects.filter(task_path=EMAIL_TASK)


def _sealed_message(task: DBTaskResult) -> str:
    return str(task.args_kwargs["kwargs"]["sealed_message"])


def _refuse_unopenable() -> None:
    """Stop before any change when some value opens under no key, naming each row."""
    lost = [
        f"school {urn} (SchoolDataSettings {pk})"
        for pk, urn, sealed in SchoolDataSettings.objects.order_by("school__urn").values_list(
            "pk", "school__urn", "pseudonym_key"
        )
        if seal_state(sealed) is SealState.UNOPENABLE
    ]
    lost += [
        f"queued e-mail {task.pk} ({task.status})"
        for task in _email_tasks().order_by("enqueued_at").only("pk", "status", "args_kwargs")
        if seal_state(_sealed_message(task)) is SealState.UNOPENABLE
    ]
    if lost:
        raise CommandError(
            "Nothing was changed: no key in SECRET_KEY or SECRET_KEY_FALLBACKS opens "
            f"{len(lost)} sealed value(s): {'; '.join(lost)}. Put the key they were sealed "
            "under back into SECRET_KEY_FALLBACKS and run this again (an unopenable queued "
            "e-mail that has finished can instead be deleted)."
        )


def _counted() -> tuple[Counts, Counts]:
    schools, emails = Counts(), Counts()
    for sealed in SchoolDataSettings.objects.values_list("pseudonym_key", flat=True):
        _count(schools, seal_state(sealed))
    for task in _email_tasks().only("args_kwargs"):
        _count(emails, seal_state(_sealed_message(task)))
    return schools, emails


def _count(counts: Counts, state: SealState) -> None:
    if state is SealState.CURRENT:
        counts.current += 1
    else:
        counts.resealed += 1


def _schools_resealed() -> Counts:
    counts = Counts()
    for pk in SchoolDataSettings.objects.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            # Locked and read again: an import or a key replacement may have changed it
            # since the check (a fresh key is sealed under the current key already).
            data_settings = (
                SchoolDataSettings.objects.select_for_update()
                .select_related("school")
                .filter(pk=pk)
                .first()
            )
            if data_settings is None:  # the school left meanwhile
                continue
            if seal_state(data_settings.pseudonym_key) is SealState.CURRENT:
                counts.current += 1
                continue
            data_settings.pseudonym_key = reseal(data_settings.pseudonym_key)
            data_settings.save(update_fields=["pseudonym_key"])
            audit_record(
                SEALED_DATA_RESEALED,
                actor_label=ACTOR_LABEL,
                target=data_settings,
                school_urn=data_settings.school.urn,
                detail={"sealed": "pseudonym_key"},
            )
            counts.resealed += 1
    return counts


def _emails_resealed() -> Counts:
    counts = Counts()
    with transaction.atomic():
        for task in _email_tasks().select_for_update().order_by("enqueued_at"):
            sealed = _sealed_message(task)
            if seal_state(sealed) is SealState.CURRENT:
                counts.current += 1
                continue
            task.args_kwargs["kwargs"]["sealed_message"] = reseal(sealed)
            # Only the arguments: the worker may be updating the status beside us.
            DBTaskResult.objects.filter(pk=task.pk).update(args_kwargs=task.args_kwargs)
            counts.resealed += 1
        if counts.resealed:
            audit_record(
                SEALED_DATA_RESEALED,
                actor_label=ACTOR_LABEL,
                detail={"sealed": "queued_emails", "count": counts.resealed},
            )
    return counts
