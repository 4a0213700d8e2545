"""One run: sessions, server, the mix, each page alone and the bare view; the report."""

import argparse
import math
import os

from . import data, driver
from .server import LOG_PATH, Server, collectstatic

# The targets: zero errors, and the mix's p95 under this many ms per database.
P95_TARGET_MS = {"sqlite": 150.0, "postgres": 100.0}
# Each main page's throughput alone, as a share of the bare view's, at least this.
CEILING_SHARE_TARGET = 0.15
# SQLite: one process per CPU. Each request is Python holding its process's GIL, so more
# processes than CPUs only queue on the CPUs, and SQLite takes one writer at a time whatever
# the count. PostgreSQL: the four.
DEFAULT_WORKERS = {"sqlite": 2, "postgres": 4}
# Pages measured alone against the bare view: every GET of the mix, and the answer save
# (a reply cannot be: the app allows a member six a minute, by design).
ALONE = [label for label, _weight, _maker in driver.MIX if label != "reply (POST)"]


def _load(averages: tuple[float, float, float] | None = None) -> str:
    one, five, fifteen = averages or os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def run(args: argparse.Namespace, env: dict[str, str]) -> bool:
    from django.db import connections

    workers = args.workers or DEFAULT_WORKERS[args.database]
    mix = data.mix_data(args.users)
    sessions = data.sessions_create(mix.members)
    connections.close_all()  # the server's workers own the database from here
    print("  collectstatic…", flush=True)
    collectstatic(env)
    server = Server(env, workers=workers, threads=args.threads)
    try:
        server.wait_ready()
        print(
            f"  granian: {workers} workers × {args.threads} threads on {server.url}; "
            f"{args.users} users, {args.duration:.0f} s, think {args.think:g} s; "
            f"load average {_load()} (1, 5, 15 min; {os.cpu_count()} CPUs)",
            flush=True,
        )
        results = driver.drive(
            server.url,
            mix,
            sessions,
            warmup=args.warmup,
            duration=args.duration,
            think=args.think,
            alone=ALONE,
            page_seconds=args.page_seconds,
        )
    finally:
        server.stop()
    load_after_mix = (
        f"{_load(results.load_after_mix)}; the driver used {results.mix_cpu_seconds:.1f} s of CPU"
    )
    ok_mix = _report_mix(args, results.mix, results.mix_seconds, load_after_mix)
    ok_alone = _report_alone(args, results.alone, _load(results.load_after))
    problems = _server_problems()
    if problems:
        print(f"\n  The server logged {problems} errors: see {LOG_PATH}")
    return ok_mix and ok_alone


def _row(label: str, tally: driver.Tally, seconds: float) -> str:
    return (
        f"  {label:<22}{len(tally.latencies):>8}{tally.errors:>7}"
        f"{len(tally.latencies) / seconds:>9.1f}"
        f"{tally.percentile(50):>9.1f}{tally.percentile(95):>9.1f}{tally.percentile(99):>9.1f}"
    )


def _report_mix(
    args: argparse.Namespace, tallies: dict[str, driver.Tally], seconds: float, load: str
) -> bool:
    target = P95_TARGET_MS[args.database]
    print()
    print(
        f"Mixed load on {args.database}: {args.users} users for {seconds:.1f} s "
        f"(load average after: {load})"
    )
    print(
        f"  {'page':<22}{'requests':>8}{'errors':>7}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p99 ms':>9}"
    )
    overall = driver.Tally()
    for label, tally in tallies.items():
        print(_row(label, tally, seconds))
        overall.latencies.extend(tally.latencies)
        overall.errors += tally.errors
        overall.samples.extend(tally.samples[: 3 - len(overall.samples)])
    print(_row("overall", overall, seconds))
    for sample in overall.samples:
        print(f"    e.g. {sample}")
    p95 = overall.percentile(95)
    ok_errors = overall.errors == 0 and bool(overall.latencies)
    ok_p95 = not math.isnan(p95) and p95 < target
    print(f"  target: zero errors: {'met' if ok_errors else 'MISSED'} ({overall.errors})")
    print(
        f"  target: p95 under {target:.0f} ms: {'met' if ok_p95 else 'MISSED'} "
        f"({p95:.1f} ms, ratio {p95 / target:.2f})"
    )
    return ok_errors and ok_p95


def _report_alone(
    args: argparse.Namespace, alone: dict[str, tuple[driver.Tally, float]], load: str
) -> bool:
    bare_rates = {
        label: len(alone[label][0].latencies) / alone[label][1] for label in driver.BARE_RUNS
    }
    ceiling = max(bare_rates.values())
    print()
    print(
        f"Each page alone: {args.users} users, no think time, {args.page_seconds:.0f} s each, "
        f"against the bare Django view (load average after: {load})"
    )
    print(
        f"  {'page':<22}{'requests':>8}{'errors':>7}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p99 ms':>9}{'share':>8}"
    )
    ok = True
    for label, (tally, seconds) in alone.items():
        rate = len(tally.latencies) / seconds
        share = rate / ceiling if ceiling else 0.0
        meets = label in driver.BARE_RUNS or share >= CEILING_SHARE_TARGET
        ok = ok and meets and tally.errors == 0
        print(f"{_row(label, tally, seconds)}{share:>8.2f}{'' if meets else '  <- under 0.15'}")
        for sample in tally.samples:
            print(f"    e.g. {sample}")
    print(
        f"  target: each page at least {CEILING_SHARE_TARGET:.0%} of the bare view's "
        f"{ceiling:.0f} req/s (the faster of its two runs): {'met' if ok else 'MISSED'}"
    )
    return ok


def _server_problems() -> int:
    text = LOG_PATH.read_text(errors="replace") if LOG_PATH.exists() else ""
    return text.count("Traceback")
