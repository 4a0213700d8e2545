"""Benchmark: the Innovation Lab's evaluation engine, the work behind a pilot's result page.

    .venv/bin/python bench/lab_evaluation.py [--runs 200] [--pupils 2000] [--pilots 500]

A pilot of ``--pupils`` pupils (half intervention, half comparison, pre- and post-test
scores drawn with a fixed seed) evaluated by ``ancova_effect`` (pre and post) and by
``hedges_g`` (post-test only), each followed by its months' progress; then
``random_effects`` plus ``forest_plot`` pooling ``--pilots`` pilots' effect sizes. Each is
timed as processor time over ``--runs`` runs after one warm-up; the median and the best are
printed against the target, 50 ms each. Exits non-zero when a median misses its target.
"""

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from reconnect.lab.analysis.ancova import ancova_effect  # noqa: E402
from reconnect.lab.analysis.effect_sizes import hedges_g  # noqa: E402
from reconnect.lab.analysis.meta import forest_plot, random_effects  # noqa: E402
from reconnect.lab.analysis.months import months_progress  # noqa: E402

TARGET_MS = 50.0


def _cpu_ms(work: Callable[[], object], runs: int) -> tuple[float, float]:
    work()  # warm-up: imports, scipy's first special-function call
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--pupils", type=int, default=2_000)
    parser.add_argument("--pilots", type=int, default=500)
    args = parser.parse_args()

    rng = np.random.default_rng(2026)
    half = args.pupils // 2
    pre_i, pre_c = rng.normal(100, 15, half), rng.normal(99, 15, args.pupils - half)
    post_i = 0.7 * pre_i + rng.normal(34, 8, half)
    post_c = 0.7 * pre_c + rng.normal(31, 8, args.pupils - half)
    estimates = rng.normal(0.15, 0.12, args.pilots)
    errors = rng.uniform(0.08, 0.35, args.pilots)
    labels = [f"Pilot {i}" for i in range(1, args.pilots + 1)]

    steps: list[tuple[str, Callable[[], object]]] = [
        (
            f"ANCOVA, {args.pupils:,} pupils",
            lambda: months_progress(ancova_effect(pre_i, post_i, pre_c, post_c).estimate),
        ),
        (
            f"post-test only, {args.pupils:,} pupils",
            lambda: months_progress(hedges_g(post_i, post_c).estimate),
        ),
        (
            f"meta-analysis, {args.pilots:,} pilots",
            lambda: forest_plot(random_effects(estimates, errors, labels)),
        ),
    ]
    print(f"Processor time over {args.runs} runs (ms), target {TARGET_MS:.0f} ms each:")
    print(f"  {'step':<32}{'median':>8}{'best':>8}{'ratio':>8}")
    missed = False
    for label, work in steps:
        median, best = _cpu_ms(work, args.runs)
        ratio = median / TARGET_MS
        missed |= ratio > 1
        print(f"  {label:<32}{median:>8.3f}{best:>8.3f}{ratio:>8.3f}")
    if missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
