"""The load benchmark's data: the London demo plus what the mix needs, built once per database.

Everything is keyed so that a second run finds it and writes nothing:

- ``seed_demo --scale london --if-empty``: 2,500 schools, about 10,000 members, the Hub's
  demo content, two submitted self-evaluations a school, the Network's demo threads (each
  part skipped when it is there);
- ``HUB_ITEMS`` more Hub items, through ``bench/_hub_search_data.py`` (the Hub search
  benchmark's generator: pages written straight into their tables, indexed by Wagtail's own
  bulk add), so searches rank a realistic number of matches (skipped when its pages exist);
- ``THREADS`` Network threads of ``POSTS_PER_THREAD`` posts by demo members over every
  category (skipped when the first bench thread exists);
- for each of ``SIMULATED`` schools: one staff member (a role that needs no second factor,
  so the production setting RECONNECT_REQUIRE_MFA stays on), granted the school's cohort
  views by its lead, invited by the lead to an open self-evaluation, and one snapshot of
  synthetic pupils the size of the school's roll, imported by ``spectrum.services.bulk``.

The simulated members are the first staff member (by e-mail) of the first ``SIMULATED`` open
schools (by URN) whose phase the pupil generator knows, so every run picks the same ones.
"""

import datetime
import os
import random
import time
from dataclasses import dataclass
from typing import Any

SIMULATED = 100  # members prepared; --users may go up to this
HUB_ITEMS = 2_000
THREADS = 2_000
POSTS_PER_THREAD = 10
BENCH_THREAD_TITLE = "Load bench thread"
BENCH_REVIEW_TITLE = "Load bench review"
BODIES = [
    "We start breakfast club at 8 and take the register at the table.",
    "Has anyone tried **text nudges** for persistent absence? We saw a small rise.",
    "> Quoting the research\n\nThe EEF guide suggests *targeted* support first.",
    "- Attendance officer calls at 9:30\n- Home visit on day three\n- Weekly review",
    "Thanks, that helps. We will try it in the spring term.",
]


@dataclass(frozen=True)
class Member:
    """One simulated member and the objects their requests name."""

    user_id: int
    email: str
    school_urn: int
    review_id: int
    statement_ids: list[int]


@dataclass(frozen=True)
class MixData:
    members: list[Member]
    theme_slugs: list[str]
    category_slugs: list[str]
    thread_ids: list[int]


def build() -> None:
    """Migrate and write whatever is missing (see the module docstring); prints each step."""
    from django.core.management import call_command

    step("migrate", lambda: call_command("migrate", verbosity=0))
    call_command("createcachetable", verbosity=0)
    _demo()
    _hub()
    _threads()
    _simulated()


def step(label: str, action: Any) -> Any:
    started = time.perf_counter()
    print(f"  {label}…", end="", flush=True)
    result = action()
    print(f" {time.perf_counter() - started:.1f} s", flush=True)
    return result


def _demo() -> None:
    """The London demo; ``--if-empty`` also fills any part (Hub, reviews, pupils, Lab,
    Network) that an interrupted build left out, and checks only when all are there."""
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        step(
            "seed_demo --scale london --if-empty",
            lambda: call_command("seed_demo", scale="london", if_empty=True, stdout=quiet),
        )


def _hub() -> None:
    import _hub_search_data  # bench/ is on sys.path: see bench/load/__main__.py

    from reconnect.hub.models import HubPage

    if HubPage.objects.filter(slug__startswith="item-").exists():
        return
    step(f"{HUB_ITEMS:,} more Hub items", lambda: _hub_search_data.generate(HUB_ITEMS, seed=8))


def _threads() -> None:
    from reconnect.network.models import Thread

    if Thread.objects.filter(title__startswith=BENCH_THREAD_TITLE).exists():
        return
    step(f"{THREADS:,} threads of {POSTS_PER_THREAD} posts", _write_threads)


