"""The async load generator: virtual members in a closed loop over a weighted mix of pages.

Each virtual user is one real simulated member with their own signed-in session (see
``data.sessions_create``) and their own connection, and sends its next request when the
last one has answered plus a think time (uniform between half and one and a half times the
mean; none at ``--think 0``). Redirects are not followed: a reply is timed up to its
redirect, the browser's wait for the save; the page it then loads is another request. An
answer is saved as the review's page saves it, through htmx (a fragment, no redirect).
Static files are not fetched (whitenoise serves them from memory; the pages are the cost).
"""

import asyncio
import os
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import httpx

from .data import Member, MixData

SESSION_COOKIE = "reconnect_sessionid"
CSRF_COOKIE = "reconnect_csrftoken"
SEARCHES = [
    "attendance",
    "reading",
    "mentoring",
    "phonics",
    "behaviour",
    "tutoring",
    "persistent absence",
    "oracy",
    "transition",
    "parental engagement",
    "maths mastery",
    "send support",
    "wellbeing",
    "attendence",  # misspelt: the search corrects it
    "feedback marking workload",
]
# A member posts a reply at most once in this many seconds (the app allows six a minute).
REPLY_GAP_SECONDS = 12.0


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    expected: frozenset[int]
    data: dict[str, str] | None = None
    headers: dict[str, str] | None = None


@dataclass
class UserState:
    member: Member
    rng: random.Random
    csrf: str = ""
    last_reply: float = -1e9
    sequence: int = 0


GET_OK = frozenset({200})
# A reply redirects to the new post; a form sent back with errors would be a 200 or a 429.
REDIRECT_OK = frozenset({302})


def dashboard(mix: MixData, user: UserState) -> Request:
    return Request("GET", "/", GET_OK)


def hub_search(mix: MixData, user: UserState) -> Request:
    query = user.rng.choice(SEARCHES).replace(" ", "+")
    return Request("GET", f"/hub/search/?q={query}", GET_OK)


def theme_page(mix: MixData, user: UserState) -> Request:
    return Request("GET", f"/hub/themes/{user.rng.choice(mix.theme_slugs)}/", GET_OK)


def network_home(mix: MixData, user: UserState) -> Request:
    return Request("GET", "/network/", GET_OK)


def network_category(mix: MixData, user: UserState) -> Request:
    return Request("GET", f"/network/categories/{user.rng.choice(mix.category_slugs)}/", GET_OK)


def network_thread(mix: MixData, user: UserState) -> Request:
    return Request("GET", f"/network/threads/{user.rng.choice(mix.thread_ids)}/", GET_OK)


def reply_post(mix: MixData, user: UserState) -> Request:
    user.sequence += 1
    thread = user.rng.choice(mix.thread_ids[:50])  # replies gather on the recent threads
    key = f"load-{user.member.user_id}-{time.time_ns()}"
    return Request(
        "POST",
        f"/network/threads/{thread}/reply/",
        REDIRECT_OK,
        {
            "csrfmiddlewaretoken": user.csrf,
            "body": f"We tried this too (reply {user.sequence}): the register at 9:05 helped.",
            "submission_key": key[:40],
        },
    )


def answer_save(mix: MixData, user: UserState) -> Request:
    user.sequence += 1
    member = user.member
    statement = user.rng.choice(member.statement_ids)
    return Request(
        "POST",
        f"/self-evaluation/reviews/{member.review_id}/statements/{statement}/answer/",
        GET_OK,
        {
            "csrfmiddlewaretoken": user.csrf,
            "level": str(user.rng.randint(1, 4)),
            "evidence": f"Seen in book looks and pupil voice, week {user.sequence}.",
            "seen_revision": "",
        },
        # As the domain page sends it: htmx swaps the saved statement in (200), no redirect.
        {"HX-Request": "true"},
    )


def cohort_overview(mix: MixData, user: UserState) -> Request:
    return Request("GET", f"/pupil-data/{user.member.school_urn}/cohorts/", GET_OK)


def cohort_combinations(mix: MixData, user: UserState) -> Request:
    return Request("GET", f"/pupil-data/{user.member.school_urn}/cohorts/combinations/", GET_OK)


