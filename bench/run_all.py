"""Run every benchmark in ``bench/`` in turn: ``make bench``.

    .venv/bin/python bench/run_all.py [NAME ...]

Each ``bench/*.py`` (except this file and helpers whose names start with ``_``), and each
package with a ``__main__.py`` (``bench/load``, run as ``python -m bench.load``), runs in its
own process, one after the other so they never compete for the machine, and prints its own
figures. Names narrow the run (``run_all.py pages``). Exits non-zero if any benchmark failed
or missed its target.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def benchmarks(names: list[str]) -> list[Path]:
    found = sorted(
        [
            path
            for path in BENCH_DIR.glob("*.py")
            if path.name != Path(__file__).name and not path.name.startswith("_")
        ]
        + [main.parent for main in BENCH_DIR.glob("*/__main__.py")]
    )
    if not names:
        return found
    wanted = {name.removesuffix(".py") for name in names}
    unknown = wanted - {path.stem for path in found}
    if unknown:
        raise SystemExit(f"No such benchmark: {', '.join(sorted(unknown))}")
    return [path for path in found if path.stem in wanted]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    args = parser.parse_args()

    outcomes: list[tuple[str, int, float]] = []
    for path in benchmarks(args.names):
        print(f"=== {path.stem}", flush=True)
        start = time.perf_counter()
        script = ["-m", f"bench.{path.name}"] if path.is_dir() else [str(path)]
        command = [sys.executable, *script]
        code = subprocess.run(command, cwd=ROOT, check=False).returncode
        outcomes.append((path.stem, code, time.perf_counter() - start))
        print(flush=True)

    print("=== summary")
    for name, code, seconds in outcomes:
        verdict = "ok" if code == 0 else f"FAILED (exit {code})"
        print(f"  {name:<24} {verdict:<18} {seconds:6.1f} s")
    if any(code != 0 for _name, code, _seconds in outcomes):
        sys.exit(1)


if __name__ == "__main__":
    main()
