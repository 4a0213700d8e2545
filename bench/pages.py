"""Benchmark: server time and SQL queries of the busiest pages, on the London-sized demo.

    .venv/bin/python bench/pages.py [--requests 200] [--warmup 20]

With ``seed_demo --scale london`` (2,500 schools, 10,000 members) in its own SQLite file,
``var/bench-london.sqlite3`` (created by migrate + seed_demo on the first run, reused after),
times the dashboard, the school and member directory searches and a school profile, each
requested in-process through Django's test client as ``head.a@example.org``: 20 warm-up
requests, then 200 timed ones, reporting the median and the 95th percentile. The same pages
are then counted on the small demo (``var/bench-small.sqlite3``) to show that the number of
SQL queries per page does not grow with the data. Target: p95 under 50 ms on SQLite.

Settings: ``reconnect.settings.dev`` with DEBUG off (as in production: cached templates, no
query log) and RECONNECT_REQUIRE_MFA off (the demo accounts have no second factor).
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import _page_timing  # bench/ is on sys.path: the script runs from there

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_P95_MS = 50.0
USER = "head.a@example.org"
# (label, URL name, URL kwargs, query string)
PAGES: list[tuple[str, str, dict[str, Any], str]] = [
    ("dashboard", "home:index", {}, ""),
    ("school directory search", "schools:directory", {}, "?q=primary&phase=primary"),
    ("member directory search", "schools:member-directory", {}, "?q=patel"),
    ("school profile", "schools:detail", {"urn": 900001}, ""),
]


def database_path(dataset: str) -> Path:
    return ROOT / "var" / f"bench-{dataset}.sqlite3"


def configure(dataset: str) -> None:
    _page_timing.configure(database_path(dataset))


def prepare(dataset: str) -> None:
    """Migrate the dataset's database and load its demo once."""
    from django.core.management import call_command

    from reconnect.demo.builder import demo_is_loaded, seed_demo

    path = database_path(dataset)
    path.parent.mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    if demo_is_loaded():
        print(f"  reusing {path.relative_to(ROOT)}")
        return
    result = seed_demo(scale=dataset)
    print(
        f"  created {path.relative_to(ROOT)}: {result.schools:,} schools, "
        f"{result.members:,} members, seeded in {result.seconds:.1f} s"
    )


def measure(dataset: str, requests: int, warmup: int) -> dict[str, Any]:
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from reconnect.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=USER))
    results: dict[str, Any] = {}
    for label, name, kwargs, query in PAGES:
        try:
            url = reverse(name, kwargs=kwargs) + query
        except NoReverseMatch:
            results[label] = {"missing": name}
            continue
        results[label] = _page_timing.time_page(client, url, requests=requests, warmup=warmup)
    return results


def run_dataset(dataset: str, requests: int, warmup: int) -> dict[str, Any]:
    return _page_timing.run_dataset(__file__, dataset, requests, warmup)


def report(london: dict[str, Any], small: dict[str, Any], requests: int) -> bool:
    """Print the table; True when every page met the target with the same query count."""
    print()
    print(f"Page server time over {requests} requests on the london demo, as {USER}")
    print(f"  target: p95 under {TARGET_P95_MS:.0f} ms (ratio = p95 / target)")
    print("  cpu p95: the process's CPU time per request, which a busy machine does not inflate")
    labels = [label for label, *_rest in PAGES]
    return _page_timing.report_rows(labels, london, small, target_p95_ms=TARGET_P95_MS, width=26)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--dataset", choices=["london", "small"], help=argparse.SUPPRESS)
    parser.add_argument("--result-file", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.dataset:  # the child: one dataset, results to a file
        print(f"{args.dataset} demo:")
        configure(args.dataset)
        prepare(args.dataset)
        results = measure(args.dataset, args.requests, args.warmup)
        Path(args.result_file).write_text(json.dumps(results))
        return

    london = run_dataset("london", args.requests, args.warmup)
    # The small demo only has to show the query counts; a few requests are enough.
    small = run_dataset("small", 5, 2)
    if not report(london, small, args.requests):
        sys.exit(1)


if __name__ == "__main__":
    main()
