"""Where one page of the load mix spends its time: cProfile over the full stack, in-process.

``python -m bench.load.profile "network home" --requests 50`` signs a simulated member in
(the same session the load run writes), sends the page's request through Django's whole
middleware stack with the bench settings (no server, no network), and prints the wall and
processor time per request, the queries, and the functions that cost the most. Use it to
find what to make cheaper before running the load itself; its times are not the load's.
"""

import argparse
import cProfile
import io
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from . import cli, database
from .server import collectstatic


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load.profile")
    parser.add_argument(
        "page", help='a page of the mix, as the load prints it ("all": each), or a path to GET'
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=30, help="functions to print")
    parser.add_argument("--sort", default="cumulative", help="pstats order (cumulative, tottime)")
    args = parser.parse_args(argv)

    env = cli.configure(argparse.Namespace(database=args.database))
    database.ensure(args.database, rebuild=False)
    collectstatic(env)  # pages name their static files through the manifest
    import django

    django.setup()
    from django.test import Client

    from . import data, driver

    makers = dict(driver.PAGES)
    if args.page.startswith("/"):
        makers[args.page] = lambda mix, user: driver.Request("GET", args.page, driver.GET_OK)
    pages = list(driver.PAGES) if args.page == "all" else [args.page]
    if args.page not in makers and args.page != "all":
        sys.exit(f"No page {args.page!r}; the mix has: {', '.join(driver.PAGES)}")
    mix = data.mix_data(1)
    member = mix.members[0]
    session_key = data.sessions_create([member])[member.user_id]
    client = Client(SERVER_NAME="127.0.0.1")  # the bench settings allow only local hosts
    client.cookies[driver.SESSION_COOKIE] = session_key
    user = driver.UserState(member=member, rng=random.Random(1), csrf="unused")

    for page in pages:
        make = makers[page]

        def send(make: Callable[..., Any] = make) -> int:
            request = make(mix, user)
            user.last_reply = -1e9
            if request.method == "GET":
                return client.get(request.url, headers=request.headers).status_code
            return client.post(request.url, request.data or {}, headers=request.headers).status_code

        for _ in range(5):  # warm: templates compiled, caches filled
            send()
        queries = count_queries(send)
        cpu_times = []
        for _ in range(args.requests):
            started_cpu = time.process_time()
            status = send()
            cpu_times.append(1000 * (time.process_time() - started_cpu))
        profiler = cProfile.Profile()
        for _ in range(args.requests):
            profiler.enable()
            send()
            profiler.disable()
        print(
            f"\n== {page}: {status}, {queries} queries, CPU a request: "
            f"median {statistics.median(cpu_times):.1f} ms, "
            f"min {min(cpu_times):.1f} ms (unprofiled, no server)"
        )
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
        print(out.getvalue())


def count_queries(send: Callable[[], int]) -> int:
    """The queries one request makes (DEBUG is off, so count through a wrapper)."""
    from django.db import connection

    seen = 0

    def counter(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal seen
        seen += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        send()
    return seen


if __name__ == "__main__":
    main()
