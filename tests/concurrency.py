"""Helpers for tests that commit from several threads at once (marked ``transactional``).

On SQLite the test database lives in memory, which other connections cannot open, so the
threads work on a file copy of it opened with the settings' OPTIONS (IMMEDIATE
transactions, busy timeout, WAL): the same locking as production. On PostgreSQL the
threads simply open the test database.
"""

import copy
import sqlite3
from pathlib import Path
from typing import Any

from django.db import connection, connections
from django.db.utils import load_backend


def sqlite_file_copy(tmp_path: Path, name: str) -> dict[str, Any] | None:
    """On SQLite, the in-memory test database copied to ``tmp_path / name`` and the settings
    to open it; None on PostgreSQL."""
    if connection.vendor != "sqlite":
        return None
    database = copy.deepcopy(connections.settings["default"])
    database["NAME"] = str(tmp_path / name)
    connection.ensure_connection()
    target = sqlite3.connect(database["NAME"])
    try:
        connection.connection.backup(target)
        # The copy is not in WAL mode yet. Switch it here, once: otherwise the threads'
        # first connections race to switch it (the settings' init_command), and the loser
        # fails at once with "database is locked", since a change of journal mode never
        # waits for the busy timeout.
        target.execute("PRAGMA journal_mode=WAL")
    finally:
        target.close()
    return database


def use_database(database: dict[str, Any] | None, alias: str) -> None:
    """Open ``alias`` in this thread on the file copy (SQLite); PostgreSQL needs nothing."""
    if database is not None:
        connections[alias] = load_backend(database["ENGINE"]).DatabaseWrapper(database, alias)
