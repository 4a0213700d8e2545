"""Benchmark: ``manage.py backup`` and ``manage.py restore`` of the London-scale database.

    .venv/bin/python bench/backup_restore.py [--compress]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/reconnect_h_backup_london \\
        .venv/bin/python bench/backup_restore.py

**Data**: ``seed_demo --scale london`` (2,500 schools, about 10,000 members, the Hub, the
Network) plus every London pupil: the 2,500 schools' files of ``bench/spectrum_import.py``
(its generator and plan, about 1.1 million pupils) imported in bulk with
``services.bulk.imports_bulk``. SQLite: built once into ``var/bench-backup-london.sqlite3``
and reused (delete it to start again); PostgreSQL: into the empty database ``DATABASE_URL``
names, reused once filled (drop it to start again).

**How**: each command run as an operator runs it, in its own process
(``manage.py backup FILE``, then ``manage.py restore FILE`` into an empty database: a new
SQLite file, or the database ``<name>_restored``, created for the run and dropped after),
wall time including Django's start. The restore command checks every table's row count and
the pupil checksum against the backup's manifest, so its time includes that check; the
checksum alone is timed in this process too. Target: each under 60 s.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DATABASE = ROOT / "var" / "bench-backup-london.sqlite3"
WORK = ROOT / "var" / "bench-backup"
TARGET_S = 60.0
PUPILS_AT_LEAST = 1_000_000


def configure(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "reconnect.settings.dev"
    os.environ["DATABASE_URL"] = url
    os.environ["DATABASE_POOL"] = "0"
    import django

    django.setup()


def pupil_records() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        if "spectrum_pupilrecord" not in connection.introspection.table_names(cursor):
            return 0
        cursor.execute("SELECT count(*) FROM spectrum_pupilrecord")
        return int(cursor.fetchone()[0])


def build() -> None:
    """The London demo plus every London pupil (see the module docstring)."""
    import spectrum_import  # the pupil benchmark's plan and files, not a copy of them
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"  migrated in {time.perf_counter() - started:.0f} s", flush=True)
    call_command("seed_demo", scale="london", verbosity=0)
    print(f"  seed_demo --scale london in {time.perf_counter() - started:.0f} s", flush=True)
    plan = spectrum_import.plan_schools(2500, 1_100_000, 7)
    paths = spectrum_import.generate_files(plan, 7)
    schools = spectrum_import.create_schools(plan)
    wall, _cpu = spectrum_import.london(plan, paths, schools, one_by_one=False)
    print(f"  imported {sum(s['pupils'] for s in plan):,} pupils in {wall:.0f} s", flush=True)


def ensure_data(*, postgres: bool) -> None:
    from django.db import connection

    if pupil_records() >= PUPILS_AT_LEAST:
        return
    if postgres:
        with connection.cursor() as cursor:
            if connection.introspection.table_names(cursor):
                raise SystemExit("The PostgreSQL database is half built: drop it and run again.")
    else:  # a build that stopped half-way: start again
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    print("Building the London-scale database (once; reused after)", flush=True)
    build()


def manage(*args: str, url: str) -> tuple[float, float]:
    environment = {**os.environ, "DATABASE_URL": url}
    environment.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py's own default
    started, cpu = time.perf_counter(), _children_cpu()
    process = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds, cpu_seconds = time.perf_counter() - started, _children_cpu() - cpu
    if process.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{process.stderr[-3000:]}")
    print(f"  {process.stdout.strip()}", flush=True)
    return seconds, cpu_seconds


def _children_cpu() -> float:
    """Processor time of finished child processes: on a machine busy with other work the
    wall clock measures the others too, this much less."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def psql(sql: str, url: str) -> None:
    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    subprocess.run(["psql", maintenance, "-q", "-c", sql], check=True)


def restored_url(url: str, *, postgres: bool) -> str:
    if not postgres:
        return f"sqlite:///{WORK / 'restored.sqlite3'}"
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path}_restored"))


def measure(url: str, *, postgres: bool, compress: bool) -> list[dict[str, Any]]:
    from reconnect.core.backups import database_contents

    started, cpu = time.perf_counter(), time.process_time()
    contents = database_contents()
    checksum_s, checksum_cpu = time.perf_counter() - started, time.process_time() - cpu
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    target = restored_url(url, postgres=postgres)
    runs: list[tuple[str, list[str]]] = [("backup", [])] + (
        [("backup --compress", ["--compress"])] if compress else []
    )
    rows: list[dict[str, Any]] = [
        {
            "label": "counts + pupil checksum (in process)",
            "seconds": checksum_s,
            "cpu": checksum_cpu,
            "target": None,
        }
    ]
    try:
        for label, options in runs:
            backup = WORK / "london.backup"
            seconds, cpu = manage("backup", str(backup), *options, url=url)
            rows.append(
                {
                    "label": label,
                    "seconds": seconds,
                    "cpu": cpu,
                    "target": TARGET_S,
                    "bytes": backup.stat().st_size,
                }
            )
            if postgres:
                psql(f'DROP DATABASE IF EXISTS "{urlsplit(target).path[1:]}"', url)
                psql(f'CREATE DATABASE "{urlsplit(target).path[1:]}"', url)
            else:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{WORK / 'restored.sqlite3'}{suffix}").unlink(missing_ok=True)
            seconds, cpu = manage("restore", str(backup), url=target)
            size = None if postgres else (WORK / "restored.sqlite3").stat().st_size
            rows.append(
                {
                    "label": f"restore ({label})",
                    "seconds": seconds,
                    "cpu": cpu,
                    "target": TARGET_S,
                    "bytes": size,
                }
            )
            backup.unlink()
    finally:
        if postgres:
            psql(f'DROP DATABASE IF EXISTS "{urlsplit(target).path[1:]}"', url)
        shutil.rmtree(WORK, ignore_errors=True)
    tables = contents.tables
    print(
        f"\n{len(tables)} tables, {sum(tables.values()):,} rows; "
        f"{tables['spectrum_pupilrecord']:,} pupil records, {tables['spectrum_snapshot']:,} "
        f"snapshots, {tables['spectrum_snapshotfactormask']:,} factor-mask rows; "
        f"pupil checksum {contents.pupil_checksum[:16]}…"
    )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compress", action="store_true", help="also time backup --compress")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    postgres = url.startswith(("postgres://", "postgresql://"))
    if not postgres:
        url = f"sqlite:///{DATABASE}"
    DATABASE.parent.mkdir(exist_ok=True)
    configure(url)
    ensure_data(postgres=postgres)
    if not postgres:
        from django.db import connection

        connection.close()
        print(f"Database: {DATABASE.relative_to(ROOT)}, {DATABASE.stat().st_size / 1e6:,.0f} MB")
    rows = measure(url, postgres=postgres, compress=args.compress and not postgres)

    print(f"\n{'measure (' + ('PostgreSQL' if postgres else 'SQLite') + ')':<40} "
          f"{'wall s':>8} {'CPU s':>7} {'target':>7} {'ratio':>6} {'MB':>8}")  # fmt: skip
    failed = False
    for row in rows:
        target = row["target"]
        ratio = f"{row['seconds'] / target:.2f}" if target else ""
        size = f"{row['bytes'] / 1e6:,.0f}" if row.get("bytes") else ""
        print(f"{row['label']:<40} {row['seconds']:>8.1f} {row['cpu']:>7.1f} "
              f"{target or '':>7} {ratio:>6} {size:>8}")  # fmt: skip
        failed |= bool(target and row["seconds"] > target)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
