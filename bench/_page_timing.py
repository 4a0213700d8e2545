"""What the page benchmarks share: timing one page, and running a dataset in a child process.

``pages.py`` and ``hub_pages.py`` both time pages through Django's test client on a
prepared database; Django's database is fixed when it starts, so each dataset (the London
and the small demo) is measured in a child process of the same script.
"""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def configure(database: Path) -> None:
    """Point Django at a benchmark's own SQLite file, with production-like settings:
    DEBUG off (cached templates, no query log) and RECONNECT_REQUIRE_MFA off (the demo
    accounts have no second factor)."""
    import os

    os.environ["DJANGO_SETTINGS_MODULE"] = "reconnect.settings.dev"
    os.environ["RECONNECT_REQUIRE_MFA"] = "0"
    os.environ.pop("DATABASE_URL", None)
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = str(database)
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    import django

    django.setup()


def percentile_95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) > 1 else values[0]


def time_page(client: Any, url: str, *, requests: int, warmup: int) -> dict[str, Any]:
    """Median and p95 server time of ``url``, wall and CPU, and its query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}, not 200")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Read now: the next request starts by clearing the connection's query log.
    query_count = len(queries)
    timings, cpu_timings = [], []
    for _ in range(requests):
        start, cpu_start = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        cpu_timings.append((time.process_time() - cpu_start) * 1000)
    return {
        "url": url,
        "queries": query_count,
        "median_ms": statistics.median(timings),
        "p95_ms": percentile_95(timings),
        # CPU time is what the page costs; wall time also counts waiting for a busy CPU.
        "cpu_p95_ms": percentile_95(cpu_timings),
    }


def run_dataset(script: str, dataset: str, requests: int, warmup: int) -> dict[str, Any]:
    """Run ``script --dataset ...`` in a child process and return the results it wrote."""
    with tempfile.NamedTemporaryFile(suffix=".json") as result_file:
        subprocess.run(
            [
                sys.executable,
                script,
                "--dataset",
                dataset,
                "--requests",
                str(requests),
                "--warmup",
                str(warmup),
                "--result-file",
                result_file.name,
            ],
            check=True,
            cwd=ROOT,
        )
        result: dict[str, Any] = json.loads(Path(result_file.name).read_text())
        return result


def report_rows(
    labels: list[str],
    large: dict[str, Any],
    small: dict[str, Any],
    *,
    target_p95_ms: float,
    width: int,
) -> bool:
    """Print one row per page; True when every page met the target with a steady query count.

    A page whose result is ``{"missing": url_name}`` is reported as not measured yet.
    """
    print(
        f"  {'page':<{width}}{'median':>9}{'p95':>9}{'ratio':>7}{'cpu p95':>10}"
        "   queries london / small"
    )
    ok = True
    for label in labels:
        big, little = large[label], small[label]
        if "missing" in big:
            print(f"  {label:<{width}}  not measured: URL {big['missing']!r} does not exist yet")
            continue
        ratio = big["p95_ms"] / target_p95_ms
        same = big["queries"] == little["queries"]
        ok = ok and ratio < 1 and same
        print(
            f"  {label:<{width}}{big['median_ms']:>7.1f}ms{big['p95_ms']:>7.1f}ms{ratio:>7.2f}"
            f"{big['cpu_p95_ms']:>8.1f}ms"
            f"   {big['queries']:>3} / {little['queries']:<3}"
            f"{'' if same else '  <- grows with the data'}"
        )
    return ok
