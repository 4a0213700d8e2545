"""Benchmark: the vulnerability spectrum's pure analysis, the work behind every cohort page.

    .venv/bin/python bench/spectrum_analysis.py [--runs 20]

For a 1,500-pupil secondary school drawn by ``reconnect.spectrum.synthetic``: deriving every
pupil's factors and profile measures (``analysis.profiles.derive``) and then each cohort
view (prevalence by year and by registration group, the factor-count distribution, the
co-occurrence matrix, the commonest combinations, the outcome gaps with their intervals and
the data-quality prompts), as processor time (all threads), median and best of ``--runs``.
Then ``network_factors`` over a million pupils (2,500 schools' worth, as the bulk import
computes it). Targets: derive plus every view under 100 ms for 1,500 pupils;
``network_factors`` about a second per million rows.
"""

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402

from reconnect.spectrum.analysis import cohorts, profiles  # noqa: E402
from reconnect.spectrum.synthetic import SchoolSpec, generate  # noqa: E402

AS_AT = date(2026, 10, 16)


def _frame(pupils: int, seed: int) -> pl.DataFrame:
    rows = generate(SchoolSpec(pupils=pupils, phase="secondary", as_at=AS_AT), seed=seed).rows()
    frame = pl.DataFrame(rows, infer_schema_length=None)
    if "date_of_birth" in frame.columns:
        frame = frame.rename({"date_of_birth": "birth_month"})
    return frame


def _cpu_ms(work: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    school = _frame(1_500, seed=1)
    params = profiles.params_from({})
    derived = profiles.derive(school, params, as_at=AS_AT)

    views: list[tuple[str, Callable[[], object]]] = [
        ("derive", lambda: profiles.derive(school, params, as_at=AS_AT)),
        ("prevalence by year", lambda: cohorts.prevalence(derived, "year_group")),
        ("prevalence by reg group", lambda: cohorts.prevalence(derived, "reg_group")),
        ("count distribution", lambda: cohorts.count_distribution(derived, "year_group")),
        ("co-occurrence", lambda: cohorts.co_occurrence(derived)),
        ("combinations", lambda: cohorts.combinations(derived)),
        ("outcome gaps", lambda: cohorts.outcome_gaps(derived)),
        ("data quality", lambda: cohorts.data_quality(derived, derived.columns)),
    ]
    print(f"1,500 pupils, processor time over {args.runs} runs (ms):")
    print(f"  {'step':<26}{'median':>8}{'best':>8}")
    total = 0.0
    for label, work in views:
        work()  # warm polars' caches
        median, best = _cpu_ms(work, args.runs)
        total += median
        print(f"  {label:<26}{median:>8.1f}{best:>8.1f}")
    print(f"  {'derive + every view':<26}{total:>8.1f}   (target under 100 ms)")

    million = pl.concat([_frame(10_000, seed=2)] * 100).with_columns(
        (pl.int_range(pl.len()) // 440).alias("school")
    )
    median, best = _cpu_ms(
        lambda: profiles.network_factors(million, as_at=AS_AT, by="school"), max(3, args.runs // 5)
    )
    print(
        f"network_factors, {million.height:,} pupils: median {median / 1000:.2f} s, "
        f"best {best / 1000:.2f} s of processor time (target about 1 s)"
    )


if __name__ == "__main__":
    main()
