"""Consistent online backups of the whole database, and restores that prove they are whole.

A backup file is an uncompressed tar archive of two members:

- ``manifest.json``: the engine, when it was made, the Django migrations applied, the row
  count of every table, the pupil-data checksum (below), and the payload's size and SHA-256;
- the payload: on SQLite a copy of the database file made with SQLite's online backup API
  (``database.sqlite3``, or ``database.sqlite3.gz`` with ``compress``); on PostgreSQL a
  ``pg_dump`` custom-format archive (``database.pgdump``, compressed by ``pg_dump`` itself).

Both are taken while the application keeps writing. SQLite copies the database inside one
read transaction (WAL lets writers carry on), and the manifest is computed from that copy,
so the two cannot disagree. PostgreSQL exports the snapshot of a REPEATABLE READ transaction
and ``pg_dump --snapshot`` dumps exactly what that transaction counts and checksums. The
file is written under a temporary name beside its destination and renamed into place, so a
backup that fails half-way never leaves a file that looks complete.

A restore goes only into an empty database (no tables) of the same engine, and refuses a
damaged or truncated file (the payload's SHA-256) before it changes anything. Afterwards
every table's row count and the pupil checksum are compared with the manifest, and any
difference is an error. There is deliberately no option to overwrite a database that has
tables: an operator who means to replace one drops it first, by hand.

**The pupil checksum** is SHA-256 over the pupil-level tables (``PUPIL_TABLES``), in that
order: for each table its name and a newline, then for each row, in primary-key order, the
Python ``repr`` of the row's tuple as the database driver returns it (``SELECT *``: every
column, in the table's own order) and a newline. It covers every value of every pupil
record, snapshot and factor-mask summary; it is the same for the same data on the same
engine (sqlite3 and psycopg return different Python types, so a SQLite and a PostgreSQL
database never share a checksum, which is one more reason a restore refuses the other
engine's backup). It reads the rows once, streamed, with no per-value work in Python: about
1 µs of driver and ``repr`` time per value (see ``bench/backup_restore.py``).
"""

import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = "reconnect-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHECKSUM_ALGORITHM = "sha256-rows-repr-v1"
# Every table that holds one row per pupil (or per snapshot of pupils): what a restore must
# bring back bit for bit. The import log and audit events are checked by their row counts.
PUPIL_TABLES = ("spectrum_snapshot", "spectrum_pupilrecord", "spectrum_snapshotfactormask")
ROWS_PER_FETCH = 10_000
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why and what to do."""


@dataclass(frozen=True)
class Contents:
    """What a database holds, as the manifest records it."""

    tables: dict[str, int]
    pupil_checksum: str


# --- Reading a database's contents ---------------------------------------------------------


def pupil_checksum(rows_of: Callable[[str], Iterable[list[tuple[Any, ...]]]]) -> str:
    """The pupil checksum (see the module docstring) from ``rows_of(table)``, which yields
    that table's rows in primary-key order, in batches."""
    digest = hashlib.sha256()
    for table in PUPIL_TABLES:
        digest.update(f"{table}\n".encode())
        for batch in rows_of(table):
            # One join per batch: the same bytes as a row at a time, a tenth of the calls.
            digest.update(("\n".join(map(repr, batch)) + "\n").encode())
    return digest.hexdigest()


def _sqlite_contents(database: sqlite3.Connection) -> Contents:
    tables = sorted(
        name
        for (name,) in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    )
    # Table names come from the database's own catalogue, never from input.
    counts = {
        t: database.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608
        for t in tables
    }

    def rows_of(table: str) -> Iterator[list[tuple[Any, ...]]]:
        cursor = database.execute(f'SELECT * FROM "{table}" ORDER BY id')  # noqa: S608
        while batch := cursor.fetchmany(ROWS_PER_FETCH):
            yield batch

    return Contents(tables=counts, pupil_checksum=pupil_checksum(rows_of))


