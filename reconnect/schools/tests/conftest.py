"""Fixtures for the schools app's tests."""

import pytest
from django.db import connection

MESSAGE = "audit log unavailable"


@pytest.fixture
def audit_log_down(db) -> None:
    """The audit log refuses every write from now on, with ``MESSAGE``.

    Proves a change and its audit record stand or fall together. A database trigger, not a
    mock: the failure comes from where a real one would, and our own code runs unchanged.
    Ask for it after any fixture that signs someone in, which is audited too.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER test_audit_down BEFORE INSERT ON core_auditevent "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION test_audit_down() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER test_audit_down BEFORE INSERT ON core_auditevent "
                "FOR EACH ROW EXECUTE FUNCTION test_audit_down()"
            )
    # The test's transaction is rolled back afterwards, trigger and all.
