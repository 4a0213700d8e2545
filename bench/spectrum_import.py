"""Benchmark: pupil-file import, profile and the network aggregate, from one school to London.

    .venv/bin/python bench/spectrum_import.py [--schools 2500] [--pupils 1100000] [--seed 7]

Generates deterministic pupil files with the synthetic generator (``spectrum.synthetic``:
correlated, valid, in SIMS, Arbor, Bromcom and canonical styles) into
``var/bench-spectrum/`` (reused while the parameters are the same), then, on a fresh SQLite
database ``var/bench-spectrum.sqlite3``, times:

1. **One school**: a 1,500-pupil secondary file validated, imported
   (``services.imports.import_receive``, as the command line does: pseudonymised, minimised,
   audited, one transaction) and profiled (``selectors.pupils.school_data``: the records
   read back and every factor derived under the school's settings). Median of 5 runs, each
   a new snapshot date. Target: under 1 s.
2. **London**: 2,500 schools' files (about 1.1 million pupils) imported through
   ``services.bulk.imports_bulk`` (the same reader and rules, one transaction per 100
   files), or with ``--one-by-one`` through ``import_receive`` per file. Target: under 60 s.
3. **The network aggregate** over those 1.1 million records (read from the per-snapshot
   factor-mask summaries the imports wrote), as a coordinator sees it (by borough, and by
   trust) and as a system leader of one trust. Target: under 5 s.
4. **Peak memory** of the process (``resource.getrusage(RUSAGE_SELF).ru_maxrss``).
   Target: under 2 GB.

Each time is printed next to a bare ``pl.read_csv`` of the same files (the ratio says what
checking, minimising and writing cost over reading alone). Run it on a quiet machine.
"""

import argparse
import hashlib
import json
import os
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402

from reconnect.spectrum import synthetic  # noqa: E402

DATA_DIR = ROOT / "var" / "bench-spectrum"
DATABASE = ROOT / "var" / "bench-spectrum.sqlite3"
AS_AT = date(2026, 10, 16)
FIRST_URN = 800001  # below the demo's 900001: these schools exist only here

SINGLE_TARGET_S = 1.0
LONDON_TARGET_S = 60.0
NETWORK_TARGET_S = 5.0
MEMORY_TARGET_MB = 2048.0


def plan_schools(schools: int, pupils: int, seed: int) -> list[dict[str, Any]]:
    """A London-like mix: three primaries to one secondary, sizes scaled to ``pupils``."""
    rng = np.random.default_rng(seed)
    boroughs = sorted(synthetic.EAL_BY_BOROUGH)
    secondary = rng.random(schools) < 0.25
    sizes = np.where(
        secondary, rng.triangular(600, 1050, 1700, schools), rng.triangular(180, 410, 700, schools)
    )
    sizes = np.maximum(30, np.round(sizes * pupils / sizes.sum())).astype(int)
    trusts = rng.integers(0, 150, size=schools)
    has_trust = rng.random(schools) < 0.45
    plan = []
    for i in range(schools):
        la = boroughs[i % len(boroughs)]
        inner = la in synthetic.INNER_LONDON
        plan.append(
            {
                "urn": FIRST_URN + i,
                "phase": "secondary" if secondary[i] else "primary",
                "pupils": int(sizes[i]),
                "la_code": la,
                "trust": int(trusts[i]) if has_trust[i] else None,
                "fsm_pct": float(
                    rng.triangular(15, 34, 60) if inner else rng.triangular(5, 21, 50)
                ),
                "flavour": synthetic.FLAVOURS[i % len(synthetic.FLAVOURS)],
            }
        )
    return plan


