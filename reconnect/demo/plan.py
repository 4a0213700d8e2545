"""The demo network as plain data: which schools, trusts and members, drawn from one seed.

Planning is pure (no database), so the same seed always gives the same network and the
builder only has to write it. Every draw comes from one ``random.Random(seed)`` in a fixed
order; changing the order of draws changes the network, which the determinism test notices.
"""

import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from reconnect.demo import names
from reconnect.demo.accounts import (
    DEMO_SCHOOL_A_NAME,
    DEMO_SCHOOL_A_URN,
    DEMO_SCHOOL_B_NAME,
    DEMO_SCHOOL_B_URN,
    DEMO_TRUST_A_NAME,
    DEMO_TRUST_B_NAME,
    PlannedMember,
    demo_accounts,
)
from reconnect.demo.figures import context_figures
from reconnect.schools.data.london import LOCAL_AUTHORITIES, NEIGHBOURS

DEFAULT_SEED = 2026
FIRST_URN = 900001  # URNs from 900000 up are unused by real schools
CAMDEN = 202
SOUTHWARK = 210

PHASES_REQUIRED = (
    "primary",
    "secondary",
    "special",
    "alternative_provision",
    "all_through",
    "nursery",
)
# Shares of London's state schools by phase (DfE, rounded); 16-19 schools only at scale.
PHASE_WEIGHTS: dict[str, float] = {
    "primary": 0.70,
    "secondary": 0.18,
    "special": 0.06,
    "alternative_provision": 0.025,
    "all_through": 0.02,
    "nursery": 0.015,
    "16_plus": 0.01,
}
# How strongly each phase tends to be in a trust (secondaries far more than primaries).
TRUST_AFFINITY: dict[str, float] = {
    "primary": 1.0,
    "secondary": 3.0,
    "special": 1.2,
    "alternative_provision": 1.5,
    "all_through": 3.0,
    "nursery": 0.05,
    "16_plus": 4.0,
}
TRUST_SHARE = 1 / 3


@dataclass(frozen=True)
class Scale:
    schools: int
    trusts: int


SCALES: dict[str, Scale] = {
    "small": Scale(schools=60, trusts=6),
    "london": Scale(schools=2500, trusts=150),
}


@dataclass(frozen=True)
class PlannedTrust:
    name: str
    slug: str
    home_la: int
    region: frozenset[int]


@dataclass(frozen=True)
class PlannedSchool:
    urn: int
    name: str
    phase: str
    establishment_type: str
    la_code: int
    trust_name: str | None
    postcode: str
    number_on_roll: int
    percent_fsm: Decimal
    percent_eal: Decimal
    percent_sen_support: Decimal
    percent_ehcp: Decimal
    attendance_percent: Decimal


@dataclass(frozen=True)
class PlannedInvitation:
    email: str
    school_urn: int
    role: str
    invited_by_email: str


@dataclass(frozen=True)
class PlannedJoinRequest:
    first_name: str
    last_name: str
    email: str
    job_title: str
    school_urn: int
    role: str
    message: str


@dataclass
class NetworkPlan:
    seed: int
    trusts: list[PlannedTrust] = field(default_factory=list)
    schools: list[PlannedSchool] = field(default_factory=list)
    accounts: list[PlannedMember] = field(default_factory=list)
    members: list[PlannedMember] = field(default_factory=list)
    invitations: list[PlannedInvitation] = field(default_factory=list)
    join_requests: list[PlannedJoinRequest] = field(default_factory=list)
    # The trust whose system leader is leader@example.org.
    system_leader_trust: str = DEMO_TRUST_A_NAME


def allocate(
    total: int, weights: Mapping[str, float], minimum: Mapping[str, int]
) -> dict[str, int]:
    """Split ``total`` into whole counts: the minimums first, the rest by largest remainder."""
    counts = {key: minimum.get(key, 0) for key in weights}
    rest = total - sum(counts.values())
    if rest < 0:
        raise ValueError(f"{total} is fewer than the {sum(counts.values())} required.")
    weight_sum = sum(weights.values())
    shares = {key: rest * weight / weight_sum for key, weight in weights.items()}
    for key, share in shares.items():
        counts[key] += int(share)
    leftover = rest - sum(int(share) for share in shares.values())
    # Ties go to the key listed first, so the result never depends on dict hashing.
    order = sorted(weights, key=lambda key: -(shares[key] - int(shares[key])))
    for key in order[:leftover]:
        counts[key] += 1
    return counts