def _postgresql_contents(using: str) -> Contents:
    """Counts and checksum through ``using``'s connection, in its current transaction."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = ANY(current_schemas(false)) "
            "ORDER BY tablename"
        )
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]

    def rows_of(table: str) -> Iterator[list[tuple[Any, ...]]]:
        # A server-side cursor: 1.1 million rows stream through in batches instead of
        # landing in memory at once.
        raw = connection.connection
        if raw is None:
            raise BackupError("The database connection closed during the backup.")
        with raw.cursor(name=f"backup_{table}") as cursor:
            cursor.itersize = ROWS_PER_FETCH
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY id")  # noqa: S608
            while batch := cursor.fetchmany(ROWS_PER_FETCH):
                yield batch

    return Contents(tables=counts, pupil_checksum=pupil_checksum(rows_of))


def _applied_migrations(rows: Iterable[tuple[str, str]]) -> list[list[str]]:
    return sorted([app, name] for app, name in rows)


def database_contents(using: str = DEFAULT_DB_ALIAS) -> Contents:
    """Row counts of every table and the pupil checksum of the database ``using`` names."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(_sqlite_path(using))) as database:
            return _sqlite_contents(database)
    with transaction.atomic(using=using):
        return _postgresql_contents(using)


# --- Backup --------------------------------------------------------------------------------


def backup_create(path: Path, *, using: str = DEFAULT_DB_ALIAS, compress: bool = False) -> dict:
    """Write a backup of the database ``using`` names to ``path``; return its manifest.

    Side effects: ``path`` is created or replaced (atomically, by rename); a temporary file
    beside it exists meanwhile. Raises ``BackupError`` if the database cannot be read or
    ``pg_dump`` fails; ``path`` is then untouched.
    """
    path = Path(path)
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=path.parent) as scratch:
        work = Path(scratch)
        if vendor == "sqlite":
            payload, contents, migrations = _sqlite_dump(using, work, compress=compress)
        else:
            payload, contents, migrations = _postgresql_dump(using, work)
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "engine": vendor,
            "created_at": timezone.now().isoformat(),
            "migrations": migrations,
            "tables": contents.tables,
            "pupil_checksum": {
                "algorithm": CHECKSUM_ALGORITHM,
                "tables": list(PUPIL_TABLES),
                "sha256": contents.pupil_checksum,
            },
            "payload": {
                "name": payload.name,
                "bytes": payload.stat().st_size,
                "sha256": _file_sha256(payload),
            },
        }
        partial = work / "backup.tar"
        _write_archive(partial, manifest, payload)
        os.replace(partial, path)
    _fsync_directory(path.parent)
    return manifest


def _sqlite_dump(using: str, work: Path, *, compress: bool) -> tuple[Path, Contents, list]:
    copy = work / "database.sqlite3"
    path = _sqlite_path(using)
    if not path.is_file():  # connecting would create an empty database there
        raise BackupError(f"There is no SQLite database at {path}.")
    source = sqlite3.connect(path, timeout=20)
    try:
        with closing(sqlite3.connect(copy)) as target:
            # One step (pages=-1): the whole copy happens inside one read transaction, so it
            # is one consistent state however much is written meanwhile (WAL readers do not
            # block writers, nor writers them).
            source.backup(target, pages=-1)
    except sqlite3.Error as error:
        raise BackupError(f"Could not copy the SQLite database: {error}") from error
    finally:
        source.close()
    # The manifest describes the copy itself, so it matches it by construction.
    with closing(sqlite3.connect(copy)) as database:
        contents = _sqlite_contents(database)
        migrations = _applied_migrations(
            database.execute("SELECT app, name FROM django_migrations").fetchall()
        )
    if not compress:
        return copy, contents, migrations
    packed = work / "database.sqlite3.gz"
    with copy.open("rb") as raw, gzip.open(packed, "wb", compresslevel=1) as out:
        shutil.copyfileobj(raw, out, CHUNK)
    copy.unlink()
    return packed, contents, migrations


def _pg_environment(using: str) -> dict[str, str]:
    """libpq's environment for ``using``: the password never appears on a command line,
    where any user of the machine could read it in the process list."""
    settings = connections[using].settings_dict
    environment = dict(os.environ)
    for variable, value in (
        ("PGHOST", settings.get("HOST")),
        ("PGPORT", settings.get("PORT")),
        ("PGUSER", settings.get("USER")),
        ("PGPASSWORD", settings.get("PASSWORD")),
        ("PGDATABASE", settings.get("NAME")),
        ("PGSSLMODE", (settings.get("OPTIONS") or {}).get("sslmode")),
    ):
        if value:
            environment[variable] = str(value)
    return environment