def cohort_outcomes(mix: MixData, user: UserState) -> Request:
    return Request("GET", f"/pupil-data/{user.member.school_urn}/cohorts/outcomes/", GET_OK)


Maker = Callable[[MixData, UserState], Request]
# (label, weight in the mix, request maker). Reading outweighs writing about ten to one.
MIX: list[tuple[str, int, Maker]] = [
    ("dashboard", 14, dashboard),
    ("hub search", 14, hub_search),
    ("theme page", 10, theme_page),
    ("network home", 10, network_home),
    ("network category", 10, network_category),
    ("network thread", 16, network_thread),
    ("reply (POST)", 4, reply_post),
    ("answer save (POST)", 8, answer_save),
    ("cohort overview", 6, cohort_overview),
    ("cohort combinations", 4, cohort_combinations),
    ("cohort outcomes", 4, cohort_outcomes),
]
PAGES: dict[str, Maker] = {label: maker for label, _weight, maker in MIX}
BARE = "bare view"
# The bare view is measured before the pages and again after them; the faster of the two is
# the ceiling, so a slow moment of a shared machine cannot flatter the pages' shares.
BARE_RUNS = ("bare view, first", "bare view, last")


@dataclass
class Tally:
    """One page's requests: latencies in ms, errors and what the first few were."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    samples: list[str] = field(default_factory=list)

    def add(self, milliseconds: float, problem: str | None) -> None:
        self.latencies.append(milliseconds)
        if problem is not None:
            self.errors += 1
            if len(self.samples) < 3:
                self.samples.append(problem)

    def percentile(self, share: int) -> float:
        if not self.latencies:
            return float("nan")
        if len(self.latencies) == 1:
            return self.latencies[0]
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[share - 1]


def _think(user: UserState, mean: float) -> float:
    return user.rng.uniform(0.5 * mean, 1.5 * mean) if mean > 0 else 0.0


async def _send(client: httpx.AsyncClient, request: Request, tally: Tally) -> None:
    started = time.perf_counter()
    problem: str | None = None
    try:
        response = await client.request(
            request.method, request.url, data=request.data, headers=request.headers
        )
        await response.aread()
        if response.status_code not in request.expected:
            problem = f"{response.status_code} {request.method} {request.url}"
    except httpx.HTTPError as error:
        problem = f"{type(error).__name__} {request.method} {request.url}"
    tally.add((time.perf_counter() - started) * 1000, problem)


async def _sign_in(client: httpx.AsyncClient, user: UserState, mix: MixData) -> None:
    """Open a thread page once (unrecorded) for the CSRF cookie its reply form sets."""
    # Generous: a worker still importing the app answers its first request late.
    response = await client.get(f"/network/threads/{mix.thread_ids[0]}/", timeout=300)
    if response.status_code != 200:
        raise SystemExit(
            f"{user.member.email} could not open a thread page: {response.status_code} "
            f"{response.headers.get('location', '')}"
        )
    user.csrf = client.cookies.get(CSRF_COOKIE) or ""
    if not user.csrf:
        raise SystemExit("The thread page set no CSRF cookie; the POSTs cannot be sent.")


def _client(base_url: str, session_key: str | None) -> httpx.AsyncClient:
    cookies = {SESSION_COOKIE: session_key} if session_key else {}
    return httpx.AsyncClient(
        base_url=base_url,
        cookies=cookies,
        follow_redirects=False,
        timeout=httpx.Timeout(30.0),
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
    )


async def _signed_in(
    base_url: str, mix: MixData, sessions: dict[int, str]
) -> list[tuple[httpx.AsyncClient, UserState]]:
    """A client and state per member, each signed in (first page loaded) before any clock."""
    pairs = [
        (_client(base_url, sessions[member.user_id]), UserState(member, random.Random(n)))
        for n, member in enumerate(mix.members)
    ]
    await asyncio.gather(*(_sign_in(client, user, mix) for client, user in pairs))
    return pairs


async def _close(pairs: list[tuple[httpx.AsyncClient, UserState]]) -> None:
    await asyncio.gather(*(client.aclose() for client, _user in pairs))


async def _mix_loop(
    client: httpx.AsyncClient,
    user: UserState,
    mix: MixData,
    tallies: dict[str, Tally],
    *,
    think: float,
    deadline: float,
) -> None:
    labels = [label for label, _weight, _maker in MIX]
    weights = [weight for _label, weight, _maker in MIX]
    # Spread the first requests over a think time, as members arrive one by one.
    await asyncio.sleep(user.rng.uniform(0, think))
    while time.perf_counter() < deadline:
        label = user.rng.choices(labels, weights)[0]
        if label == "reply (POST)":
            if time.perf_counter() - user.last_reply < REPLY_GAP_SECONDS:
                label = "network thread"  # reading instead: nobody posts six a minute
            else:
                user.last_reply = time.perf_counter()
        await _send(client, PAGES[label](mix, user), tallies[label])
        # Never think past the end: the run's seconds are the requests' seconds.
        await asyncio.sleep(min(_think(user, think), max(0.0, deadline - time.perf_counter())))


async def _mix(
    pairs: list[tuple[httpx.AsyncClient, UserState]],
    mix: MixData,
    *,
    duration: float,
    think: float,
) -> tuple[dict[str, Tally], float]:
    tallies = {label: Tally() for label, _weight, _maker in MIX}
    began = time.perf_counter()
    await asyncio.gather(
        *(
            _mix_loop(client, user, mix, tallies, think=think, deadline=began + duration)
            for client, user in pairs
        )
    )
    return tallies, time.perf_counter() - began


async def _page_loop(
    client: httpx.AsyncClient,
    user: UserState | None,
    mix: MixData,
    label: str,
    tally: Tally,
    deadline: float,
) -> None:
    while time.perf_counter() < deadline:
        if user is None:  # the bare view: anonymous, no session to read
            request = Request("GET", "/bench/bare/", GET_OK)
        else:
            request = PAGES[label](mix, user)
        await _send(client, request, tally)


async def _alone(
    pairs: Sequence[tuple[httpx.AsyncClient, UserState | None]],
    mix: MixData,
    label: str,
    seconds: float,
) -> tuple[Tally, float]:
    """Every user requests only ``label``, with no think time: the page's throughput."""
    tally = Tally()
    began = time.perf_counter()
    await asyncio.gather(
        *(_page_loop(client, user, mix, label, tally, began + seconds) for client, user in pairs)
    )
    return tally, time.perf_counter() - began