def _write_threads() -> None:
    """Threads over the last 60 days in every open category, by random demo members."""
    from django.db import transaction
    from django.utils import timezone

    from reconnect.accounts.models import User
    from reconnect.network.markdown import render_markdown
    from reconnect.network.models import Category, Post, PostStatus, Thread, ThreadKind

    rng = random.Random(8)
    now = timezone.now()
    html = [render_markdown(body) for body in BODIES]
    categories = list(Category.objects.filter(coordinators_only=False))
    authors = list(User.objects.filter(is_active=True).values_list("pk", flat=True))
    with transaction.atomic():
        threads = []
        for n in range(THREADS):
            created = now - datetime.timedelta(minutes=rng.randint(60, 60 * 24 * 60))
            threads.append(
                Thread(
                    category=categories[n % len(categories)],
                    title=f"{BENCH_THREAD_TITLE} {n}: how do you handle it?",
                    kind=ThreadKind.QUESTION if n % 4 == 0 else ThreadKind.DISCUSSION,
                    author_id=rng.choice(authors),
                    created_at=created,
                    last_posted_at=created + datetime.timedelta(minutes=POSTS_PER_THREAD),
                    last_post_number=POSTS_PER_THREAD,
                    post_count=POSTS_PER_THREAD,
                )
            )
        Thread.objects.bulk_create(threads, batch_size=500)
        made = Thread.objects.filter(title__startswith=BENCH_THREAD_TITLE)
        posts = []
        for thread in made.only("pk", "author_id", "created_at"):
            for number in range(1, POSTS_PER_THREAD + 1):
                pick = rng.randrange(len(BODIES))
                posts.append(
                    Post(
                        thread_id=thread.pk,
                        number=number,
                        author_id=thread.author_id if number == 1 else rng.choice(authors),
                        body=BODIES[pick],
                        body_html=html[pick],
                        status=PostStatus.PUBLISHED,
                        created_at=thread.created_at + datetime.timedelta(minutes=number),
                    )
                )
        Post.objects.bulk_create(posts, batch_size=1_000)


def _staff_members() -> list[tuple[int, int]]:
    """(user id, school id) of the simulated members, in a stable order."""
    from reconnect.demo.spectrum import PHASES
    from reconnect.schools.models import Membership
    from reconnect.schools.roles import SchoolRole

    chosen: dict[int, int] = {}
    rows = (
        Membership.objects.filter(
            role=SchoolRole.STAFF,
            user__is_active=True,
            school__is_open=True,
            school__phase__in=list(PHASES),
        )
        .order_by("school__urn", "user__email")
        .values_list("school_id", "user_id")
    )
    for school_id, user_id in rows.iterator():
        if school_id not in chosen:
            chosen[school_id] = user_id
            if len(chosen) == SIMULATED:
                break
    return [(user_id, school_id) for school_id, user_id in chosen.items()]


def _simulated() -> None:
    from reconnect.spectrum.models import StaffCohortGrant

    pairs = _staff_members()
    granted = StaffCohortGrant.objects.filter(user_id__in=[user_id for user_id, _s in pairs])
    if granted.count() == len(pairs):
        return
    step(f"{len(pairs)} simulated members (grant, open review)", lambda: _prepare_members(pairs))
    step(f"pupil data for {len(pairs)} schools", lambda: _import_pupils(pairs))


def _lead(school_id: int) -> Any:
    from reconnect.accounts.models import User
    from reconnect.schools.roles import SchoolRole

    return (
        User.objects.filter(
            memberships__school_id=school_id, memberships__role=SchoolRole.SCHOOL_LEAD
        )
        .order_by("pk")
        .first()
    )


def _prepare_members(pairs: list[tuple[int, int]]) -> None:
    from django.db import transaction

    from reconnect.accounts.models import User
    from reconnect.schools.models import School
    from reconnect.selfeval.models import Review
    from reconnect.selfeval.services.frameworks import framework_reconnect_ensure
    from reconnect.selfeval.services.reviews import contributor_add, review_start
    from reconnect.spectrum.models import StaffCohortGrant

    framework = framework_reconnect_ensure().framework
    for user_id, school_id in pairs:
        with transaction.atomic():
            school = School.objects.get(pk=school_id)
            staff = User.objects.get(pk=user_id)
            lead = _lead(school_id)
            StaffCohortGrant.objects.get_or_create(
                school=school, user=staff, defaults={"granted_by": lead}
            )
            review = Review.objects.filter(
                school=school, framework=framework, submitted_at__isnull=True
            ).first() or review_start(
                school=school, framework=framework, user=lead, title=BENCH_REVIEW_TITLE
            )
            contributor_add(review=review, colleague=staff, user=lead)


