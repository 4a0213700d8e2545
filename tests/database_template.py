"""Test databases copied from one migrated template, not migrated afresh by every run.

Migrating an empty database costs about a minute of CPU: Django renders the project's
models again for each operation of the large initial migrations (the network's alone
takes half of it). CI creates a test database eleven times (two xdist workers and a serial
pass on each engine, the browser tests, the security stage's corpora), so most of a
minute went on each, on a two-CPU machine.

Instead every pytest process copies a **template**: the database a plain ``migrate``
produced, built once for the migrations as they are now (their files, and the project
modules they import, hashed into its name) and then reused by every run until one of
them changes. SQLite copies the template file into the in-memory test database;
PostgreSQL runs ``CREATE DATABASE ... TEMPLATE``. Django's own ``migrate`` then runs on
the copy as before: it finds nothing to apply and sends ``post_migrate`` (content types,
permissions, the Hub's skeleton) as it always does.

The template is built by ``manage.py migrate --run-syncdb`` in a subprocess, exactly as
Django's test runner would migrate, under a file lock so that parallel workers build it
once. Set ``RECONNECT_TEST_DB_TEMPLATE=0`` to migrate each test database the slow way.
"""

import fcntl
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import django
from django.apps import apps
from django.db import DatabaseError

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = ROOT / "var" / "test-db-templates"
PG_PREFIX = "reconnect_tpl_"
# A migration's RunPython may import project code (the boroughs' list, the coordinators'
# permissions): those modules are part of what the template depends on.
PROJECT_IMPORT = re.compile(r"^\s*(?:from|import)\s+(reconnect(?:\.\w+)+)", re.MULTILINE)

# The connections that keep each in-memory SQLite copy alive until the process ends.
_kept: list[sqlite3.Connection] = []


def enabled() -> bool:
    return os.environ.get("RECONNECT_TEST_DB_TEMPLATE", "1") != "0"


def install(connection: Any) -> None:
    """Make ``connection``'s test database a copy of the template from now on."""
    creation = connection.creation
    vendor = connection.vendor
    if vendor == "sqlite":
        creation._create_test_db = _sqlite_creator(connection, creation._create_test_db)
    elif vendor == "postgresql":
        creation._create_test_db = _postgresql_creator(connection)


# --- What the template depends on ------------------------------------------------------------


def _migration_files() -> list[Path]:
    files = []
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.py")))
    return files


def _imported_project_files(migrations: list[Path]) -> list[Path]:
    found = set()
    for path in migrations:
        for module in PROJECT_IMPORT.findall(path.read_text()):
            parts = module.split(".")
            for end in range(len(parts), 1, -1):  # the module, or the package it names
                base = ROOT.joinpath(*parts[:end])
                for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                    if candidate.is_file():
                        found.add(candidate)
                        break
                else:
                    continue
                break
    return sorted(found)


