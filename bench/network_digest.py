"""Benchmark: the Network's weekly digest for 10,000 members, as the worker builds it.

    .venv/bin/python bench/network_digest.py [--members 10000] [--per-member 6] [--chunk 500]

- **Data**: a fresh SQLite database in a temporary folder (deleted afterwards), migrated,
  then ``--members`` members bulk-created with a week of notifications each (1 to
  2 × ``--per-member``, deterministic): kinds mixed as a busy network makes them (watched
  threads, group news and board replies, which wait for the digest by default, and replies,
  mentions and messages, which go straight away); a tenth of the members chose a daily
  digest, a twentieth none, a tenth turned one digest kind off or moved a reply kind into
  the digest; one in ten has already read everything.
- **How**: ``services.notifications.digests_send_due`` in-process, exactly what the
  ``digest_send_due`` task runs in the worker, with the development settings' mail backend
  (each e-mail sealed and queued as a ``deliver_email`` task row, as in production; its
  delivery is not timed). Wall and CPU time, SQL queries, e-mails queued; then a second run
  at once, when nobody is due (the daily cost of the command on other days).
- Target (issue 7): the weekly digest for 10,000 members built in under 2 minutes. The
  figures are printed with the ratio to the target; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_S = 120.0
NOW = datetime.datetime(2026, 11, 2, 7, 0, tzinfo=datetime.UTC)


def configure(folder: Path) -> None:
    from _page_timing import configure as page_configure

    page_configure(folder / "bench-network-digest.sqlite3")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(members: int, per_member: int, seed: int) -> dict[str, int]:
    from django.contrib.auth.hashers import make_password

    from reconnect.accounts.models import User
    from reconnect.network.models import (
        DigestFrequency,
        DigestSetting,
        EmailChoice,
        Notification,
        NotificationKind,
        NotificationPreference,
    )

    rng = random.Random(seed)
    password = make_password(None)
    User.objects.bulk_create(
        [
            User(
                email=f"member{i}@bench.example.org",
                first_name=f"Member{i}",
                last_name="Bench",
                password=password,
            )
            for i in range(members)
        ],
        batch_size=2000,
    )
    ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    kinds = [
        (NotificationKind.WATCHED, 5),
        (NotificationKind.GROUP, 2),
        (NotificationKind.BOARD, 1),
        (NotificationKind.REPLY, 2),
        (NotificationKind.MENTION, 1),
        (NotificationKind.MESSAGE, 1),
    ]
    population = [kind for kind, weight in kinds for _ in range(weight)]
    notifications, settings, preferences = [], [], []
    for user_id in ids:
        reads_everything = rng.random() < 0.1
        for _ in range(rng.randint(1, 2 * per_member)):
            created = NOW - datetime.timedelta(minutes=rng.randint(1, 7 * 24 * 60))
            notifications.append(
                Notification(
                    user_id=user_id,
                    kind=rng.choice(population),
                    text=f"Ada Lovelace replied to “Breakfast clubs {rng.randint(1, 20000)}”",
                    url=f"/network/threads/{rng.randint(1, 20000)}/",
                    created_at=created,
                    read_at=created if reads_everything else None,
                )
            )
        draw = rng.random()
        if draw < 0.1:
            settings.append(DigestSetting(user_id=user_id, frequency=DigestFrequency.DAILY))
        elif draw < 0.15:
            settings.append(DigestSetting(user_id=user_id, frequency=DigestFrequency.NEVER))
        elif draw < 0.2:
            settings.append(
                DigestSetting(
                    user_id=user_id,
                    frequency=DigestFrequency.WEEKLY,
                    last_sent_at=NOW - datetime.timedelta(days=7, minutes=rng.randint(0, 600)),
                )
            )
        if rng.random() < 0.1:
            preferences.append(
                NotificationPreference(
                    user_id=user_id, kind=NotificationKind.WATCHED, email=EmailChoice.NEVER
                )
            )
            preferences.append(
                NotificationPreference(
                    user_id=user_id, kind=NotificationKind.REPLY, email=EmailChoice.DIGEST
                )
            )
    Notification.objects.bulk_create(notifications, batch_size=5000)
    DigestSetting.objects.bulk_create(settings, batch_size=5000)
    NotificationPreference.objects.bulk_create(preferences, batch_size=5000)
    return {
        "members": len(ids),
        "notifications": len(notifications),
        "settings": len(settings),
        "preferences": len(preferences),
    }


def run(chunk: int) -> dict[str, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tasks_db.models import DBTaskResult

    from reconnect.network.services.notifications import digests_send_due

    queued_before = DBTaskResult.objects.count()
    # A worker has loaded the URLs and templates before its first task; load them here too,
    # so the figures are the digests' own and not one process's start.
    from django.template.loader import get_template
    from django.urls import reverse

    reverse("network:notification-list")
    get_template("network/emails/digest.html")
    start, cpu_start = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        totals = digests_send_due(now=NOW, chunk_size=chunk)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {
        **totals,
        "wall": wall,
        "cpu": cpu,
        "queries": len(queries),
        "queued": DBTaskResult.objects.count() - queued_before,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--per-member", type=int, default=6)
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="reconnect-bench-digest-"))
    try:
        started = time.perf_counter()
        configure(folder)
        print(f"  migrated a fresh SQLite database in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        made = build(args.members, args.per_member, args.seed)
        print(
            f"  built {made['members']:,} members, {made['notifications']:,} notifications, "
            f"{made['settings']:,} digest settings, {made['preferences']:,} preferences "
            f"in {time.perf_counter() - started:.1f} s"
        )
        first = run(args.chunk)
        again = run(args.chunk)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print()
    print(
        "| run | members due | e-mails queued | notifications | queries | wall | CPU "
        f"| ratio to {TARGET_S:.0f} s |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, figures in (("weekly digest", first), ("again, nobody due", again)):
        print(
            f"| {name} | {figures['members']:,} | {figures['queued']:,} | "
            f"{figures['notifications']:,} | {figures['queries']:,} | {figures['wall']:.1f} s | "
            f"{figures['cpu']:.1f} s | {figures['wall'] / TARGET_S:.2f} |"
        )
    per_mail = first["wall"] / first["sent"] * 1000 if first["sent"] else 0.0
    print()
    print(
        f"  {first['sent']:,} digests, {per_mail:.1f} ms each (render both parts, seal, queue); "
        f"chunks of {args.chunk}: {first['queries'] - first['queued']:,} queries besides "
        "the queued deliveries"
    )
    verdict = "within" if first["wall"] < TARGET_S else "OVER"
    print(f"  {verdict} the {TARGET_S:.0f} s target")


if __name__ == "__main__":
    main()
