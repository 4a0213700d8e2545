"""Benchmark: CPU time of the pure importer (``spectrum.ingest.read_pupil_file``) per file.

    .venv/bin/python bench/spectrum_ingest_profile.py [--repeat 20] [--profile 1500]

Generates two valid SIMS-style files with the synthetic generator (440 pupils, London's
average school; 1,500, a large secondary; 45 columns), then prints for each the CPU time of
one ``read_pupil_file`` (median of ``--repeat`` reads, after two warm-up reads) next to a
bare ``pl.read_csv(..., infer_schema=False)`` of the same bytes, and the ratio between
them. CPU time (``time.process_time``: every thread of the process) rather than wall time,
so that other work on a shared machine does not count. ``--profile N`` also prints the
cProfile of 20 reads of the N-pupil file. Targets: at most 8 ms for 440 pupils and 15 ms
for 1,500.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402

from reconnect.spectrum import synthetic  # noqa: E402
from reconnect.spectrum.ingest import read_pupil_file  # noqa: E402

AS_AT = date(2026, 10, 16)
TODAY = date(2026, 11, 1)
TARGETS_MS = {440: 8.0, 1500: 15.0}


def make_file(pupils: int) -> bytes:
    return synthetic.pupil_csv(
        pupils=pupils, phase="secondary", seed=7, as_at=AS_AT, flavour="sims"
    )


def read(data: bytes) -> None:
    result = read_pupil_file(data, "pupils.csv", hand_mapping={}, as_at_date=None, today=TODAY)
    if result.frame is None:
        raise SystemExit(f"the benchmark file was rejected: {result.problems[:3]}")


def bare(data: bytes) -> None:
    pl.read_csv(data, infer_schema=False)


def cpu_ms(call: Callable[[bytes], None], data: bytes, repeat: int) -> float:
    call(data)
    call(data)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        call(data)
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", type=int, choices=sorted(TARGETS_MS), default=None)
    args = parser.parse_args()
    files = {pupils: make_file(pupils) for pupils in TARGETS_MS}
    print(f"polars {pl.__version__}, {pl.thread_pool_size()} threads; CPU ms, median of "
          f"{args.repeat}")  # fmt: skip
    for pupils, data in files.items():
        columns = data.split(b"\r\n", 1)[0].count(b",") + 1
        ours = cpu_ms(read, data, args.repeat)
        base = cpu_ms(bare, data, args.repeat)
        verdict = "ok" if ours <= TARGETS_MS[pupils] else "over"
        print(
            f"{pupils:>5} pupils, {columns} columns, {len(data) / 1024:.0f} KiB: "
            f"read_pupil_file {ours:6.1f} ms ({verdict}, target {TARGETS_MS[pupils]:g}), "
            f"pl.read_csv {base:5.1f} ms, ratio {ours / base:4.1f}x"
        )
    if args.profile:
        data = files[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            read(data)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