def _import_pupils(pairs: list[tuple[int, int]]) -> None:
    from django.db import transaction
    from django.utils import timezone

    from reconnect.demo.spectrum import PHASES
    from reconnect.schools.models import School
    from reconnect.spectrum import synthetic
    from reconnect.spectrum.models import Snapshot
    from reconnect.spectrum.services.bulk import imports_bulk

    as_at = timezone.localdate() - datetime.timedelta(days=7)
    schools = (
        School.objects.filter(pk__in=[school_id for _u, school_id in pairs])
        .exclude(pk__in=Snapshot.objects.values("school_id"))
        .select_related("local_authority")
    )
    files = []
    for school in schools:
        spec = synthetic.SchoolSpec(
            pupils=max(30, min(school.number_on_roll or 400, 1_800)),
            phase=PHASES[school.phase],
            la_code=school.local_authority.code,
            urn=school.urn,
            fsm_pct=_pct(school.percent_fsm),
            eal_pct=_pct(school.percent_eal),
            sen_support_pct=_pct(school.percent_sen_support),
            ehcp_pct=_pct(school.percent_ehcp),
            sixth_form=school.phase == "all_through",
            as_at=as_at,
        )
        data = synthetic.generate(spec, seed=8).csv("canonical")
        files.append((school, data, f"pupils-{as_at:%Y-%m-%d}.csv"))
    with transaction.atomic():
        imports_bulk(files, user=None, as_at_date=None)


def _pct(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def mix_data(users: int) -> MixData:
    """The first ``users`` simulated members and what their requests name."""
    from reconnect.accounts.models import User
    from reconnect.hub.models import Theme
    from reconnect.network.models import Category, Thread
    from reconnect.schools.models import School
    from reconnect.selfeval.models import Review, ReviewContributor, Statement

    pairs = _staff_members()[:users]
    if len(pairs) < users:
        raise SystemExit(f"Only {len(pairs)} simulated members are prepared; ask for fewer.")
    members = []
    for user_id, school_id in pairs:
        review = Review.objects.get(
            pk=ReviewContributor.objects.filter(
                user_id=user_id, review__school_id=school_id, review__submitted_at__isnull=True
            ).values("review_id")[:1]
        )
        members.append(
            Member(
                user_id=user_id,
                email=User.objects.get(pk=user_id).email,
                school_urn=School.objects.get(pk=school_id).urn,
                review_id=review.pk,
                statement_ids=list(
                    Statement.objects.filter(domain__version_id=review.version_id)
                    .order_by("pk")
                    .values_list("pk", flat=True)
                ),
            )
        )
    return MixData(
        members=members,
        theme_slugs=list(Theme.objects.order_by("slug").values_list("slug", flat=True)),
        category_slugs=list(
            Category.objects.filter(coordinators_only=False).values_list("slug", flat=True)
        ),
        thread_ids=list(
            Thread.objects.filter(title__startswith=BENCH_THREAD_TITLE)
            .order_by("-last_posted_at")
            .values_list("pk", flat=True)[:500]
        ),
    )


def sessions_create(members: list[Member]) -> dict[int, str]:
    """A signed-in session for each member, written straight to the session store.

    Signing in through the form would meet allauth's 30-a-minute limit per address (every
    virtual user comes from 127.0.0.1) and cost a password hash each; the run measures
    browsing, not signing in. The session holds what ``login()`` would put there, so
    ``SESSION_KEY``'s hash must verify with the server's SECRET_KEY: the same one, from the
    environment. Returns user id → session key (the cookie's value).
    """
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from reconnect.accounts.middleware import SESSION_STARTED_KEY
    from reconnect.accounts.models import User

    keys = {}
    for member in members:
        user = User.objects.get(pk=member.user_id)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[SESSION_STARTED_KEY] = time.time()
        session.create()
        keys[member.user_id] = str(session.session_key)
    return keys