@dataclass
class Results:
    mix: dict[str, Tally]
    mix_seconds: float
    mix_cpu_seconds: float  # the driver's own processor time during the mix
    load_after_mix: tuple[float, float, float]
    alone: dict[str, tuple[Tally, float]]
    load_after: tuple[float, float, float]


async def _drive(
    base_url: str,
    mix: MixData,
    sessions: dict[int, str],
    *,
    warmup: float,
    duration: float,
    think: float,
    alone: list[str],
    page_seconds: float,
) -> Results:
    """Sign everyone in once, warm up, run the mix, then the bare view, each page alone and
    the bare view again."""
    pairs = await _signed_in(base_url, mix, sessions)
    anonymous = [_client(base_url, None) for _pair in pairs]
    try:
        await _mix(pairs, mix, duration=warmup, think=think)
        cpu_before = time.process_time()
        tallies, seconds = await _mix(pairs, mix, duration=duration, think=think)
        cpu = time.process_time() - cpu_before
        load_after_mix = os.getloadavg()
        bare: list[tuple[httpx.AsyncClient, UserState | None]] = [(c, None) for c in anonymous]
        measured = {BARE_RUNS[0]: await _alone(bare, mix, BARE, page_seconds)}
        measured.update({label: await _alone(pairs, mix, label, page_seconds) for label in alone})
        measured[BARE_RUNS[1]] = await _alone(bare, mix, BARE, page_seconds)
        return Results(tallies, seconds, cpu, load_after_mix, measured, os.getloadavg())
    finally:
        await _close(pairs)
        await asyncio.gather(*(client.aclose() for client in anonymous))


def drive(
    base_url: str,
    mix: MixData,
    sessions: dict[int, str],
    *,
    warmup: float,
    duration: float,
    think: float,
    alone: list[str],
    page_seconds: float,
) -> Results:
    return asyncio.run(
        _drive(
            base_url,
            mix,
            sessions,
            warmup=warmup,
            duration=duration,
            think=think,
            alone=alone,
            page_seconds=page_seconds,
        )
    )
