"""The audit log cannot be rewritten: not through the ORM, not with raw SQL (G19, ASVS 16.3)."""

import importlib

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.audit import audit_record
from reconnect.core.models import AuditEvent

triggers_migration = importlib.import_module(
    "reconnect.core.migrations.0003_auditevent_append_only_triggers"
)


@pytest.fixture
def event(db):
    return audit_record(
        AuditEvent.Action.SIGN_IN, actor_label="head.a@example.org", detail={"method": "password"}
    )


def raw_sql(sql: str, params: list[str | int]) -> None:
    # A savepoint, so PostgreSQL's aborted statement does not poison the test's transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_orm_refuses_to_update_an_event(event):
    with pytest.raises(PermissionError, match="append-only"):
        AuditEvent.objects.filter(pk=event.pk).update(action=AuditEvent.Action.SIGN_OUT)


def test_orm_refuses_to_save_an_event_again(event):
    event.action = AuditEvent.Action.SIGN_OUT

    with pytest.raises(PermissionError, match="append-only"):
        event.save()


def test_orm_refuses_to_delete_events(event):
    with pytest.raises(PermissionError, match="append-only"):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError, match="append-only"):
        event.delete()


def test_database_refuses_a_raw_sql_update(event):
    with pytest.raises(DatabaseError, match="The audit log is append-only"):
        raw_sql("UPDATE core_auditevent SET action = %s WHERE id = %s", ["sign_out", event.pk])

    assert AuditEvent.objects.get(pk=event.pk).action == AuditEvent.Action.SIGN_IN


def test_database_refuses_a_raw_sql_update_that_also_clears_the_actor(event):
    with pytest.raises(DatabaseError, match="The audit log is append-only"):
        raw_sql(
            "UPDATE core_auditevent SET actor_id = NULL, actor_label = %s WHERE id = %s",
            ["someone.else@example.org", event.pk],
        )

    assert AuditEvent.objects.get(pk=event.pk).actor_label == "head.a@example.org"


def test_database_refuses_to_point_an_event_at_another_actor(event, coordinator):
    with pytest.raises(DatabaseError, match="The audit log is append-only"):
        raw_sql(
            "UPDATE core_auditevent SET actor_id = %s WHERE id = %s", [coordinator.pk, event.pk]
        )


def test_database_refuses_a_raw_sql_update_of_the_detail(event):
    with pytest.raises(DatabaseError, match="The audit log is append-only"):
        raw_sql(
            "UPDATE core_auditevent SET detail = %s WHERE id = %s", ['{"method": "x"}', event.pk]
        )


def test_database_refuses_a_raw_sql_delete(event):
    with pytest.raises(DatabaseError, match="The audit log is append-only"):
        raw_sql("DELETE FROM core_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_deleting_a_members_account_keeps_their_events(db):
    member = UserFactory.create(email="leaver@example.org")
    audit_record(AuditEvent.Action.SIGN_IN, actor=member)

    member.delete()

    assert list(AuditEvent.objects.values_list("actor_id", "actor_label", "action")) == [
        (None, "leaver@example.org", AuditEvent.Action.SIGN_IN)
    ]


def test_sqlite_trigger_compares_every_column_but_the_actor():
    # The SQLite trigger must name each column; a new field needs a migration re-creating it.
    columns = {field.column for field in AuditEvent._meta.concrete_fields if field.name != "actor"}

    assert set(triggers_migration.SQLITE_COLUMNS) == columns
    for column in columns:
        assert f'NEW."{column}" IS OLD."{column}"' in triggers_migration.SQLITE_UPDATE_TRIGGER


def test_flush_empties_the_audit_log_and_keeps_it_append_only(db):
    # Inside the test's transaction, so the flush is rolled back with it and the data that
    # migrations load stays for the tests that follow.
    audit_record(AuditEvent.Action.SIGN_IN, actor_label="head.a@example.org")
    if connection.vendor == "postgresql":
        # PostgreSQL will not TRUNCATE a table with deferred foreign-key checks still pending
        # in the transaction; a real flush runs in a transaction of its own.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    assert AuditEvent.objects.count() == 0
    event = audit_record(AuditEvent.Action.SIGN_IN, actor_label="head.b@example.org")
    with pytest.raises(DatabaseError, match="The audit log is append-only"):
        raw_sql("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
