"""Benchmark: server time and SQL queries of the Hub's theme page, explorer and compare page.

    .venv/bin/python bench/hub_pages.py [--requests 200] [--warmup 20]

With ``seed_demo --scale london`` in its own SQLite file, ``var/bench-hub-london.sqlite3``
(created on the first run, reused after), plus the Hub's demo content if ``seed_demo``
loads it, or else a bench-made Hub of 40 interventions and 210 other items (reviews, case
studies, research, reading, news; a fifth members-only) spread over the twelve themes.
Times, as ``head.a@example.org``, the attendance theme page, the interventions explorer
unfiltered and filtered, and the compare page for three interventions: 20 warm-up requests,
then 200 timed ones, reporting the median and the 95th percentile. The same pages are then
counted on a small Hub (``var/bench-hub-small.sqlite3``: the small demo with 3 interventions
and one item of each other type) to show that the number of SQL queries per page does not
grow with the content. Target: p95 under 50 ms on SQLite.

Settings: ``reconnect.settings.dev`` with DEBUG off (cached templates, no query log) and
RECONNECT_REQUIRE_MFA off (the demo accounts have no second factor).
"""

import argparse
import datetime
import json
import logging
import random
import sys
import time
from pathlib import Path
from typing import Any

import _page_timing  # bench/ is on sys.path: the script runs from there

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_P95_MS = 50.0
USER = "head.a@example.org"
# (label, path and query; "{compare}" is filled with three intervention ids)
PAGES: list[tuple[str, str]] = [
    ("theme page", "/hub/themes/attendance/"),
    ("explorer", "/hub/interventions/"),
    (
        "explorer filtered",
        (
            "/hub/interventions/?theme=attendance&phase=primary&phase=secondary"
            "&min_evidence=2&max_cost=4&sort=evidence"
        ),
    ),
    ("compare (3)", "/hub/compare/?{compare}"),
]
# What the bench creates when the demo has no Hub content: (interventions, other items).
SIZES = {"london": (40, 210), "small": (3, 6)}


def database_path(dataset: str) -> Path:
    return ROOT / "var" / f"bench-hub-{dataset}.sqlite3"


def configure(dataset: str) -> None:
    _page_timing.configure(database_path(dataset))


def _hub_content(dataset: str) -> int:
    """Create a Hub of the dataset's size, deterministically; return the items made."""
    from reconnect.hub.models import ReadingListEntry, Theme, Visibility
    from reconnect.hub.tests import factories

    rng = random.Random(2025)
    themes = list(Theme.objects.values_list("slug", flat=True))
    phases = ["early-years", "primary", "secondary", "special", "post-16"]
    interventions, others = SIZES[dataset]

    def tags() -> dict[str, Any]:
        return {
            "themes": ["attendance", *rng.sample(themes, 2)]
            if rng.random() < 0.3
            else rng.sample(themes, 2),
            "phases": rng.sample(phases, rng.randint(1, 3)),
            "visibility": Visibility.MEMBERS if rng.random() < 0.2 else Visibility.PUBLIC,
            "last_reviewed": datetime.date(2025, rng.randint(1, 12), rng.randint(1, 28)),
        }

    made = []
    for n in range(interventions):
        fields: dict[str, Any] = {
            "impact_months": rng.choice([None, *range(9)]),
            "cost_rating": rng.randint(1, 5),
            "evidence_rating": rng.randint(0, 5),
            **tags(),
        }
        if n < 3:  # every dataset's filtered explorer and compare page show these three
            fields.update(
                themes=["attendance"],
                phases=["primary"],
                evidence_rating=3,
                cost_rating=2,
                visibility=Visibility.PUBLIC,
            )
        made.append(factories.InterventionPageFactory(title=f"Bench intervention {n}", **fields))
    kinds = [
        factories.CaseStudyPageFactory,
        factories.ResearchReportPageFactory,
        factories.FurtherReadingPageFactory,
        factories.NewsPageFactory,
        factories.ThematicReviewPageFactory,
        factories.ReadingListPageFactory,
    ]
    readings: list[Any] = []
    for n in range(others):
        factory = kinds[n % len(kinds)]
        extra: dict[str, Any] = {"title": f"Bench {factory._meta.model.__name__} {n}", **tags()}
        if factory is factories.ThematicReviewPageFactory:
            extra["theme"] = Theme.objects.get(slug=extra["themes"][0])
            extra["related_interventions"] = rng.sample(made, min(3, len(made)))
        if factory is factories.CaseStudyPageFactory:
            extra["interventions"] = rng.sample(made, min(2, len(made)))
        if factory is factories.ReadingListPageFactory:
            extra["entries"] = [ReadingListEntry(item=item, note="Why") for item in readings[-3:]]
        page = factory(**extra)
        if factory is factories.FurtherReadingPageFactory:
            readings.append(page)
    return interventions + others


def prepare(dataset: str) -> None:
    """Migrate the dataset's database and load its demo and Hub once."""
    from django.core.management import call_command

    from reconnect.demo.builder import demo_is_loaded, seed_demo
    from reconnect.hub.models import HubPage, InterventionPage

    path = database_path(dataset)
    path.parent.mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    if not demo_is_loaded():
        result = seed_demo(scale=dataset)
        print(f"  created {path.relative_to(ROOT)}: {result.schools:,} schools")
    if InterventionPage.objects.live().count() < SIZES[dataset][0]:
        started = time.perf_counter()
        logging.disable(logging.INFO)  # Wagtail logs every page it creates and publishes
        made = _hub_content(dataset)
        logging.disable(logging.NOTSET)
        print(f"  added a bench Hub of {made} items in {time.perf_counter() - started:.1f} s")
    print(
        f"  {path.relative_to(ROOT)}: {HubPage.objects.live().count()} Hub items, "
        f"{InterventionPage.objects.live().count()} interventions"
    )


def measure(requests: int, warmup: int) -> dict[str, Any]:
    from django.test import Client

    from reconnect.accounts.models import User
    from reconnect.hub.models import InterventionPage

    client = Client()
    client.force_login(User.objects.get(email=USER))
    ids = InterventionPage.objects.live().order_by("pk").values_list("pk", flat=True)[:3]
    compare = "&".join(f"id={pk}" for pk in ids)
    results: dict[str, Any] = {}
    for label, template in PAGES:
        url = template.format(compare=compare)
        results[label] = _page_timing.time_page(client, url, requests=requests, warmup=warmup)
    return results


def run_dataset(dataset: str, requests: int, warmup: int) -> dict[str, Any]:
    return _page_timing.run_dataset(__file__, dataset, requests, warmup)


def report(london: dict[str, Any], small: dict[str, Any], requests: int) -> bool:
    """Print the table; True when every page met the target with the same query count."""
    print()
    print(f"Hub page server time over {requests} requests on the london demo, as {USER}")
    print(f"  target: p95 under {TARGET_P95_MS:.0f} ms (ratio = p95 / target)")
    labels = [label for label, _template in PAGES]
    return _page_timing.report_rows(labels, london, small, target_p95_ms=TARGET_P95_MS, width=20)


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

    london = run_dataset("london", args.requests, args.warmup)
    small = run_dataset("small", 5, 2)
    if not report(london, small, args.requests):
        sys.exit(1)


if __name__ == "__main__":
    main()
