"""Vulnerability-spectrum demo data: pupil files imported for a sample of demo schools.

Demo school A gets two snapshots about a half-term apart (the same pupils, absence and
suspensions accumulating, a few new free-school-meal claims, plans and arrivals), so its
profiles show what changed; demo school B gets one. So that the network aggregate has
something to show, and something to suppress, the schools of school A's and school B's
trusts and boroughs get one snapshot each too, up to ``MAX_SCHOOLS`` in all (at London
scale that is a sample: the benchmark, not the demo, imports all of London).

Files come from the synthetic generator (``spectrum.synthetic``) with each school's own
context figures (number on roll, % FSM, EAL, SEN support and EHC plans) and go through the
real import service, exactly as an upload would: pseudonymised, minimised, audited. Each
school's file is seeded by the demo seed and its URN, so a seed always gives the same
pupils. Schools that already have a snapshot are left alone, so running it again changes
nothing.
"""

import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from reconnect.accounts.models import User
from reconnect.demo.accounts import DEMO_SCHOOL_A_URN, DEMO_SCHOOL_B_URN
from reconnect.schools.models import Membership, School
from reconnect.schools.roles import SchoolRole
from reconnect.spectrum import synthetic
from reconnect.spectrum.models import ImportSource, ImportStatus, Snapshot
from reconnect.spectrum.services.imports import import_receive

MAX_SCHOOLS = 12
# Schools other than A and B are sampled at no more than this many pupils, which keeps
# the small demo's import to a few seconds; A and B keep their number on roll.
SAMPLE_PUPILS = 240
# A half-term between school A's two snapshots.
HALF_TERM = timedelta(weeks=7)
PHASES: dict[str, synthetic.Phase] = {
    "nursery": "primary",
    "primary": "primary",
    "secondary": "secondary",
    "all_through": "secondary",
    "special": "secondary",
    "alternative_provision": "secondary",
}


@dataclass(frozen=True)
class SpectrumSeedResult:
    schools: int
    snapshots: int
    pupils: int
    seconds: float


def spectrum_demo_is_loaded() -> bool:
    return Snapshot.objects.filter(school__urn=DEMO_SCHOOL_A_URN).exists()


def snapshot_dates(today: date) -> tuple[date, date]:
    """School A's two dates: the last Friday before ``today`` and a half-term earlier, both
    in one academic year (early in the autumn term, the previous summer's instead)."""
    latest = today - timedelta(days=1)
    while latest.weekday() != 4:
        latest -= timedelta(days=1)
    year = synthetic.academic_year_start(latest)
    if latest - HALF_TERM < synthetic.term_start(year) + timedelta(weeks=2):
        latest = date(year, 7, 17)
        while latest.weekday() != 4:
            latest -= timedelta(days=1)
    return latest - HALF_TERM, latest


def demo_schools(limit: int = MAX_SCHOOLS) -> list[School]:
    """School A, school B, then their trusts' and boroughs' other schools, by URN."""
    anchors = list(
        School.objects.filter(urn__in=[DEMO_SCHOOL_A_URN, DEMO_SCHOOL_B_URN]).order_by("urn")
    )
    if not anchors:
        return []
    near = Q()
    for school in anchors:
        near |= Q(local_authority_id=school.local_authority_id)
        if school.trust_id is not None:
            near |= Q(trust_id=school.trust_id)
    others = (
        School.objects.filter(near, is_open=True, phase__in=list(PHASES))
        .exclude(pk__in=[s.pk for s in anchors])
        .order_by("-trust_id", "urn")
    )
    # The trusts' schools first (the system leader's view), then the boroughs'.
    trusts = {s.trust_id for s in anchors if s.trust_id is not None}
    ordered = sorted(others, key=lambda s: (s.trust_id not in trusts, s.urn))
    return (anchors + ordered)[:limit]


def _uploaders(school_ids: list[int]) -> dict[int, User]:
    """Each school's data lead, else its school lead (the one who would upload)."""
    rank: dict[str, int] = {SchoolRole.DATA_LEAD: 0, SchoolRole.SCHOOL_LEAD: 1}
    best: dict[int, tuple[int, int]] = {}
    for school_id, user_id, role in Membership.objects.filter(
        school_id__in=school_ids, role__in=list(rank)
    ).values_list("school_id", "user_id", "role"):
        candidate = (rank[role], user_id)
        if school_id not in best or candidate < best[school_id]:
            best[school_id] = candidate
    users = User.objects.in_bulk([user_id for _rank, user_id in best.values()])
    return {school_id: users[user_id] for school_id, (_rank, user_id) in best.items()}


def _spec(school: School, as_at: date) -> synthetic.SchoolSpec:
    def pct(value: object) -> float | None:
        return None if value is None else float(value)  # type: ignore[arg-type]

    anchor = school.urn in (DEMO_SCHOOL_A_URN, DEMO_SCHOOL_B_URN)
    return synthetic.SchoolSpec(
        pupils=max(30, min(school.number_on_roll or 400, 1800 if anchor else SAMPLE_PUPILS)),
        phase=PHASES[school.phase],
        la_code=school.local_authority.code,
        urn=school.urn,
        fsm_pct=pct(school.percent_fsm),
        eal_pct=pct(school.percent_eal),
        sen_support_pct=pct(school.percent_sen_support),
        ehcp_pct=pct(school.percent_ehcp),
        sixth_form=school.phase == "all_through",
        # School A records young carers, so its profiles and prompts show both cases.
        records_young_carers=True if school.urn == DEMO_SCHOOL_A_URN else None,
        as_at=as_at,
    )


def seed_spectrum(*, seed: int, today: date | None = None) -> SpectrumSeedResult:
    """Import the demo pupil files (see the module docstring).

    Side effects, through ``services.imports.import_receive`` for each file: imports,
    snapshots and pupil records, each school's sealed pseudonym key, audit events.
    Schools with a snapshot already are skipped. Raises ``RuntimeError`` if a demo file
    is refused (the generator and the importer disagree: a bug, never the user's).
    """
    started = time.perf_counter()
    today = today or timezone.localdate()
    earlier, latest = snapshot_dates(today)
    schools = [s for s in demo_schools() if not Snapshot.objects.filter(school=s).exists()]
    uploaders = _uploaders([s.pk for s in schools])
    snapshots = pupils = 0
    for school in schools:
        if school.urn == DEMO_SCHOOL_A_URN:
            cohorts = synthetic.snapshots(_spec(school, earlier), [earlier, latest], seed=seed)
        else:
            cohorts = [synthetic.generate(_spec(school, latest), seed=seed)]
        flavour = synthetic.FLAVOURS[school.urn % len(synthetic.FLAVOURS)]
        for cohort in cohorts:
            result = import_receive(
                school=school,
                user=uploaders.get(school.pk),
                data=cohort.csv(flavour),
                filename=f"pupils-{cohort.as_at:%Y-%m-%d}.csv",
                as_at_date=None,
                source=ImportSource.COMMAND,
            )
            if result.status != ImportStatus.IMPORTED:
                raise RuntimeError(
                    f"The demo file for URN {school.urn} was {result.status}: "
                    f"{result.problem_count} problems, unmatched {result.unmatched_headers}"
                )
            snapshots += 1
            pupils += cohort.size
    return SpectrumSeedResult(
        schools=len(schools),
        snapshots=snapshots,
        pupils=pupils,
        seconds=time.perf_counter() - started,
    )
