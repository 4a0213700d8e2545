"""The data protection pack (docs/data-protection/) must say what the code does.

Schools copy these periods into their DPIAs and privacy notices, so a constant changed
without the document is a false statement to a regulator. The retention table is read from
the Markdown itself and compared, key by key, with the constants and settings that enforce
each period; the breach runbook's key-rotation advice is checked against the sealing code.
"""

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.account import app_settings as allauth_settings
from cryptography.fernet import InvalidToken
from django.conf import global_settings
from django.contrib.sessions.models import Session
from django.core.management import get_commands
from django.core.validators import MaxValueValidator, MinValueValidator
from django.test import Client, override_settings
from django.urls import reverse

from reconnect.accounts.models import User
from reconnect.core.audit import audit_record
from reconnect.core.models import AuditEvent
from reconnect.core.sealing import reseal, seal, unseal
from reconnect.settings import base as production
from reconnect.spectrum.models import DEFAULT_RETENTION_MONTHS, SchoolDataSettings
from reconnect.spectrum.services import data_settings, housekeeping, imports

PACK = Path(__file__).resolve().parents[3] / "docs" / "data-protection"
RETENTION = PACK / "retention.md"
START, END = "<!-- retention-periods:start -->", "<!-- retention-periods:end -->"
PERIOD = re.compile(r"^(?P<number>\d+) (?P<unit>minutes?|hours?|days?|months?)$")


@dataclass(frozen=True)
class Period:
    """A period as written: months stay months (calendar months are not a timedelta)."""

    months: int | None = None
    length: timedelta | None = None


def months(count: int) -> Period:
    return Period(months=count)


def lasting(length: timedelta) -> Period:
    return Period(length=length)


def parse_period(text: str) -> Period:
    match = PERIOD.match(text)
    if match is None:
        raise AssertionError(f"Period {text!r} is not '<number> <unit>' (minutes to months).")
    number, unit = int(match["number"]), match["unit"].rstrip("s")
    if unit == "month":
        return months(number)
    return lasting(timedelta(**{f"{unit}s": number}))


@dataclass(frozen=True)
class Row:
    key: str
    period: Period
    ended_by: str


def retention_rows() -> list[Row]:
    """The rows between the markers: | `key` | what | period | what ends it | where |."""
    text = RETENTION.read_text(encoding="utf-8")
    assert text.count(START) == 1, "retention.md lost its start marker"
    assert text.count(END) == 1, "retention.md lost its end marker"
    table = text.split(START, 1)[1].split(END, 1)[0]
    rows = []
    for line in table.strip().splitlines()[2:]:  # after the header and the rule
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        assert len(cells) == 5, f"retention.md row has {len(cells)} cells: {line!r}"
        key = cells[0].strip("`")
        rows.append(Row(key=key, period=parse_period(cells[2]), ended_by=cells[3].strip("`")))
    return rows


# Each key of the document, and where the code keeps the period it states. Read from the
# production settings module, not the test settings, because the document is about
# production.
CODE: dict[str, Callable[[], Period]] = {
    "spectrum.snapshots.default": lambda: months(DEFAULT_RETENTION_MONTHS),
    "spectrum.snapshots.shortest": lambda: months(data_settings.RETENTION_MIN),
    "spectrum.snapshots.longest": lambda: months(data_settings.RETENTION_MAX),
    "spectrum.upload.file": lambda: lasting(housekeeping.RAW_FILE_LIFETIME),
    "spectrum.housekeeping.after_import": lambda: lasting(
        timedelta(seconds=imports.HOUSEKEEPING_INTERVAL_S)
    ),
    "accounts.invitation.link": lambda: lasting(
        timedelta(days=production.RECONNECT_INVITATION_DAYS)
    ),
    "accounts.session.idle": lambda: lasting(timedelta(seconds=production.SESSION_COOKIE_AGE)),
    "accounts.session.absolute": lambda: lasting(
        timedelta(seconds=production.RECONNECT_SESSION_ABSOLUTE_SECONDS)
    ),
    "accounts.reauthentication": lambda: lasting(
        timedelta(seconds=production.ACCOUNT_REAUTHENTICATION_TIMEOUT)
    ),
    "accounts.password_reset.link": lambda: lasting(
        timedelta(
            seconds=getattr(
                production, "PASSWORD_RESET_TIMEOUT", global_settings.PASSWORD_RESET_TIMEOUT
            )
        )
    ),
    "accounts.email_code": lambda: lasting(
        timedelta(seconds=allauth_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT)
    ),
}