def _postgresql_dump(using: str, work: Path) -> tuple[Path, Contents, list]:
    dump = work / "database.pgdump"
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # pg_dump reads the very snapshot this transaction counts and checksums.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        process = subprocess.Popen(  # noqa: S603 (fixed arguments, no shell)
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dump}"],  # noqa: S607
            env=_pg_environment(using),
            stderr=subprocess.PIPE,
        )
        errors = _drain(process.stderr)
        try:
            # Counted and checksummed while pg_dump writes: two processes, two CPUs.
            contents = _postgresql_contents(using)
            cursor.execute("SELECT app, name FROM django_migrations")
            migrations = _applied_migrations(cursor.fetchall())
        finally:
            status = process.wait()
        if status != 0:
            raise BackupError(f"pg_dump failed ({status}): {errors()}")
    return dump, contents, migrations


def _drain(stream: IO[bytes] | None) -> Callable[[], str]:
    """Read ``stream`` in a thread (so a chatty process never blocks on a full pipe)."""
    chunks: list[bytes] = []

    def read() -> None:
        if stream is not None:
            with stream:
                chunks.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()

    def text() -> str:
        reader.join()
        return b"".join(chunks).decode(errors="replace").strip()[-2000:]

    return text


def _write_archive(path: Path, manifest: dict, payload: Path) -> None:
    body = json.dumps(manifest, indent=2, sort_keys=True).encode()
    with path.open("wb") as raw:
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, _BytesReader(body))
            archive.add(payload, arcname=payload.name, recursive=False)
        raw.flush()
        os.fsync(raw.fileno())


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data, self.offset = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


# --- Restore -------------------------------------------------------------------------------


def backup_read_manifest(path: Path) -> dict:
    """The manifest of the backup at ``path``. Raises ``BackupError`` if the file is not a
    Reconnect backup or its manifest is damaged."""
    try:
        with tarfile.open(path, mode="r:") as archive:
            member = archive.next()
            if member is None or member.name != MANIFEST:
                raise BackupError(f"{path} is not a Reconnect backup (no manifest first).")
            stream = archive.extractfile(member)
            if stream is None:
                raise BackupError(f"{path} is not a Reconnect backup (its manifest is no file).")
            manifest = json.loads(stream.read())
    except FileNotFoundError as error:
        raise BackupError(f"{path} does not exist.") from error
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise BackupError(f"{path} is not a Reconnect backup, or it is damaged: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Reconnect backup (its manifest is not one).")
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is a version {manifest.get('version')} backup; this Reconnect reads "
            f"version {FORMAT_VERSION}."
        )
    return manifest


