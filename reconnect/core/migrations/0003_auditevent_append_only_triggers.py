"""The audit log is append-only in the database too, not only in the ORM.

Triggers refuse UPDATE and DELETE on core_auditevent, so neither raw SQL from the app nor a
database shell can rewrite history. One change is let through: Django's ON DELETE SET NULL
when a member's account is deleted, which clears ``actor_id`` and nothing else (the event
keeps ``actor_label``). Emptying the whole database (PostgreSQL TRUNCATE, which fires no row
triggers; SQLite through core's ``flush`` command) stays possible, as deleting the file is.

SQLite cannot compare whole rows, so its trigger names every column; a test fails when the
model gains a column this list lacks. A migration that adds a column to AuditEvent must
re-create the SQLite trigger with it.
"""

from django.db import migrations

MESSAGE = "The audit log is append-only."

# Every column but actor_id, as of this migration.
SQLITE_COLUMNS = [
    "id",
    "created_at",
    "actor_label",
    "action",
    "target_type",
    "target_id",
    "school_urn",
    "ip_address",
    "user_agent",
    "path",
    "detail",
]

SQLITE_UPDATE_TRIGGER = """
CREATE TRIGGER core_auditevent_no_update
BEFORE UPDATE ON core_auditevent
FOR EACH ROW
WHEN NOT (NEW.actor_id IS NULL AND {unchanged})
BEGIN
    SELECT RAISE(ABORT, '{message}');
END
""".format(
    unchanged=" AND ".join(f'NEW."{column}" IS OLD."{column}"' for column in SQLITE_COLUMNS),
    message=MESSAGE,
)

SQLITE_DELETE_TRIGGER = f"""
CREATE TRIGGER core_auditevent_no_delete
BEFORE DELETE ON core_auditevent
FOR EACH ROW
BEGIN
    SELECT RAISE(ABORT, '{MESSAGE}');
END
"""

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND NEW.actor_id IS NULL
        AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id')
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
END;
$$
"""

POSTGRESQL_TRIGGER = """
CREATE TRIGGER core_auditevent_append_only
BEFORE UPDATE OR DELETE ON core_auditevent
FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()
"""

FORWARD = {
    "sqlite": [SQLITE_UPDATE_TRIGGER, SQLITE_DELETE_TRIGGER],
    "postgresql": [POSTGRESQL_FUNCTION, POSTGRESQL_TRIGGER],
}
BACKWARD = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS core_auditevent_no_update",
        "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent",
        "DROP FUNCTION IF EXISTS core_auditevent_append_only()",
    ],
}


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements_by_vendor:
            raise NotImplementedError(f"No append-only triggers for {vendor}.")
        for statement in statements_by_vendor[vendor]:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):

    dependencies = [("core", "0002_coordinators_group")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
