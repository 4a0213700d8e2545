"""Which database a run uses, and starting it again from empty (``--rebuild``)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SQLITE_PATH = ROOT / "var" / "bench-load.sqlite3"
POSTGRES_NAME = "reconnect_h_load"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")


def environment(database: str) -> dict[str, str]:
    """The variables that point the bench settings at ``database`` ("sqlite" or "postgres")."""
    if database == "postgres":
        return {"DATABASE_URL": f"{POSTGRES_SERVER}/{POSTGRES_NAME}"}
    return {"DATABASE_URL": "", "RECONNECT_BENCH_SQLITE": str(SQLITE_PATH)}


def ensure(database: str, *, rebuild: bool) -> None:
    """Make the database exist (empty when ``rebuild``); the builder fills what is missing."""
    if database == "sqlite":
        SQLITE_PATH.parent.mkdir(exist_ok=True)
        if rebuild:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [POSTGRES_NAME]
        ).fetchone()
        if exists and rebuild:
            connection.execute(f'DROP DATABASE "{POSTGRES_NAME}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{POSTGRES_NAME}"')