def backup_restore(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Restore the backup at ``path`` into the empty database ``using`` names; return its
    manifest.

    Side effects: the database is filled (SQLite: the restored file is renamed into place;
    PostgreSQL: ``pg_restore`` in one transaction). Raises ``BackupError``, with nothing
    changed, if the file is not a whole backup, comes from the other engine or a newer
    version of Reconnect, or the database has tables; and, after a restore, if any table's
    row count or the pupil checksum differ from the manifest.
    """
    path = Path(path)
    manifest = backup_read_manifest(path)
    connection = connections[using]
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This is a {manifest['engine']} backup and the database is {connection.vendor}: "
            f"restore it into a {manifest['engine']} database."
        )
    _refuse_unknown_migrations(manifest)
    _refuse_unless_empty(using)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=_scratch_dir(using, path)) as work:
        payload = _extract_payload(path, manifest, Path(work))
        if connection.vendor == "sqlite":
            _sqlite_restore(payload, manifest, using)
        else:
            _postgresql_restore(payload, using)
            _verify(manifest, database_contents(using), "The restored database")
    return manifest


def _refuse_unknown_migrations(manifest: dict) -> None:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest["migrations"] if (app, name) not in known]
    if unknown:
        raise BackupError(
            "This backup was made by a newer version of Reconnect (migrations this version "
            f"does not have: {', '.join(unknown[:5])}); restore it with that version."
        )


def _refuse_unless_empty(using: str) -> None:
    connection = connections[using]
    if connection.vendor == "sqlite":
        target = _sqlite_path(using)
        if not target.exists() or target.stat().st_size == 0:
            return
        with closing(sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)) as database:
            tables = [
                name
                for (name,) in database.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' LIMIT 5"
                )
            ]
    else:
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
    if tables:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty (it has tables: "
            f"{', '.join(sorted(tables)[:5])}…). A restore goes only into an empty database: "
            "create a new one, or drop this one yourself if you are sure, then restore."
        )


def _scratch_dir(using: str, backup: Path) -> Path:
    # SQLite: beside the database, so the restored file is renamed into place atomically.
    if connections[using].vendor == "sqlite":
        return _sqlite_path(using).parent
    return backup.parent


def _extract_payload(path: Path, manifest: dict, work: Path) -> Path:
    """The payload, checked against the manifest's size and SHA-256 (decompressed when it
    was compressed); ``BackupError`` if it is missing, truncated or changed."""
    expected = manifest["payload"]
    name = expected["name"]
    target = work / name.removesuffix(".gz")
    digest, size = hashlib.sha256(), 0
    try:
        with tarfile.open(path, mode="r:") as archive:
            member = next((m for m in archive if m.name == name), None)
            if member is None:
                raise BackupError(f"{path} is damaged: its {name} is missing.")
            stream = archive.extractfile(member)
            if stream is None:
                raise BackupError(f"{path} is damaged: its {name} is no file.")
            with target.open("wb") as out:
                # gzip framing; the digest is of the stored (compressed) bytes.
                inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if name.endswith(".gz") else None
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(inflate.decompress(chunk) if inflate else chunk)
                if inflate:
                    out.write(inflate.flush())
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(f"{path} is truncated or damaged: {error}") from error
    if size != expected["bytes"] or digest.hexdigest() != expected["sha256"]:
        raise BackupError(
            f"{path} is truncated or damaged: its {name} does not match the manifest "
            f"({size:,} bytes read, {expected['bytes']:,} expected). Nothing was restored."
        )
    return target


def _sqlite_restore(payload: Path, manifest: dict, using: str) -> None:
    target = _sqlite_path(using)
    connections[using].close()
    _refuse_unless_empty(using)  # again: nothing may have created tables meanwhile
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(payload, target)
    _fsync_directory(target.parent)
    # Checked once, through the path the application uses (a second full pass before the
    # rename would double the time; the payload's SHA-256 already matched). A copy that
    # differs is moved aside, so the database is left empty, as it was.
    try:
        _verify(manifest, database_contents(using), "The restored database")
    except BackupError as error:
        connections[using].close()
        aside = target.with_name(f"{target.name}.failed-restore")
        os.replace(target, aside)
        raise BackupError(f"{error} It was moved aside to {aside}.") from error


def _postgresql_restore(payload: Path, using: str) -> None:
    process = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        [  # noqa: S607
            "pg_restore",
            "--single-transaction",  # all or nothing: a failed restore leaves it empty
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={connections[using].settings_dict['NAME']}",
            str(payload),
        ],
        env=_pg_environment(using),
        capture_output=True,
        check=False,
    )
    if process.returncode != 0:
        raise BackupError(
            f"pg_restore failed ({process.returncode}); the database is left as it was: "
            f"{process.stderr.decode(errors='replace').strip()[-2000:]}"
        )


def _verify(manifest: dict, contents: Contents, what: str) -> None:
    expected = manifest["tables"]
    differences = [
        f"{table}: {contents.tables.get(table)} rows, backup had {expected.get(table)}"
        for table in sorted(set(expected) | set(contents.tables))
        if contents.tables.get(table) != expected.get(table)
    ]
    if contents.pupil_checksum != manifest["pupil_checksum"]["sha256"]:
        differences.append("the pupil data checksum differs")
    if differences:
        raise BackupError(
            f"{what} does not match the backup's manifest; do not use it. "
            + "; ".join(differences[:10])
        )


# --- Files ---------------------------------------------------------------------------------


def _sqlite_path(using: str) -> Path:
    connection = connections[using]
    if connection.is_in_memory_db():  # type: ignore[attr-defined]
        raise BackupError("An in-memory SQLite database has no file to back up or restore.")
    return Path(str(connection.settings_dict["NAME"])).resolve()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_directory(directory: Path) -> None:
    """Make a rename durable: the directory entry is data too."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
