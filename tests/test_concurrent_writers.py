"""Thirty-two writers at once: answers, posts, RSVPs and pupil imports lose nothing and
double nothing, and nobody sees "database is locked" (issue 8, concurrency).

Sixteen members each act through two server threads at the same moment, as a double
click or a retried request arrives on two threads of a threaded server: the twins make
the same submissions (the same answer, the same post submission keys, the same RSVP, the
same pupil file), and each repeats every one of them once more afterwards. Between them
the 32 threads call the real services (``answer_save``, ``reply_create``,
``thread_start``, ``rsvp_set``, ``import_receive``), one request's worth per step,
closing the connection after each step as a request does. The members take the four
kinds of write in a rotated order, so all four are in flight together.

Afterwards every intended write is there exactly once (counted and identified), every
repeat got the first write back, the counters the services keep agree with the rows, and
every import is audited twice (received, finished).

Threads, not processes: each thread has its own connection, as each request of a threaded
worker has, and SQLite locks a file the same way between two connections of one process
as between two processes, so more processes would show nothing more. On SQLite the
threads share a WAL file copy of the test database opened with the settings' OPTIONS
(``tests/concurrency.py``); on PostgreSQL they share the pool of the settings.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db.models import Max

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.models import AuditEvent
from reconnect.network.models import (
    Notification,
    NotificationKind,
    Post,
    PostStatus,
    Rsvp,
    RsvpStatus,
    Thread,
    ThreadRead,
    ThreadWatch,
)
from reconnect.network.selectors.moderation import TRUSTED_AFTER_POSTS
from reconnect.network.services.discussions import reply_create, thread_start
from reconnect.network.services.events import rsvp_set
from reconnect.network.tests.factories import (
    CategoryFactory,
    EventFactory,
    PostFactory,
    ThreadFactory,
)
from reconnect.schools.tests.factories import SchoolFactory
from reconnect.selfeval.models import Answer, AnswerChange, Statement
from reconnect.selfeval.services.reviews import answer_save
from reconnect.selfeval.tests.factories import open_review, published_framework
from reconnect.spectrum.models import (
    ImportSource,
    ImportStatus,
    PupilImport,
    PupilRecord,
    Snapshot,
)
from reconnect.spectrum.services.imports import import_receive
from reconnect.spectrum.tests.factories import pupil_csv, pupil_rows
from tests.concurrency import checking, run_at_once, sqlite_file_copy

MEMBERS = 16
WRITERS = 2 * MEMBERS  # each member's twin threads
PLACES = 10
WITHDRAWING = 4  # members 0-3 reply "going", then "not going"
PUPILS = 30
CHECK = "concurrent_writers_check"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"


@dataclass
class World:
    members: list[Any]
    review: Any
    shared_statement: Any
    own_statements: list[Any]
    thread: Any  # everyone replies here
    category: Any  # everyone starts a thread here
    event: Any
    schools: list[Any]
    files: list[bytes]
    refs: list[set[str]]


@dataclass
class Results:
    """What the services returned, appended from every thread (list.append is atomic)."""

    own_answers: dict[int, list[bool]] = field(default_factory=lambda: defaultdict(list))
    shared_answers: list[bool] = field(default_factory=list)
    replies: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    threads: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    going: dict[int, list[bool]] = field(default_factory=lambda: defaultdict(list))
    imports: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


def _trusted(user: Any, history: Any) -> Any:
    """Give ``user`` the published posts after which theirs are no longer held."""
    top = history.posts.aggregate(top=Max("number"))["top"] or 0
    for number in range(top + 1, top + 1 + TRUSTED_AFTER_POSTS):
        PostFactory.create(thread=history, number=number, author=user)
    return user


@pytest.fixture
def world(school_a) -> World:
    history = ThreadFactory.create()
    organiser = _trusted(UserFactory.create(first_name="Organiser"), history)
    # Even members are trusted and publish at once; odd ones are new, so theirs are held.
    members = [UserFactory.create(first_name=f"Member{p}") for p in range(MEMBERS)]
    for member in members[::2]:
        _trusted(member, history)
    version = published_framework(statements_per_domain=6)
    review = open_review(school_a, version)
    statements = list(
        Statement.objects.filter(domain__version=version).order_by(
            "domain__sort_order", "sort_order"
        )
    )
    thread = thread_start(
        author=organiser,
        title="What works for attendance?",
        body="Tell us what you do.",
        category=CategoryFactory.create(),
    )
    rows = [pupil_rows(PUPILS, seed=100 + p) for p in range(MEMBERS)]
    return World(
        members=members,
        review=review,
        shared_statement=statements[0],
        own_statements=statements[1 : MEMBERS + 1],
        thread=thread,
        category=CategoryFactory.create(),
        event=EventFactory.create(capacity=PLACES, organiser=organiser),
        schools=[SchoolFactory.create() for _ in range(MEMBERS)],
        files=[pupil_csv(member_rows) for member_rows in rows],
        refs=[{row["pupil_ref"] for row in member_rows} for member_rows in rows],
    )


def _steps(world: World, results: Results, writer: int) -> list[Callable[[], object]]:
    """One thread's requests: its member's four kinds of write, each made and repeated."""
    p = writer // 2
    member = world.members[p]

    def own_answer() -> None:
        saved = answer_save(
            review=world.review,
            statement=world.own_statements[p],
            user=member,
            level=p % 4 + 1,
            evidence=f"Member {p}'s evidence.",
            seen_revision=None,
        )
        results.own_answers[p].append(saved.changed)

    def shared_answer() -> None:
        saved = answer_save(
            review=world.review,
            statement=world.shared_statement,
            user=member,
            level=writer % 4 + 1,
            evidence=f"Writer {writer}'s view.",
            seen_revision=None,
        )
        results.shared_answers.append(saved.changed)

    def reply(key: str) -> Callable[[], None]:
        def make() -> None:
            post = reply_create(
                author=member, thread=world.thread, body=f"Reply {key}.", submission_key=key
            )
            results.replies[key].append(post.pk)

        return make

    def start_thread() -> None:
        key = f"member-{p}-thread"
        thread = thread_start(
            author=member,
            title=f"Member {p}'s question",
            body="How do you keep Year 9 coming in?",
            category=world.category,
            submission_key=key,
        )
        results.threads[key].append(thread.pk)

    def rsvp(going: bool) -> Callable[[], None]:
        def make() -> None:
            outcome = rsvp_set(event=world.event, user=member, going=going)
            if going and p >= WITHDRAWING:
                results.going[p].append(outcome.changed)

        return make

    def upload() -> None:
        pupil_import = import_receive(
            school=world.schools[p],
            user=member,
            data=world.files[p],
            filename="pupils.csv",
            as_at_date=None,
            source=ImportSource.WEB,
        )
        results.imports[p].append(pupil_import.pk)

    shared_key, own_key = f"member-{p}-reply", f"writer-{writer}-reply"
    rsvps: list[Callable[[], object]] = [rsvp(True), rsvp(True)]
    if p < WITHDRAWING:
        rsvps += [rsvp(False), rsvp(False)]
    blocks: list[list[Callable[[], object]]] = [
        [own_answer, shared_answer, own_answer],
        [reply(shared_key), reply(own_key), start_thread, reply(shared_key), start_thread],
        rsvps,
        [upload, upload],
    ]
    turn = p % len(blocks)  # twins alike, so their repeats really race
    return [step for block in blocks[turn:] + blocks[:turn] for step in block]


def test_thirty_two_writers_lose_nothing_and_double_nothing(world, tmp_path):
    database = sqlite_file_copy(tmp_path, "writers.sqlite3")
    results = Results()

    failures = run_at_once(database, [_steps(world, results, w) for w in range(WRITERS)])

    assert [f for f in failures if "locked" in f] == []
    assert failures == [], "\n".join(failures)
    with checking(database, CHECK) as using:
        _check_answers(using, world, results)
        _check_posts(using, world, results)
        _check_rsvps(using, world, results)
        _check_imports(using, world, results)


def _check_answers(using: str, world: World, results: Results) -> None:
    answers = Answer.objects.using(using).filter(review_id=world.review.pk)
    changes = AnswerChange.objects.using(using).filter(answer__review_id=world.review.pk)
    assert answers.count() == MEMBERS + 1
    for p, statement in enumerate(world.own_statements):
        # Four saves of one answer (twins, then each again): one revision, three no-ops.
        assert sorted(results.own_answers[p]) == [False, False, False, True]
        answer = answers.get(statement_id=statement.pk)
        assert (answer.revision, answer.level, answer.evidence, answer.updated_by_id) == (
            1,
            p % 4 + 1,
            f"Member {p}'s evidence.",
            world.members[p].pk,
        )
        assert changes.filter(answer_id=answer.pk).count() == 1
    # Thirty-two different saves of the shared statement: thirty-two revisions in a row,
    # each writer's once, and the answer is the last of them.
    assert results.shared_answers == [True] * WRITERS
    shared = answers.get(statement_id=world.shared_statement.pk)
    history = list(changes.filter(answer_id=shared.pk).order_by("revision"))
    assert [c.revision for c in history] == list(range(1, WRITERS + 1))
    assert sorted(c.evidence for c in history) == sorted(
        f"Writer {w}'s view." for w in range(WRITERS)
    )
    assert (shared.revision, shared.evidence) == (history[-1].revision, history[-1].evidence)


def _check_posts(using: str, world: World, results: Results) -> None:
    trusted = {member.pk for member in world.members[::2]}
    replies = Post.objects.using(using).filter(thread_id=world.thread.pk, number__gt=1)
    keys = {f"member-{p}-reply" for p in range(MEMBERS)} | {
        f"writer-{w}-reply" for w in range(WRITERS)
    }
    assert sorted(replies.values_list("submission_key", flat=True)) == sorted(keys)
    # Every call with a key got that key's one post back: the twins' and the repeats'.
    for key in keys:
        made = results.replies[key]
        assert len(made) == (4 if key.startswith("member-") else 1)
        assert made == [replies.get(submission_key=key).pk] * len(made)
    numbers = sorted(replies.values_list("number", flat=True))
    assert numbers == list(range(2, len(keys) + 2))
    published = replies.filter(status=PostStatus.PUBLISHED)
    assert set(published.values_list("author_id", flat=True)) == trusted
    assert set(replies.filter(status=PostStatus.PENDING).values_list("author_id", flat=True)) == {
        member.pk for member in world.members[1::2]
    }
    thread = Thread.objects.using(using).get(pk=world.thread.pk)
    assert published.count() == 3 * len(trusted)  # each trusted member: 1 shared + 2 own keys
    assert thread.post_count == 1 + published.count()
    assert thread.last_post_number == published.aggregate(top=Max("number"))["top"]
    # The organiser hears of each published reply once; nothing of the held ones.
    told = Notification.objects.using(using).filter(thread_id=thread.pk)
    assert sorted(told.values_list("kind", "user_id", "post_id")) == sorted(
        (NotificationKind.REPLY, thread.author_id, pk)
        for pk in published.values_list("pk", flat=True)
    )
    # Each member watches (tracks) the thread once and has one place in it.
    members = sorted(member.pk for member in world.members)
    for model in (ThreadWatch, ThreadRead):
        rows = model.objects.using(using).filter(thread_id=thread.pk)
        assert sorted(rows.values_list("user_id", flat=True)) == sorted(
            [thread.author_id, *members]
        )

    started = Thread.objects.using(using).filter(category_id=world.category.pk)
    assert started.count() == MEMBERS
    for p, member in enumerate(world.members):
        key = f"member-{p}-thread"
        mine = started.get(author_id=member.pk)
        assert results.threads[key] == [mine.pk] * 4
        opening = Post.objects.using(using).get(thread_id=mine.pk)
        assert (opening.number, opening.submission_key) == (1, key)
        assert mine.post_count == (1 if member.pk in trusted else 0)


def _check_rsvps(using: str, world: World, results: Results) -> None:
    rsvps = Rsvp.objects.using(using).filter(event_id=world.event.pk)
    assert sorted(rsvps.values_list("user_id", flat=True)) == sorted(m.pk for m in world.members)
    statuses = Counter(rsvps.values_list("status", flat=True))
    wanting = MEMBERS - WITHDRAWING
    assert statuses == {
        RsvpStatus.GOING: PLACES,
        RsvpStatus.WAITING: wanting - PLACES,
        RsvpStatus.NOT_GOING: WITHDRAWING,
    }
    withdrawn = rsvps.filter(status=RsvpStatus.NOT_GOING).values_list("user_id", flat=True)
    assert sorted(withdrawn) == sorted(m.pk for m in world.members[:WITHDRAWING])
    # Those who stayed: of their four "going" (twins, repeats), one wrote and three saw it.
    for p in range(WITHDRAWING, MEMBERS):
        assert sorted(results.going[p]) == [False, False, False, True]


def _check_imports(using: str, world: World, results: Results) -> None:
    for p, school in enumerate(world.schools):
        snapshots = list(Snapshot.objects.using(using).filter(school_id=school.pk))
        assert len(snapshots) == 1
        snapshot = snapshots[0]
        assert (snapshot.is_latest, snapshot.pupil_count) == (True, PUPILS)
        refs = list(
            PupilRecord.objects.using(using)
            .filter(snapshot_id=snapshot.pk)
            .values_list("pupil_ref", flat=True)
        )
        assert sorted(refs) == sorted(world.refs[p])
        imports = PupilImport.objects.using(using).filter(school_id=school.pk)
        assert sorted(results.imports[p]) == sorted(imports.values_list("pk", flat=True))
        # One file, four uploads (twins, then each again): imported once, the rest
        # recognised, and every one of them leads to the one snapshot.
        assert Counter(imports.values_list("status", "snapshot_id", "upload_name")) == {
            (ImportStatus.IMPORTED, snapshot.pk, ""): 1,
            (ImportStatus.UNCHANGED, snapshot.pk, ""): 3,
        }
        audited = AuditEvent.objects.using(using).filter(
            target_type="spectrum.pupilimport", school_urn=school.urn
        )
        assert sorted(audited.values_list("action", "target_id")) == sorted(
            (action, str(pk))
            for pk in results.imports[p]
            for action in ("spectrum.import.finished", "spectrum.import.received")
        )