def test_the_retention_table_lists_exactly_the_periods_the_code_enforces() -> None:
    documented = [row.key for row in retention_rows()]
    assert len(documented) == len(set(documented)), "a key appears twice in retention.md"
    assert sorted(documented) == sorted(CODE)


@pytest.mark.parametrize("row", retention_rows(), ids=lambda row: row.key)
def test_each_documented_period_equals_the_code(row: Row) -> None:
    assert row.period == CODE[row.key](), f"retention.md is wrong about {row.key}"


def test_each_command_the_table_names_exists() -> None:
    commands = get_commands()
    named = {row.ended_by for row in retention_rows()} - {
        "expiry",
        "spectrum_housekeeping_task",
        "SessionLifetimeMiddleware",
    }
    assert named == {"spectrum_housekeeping"}
    assert named <= set(commands)


def test_the_schools_setting_is_bounded_by_the_documented_limits() -> None:
    """The form's limits (the service) and the model's validators say the same thing, so the
    admin cannot store a period the document says is impossible."""
    field = SchoolDataSettings._meta.get_field("retention_months")
    assert field.default == DEFAULT_RETENTION_MONTHS
    limits = {
        type(validator): validator.limit_value
        for validator in field.validators
        if isinstance(validator, MinValueValidator | MaxValueValidator)
    }
    assert limits == {
        MinValueValidator: data_settings.RETENTION_MIN,
        MaxValueValidator: data_settings.RETENTION_MAX,
    }


def test_the_operator_schedules_commands_that_exist() -> None:
    text = RETENTION.read_text(encoding="utf-8")
    schedule = text.split("## What the operator must schedule", 1)[1].split("##", 1)[0]
    named = set(re.findall(r"`manage\.py ([a-z_]+)", schedule))
    assert named == {
        "spectrum_housekeeping",
        "clearsessions",
        "prune_db_task_results",
        "db_worker",
    }
    assert named <= set(get_commands())


def test_the_audit_log_is_kept_forever_as_documented() -> None:
    """retention.md says no job can purge the audit log: the model refuses it."""
    with pytest.raises(PermissionError):
        AuditEvent.objects.none().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.none().update(action="x")


def test_rotating_the_secret_key_needs_the_old_one_as_a_fallback() -> None:
    """The breach runbook tells operators to keep the old key in SECRET_KEY_FALLBACKS: each
    school's pseudonym key is sealed under SECRET_KEY and cannot be opened without it."""
    old = "old-key-for-the-runbook-test-0123456789-abcdefghijklmnopqrstuvwxyz"
    new = "new-key-for-the-runbook-test-0123456789-abcdefghijklmnopqrstuvwxyz"
    with override_settings(SECRET_KEY=old, SECRET_KEY_FALLBACKS=[]):
        sealed = seal({"upn_key": "ab" * 32})
    with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[]), pytest.raises(InvalidToken):
        unseal(sealed)
    with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[old]):
        assert unseal(sealed) == {"upn_key": "ab" * 32}
        # What the runbook's `manage.py reseal_keys` does to each sealed value, after
        # which the old key can leave the fallbacks (test_reseal_keys.py runs the command).
        resealed = reseal(sealed)
    with override_settings(SECRET_KEY=new, SECRET_KEY_FALLBACKS=[]):
        assert unseal(resealed) == {"upn_key": "ab" * 32}
    runbook = (PACK / "breach-runbook.md").read_text(encoding="utf-8")
    assert "SECRET_KEY_FALLBACKS" in runbook
    assert "manage.py reseal_keys" in runbook


