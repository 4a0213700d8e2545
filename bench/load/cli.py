"""The load benchmark's command line: build the data, start the server, drive it, report."""

import argparse
import os
import secrets
import sys

from . import database

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load",
        description="A realistic mix of members' requests against granian on the London demo.",
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--users", type=int, default=50, help="virtual users (default 50)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of mix (60)")
    parser.add_argument(
        "--workers", type=int, help="granian worker processes (default: 2 SQLite, 4 PostgreSQL)"
    )
    parser.add_argument(
        "--threads", type=int, default=4, help="blocking threads per worker (default 4)"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean think time between a user's requests in seconds (default 1; 0: none)",
    )
    parser.add_argument(
        "--page-seconds",
        type=float,
        default=10.0,
        help="seconds each page (and the bare view) is driven alone for its throughput",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=10.0,
        help="seconds of unrecorded mix first, so every worker has loaded the app (10)",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the data again")
    parser.add_argument("--build-only", action="store_true", help="build the data, no run")
    return parser.parse_args(argv)


def configure(args: argparse.Namespace) -> dict[str, str]:
    """Set this process's environment for the bench settings; returns it for the server."""
    values = {
        "DJANGO_SETTINGS_MODULE": "reconnect.settings.bench",
        # One key for the builder, the sessions written here and every worker.
        "SECRET_KEY": secrets.token_urlsafe(50),
        "REDIS_URL": REDIS_URL,
        "PYTHONPATH": str(database.ROOT),
        **database.environment(args.database),
    }
    os.environ.update(values)
    server_env = dict(os.environ)  # the server logs as production would (access lines too)
    # The builder's Wagtail and audit lines would bury the progress: warnings only here.
    os.environ.setdefault("LOG_LEVEL", "warning")
    return server_env


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    print(f"Load benchmark on {args.database}:")
    database.ensure(args.database, rebuild=args.rebuild)
    env = configure(args)
    import django

    django.setup()
    from . import data

    data.build()
    if args.build_only:
        return
    from . import run

    ok = run.run(args, env)
    sys.exit(0 if ok else 1)
