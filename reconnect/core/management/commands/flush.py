"""Django's ``flush``, able to empty the append-only audit log on SQLite as on PostgreSQL.

``flush`` destroys every row of every table, as deleting the database file would. On
PostgreSQL it uses TRUNCATE, which fires no row triggers; on SQLite it deletes row by row,
which the audit log's triggers refuse. So, on SQLite only, this command lifts those triggers
for the flush and puts them back in the same transaction: the log stays append-only for
everything short of emptying the whole database. Django's test runner flushes after each
transactional test, so the test suite relies on this too.
"""

from typing import Any

from django.core.management.commands.flush import Command as DjangoFlushCommand
from django.db import connections, transaction

AUDIT_TABLE = "core_auditevent"


class Command(DjangoFlushCommand):
    def handle(self, **options: Any) -> None:
        database = options["database"]
        connection = connections[database]
        if connection.vendor != "sqlite":
            super().handle(**options)
            return
        with transaction.atomic(using=database):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                    [AUDIT_TABLE],
                )
                triggers = cursor.fetchall()
                for name, _sql in triggers:
                    cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
            super().handle(**options)
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