def template_key(vendor: str) -> str:
    """The template's name: the database engine, Django's version and every file the
    migrations run (sorted paths and contents), hashed."""
    digest = hashlib.sha256(f"{vendor}|{django.get_version()}".encode())
    migrations = _migration_files()
    for path in [*migrations, *_imported_project_files(migrations)]:
        # The file's place within its app, not the checkout's: every checkout of the same
        # migrations shares a template.
        digest.update("/".join(path.parts[-3:]).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


@contextmanager
def _locked(key: str) -> Iterator[None]:
    TEMPLATES_DIR.mkdir(parents=True, exist_ok=True)
    with open(TEMPLATES_DIR / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _migrate(database_url: str) -> None:
    """Migrate the database at ``database_url`` as Django's test runner migrates a new
    test database, in a process of its own (this one's connections stay untouched)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "reconnect.settings.test"
        ),
    }
    command = [sys.executable, str(ROOT / "manage.py"), "migrate", "--no-input", "--run-syncdb"]
    done = subprocess.run(  # noqa: S603 (our interpreter and manage.py, no user input)
        [*command, "--verbosity", "0"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"Migrating the test database template failed:\n{done.stderr}")


# --- SQLite ----------------------------------------------------------------------------------


def sqlite_template() -> Path:
    """The migrated SQLite template for the migrations as they are, built if missing."""
    key = template_key("sqlite")
    template = TEMPLATES_DIR / f"{key}.sqlite3"
    with _locked(key):
        if not template.exists():
            for stale in TEMPLATES_DIR.glob("*.sqlite3"):
                stale.unlink()
            building = TEMPLATES_DIR / f"{key}.building.sqlite3"
            building.unlink(missing_ok=True)
            _migrate(f"sqlite:///{building}")
            building.replace(template)
    return template


def _sqlite_creator(connection: Any, create: Any) -> Any:
    def create_from_template(verbosity: int, autoclobber: bool, keepdb: bool = False) -> str:
        name = create(verbosity, autoclobber, keepdb)
        if keepdb and not connection.creation.is_in_memory_db(name) and Path(name).exists():
            return str(name)
        source = sqlite3.connect(sqlite_template())
        if connection.creation.is_in_memory_db(name):
            # Shared-cache memory lives while one connection to it is open: this one, then
            # Django's too.
            target = sqlite3.connect(name, uri=True, check_same_thread=False)
            _kept.append(target)
        else:
            target = sqlite3.connect(name)
        source.backup(target)
        source.close()
        if target not in _kept:
            target.close()
        return str(name)

    return create_from_template


# --- PostgreSQL ------------------------------------------------------------------------------


def _database_url(name: str) -> str:
    """This run's DATABASE_URL naming database ``name`` instead."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def postgresql_template(connection: Any) -> str:
    """The migrated PostgreSQL template database's name, built if missing."""
    key = template_key("postgresql")
    template = f"{PG_PREFIX}{key}"
    quote = connection.ops.quote_name
    with _locked(key), connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{PG_PREFIX}%"])
        existing = {row[0] for row in cursor.fetchall()}
        if template not in existing:
            for stale in existing:
                _drop_unless_in_use(cursor, quote(stale))
            building = f"{template}_building"
            cursor.execute(f"CREATE DATABASE {quote(building)}")
            _migrate(_database_url(building))
            cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
    return template


def _drop_unless_in_use(cursor: Any, quoted_name: str) -> None:
    """Drop an old template, unless another checkout's run is copying it right now."""
    with suppress(DatabaseError):  # in use: a later build drops it
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted_name}")


def _postgresql_creator(connection: Any) -> Any:
    def create_from_template(verbosity: int, autoclobber: bool, keepdb: bool = False) -> str:
        creation = connection.creation
        name = creation._get_test_db_name()
        quote = connection.ops.quote_name
        template = postgresql_template(connection)
        with _locked(template), creation._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if keepdb and cursor.fetchone():
                return str(name)
            # One copy at a time: PostgreSQL refuses to copy a template another session is
            # copying from.
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
        return str(name)

    return create_from_template


# --- `python -m tests.database_template`: build the template ahead of the tests -------------


def main() -> None:
    """Build the template for the database DATABASE_URL names (SQLite without one) unless
    it exists, and say which: `make test` runs this beside the linters, and CI on
    PostgreSQL as its check that every migration runs forward on an empty database."""
    import time

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reconnect.settings.test")
    django.setup()
    from django.db import connection

    started = time.monotonic()
    if connection.vendor == "postgresql":
        name = f"{PG_PREFIX}{template_key('postgresql')}"
        exists = _postgresql_template_exists(connection, name)
        built = postgresql_template(connection)
    else:
        path = TEMPLATES_DIR / f"{template_key('sqlite')}.sqlite3"
        exists = path.exists()
        built = str(sqlite_template().relative_to(ROOT))
    if exists:
        said = "already migrated from these migrations"
    else:
        said = f"an empty database migrated forward in {time.monotonic() - started:.0f} s"
    sys.stdout.write(f"Test database template {built}: {said}.\n")


def _postgresql_template_exists(connection: Any, name: str) -> bool:
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


if __name__ == "__main__":
    main()