def slugify_ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _weighted(rng: random.Random, options: Sequence[tuple[str, int]]) -> str:
    return rng.choices([name for name, _ in options], weights=[w for _, w in options])[0]


class _Namer:
    """Unique place-like names for schools and trusts."""

    def __init__(self, rng: random.Random, reserved: Sequence[str]) -> None:
        self.rng = rng
        self.used: set[str] = set(reserved)
        self.reserved_stems = {name.split()[0] for name in reserved}

    def stem(self) -> str:
        while True:
            word = self.rng.choice(names.NAME_PREFIXES) + self.rng.choice(names.NAME_SUFFIXES)
            if word not in self.reserved_stems:
                break
        qualifier = self.rng.choice(names.NAME_QUALIFIERS)
        return f"{word} {qualifier}" if qualifier else word

    def unique(self, patterns: Sequence[str]) -> str:
        while True:
            name = self.rng.choice(patterns).format(stem=self.stem())
            if name not in self.used:
                self.used.add(name)
                return name


def _neighbours() -> dict[int, set[int]]:
    result: dict[int, set[int]] = {code: set() for code, _, _ in LOCAL_AUTHORITIES}
    for left, right in NEIGHBOURS:
        result[left].add(right)
        result[right].add(left)
    return result


def _pick_trust_schools(
    rng: random.Random, phases: Sequence[str], forced: set[int], count: int
) -> set[int]:
    """Which schools are academies in a trust: a weighted sample, favouring secondaries."""
    keys = []
    for index, phase in enumerate(phases):
        if index in forced:
            continue
        # Efraimidis–Spirakis: the top keys are a weighted sample without replacement.
        keys.append((rng.random() ** (1 / TRUST_AFFINITY[phase]), index))
    keys.sort(reverse=True)
    chosen = {index for _, index in keys[: max(0, count - len(forced))]}
    return chosen | forced


