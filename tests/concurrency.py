"""Helpers for tests that commit from several threads at once (marked ``transactional``).

On SQLite the test database lives in memory, which other connections cannot open, so the
threads work on a file copy of it opened with the settings' OPTIONS (IMMEDIATE
transactions, busy timeout, WAL): the same locking as production. On PostgreSQL the
threads simply open the test database.
"""

import copy
import sqlite3
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
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


def run_at_once(
    database: dict[str, Any] | None,
    writers: Sequence[Sequence[Callable[[], object]]],
    *,
    timeout: float = 120,
) -> list[str]:
    """Run each writer in a thread of its own, all released at once by a barrier; return
    every failure, with its traceback (an empty list when all went well).

    A writer is a list of steps, each one request's worth of work: after each step the
    thread's connection is closed, as Django does at the end of a request with
    CONN_MAX_AGE=0 (on PostgreSQL that hands it back to the pool, so 32 threads share the
    pool's 10 connections as a threaded server's would). A step that fails is recorded and
    the writer goes on with its next step, so one failure does not hide others.
    """
    failures: list[str] = []
    start = threading.Barrier(len(writers))

    def run(number: int, steps: Sequence[Callable[[], object]]) -> None:
        use_database(database, "default")
        start.wait()
        for index, step in enumerate(steps):
            try:
                step()
            except Exception:  # every failure is the finding
                failures.append(f"writer {number}, step {index}:\n{traceback.format_exc()}")
            finally:
                connections["default"].close()

    threads = [
        threading.Thread(target=run, args=(number, steps), name=f"writer-{number}")
        for number, steps in enumerate(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    stuck = [thread.name for thread in threads if thread.is_alive()]
    if stuck:
        failures.append(f"still running after {timeout} s: {', '.join(stuck)}")
    return failures


@contextmanager
def checking(database: dict[str, Any] | None, alias: str) -> Iterator[str]:
    """The alias to read the writers' results through: ``alias`` opened on the file copy
    (SQLite, closed and forgotten afterwards), else ``default``."""
    if database is None:
        yield "default"
        return
    use_database(database, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
