"""Benchmark: server time and SQL queries of the self-evaluation's report and network view.

    .venv/bin/python bench/selfeval_pages.py [--requests 200] [--warmup 20]

With ``seed_demo --scale london`` in its own SQLite file, ``var/bench-selfeval-london.sqlite3``
(created on the first run, reused after): 2,500 schools, every one with two submitted
reviews of the Reconnect framework except demo school A (one), so each phase's benchmark
rests on hundreds of schools. Times the pages the issue names, in-process through Django's
test client: demo school A's latest report (with its benchmark comparison and signposts)
and its action plan as ``head.a@example.org``, and the network view as
``coordinator@example.org``: 20 warm-up requests, then 200 timed ones, reporting the median
and the 95th percentile. The same pages are then counted on the small demo
(``var/bench-selfeval-small.sqlite3``) to show that the number of SQL queries per page does
not grow with the network. Targets: report p95 under 100 ms, network view under 500 ms.

Settings: ``reconnect.settings.dev`` with DEBUG off (cached templates, no query log) and
RECONNECT_REQUIRE_MFA off (the demo accounts have no second factor).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import _page_timing  # bench/ is on sys.path: the script runs from there

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEAD_A = "head.a@example.org"
COORDINATOR = "coordinator@example.org"
# (label, URL name, "review" when it takes school A's latest review, user, p95 target in ms)
PAGES: list[tuple[str, str, bool, str, float]] = [
    ("report", "selfeval:report-detail", True, HEAD_A, 100.0),
    ("action plan", "selfeval:action-plan", True, HEAD_A, 100.0),
    ("reviews list", "selfeval:review-list", False, HEAD_A, 100.0),
    ("network view", "selfeval:network-view", False, COORDINATOR, 500.0),
]


def database_path(dataset: str) -> Path:
    return ROOT / "var" / f"bench-selfeval-{dataset}.sqlite3"


def configure(dataset: str) -> None:
    _page_timing.configure(database_path(dataset))


def prepare(dataset: str) -> None:
    """Migrate the dataset's database and load the demo (with its reviews) once."""
    from django.core.management import call_command

    from reconnect.selfeval.models import Review

    path = database_path(dataset)
    path.parent.mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    if not Review.objects.exists():
        started = time.perf_counter()
        with open(os.devnull, "w") as quiet:
            call_command("seed_demo", scale=dataset, stdout=quiet)
        print(f"  seeded {path.relative_to(ROOT)} in {time.perf_counter() - started:.1f} s")
    submitted = Review.objects.filter(submitted_at__isnull=False)
    print(
        f"  {path.relative_to(ROOT)}: {submitted.count():,} submitted reviews of "
        f"{submitted.values('school').distinct().count():,} schools"
    )


def measure(requests: int, warmup: int) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    from reconnect.accounts.models import User
    from reconnect.selfeval.models import Review

    review = Review.objects.get(school__urn=900001, is_latest=True)
    clients: dict[str, Client] = {}
    for email in {user for *_rest, user, _target in PAGES}:
        clients[email] = Client()
        clients[email].force_login(User.objects.get(email=email))
    results: dict[str, Any] = {}
    for label, name, takes_review, email, _target in PAGES:
        url = reverse(name, args=[review.pk] if takes_review else [])
        results[label] = _page_timing.time_page(
            clients[email], url, requests=requests, warmup=warmup
        )
    return results


def report(london: dict[str, Any], small: dict[str, Any], requests: int) -> bool:
    """Print one table per target; True when every page met its target with steady queries."""
    ok = True
    for target in sorted({target for *_rest, target in PAGES}):
        labels = [label for label, *_rest, page_target in PAGES if page_target == target]
        print()
        print(f"Self-evaluation pages over {requests} requests on the london demo")
        print(f"  target: p95 under {target:.0f} ms (ratio = p95 / target)")
        ok = _page_timing.report_rows(labels, london, small, target_p95_ms=target, width=16) and ok
    return ok


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
        results = measure(args.requests, args.warmup)
        Path(args.result_file).write_text(json.dumps(results))
        return

    london = _page_timing.run_dataset(__file__, "london", args.requests, args.warmup)
    small = _page_timing.run_dataset(__file__, "small", 5, 2)
    if not report(london, small, args.requests):
        sys.exit(1)


if __name__ == "__main__":
    main()