def generate_files(plan: list[dict[str, Any]], seed: int) -> list[Path]:
    """The schools' files in ``var/bench-spectrum/`` (made once for these parameters)."""
    key = hashlib.sha256(json.dumps([plan, seed], sort_keys=True).encode()).hexdigest()[:16]
    folder = DATA_DIR / key
    paths = [folder / f"{school['urn']}.csv" for school in plan]
    if all(path.exists() for path in paths):
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for school, path in zip(plan, paths, strict=True):
        spec = synthetic.SchoolSpec(
            pupils=school["pupils"],
            phase=school["phase"],
            la_code=school["la_code"],
            urn=school["urn"],
            fsm_pct=school["fsm_pct"],
            as_at=AS_AT,
        )
        path.write_bytes(synthetic.generate(spec, seed=seed).csv(school["flavour"]))
    print(f"  generated {len(paths):,} files in {folder.relative_to(ROOT)} "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    return paths


def configure() -> None:
    from _page_timing import configure as page_configure

    DATABASE.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    page_configure(DATABASE)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def create_schools(plan: list[dict[str, Any]]) -> dict[int, Any]:
    from reconnect.schools.models import LocalAuthority, School, Trust

    authorities = dict(LocalAuthority.objects.values_list("code", "pk"))
    trusts = Trust.objects.bulk_create(
        [Trust(name=f"Bench Learning Trust {i}", slug=f"bench-trust-{i}") for i in range(150)]
    )
    School.objects.bulk_create(
        [
            School(
                urn=s["urn"],
                name=f"Bench School {s['urn']}",
                phase=s["phase"],
                establishment_type="Academy",
                local_authority_id=authorities[s["la_code"]],
                trust_id=trusts[s["trust"]].pk if s["trust"] is not None else None,
                number_on_roll=s["pupils"],
            )
            for s in plan
        ]
    )
    return {school.urn: school for school in School.objects.select_related("local_authority")}


def read_csv_seconds(paths: list[Path]) -> float:
    import polars as pl

    started = time.perf_counter()
    for path in paths:
        pl.read_csv(path.read_bytes(), infer_schema_length=10000)
    return time.perf_counter() - started


def import_file(school: Any, data: bytes, name: str) -> Any:
    from reconnect.spectrum.models import ImportSource, ImportStatus
    from reconnect.spectrum.services.imports import import_receive

    result = import_receive(
        school=school, user=None, data=data, filename=name, as_at_date=None,
        source=ImportSource.COMMAND,
    )  # fmt: skip
    if result.status != ImportStatus.IMPORTED:
        raise SystemExit(
            f"{name}: {result.status}, {result.problem_count} problems {result.problems[:3]}, "
            f"unmatched {result.unmatched_headers}"
        )
    return result


def single_school(school: Any, seed: int, runs: int = 5) -> dict[str, float]:
    """Validate + import + profile a 1,500-pupil file, ``runs`` times (new dates)."""
    from reconnect.spectrum.selectors.pupils import school_data

    spec = synthetic.SchoolSpec(pupils=1500, phase="secondary", la_code=211, urn=school.urn)
    cohorts = synthetic.snapshots(
        spec, [AS_AT + timedelta(weeks=w) for w in range(runs)], seed=seed
    )
    files = [cohort.csv("sims") for cohort in cohorts]
    totals, imports, profiles = [], [], []
    for i, data in enumerate(files):
        started = time.perf_counter()
        import_file(school, data, f"single-{i}.csv")
        imported = time.perf_counter()
        profiled = school_data(school)
        if profiled is None or profiled.frame.height != cohorts[i].size:
            raise SystemExit("The profile does not hold the file's pupils.")
        done = time.perf_counter()
        imports.append(imported - started)
        profiles.append(done - imported)
        totals.append(done - started)
    import polars as pl

    bare = []
    for data in files:
        started = time.perf_counter()
        pl.read_csv(data, infer_schema_length=10000)
        bare.append(time.perf_counter() - started)
    return {
        "total": statistics.median(totals),
        "import": statistics.median(imports),
        "profile": statistics.median(profiles),
        "bare": statistics.median(bare),
    }


def london(
    plan: list[dict[str, Any]], paths: list[Path], schools: dict[int, Any], *, one_by_one: bool
) -> tuple[float, float]:
    """Wall and CPU seconds to import every file."""
    from reconnect.spectrum.models import ImportStatus
    from reconnect.spectrum.services.bulk import imports_bulk

    started, cpu = time.perf_counter(), time.process_time()
    if one_by_one:
        for step, (school, path) in enumerate(zip(plan, paths, strict=True), start=1):
            import_file(schools[school["urn"]], path.read_bytes(), path.name)
            if step % 250 == 0:
                print(f"    {step:,} files, {time.perf_counter() - started:.1f} s", flush=True)
    else:

        def files() -> Any:  # read lazily: one batch's bytes in memory at a time
            for step, (school, path) in enumerate(zip(plan, paths, strict=True), start=1):
                if step % 250 == 0:
                    print(f"    {step:,} files, {time.perf_counter() - started:.1f} s", flush=True)
                yield schools[school["urn"]], path.read_bytes(), path.name

        done = imports_bulk(files(), user=None, as_at_date=None)
        refused = [i for i in done if i.status != ImportStatus.IMPORTED]
        if refused:
            raise SystemExit(f"{len(refused)} files not imported, first {refused[0].status}")
    return time.perf_counter() - started, time.process_time() - cpu


def network(schools: dict[int, Any]) -> dict[str, float]:
    from django.db.models import Count

    from reconnect.accounts.models import User
    from reconnect.schools.models import SystemLeaderScope, Trust
    from reconnect.spectrum.selectors.network import network_aggregate

    coordinator = User.objects.create_user(
        email="bench.coordinator@example.org", password=None, is_coordinator=True
    )
    leader = User.objects.create_user(email="bench.leader@example.org", password=None)
    largest = Trust.objects.annotate(n=Count("schools")).order_by("-n", "pk").first()
    SystemLeaderScope.objects.create(user=leader, trust=largest)
    figures = {}
    for label, user, by in (
        ("by borough", coordinator, "borough"),
        ("by trust", coordinator, "trust"),
        ("largest trust", leader, ""),
    ):
        times = []
        for _ in range(3):
            started = time.perf_counter()
            view = network_aggregate(user=user, by=by)
            times.append(time.perf_counter() - started)
        if view is None or view.schools == 0:
            raise SystemExit(f"The network aggregate {label} is empty.")
        figures[label] = statistics.median(times)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=2500)
    parser.add_argument("--pupils", type=int, default=1_100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--one-by-one", action="store_true", help="London through import_receive per file"
    )
    args = parser.parse_args()

    plan = plan_schools(args.schools, args.pupils, args.seed)
    total_pupils = sum(s["pupils"] for s in plan)
    print(f"Pupil files: {len(plan):,} schools, {total_pupils:,} pupils (seed {args.seed})")
    paths = generate_files(plan, args.seed)
    configure()
    schools = create_schools(plan)
    single = schools[plan[0]["urn"]]

    print("One school (1,500 pupils): validate + import + profile")
    one = single_school(single, args.seed)
    # The London run starts from an empty table, as it would on a new network.
    from reconnect.spectrum.models import PupilImport, Snapshot

    Snapshot.objects.all().delete()
    PupilImport.objects.all().delete()

    print(f"London: {len(paths):,} files, {total_pupils:,} pupils")
    bare_london = read_csv_seconds(paths)
    london_s, london_cpu = london(plan, paths, schools, one_by_one=args.one_by_one)
    print("Network aggregate")
    net = network(schools)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = [
        ("one school: total", one["total"], SINGLE_TARGET_S, one["bare"]),
        ("  import (validate + write)", one["import"], None, None),
        ("  profile (read + derive)", one["profile"], None, None),
        ("London bulk import", london_s, LONDON_TARGET_S, bare_london),
        ("  of which CPU", london_cpu, None, None),
        *((f"network {label}", s, NETWORK_TARGET_S, None) for label, s in net.items()),
    ]
    print()
    print(f"{'measure':<30} {'seconds':>9} {'target':>7} {'ratio':>6} {'pl.read_csv':>12} {'×':>6}")
    failed = False
    for label, seconds, target, bare in rows:
        ratio = f"{seconds / target:.2f}" if target else ""
        bare_s = f"{bare:.3f}" if bare else ""
        times = f"{seconds / bare:.1f}" if bare else ""
        print(f"{label:<30} {seconds:>9.3f} {target or '':>7} {ratio:>6} {bare_s:>12} {times:>6}")
        failed |= bool(target and seconds > target)
    print(f"{'peak memory (MB)':<30} {peak_mb:>9.0f} {MEMORY_TARGET_MB:>7.0f} "
          f"{peak_mb / MEMORY_TARGET_MB:>6.2f}")  # fmt: skip
    failed |= peak_mb > MEMORY_TARGET_MB
    print(f"pupils per second (wall) {total_pupils / london_s:,.0f}; London at this rate "
          f"{1_100_000 / total_pupils * london_s:.0f} s")  # fmt: skip
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