def test_the_runbook_and_configuration_name_commands_that_exist() -> None:
    runbook = (PACK / "breach-runbook.md").read_text(encoding="utf-8")
    rotation = runbook.split("### Rotate the keys", 1)[1].split("###", 1)[0]
    assert set(re.findall(r"manage\.py ([a-z_]+)", rotation)) == {"reseal_keys"}
    configuration = (PACK.parent / "configuration.md").read_text(encoding="utf-8")
    assert "manage.py reseal_keys" in configuration
    assert "reseal_keys" in get_commands()


def test_production_reads_the_fallback_keys_from_the_environment() -> None:
    """The runbook and docs/configuration.md say the old key goes into the environment
    variable SECRET_KEY_FALLBACKS, comma-separated (a fresh interpreter: settings are read
    from the environment once, at import)."""
    script = (
        "import json\n"
        "from reconnect.settings import base\n"
        "print(json.dumps(base.SECRET_KEY_FALLBACKS))\n"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    read = subprocess.run(  # noqa: S603 (our interpreter, our script)
        [sys.executable, "-c", script],
        cwd=PACK.parents[1],
        env={**environment, "SECRET_KEY_FALLBACKS": " old-key-one, old-key-two ,"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(read.stdout) == ["old-key-one", "old-key-two"]
    without = {k: v for k, v in environment.items() if k != "SECRET_KEY_FALLBACKS"}
    read = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=PACK.parents[1],
        env=without,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(read.stdout) == []


# --- The breach runbook's containment steps -----------------------------------------------

# Any page for signed-in members only: the profile answers 200 to its owner.
SIGNED_IN_PAGE = "/accounts/profile/"


def test_sessions_live_in_the_database_as_the_runbook_assumes(
    client: Client, head_at_school_a: User
) -> None:
    """'Sign everyone out' deletes the Session rows: true only with database sessions (ours
    read them with compiled SQL, and keep no copy anywhere else)."""
    from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

    from reconnect.accounts.session_store import SessionStore

    engine = getattr(production, "SESSION_ENGINE", global_settings.SESSION_ENGINE)
    assert engine == "reconnect.accounts.session_store"
    assert issubclass(SessionStore, DatabaseSessionStore)
    client.force_login(head_at_school_a)
    assert client.get(SIGNED_IN_PAGE).status_code == 200

    Session.objects.all().delete()

    assert client.get(SIGNED_IN_PAGE).status_code == 302


def test_deactivating_an_account_signs_it_out_at_the_next_request(
    client: Client, head_at_school_a: User
) -> None:
    client.force_login(head_at_school_a)
    assert client.get(SIGNED_IN_PAGE).status_code == 200
    head_at_school_a.is_active = False
    head_at_school_a.save(update_fields=["is_active"])
    response = client.get(SIGNED_IN_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_deleting_every_session_signs_everyone_out(client: Client, head_at_school_a: User) -> None:
    client.force_login(head_at_school_a)
    assert client.get(SIGNED_IN_PAGE).status_code == 200
    Session.objects.all().delete()
    response = client.get(SIGNED_IN_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_unusable_password_ends_the_members_sessions(
    client: Client, head_at_school_a: User
) -> None:
    """The runbook's 'make every member set a new password' also ends their sessions."""
    client.force_login(head_at_school_a)
    assert client.get(SIGNED_IN_PAGE).status_code == 200
    head_at_school_a.set_unusable_password()
    head_at_school_a.save(update_fields=["password"])
    response = client.get(SIGNED_IN_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_deleting_an_account_keeps_its_audit_trail_by_e_mail(head_at_school_a: User) -> None:
    """retention.md: the audit log survives an account's deletion, naming it by e-mail."""
    event = audit_record("sign_in", actor=head_at_school_a)
    head_at_school_a.delete()
    kept = AuditEvent.objects.get(pk=event.pk)
    assert kept.actor_id is None
    assert kept.actor_label == "head.a@example.org"