def plan_network(
    *,
    seed: int = DEFAULT_SEED,
    schools: int = SCALES["small"].schools,
    trusts: int = SCALES["small"].trusts,
    members_per_school: tuple[int, int] = (3, 5),
    theme_slugs: Sequence[str] = (),
) -> NetworkPlan:
    """Plan a fictional network of ``schools`` schools across all 33 London boroughs."""
    if schools < len(LOCAL_AUTHORITIES):
        raise ValueError(
            f"The demo needs at least {len(LOCAL_AUTHORITIES)} schools, one a borough."
        )
    if trusts < 2:
        raise ValueError("The demo needs at least two trusts (one for each demo school).")
    rng = random.Random(seed)  # noqa: S311 - a reproducible fiction, not a secret
    theme_slugs = sorted(theme_slugs)
    plan = NetworkPlan(seed=seed)
    plan.accounts = demo_accounts(theme_slugs)
    inner = {code: is_inner for code, _, is_inner in LOCAL_AUTHORITIES}
    neighbours = _neighbours()
    namer = _Namer(rng, [DEMO_SCHOOL_A_NAME, DEMO_SCHOOL_B_NAME, DEMO_TRUST_A_NAME])
    namer.used.add(DEMO_TRUST_B_NAME)
    namer.reserved_stems.add(DEMO_TRUST_B_NAME.split()[0])

    # Boroughs and phases: every borough and every main phase at least once.
    la_counts = allocate(
        schools,
        {str(code): names.SCHOOL_WEIGHTS[code] for code, _, _ in LOCAL_AUTHORITIES},
        {str(code): 1 for code, _, _ in LOCAL_AUTHORITIES},
    )
    phase_counts = allocate(schools, PHASE_WEIGHTS, dict.fromkeys(PHASES_REQUIRED, 1))
    la_pool = [int(code) for code, n in la_counts.items() for _ in range(n)]
    phase_pool = [phase for phase, n in phase_counts.items() for _ in range(n)]
    # Schools A and B come first: a Camden primary and a Southwark secondary.
    la_pool.remove(CAMDEN)
    la_pool.remove(SOUTHWARK)
    phase_pool.remove("primary")
    phase_pool.remove("secondary")
    rng.shuffle(la_pool)
    rng.shuffle(phase_pool)
    la_codes = [CAMDEN, SOUTHWARK, *la_pool]
    phases = ["primary", "secondary", *phase_pool]

    # Trusts: two fixed ones for the demo schools, the rest named and placed at random.
    la_weights = [names.SCHOOL_WEIGHTS[code] for code, _, _ in LOCAL_AUTHORITIES]
    la_list = [code for code, _, _ in LOCAL_AUTHORITIES]
    trust_specs = [(DEMO_TRUST_A_NAME, CAMDEN), (DEMO_TRUST_B_NAME, SOUTHWARK)]
    for _ in range(trusts - 2):
        name = namer.unique(names.TRUST_PATTERNS)
        trust_specs.append((name, rng.choices(la_list, weights=la_weights)[0]))
    plan.trusts = [
        PlannedTrust(
            name=name,
            slug=slugify_ascii(name),
            home_la=home,
            region=frozenset({home} | neighbours[home]),
        )
        for name, home in trust_specs
    ]
    # A few large trusts and many small ones, as in London.
    trust_sizes = [rng.choice([1, 1, 1, 2, 2, 3, 5, 8]) for _ in plan.trusts]
    # The system leader's trust is a sizeable one, so their view has schools to show.
    trust_sizes[0] = 8

    in_trust = _pick_trust_schools(rng, phases, {0, 1}, round(schools * TRUST_SHARE))
    for index, (la_code, phase) in enumerate(zip(la_codes, phases, strict=True)):
        trust_name: str | None = None
        if index == 0:
            trust_name = DEMO_TRUST_A_NAME
        elif index == 1:
            trust_name = DEMO_TRUST_B_NAME
        elif index in in_trust:
            local = [i for i, trust in enumerate(plan.trusts) if la_code in trust.region]
            candidates = local or list(range(len(plan.trusts)))
            chosen = rng.choices(candidates, weights=[trust_sizes[i] for i in candidates])[0]
            trust_name = plan.trusts[chosen].name

        if trust_name is not None:
            establishment_type = _weighted(rng, names.ACADEMY_TYPES[phase])
            patterns = names.ACADEMY_NAME_PATTERNS.get(phase, names.PHASE_NAME_PATTERNS[phase])
        else:
            establishment_type = _weighted(rng, names.MAINTAINED_TYPES[phase])
            if establishment_type in names.CHURCH_TYPES and phase in names.CHURCH_NAME_PATTERNS:
                patterns = names.CHURCH_NAME_PATTERNS[phase]
                if establishment_type == "Voluntary controlled school":
                    patterns = patterns[:1]  # controlled church schools are Church of England
            else:
                patterns = names.PHASE_NAME_PATTERNS[phase]
        if index == 0:
            name, establishment_type = DEMO_SCHOOL_A_NAME, "Academy converter"
        elif index == 1:
            name, establishment_type = DEMO_SCHOOL_B_NAME, "Academy sponsor led"
        else:
            name = namer.unique(patterns)

        district = rng.choice(names.POSTCODE_DISTRICTS[la_code])
        unit = "".join(rng.choices(names.POSTCODE_UNIT_LETTERS, k=2))
        postcode = f"{district} {rng.randint(1, 9)}{unit}"
        figures = context_figures(rng, phase, inner[la_code])
        plan.schools.append(
            PlannedSchool(
                urn=FIRST_URN + index,
                name=name,
                phase=phase,
                establishment_type=establishment_type,
                la_code=la_code,
                trust_name=trust_name,
                postcode=postcode,
                **figures,  # type: ignore[arg-type]
            )
        )

    _plan_members(rng, plan, members_per_school, theme_slugs)
    _plan_requests(rng, plan)
    return plan


def _member_email(first: str, last: str, school_name: str, used: set[str]) -> str:
    local = f"{slugify_ascii(first)}.{slugify_ascii(last).replace('-', '')}"
    domain = slugify_ascii(school_name) + ".example.org"
    email = f"{local}@{domain}"
    number = 2
    while email in used:
        email = f"{local}{number}@{domain}"
        number += 1
    used.add(email)
    return email


def _job_title(rng: random.Random, school: PlannedSchool, role: str) -> str:
    if rng.random() < 0.1:
        return ""  # some members have not finished their profile yet
    if role == "school_lead":
        academy = school.trust_name is not None and school.phase != "primary"
        return rng.choice(names.ACADEMY_LEAD_TITLES if academy else names.LEAD_TITLES)
    if role == "data_lead":
        return rng.choice(names.DATA_LEAD_TITLES)
    titles = names.STAFF_TITLES
    if school.phase not in {"nursery", "primary", "all_through"}:
        titles = [t for t in titles if t not in {"Early Years Lead", "Class Teacher"}]
    if school.phase in {"nursery", "primary", "special", "alternative_provision"}:
        titles = [t for t in titles if not t.startswith("Head of")]
    return rng.choice(titles)


def _plan_members(
    rng: random.Random,
    plan: NetworkPlan,
    members_per_school: tuple[int, int],
    theme_slugs: Sequence[str],
) -> None:
    used = {account.email for account in plan.accounts}
    already = {(a.school_urn, a.school_role) for a in plan.accounts if a.school_urn}
    for school in plan.schools:
        count = rng.randint(*members_per_school)
        if school.urn == DEMO_SCHOOL_A_URN:
            count = 1  # with the three demo accounts
        elif school.urn == DEMO_SCHOOL_B_URN:
            count = 1  # with head.b: two members, so its lead is asked to invite staff
        roles: list[str] = []
        if (school.urn, "school_lead") not in already:
            roles.append("school_lead")
        if (school.urn, "data_lead") not in already and rng.random() < 0.6:
            roles.append("data_lead")
        roles += ["staff"] * max(0, count - len(roles))
        for role in roles[:count]:
            first = rng.choice(names.GIVEN_NAMES)
            last = rng.choice(names.FAMILY_NAMES)
            themes: tuple[str, ...] = ()
            if theme_slugs and rng.random() < 0.8:
                themes = tuple(sorted(rng.sample(list(theme_slugs), rng.randint(1, 3))))
            plan.members.append(
                PlannedMember(
                    email=_member_email(first, last, school.name, used),
                    first_name=first,
                    last_name=last,
                    job_title=_job_title(rng, school, role),
                    school_urn=school.urn,
                    school_role=role,
                    open_to_contact=rng.random() < 0.45,
                    theme_slugs=themes,
                )
            )


def _plan_requests(rng: random.Random, plan: NetworkPlan) -> None:
    """Two invitations school A's lead is waiting on, and three requests to join."""
    school_a = plan.schools[0]
    used = {member.email for member in (*plan.accounts, *plan.members)}
    for _ in range(2):
        first, last = rng.choice(names.GIVEN_NAMES), rng.choice(names.FAMILY_NAMES)
        plan.invitations.append(
            PlannedInvitation(
                email=_member_email(first, last, school_a.name, used),
                school_urn=school_a.urn,
                role="staff",
                invited_by_email="head.a@example.org",
            )
        )
    for school in rng.sample(plan.schools[2:], 3):
        first, last = rng.choice(names.GIVEN_NAMES), rng.choice(names.FAMILY_NAMES)
        role = rng.choice(["school_lead", "staff"])
        plan.join_requests.append(
            PlannedJoinRequest(
                first_name=first,
                last_name=last,
                email=_member_email(first, last, school.name, used),
                job_title="Headteacher" if role == "school_lead" else "Attendance Lead",
                school_urn=school.urn,
                role=role,
                message="We would like to join the network and take part in a learning trio.",
            )
        )
