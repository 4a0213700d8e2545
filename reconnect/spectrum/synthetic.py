"""Realistic synthetic pupil files for tests, the demo and the benchmarks. Pure numpy.

One latent "disadvantage" score per pupil drives the correlated indicators the way the
research note describes them (shared ``domain/vulnerability-indicators.md``): free school
meals and Ever 6, SEN support and EHC plans, absence (persistent and severe), suspensions
and, rarely, children in need, on a protection plan or looked after. EAL and recent
arrivals follow the school's borough; young carers are under-recorded (most schools record
none, as in the 2023 census). The same seed always gives the same file.

A school is described by a :class:`SchoolSpec` (number of pupils, phase, borough, and its
own FSM / EAL / SEN figures when known). :func:`generate` draws a :class:`Cohort`;
:meth:`Cohort.later` ages it by some weeks (the same pupils, a few leavers and joiners,
absence and suspensions accumulating, a few new FSM claims, plans and arrivals) so two
snapshots show changes. :meth:`Cohort.rows` gives canonical rows (``list[dict]``) for
tests; :func:`rows_to_csv` writes any rows as CSV bytes with canonical headers or headers
and value formats in the style of a SIMS, Arbor or Bromcom export (every header is one of
``columns.ALIASES``).

The convenience functions :func:`pupil_rows` and :func:`pupil_csv` do both in one call.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

import numpy as np

Phase = Literal["primary", "secondary"]
Flavour = Literal["canonical", "sims", "arbor", "bromcom"]
FLAVOURS: tuple[Flavour, ...] = ("canonical", "sims", "arbor", "bromcom")

# ---------------------------------------------------------------------------------------
# UPNs


_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # no I, O or S


def upn_check_letter(body: str) -> str:
    """The DfE check letter of a UPN's last 12 characters.

    Each character is weighted by its position (2 to 13), digits at their value and a
    temporary UPN's final letter at its place in the check-letter alphabet; the sum
    modulo 23 indexes that alphabet.
    """
    if len(body) != 12:
        raise ValueError("A UPN has 12 characters after its check letter.")
    total = 0
    for position, char in enumerate(body, start=2):
        total += position * (int(char) if char.isdigit() else _CHECK_LETTERS.index(char))
    return _CHECK_LETTERS[total % 23]


def upn_is_valid(upn: str) -> bool:
    """Thirteen characters, a correct check letter, eleven digits, a digit or letter."""
    if len(upn) != 13 or not upn[1:12].isdigit():
        return False
    last = upn[12]
    if not (last.isdigit() or last in _CHECK_LETTERS):
        return False
    return upn[0] == upn_check_letter(upn[1:])


def make_upn(la_code: int, establishment: int, year: int, serial: int) -> str:
    """A permanent UPN: LA code, establishment number, allocation year, serial."""
    body = f"{la_code % 1000:03d}{establishment % 10000:04d}{year % 100:02d}{serial % 1000:03d}"
    return upn_check_letter(body) + body


# ---------------------------------------------------------------------------------------
# Schools and boroughs

# Share of pupils with a first language other than English, about the 2024 census, by
# DfE LA code (primary and secondary together; rounded).
EAL_BY_BOROUGH: dict[int, float] = {
    201: 40, 202: 48, 203: 38, 204: 44, 205: 44, 206: 38, 207: 55, 208: 38, 209: 33,
    210: 40, 211: 70, 212: 38, 213: 65, 301: 50, 302: 50, 303: 18, 304: 66, 305: 15,
    306: 38, 307: 56, 308: 50, 309: 48, 310: 60, 311: 20, 312: 46, 313: 56, 314: 35,
    315: 40, 316: 75, 317: 56, 318: 22, 319: 30, 320: 50,
}  # fmt: skip
INNER_LONDON = frozenset(range(201, 214))


@dataclass(frozen=True)
class SchoolSpec:
    """What is known of a school. Percentages are of all pupils; ``None`` = typical."""

    pupils: int = 600
    phase: Phase = "secondary"
    la_code: int = 210
    urn: int = 900001
    fsm_pct: float | None = None
    eal_pct: float | None = None
    sen_support_pct: float | None = None
    ehcp_pct: float | None = None
    sixth_form: bool = False
    # Whether the school records young carers at all (None: decided by the seed, about
    # one school in four does).
    records_young_carers: bool | None = None
    as_at: date = date(2026, 10, 16)

    @property
    def inner(self) -> bool:
        return self.la_code in INNER_LONDON


# ---------------------------------------------------------------------------------------
# School calendar


def academic_year_start(day: date) -> int:
    """The calendar year in which ``day``'s academic year began (September)."""
    return day.year if day.month >= 9 else day.year - 1


def term_start(year: int) -> date:
    """The first weekday on or after 3 September."""
    day = date(year, 9, 3)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _week_of(day: date) -> list[date]:
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(5)]


def holidays(year: int) -> list[date]:
    """Approximate London school holidays (weekdays) of the academic year from ``year``."""
    days: list[date] = []
    days += _week_of(date(year, 10, 28))  # autumn half-term
    christmas = date(year, 12, 20)
    while christmas <= date(year + 1, 1, 3):
        days.append(christmas)
        christmas += timedelta(days=1)
    days += _week_of(date(year + 1, 2, 16))  # spring half-term
    easter = date(year + 1, 3, 30)
    while easter <= date(year + 1, 4, 10):
        days.append(easter)
        easter += timedelta(days=1)
    days += _week_of(date(year + 1, 5, 28))  # summer half-term
    return [d for d in days if d.weekday() < 5]


def school_days(starts: np.ndarray, end: date) -> np.ndarray:
    """School days from each start (datetime64[D]) to ``end`` inclusive."""
    year = academic_year_start(end)
    closed = np.array(holidays(year), dtype="datetime64[D]")
    stop = np.datetime64(end + timedelta(days=1), "D")
    counts = np.busday_count(starts, stop, holidays=closed)
    return np.maximum(counts, 0)


# ---------------------------------------------------------------------------------------
# The cohort

_COLUMN_ORDER = (
    "pupil_ref", "upn", "as_at_date", "year_group", "reg_group", "sex", "date_of_birth",
    "entry_date", "enrol_status", "fsm_eligible", "fsm_ever6", "pupil_premium",
    "idaci_decile", "looked_after", "post_looked_after", "cin", "cpp", "social_worker_ever6",
    "early_help", "kinship_care", "young_carer", "service_child", "sen_provision",
    "sen_primary_need", "sen_secondary_need", "medical_needs", "first_language", "eal",
    "english_proficiency", "first_entry_english_school", "sessions_possible",
    "sessions_present", "sessions_auth_absent", "sessions_unauth_absent",
    "attendance_period_start", "attendance_period_end", "attendance_pct",
    "part_time_timetable", "suspensions_count", "suspension_sessions",
    "alternative_provision", "behaviour_negative", "attainment_english", "attainment_maths",
)  # fmt: skip

_LANGUAGES = np.array(["BNG", "URD", "SOM", "POL", "ARA", "TUR", "PNJ", "GUJ", "TAM",
                       "POR", "SPA", "RMN", "YOR", "FRN", "ALB", "LIT", "CHI", "PRS"])  # fmt: skip
_PRIMARY_CLASSES = ("Oak", "Ash", "Elm", "Rowan", "Beech", "Willow", "Hazel", "Maple")
_FORM_LETTERS = "ABCDEFGHJKLM"


def _sigmoid(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-x))
    return out


def _top(score: np.ndarray, share: float, eligible: np.ndarray | None = None) -> np.ndarray:
    """A boolean mask of the round(share * n) highest scores (among ``eligible``)."""
    n = score.size
    mask = np.zeros(n, dtype=bool)
    k = round(max(0.0, min(1.0, share)) * n)
    if k == 0:
        return mask
    ranked = np.where(eligible, score, -np.inf) if eligible is not None else score
    order = np.argsort(-ranked, kind="stable")[:k]
    if eligible is not None:
        order = order[eligible[order]]
    mask[order] = True
    return mask


@dataclass
class Cohort:
    """Column arrays of one school's pupils at one date, plus what drives them."""

    spec: SchoolSpec
    as_at: date
    seed: int
    wave: int
    columns: dict[str, np.ndarray]
    latent: np.ndarray
    absence_rate: np.ndarray

    @property
    def size(self) -> int:
        return int(self.latent.size)

    def rows(self) -> list[dict[str, Any]]:
        """One dict per pupil, canonical column names, Python values (None = blank)."""
        names = [name for name in _COLUMN_ORDER if name in self.columns]
        lists = [_pylist(self.columns[name]) for name in names]
        return [dict(zip(names, values, strict=True)) for values in zip(*lists, strict=True)]

    def csv(self, flavour: Flavour = "canonical", *, include_as_at: bool = True) -> bytes:
        """The cohort as an export file (UTF-8, CRLF, like the MIS exports)."""
        names = [name for name in _COLUMN_ORDER if name in self.columns]
        if not include_as_at:
            names.remove("as_at_date")
        return _write_csv(names, [_pylist(self.columns[name]) for name in names], flavour)

    def later(self, as_at: date, *, seed: int | None = None) -> Cohort:
        """The same school ``as_at`` (later in the same academic year): most pupils stay,
        absence and suspensions accumulate, some circumstances change."""
        if as_at <= self.as_at or academic_year_start(as_at) != academic_year_start(self.as_at):
            raise ValueError("A later snapshot is later in the same academic year.")
        rng = np.random.default_rng([self.seed if seed is None else seed, self.wave + 1])
        return _evolve(self, as_at, rng)


def _pylist(values: np.ndarray) -> list[Any]:
    if values.dtype.kind == "M":
        return [None if np.isnat(v) else v.astype(date) for v in values]
    if values.dtype.kind == "f":
        return [None if v != v else v for v in values.tolist()]  # NaN is blank
    return values.tolist()


def generate(spec: SchoolSpec, *, seed: int = 0) -> Cohort:
    """Draw a school's pupils at ``spec.as_at``."""
    rng = np.random.default_rng([seed, spec.urn, 0])
    n = spec.pupils
    as_at = spec.as_at
    year_start = academic_year_start(as_at)
    inner = spec.inner

    # Year groups: a little smaller in the upper years of a secondary sixth form.
    if spec.phase == "primary":
        groups = ["R", "1", "2", "3", "4", "5", "6"]
        weights = np.ones(7)
    else:
        groups = ["7", "8", "9", "10", "11"] + (["12", "13"] if spec.sixth_form else [])
        weights = np.array([1.0] * 5 + ([0.55, 0.5] if spec.sixth_form else []))
    year_index = np.sort(rng.choice(len(groups), size=n, p=weights / weights.sum()))
    year_group = np.array(groups, dtype=object)[year_index]
    year_number = np.array([0 if g == "R" else int(g) for g in groups])[year_index]

    latent = rng.standard_normal(n)
    # Borough context shifts the whole school a little.
    latent_school = 0.25 if inner else 0.0

    def noisy(weight: float) -> np.ndarray:
        return weight * latent + np.sqrt(1 - weight**2) * rng.standard_normal(n)

    fsm_pct = spec.fsm_pct if spec.fsm_pct is not None else (32.0 if inner else 22.0)
    fsm = _top(noisy(0.85), fsm_pct / 100)
    ever6 = fsm | _top(noisy(0.8), 0.3 * fsm_pct / 100, eligible=~fsm)

    ehcp_pct = spec.ehcp_pct if spec.ehcp_pct is not None else 2.8
    sen_pct = spec.sen_support_pct if spec.sen_support_pct is not None else 13.0
    ehcp = _top(noisy(0.35), ehcp_pct / 100)
    sen_support = _top(noisy(0.5), sen_pct / 100, eligible=~ehcp)
    sen = np.where(ehcp, "E", np.where(sen_support, "K", "N")).astype(object)
    needs = np.array(["SEMH", "SLCN", "ASD", "MLD", "SPLD", "OTH", "PD", "HI", "VI", "SLD"])
    need_p = np.array([0.24, 0.22, 0.16, 0.13, 0.11, 0.04, 0.03, 0.03, 0.02, 0.02])
    primary_need = rng.choice(needs, size=n, p=need_p).astype(object)
    primary_need[sen == "N"] = None
    has_second = (sen != "N") & (rng.random(n) < 0.25)
    secondary_need = rng.choice(needs, size=n, p=need_p).astype(object)
    secondary_need[~has_second | (secondary_need == primary_need)] = None

    # Care and protection: rare, concentrated at the top of the latent score.
    severe = latent + 0.6 * rng.standard_normal(n)
    looked_after = _top(severe, 0.004)
    cpp = _top(severe, 0.005, eligible=~looked_after)
    cin = (cpp | _top(severe, 0.025, eligible=~looked_after)) & ~looked_after
    social_worker = looked_after | cin | _top(severe, 0.04, eligible=~(looked_after | cin))
    early_help = _top(noisy(0.6), 0.03, eligible=~(cin | looked_after))
    plac = np.full(n, "N", dtype=object)
    plac_mask = _top(noisy(0.3), 0.004, eligible=~looked_after)
    plac[plac_mask] = rng.choice(["A", "G", "C"], size=int(plac_mask.sum()), p=[0.6, 0.3, 0.1])
    kinship = np.full(n, "ND", dtype=object)
    kin_mask = _top(noisy(0.5), 0.012, eligible=~looked_after & ~plac_mask)
    kinship[kin_mask] = rng.choice(["KF", "KI", "KU"], size=int(kin_mask.sum()))

    records_carers = (
        spec.records_young_carers
        if spec.records_young_carers is not None
        else bool(rng.random() < 0.25)
    )
    young_carer = np.full(n, "N", dtype=object)
    if records_carers:
        carer_mask = _top(noisy(0.5), 0.012)
        young_carer[carer_mask] = rng.choice(["P", "S"], size=int(carer_mask.sum()))
    service = np.where(rng.random(n) < 0.003, "Y", "N").astype(object)
    medical = rng.random(n) < 0.05

    # Language: the borough's share, slightly correlated with disadvantage.
    eal_pct = spec.eal_pct if spec.eal_pct is not None else EAL_BY_BOROUGH.get(spec.la_code, 40)
    if spec.eal_pct is None and spec.phase == "secondary":
        eal_pct *= 0.9
    eal = _top(noisy(0.15), eal_pct / 100)
    arrival_share = 0.12 if inner else 0.09
    recent = _top(noisy(0.2), arrival_share, eligible=eal) if eal.any() else eal.copy()
    first_language = np.where(eal, rng.choice(_LANGUAGES, size=n), "ENG").astype(object)
    unknown_language = ~eal & (rng.random(n) < 0.01)
    first_language[unknown_language] = "NOT"
    proficiency = np.full(n, None, dtype=object)
    settled = rng.choice(["C", "D", "E", "E", "E", "N"], size=n)
    arrived = rng.choice(["A", "B", "B", "C", "C", "D"], size=n)
    proficiency[eal] = np.where(recent, arrived, settled)[eal]

    # Dates of birth: the academic-year cohort for the year group.
    born_from = np.array(
        [np.datetime64(date(year_start - y - 5, 9, 1), "D") for y in range(15)],
        dtype="datetime64[D]",
    )[year_number]
    date_of_birth = born_from + rng.integers(0, 365, size=n).astype("timedelta64[D]")

    # Entry: the usual start (Reception or Year 7, or Year 12) unless mobile.
    entry_year_number = np.where(spec.phase == "primary", 0, np.where(year_number >= 12, 12, 7))
    usual_entry = np.array(
        [np.datetime64(term_start(year_start - (y - e)), "D") for y, e in
         zip(year_number.tolist(), entry_year_number.tolist(), strict=True)],
        dtype="datetime64[D]",
    )  # fmt: skip
    mobile = (rng.random(n) < 0.07) | (recent & (rng.random(n) < 0.7))
    days_since_usual = (np.datetime64(as_at, "D") - usual_entry).astype(int)
    offset = (rng.random(n) * np.maximum(days_since_usual - 1, 0)).astype(int)
    entry = np.where(mobile, usual_entry + offset.astype("timedelta64[D]"), usual_entry)
    first_entry = np.full(n, np.datetime64("NaT", "D"), dtype="datetime64[D]")
    arrival_days = rng.integers(0, 3 * 365, size=n).astype("timedelta64[D]")
    arrival = np.minimum(entry, np.datetime64(as_at, "D") - arrival_days)
    first_entry[recent] = arrival[recent]
    # Recent arrivals joined this school on or after their arrival in England.
    entry = np.where(recent, np.maximum(entry, first_entry), entry)

    # Attendance: a pupil's absence rate grows with disadvantage, SEN and phase.
    base = -3.55 if spec.phase == "primary" else -3.1
    rate = _sigmoid(
        base
        + 0.55 * (latent + latent_school)
        + 0.35 * (sen != "N")
        + 0.5 * (young_carer != "N")
        + 0.7 * rng.standard_normal(n)
    )
    # A small tail of severe absence (school refusal, illness, disengagement).
    severe_absence = _top(noisy(0.6), 0.006 if spec.phase == "primary" else 0.015)
    rate = np.where(severe_absence, np.maximum(rate, rng.uniform(0.45, 0.85, size=n)), rate)
    part_time = _top(noisy(0.5) + 2.0 * ehcp, 0.004 if spec.phase == "primary" else 0.008)
    rate = np.where(part_time, np.maximum(rate, 0.3), rate)

    # Suspensions: rare in primary, concentrated among disadvantaged pupils and SEMH.
    susp_base = -5.4 if spec.phase == "primary" else -3.4
    susp_lambda = np.exp(
        susp_base + 0.8 * latent + 0.6 * (primary_need == "SEMH") + 0.3 * (sen != "N")
    )
    ap = (
        _top(noisy(0.6) + (primary_need == "SEMH"), 0.006)
        if spec.phase == "secondary"
        else np.zeros(n, dtype=bool)
    )

    below = _sigmoid(-0.9 + 0.9 * latent + 1.2 * (sen != "N") + 0.5 * recent)
    attain_en = np.where(rng.random(n) < below, "below",
                         np.where(rng.random(n) < 0.3, "above", "at")).astype(object)  # fmt: skip
    attain_ma = np.where(rng.random(n) < below * 0.95, "below",
                         np.where(rng.random(n) < 0.3, "above", "at")).astype(object)  # fmt: skip

    idaci = np.clip(np.round(5.5 - 2.2 * noisy(0.55) - (1.2 if inner else 0.0)), 1, 10).astype(
        np.int64
    )

    refs = _pupil_refs(rng, n, year_start, year_number)
    upns = _upns(rng, spec, year_start, year_number, recent, first_entry)

    reg_group = _reg_groups(rng, spec.phase, year_group)
    sex = rng.choice(np.array(["M", "F"], dtype=object), size=n)

    columns: dict[str, np.ndarray] = {
        "pupil_ref": refs,
        "upn": upns,
        "year_group": year_group,
        "reg_group": reg_group,
        "sex": sex,
        "date_of_birth": date_of_birth,
        "entry_date": entry,
        "enrol_status": np.full(n, "C", dtype=object),
        "fsm_eligible": fsm,
        "fsm_ever6": ever6,
        "idaci_decile": idaci,
        "looked_after": looked_after,
        "post_looked_after": plac,
        "cin": cin,
        "cpp": cpp,
        "social_worker_ever6": social_worker,
        "early_help": early_help,
        "kinship_care": kinship,
        "young_carer": young_carer,
        "service_child": service,
        "sen_provision": sen,
        "sen_primary_need": primary_need,
        "sen_secondary_need": secondary_need,
        "medical_needs": medical,
        "first_language": first_language,
        "eal": eal,
        "english_proficiency": proficiency,
        "first_entry_english_school": first_entry,
        "part_time_timetable": part_time,
        "alternative_provision": ap,
        "attainment_english": attain_en,
        "attainment_maths": attain_ma,
    }
    cohort = Cohort(spec, as_at, seed, 0, columns, latent, rate)
    cohort.columns["_susp_lambda"] = susp_lambda
    _attendance(cohort, rng, previous=None)
    return cohort


def _pupil_refs(
    rng: np.random.Generator, n: int, year_start: int, year_number: np.ndarray
) -> np.ndarray:
    """Admission numbers: six digits, older pupils lower, unique."""
    start = 100000 + (year_start % 100) * 1000
    gaps = rng.integers(1, 4, size=n)
    # Older pupils (higher year numbers) were admitted first.
    order = np.argsort(-year_number, kind="stable")
    numbers = np.empty(n, dtype=np.int64)
    numbers[order] = start - 20000 + np.cumsum(gaps)
    return np.array([f"{v:06d}" for v in numbers.tolist()], dtype=object)


def _upns(
    rng: np.random.Generator,
    spec: SchoolSpec,
    year_start: int,
    year_number: np.ndarray,
    recent: np.ndarray,
    first_entry: np.ndarray,
) -> np.ndarray:
    """Permanent UPNs allocated where each pupil first started school, all unique."""
    n = year_number.size
    # Allocation year: entry to Reception (or nursery) for most, arrival for recent ones.
    alloc = year_start - year_number + rng.integers(-1, 1, size=n)
    arrival_years = first_entry.astype("datetime64[Y]").astype(int) + 1970
    alloc = np.where(recent, arrival_years, alloc)
    borough_codes = np.array(list(EAL_BY_BOROUGH), dtype=np.int64)
    la = np.where(rng.random(n) < 0.7, spec.la_code, rng.choice(borough_codes, size=n))
    establishment = np.where(
        rng.random(n) < 0.5, 2000 + spec.urn % 1000, rng.integers(2000, 3999, size=n)
    )
    serial = rng.permutation(n) % 1000
    seen: set[str] = set()
    out = []
    for la_code, estab, year, ser in zip(
        la.tolist(), establishment.tolist(), alloc.tolist(), serial.tolist(), strict=True
    ):
        upn = make_upn(la_code, estab, year, ser)
        while upn in seen:
            estab = 2000 + (estab + 1) % 2000
            upn = make_upn(la_code, estab, year, ser)
        seen.add(upn)
        out.append(upn)
    return np.array(out, dtype=object)


def _reg_groups(rng: np.random.Generator, phase: Phase, year_group: np.ndarray) -> np.ndarray:
    out = np.empty(year_group.size, dtype=object)
    for group in dict.fromkeys(year_group.tolist()):
        members = np.flatnonzero(year_group == group)
        size = 30 if phase == "primary" else 28
        forms = max(1, round(members.size / size))
        choice = rng.integers(0, forms, size=members.size)
        if phase == "primary":
            label = "R" if group == "R" else f"Y{group}"
            names = [f"{label} {_PRIMARY_CLASSES[i % len(_PRIMARY_CLASSES)]}" for i in range(forms)]
        else:
            names = [f"{group}{_FORM_LETTERS[i % len(_FORM_LETTERS)]}" for i in range(forms)]
        out[members] = np.array(names, dtype=object)[choice]
    return out


def _attendance(cohort: Cohort, rng: np.random.Generator, previous: Cohort | None) -> None:
    """Sessions from the start of the academic year (or entry) to the snapshot date."""
    c = cohort.columns
    n = cohort.size
    as_at = cohort.as_at
    year_start = academic_year_start(as_at)
    period_start = np.datetime64(term_start(year_start), "D")
    period_end = as_at - timedelta(days=1)
    starts = np.maximum(c["entry_date"].astype("datetime64[D]"), period_start)
    possible = 2 * school_days(starts, period_end)
    if previous is None:
        absent = rng.binomial(possible, cohort.absence_rate)
        suspensions = rng.poisson(c["_susp_lambda"] * possible / 76)
    else:
        # Continuing pupils keep what they had; the new weeks add to it.
        before_possible = c["_prev_possible"]
        extra = np.maximum(possible - before_possible, 0)
        absent = c["_prev_absent"] + rng.binomial(extra, cohort.absence_rate)
        suspensions = c["_prev_suspensions"] + rng.poisson(c["_susp_lambda"] * extra / 76)
    absent = np.minimum(absent, possible)
    unauth_share = np.clip(0.25 + 0.12 * cohort.latent, 0.05, 0.8)
    unauth = np.round(absent * unauth_share).astype(np.int64)
    auth = absent - unauth
    present = possible - absent
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(possible > 0, np.round(100 * present / np.maximum(possible, 1), 1), np.nan)
    suspension_sessions = np.where(
        suspensions > 0, suspensions * rng.choice([1.0, 2.0, 4.0, 6.0], size=n), 0.0
    )
    behaviour = np.round(
        rng.gamma(1.2, 4.0 + 4.0 * np.exp(0.6 * cohort.latent)) * possible / 76
    ).astype(np.int64)
    c["as_at_date"] = np.full(n, np.datetime64(as_at, "D"))
    c["sessions_possible"] = possible.astype(np.int64)
    c["sessions_present"] = present.astype(np.int64)
    c["sessions_auth_absent"] = auth.astype(np.int64)
    c["sessions_unauth_absent"] = unauth
    c["attendance_period_start"] = np.full(n, period_start)
    c["attendance_period_end"] = np.full(n, np.datetime64(period_end, "D"))
    c["attendance_pct"] = pct
    c["suspensions_count"] = suspensions.astype(np.int64)
    c["suspension_sessions"] = suspension_sessions
    c["behaviour_negative"] = behaviour.astype(np.float64)
    c["pupil_premium"] = c["fsm_ever6"] | c["looked_after"] | (c["post_looked_after"] != "N")


def _evolve(prev: Cohort, as_at: date, rng: np.random.Generator) -> Cohort:
    spec = replace(prev.spec, as_at=as_at)
    n_prev = prev.size
    weeks = (as_at - prev.as_at).days / 7
    leave = rng.random(n_prev) < 0.002 * weeks
    keep = ~leave
    columns = {name: values[keep].copy() for name, values in prev.columns.items()}
    latent = prev.latent[keep].copy()
    n = latent.size

    # Circumstances that change within a term.
    per_week = weeks / 7  # a half-term's worth
    fsm = columns["fsm_eligible"]
    new_fsm = _top(latent + rng.standard_normal(n), 0.015 * per_week, eligible=~fsm)
    columns["fsm_eligible"] = fsm | new_fsm
    columns["fsm_ever6"] = columns["fsm_ever6"] | new_fsm
    not_sen = columns["sen_provision"] == "N"
    new_sen = _top(latent + rng.standard_normal(n), 0.008 * per_week, eligible=not_sen)
    columns["sen_provision"] = np.where(new_sen, "K", columns["sen_provision"]).astype(object)
    columns["sen_primary_need"] = np.where(
        new_sen, rng.choice(["SEMH", "SLCN", "MLD"], size=n), columns["sen_primary_need"]
    ).astype(object)
    no_care = ~(columns["cin"] | columns["looked_after"])
    new_cin = _top(latent + 0.6 * rng.standard_normal(n), 0.004 * per_week, eligible=no_care)
    columns["cin"] = columns["cin"] | new_cin
    columns["social_worker_ever6"] = columns["social_worker_ever6"] | new_cin
    ended_help = columns["early_help"] & (rng.random(n) < 0.15 * per_week)
    columns["early_help"] = (columns["early_help"] & ~ended_help) | _top(
        latent + rng.standard_normal(n), 0.006 * per_week, eligible=~columns["early_help"]
    )

    # Absence drifts: most pupils keep their rate, some slip, some recover.
    shock = rng.standard_normal(n)
    drift = np.where(rng.random(n) < 0.15, 0.9 * shock + 0.3 * latent, 0.0)
    logit = np.log(prev.absence_rate[keep] / (1 - prev.absence_rate[keep]))
    rate = _sigmoid(logit + drift)

    columns["_prev_possible"] = columns["sessions_possible"]
    columns["_prev_absent"] = columns["sessions_possible"] - columns["sessions_present"]
    columns["_prev_suspensions"] = columns["suspensions_count"]

    joiners = max(0, round(rng.poisson(0.003 * weeks * n_prev)))
    if joiners:
        fresh = generate(
            replace(spec, pupils=max(joiners * 8, 40), urn=spec.urn), seed=prev.seed + 7919
        )
        pick = rng.choice(fresh.size, size=joiners, replace=False)
        days_ago = rng.integers(1, max(2, int(weeks * 7)), size=joiners)
        fresh_cols = {k: v[pick].copy() for k, v in fresh.columns.items()}
        fresh_cols["entry_date"] = np.datetime64(as_at, "D") - days_ago.astype("timedelta64[D]")
        max_ref = max(int(r) for r in columns["pupil_ref"].tolist())
        fresh_cols["pupil_ref"] = np.array(
            [f"{max_ref + i + 1:06d}" for i in range(joiners)], dtype=object
        )
        known = set(columns["upn"].tolist())
        fresh_cols["upn"] = np.array(
            [u if u not in known else make_upn(999, 1000 + i, 26, i) for i, u in
             enumerate(fresh_cols["upn"].tolist())], dtype=object,
        )  # fmt: skip
        fresh_cols["_prev_possible"] = np.zeros(joiners, dtype=np.int64)
        fresh_cols["_prev_absent"] = np.zeros(joiners, dtype=np.int64)
        fresh_cols["_prev_suspensions"] = np.zeros(joiners, dtype=np.int64)
        for name in columns:
            columns[name] = np.concatenate([columns[name], fresh_cols[name]])
        latent = np.concatenate([latent, fresh.latent[pick]])
        rate = np.concatenate([rate, fresh.absence_rate[pick]])
        order = np.argsort(
            np.array([0 if g == "R" else int(g) for g in columns["year_group"].tolist()]),
            kind="stable",
        )
        columns = {k: v[order] for k, v in columns.items()}
        latent = latent[order]
        rate = rate[order]

    cohort = Cohort(spec, as_at, prev.seed, prev.wave + 1, columns, latent, rate)
    _attendance(cohort, rng, previous=prev)
    for name in ("_prev_possible", "_prev_absent", "_prev_suspensions"):
        del cohort.columns[name]
    return cohort


# ---------------------------------------------------------------------------------------
# Writing files

_YES_NO: dict[Flavour, tuple[str, str]] = {
    "canonical": ("Y", "N"),
    "sims": ("Yes", "No"),
    "arbor": ("Y", "N"),
    "bromcom": ("True", "False"),
}
_DATE_FORMAT: dict[Flavour, str] = {
    "canonical": "%Y-%m-%d",
    "sims": "%d/%m/%Y",
    "arbor": "%Y-%m-%d",
    "bromcom": "%d/%m/%Y",
}

# Export headers in each MIS's style; every one is an alias in ``columns.ALIASES``.
HEADERS: dict[Flavour, dict[str, str]] = {
    "sims": {
        "pupil_ref": "Adno", "upn": "UPN", "as_at_date": "Report Date", "year_group": "Year",
        "reg_group": "Reg Group", "sex": "Gender", "date_of_birth": "DOB",
        "entry_date": "Admission Date", "enrol_status": "Enrol Status",
        "fsm_eligible": "FSM Eligible", "fsm_ever6": "Ever 6 FSM",
        "pupil_premium": "Pupil Premium Indicator", "idaci_decile": "IDACI Decile",
        "looked_after": "In Care", "post_looked_after": "Post Looked After Arrangements",
        "cin": "CIN", "cpp": "CP", "social_worker_ever6": "Social Worker",
        "early_help": "Early Help", "kinship_care": "Kinship Care",
        "young_carer": "Young Carer", "service_child": "Service Child",
        "sen_provision": "SEN Status", "sen_primary_need": "Primary Need",
        "sen_secondary_need": "Secondary Need", "medical_needs": "Medical Condition",
        "first_language": "First Language", "eal": "EAL",
        "english_proficiency": "Proficiency in English",
        "first_entry_english_school": "Date of Entry to UK School",
        "sessions_possible": "Possible Marks", "sessions_present": "Present + AEA",
        "sessions_auth_absent": "Authorised Absences",
        "sessions_unauth_absent": "Unauthorised Absences",
        "attendance_period_start": "From", "attendance_period_end": "To",
        "attendance_pct": "% Attendance", "part_time_timetable": "Reduced Timetable",
        "suspensions_count": "Number of Suspensions",
        "suspension_sessions": "Exclusion Sessions", "alternative_provision": "AP",
        "behaviour_negative": "Behaviour Points",
        "attainment_english": "English Working At", "attainment_maths": "Maths Working At",
    },
    "arbor": {
        "pupil_ref": "MIS ID", "upn": "UPN", "as_at_date": "Snapshot Date",
        "year_group": "Year Group", "reg_group": "Registration Group", "sex": "Sex",
        "date_of_birth": "Date of Birth", "entry_date": "Start Date",
        "enrol_status": "Enrolment Status", "fsm_eligible": "FSM",
        "fsm_ever6": "FSM Ever 6", "pupil_premium": "PP Eligible",
        "idaci_decile": "IDACI_Decile", "looked_after": "Looked After",
        "post_looked_after": "Previously Looked After", "cin": "Child in Need",
        "cpp": "Child Protection Plan", "social_worker_ever6": "Has Social Worker",
        "early_help": "Early Help Plan", "kinship_care": "Kinship Care Indicator",
        "young_carer": "Young Carer Indicator", "service_child": "Service Children Indicator",
        "sen_provision": "SEND Status", "sen_primary_need": "SEN Need Type (Rank 1)",
        "sen_secondary_need": "SEN Need Type (Rank 2)", "medical_needs": "Health Care Plan",
        "first_language": "Home Language", "eal": "EAL", "english_proficiency": "EAL Stage",
        "first_entry_english_school": "Arrival Date", "sessions_possible": "Possible Sessions",
        "sessions_present": "Attended", "sessions_auth_absent": "Authorised Absence",
        "sessions_unauth_absent": "Unauthorised Absence",
        "attendance_period_start": "Period Start", "attendance_period_end": "Period End",
        "attendance_pct": "Attendance Percentage",
        "part_time_timetable": "Part-time Timetable", "suspensions_count": "Suspensions",
        "suspension_sessions": "Sessions Excluded",
        "alternative_provision": "Alternative Provision",
        "behaviour_negative": "Negative Points", "attainment_english": "English Attainment",
        "attainment_maths": "Maths Attainment",
    },
    "bromcom": {
        "pupil_ref": "Student ID", "upn": "Unique Pupil Number", "as_at_date": "Census Date",
        "year_group": "Curriculum Year", "reg_group": "Tutor Group", "sex": "Gender",
        "date_of_birth": "Birth Date", "entry_date": "Date of Admission",
        "enrol_status": "EnrolStatus", "fsm_eligible": "Free Meals", "fsm_ever6": "FSM6",
        "pupil_premium": "Disadvantaged", "idaci_decile": "IDACI", "looked_after": "CLA",
        "post_looked_after": "PLAC", "cin": "CIN Status", "cpp": "CP Status",
        "social_worker_ever6": "SW Ever 6", "early_help": "EHA",
        "kinship_care": "Kinship Care", "young_carer": "Carer", "service_child": "Forces",
        "sen_provision": "SEN Stage", "sen_primary_need": "SENneed1",
        "sen_secondary_need": "SENneed2", "medical_needs": "IHCP",
        "first_language": "Mother Tongue", "eal": "EAL",
        "english_proficiency": "Proficiency in English",
        "first_entry_english_school": "Date of Entry to English School",
        "sessions_possible": "Possible", "sessions_present": "Present",
        "sessions_auth_absent": "Authorised Absence",
        "sessions_unauth_absent": "Unauthorised Absence",
        "attendance_period_start": "From", "attendance_period_end": "To",
        "attendance_pct": "Attendance %", "part_time_timetable": "Part Time Timetable",
        "suspensions_count": "FTE Count", "suspension_sessions": "Sessions Excluded",
        "alternative_provision": "Off-site Provision", "behaviour_negative": "Conduct Points",
        "attainment_english": "Reading Working At",
        "attainment_maths": "Mathematics Working At",
    },
}  # fmt: skip

# Code columns written as the label an MIS shows (each in the column's ``labels``).
_CODE_LABELS: dict[Flavour, dict[str, dict[str, str]]] = {
    "sims": {
        "sex": {"M": "Male", "F": "Female"},
        "sen_provision": {"E": "EHC Plan", "K": "SEN Support", "N": "No Special Educational Need"},
        "post_looked_after": {"N": "Not Declared", "A": "Adopted",
                              "G": "Special Guardianship Order",
                              "C": "Child Arrangements Order"},
        "english_proficiency": {"A": "New to English", "B": "Early Acquisition",
                                "C": "Developing Competence", "D": "Competent",
                                "E": "Fluent", "N": "Not Yet Assessed"},
        "attainment_english": {"below": "Working Towards", "at": "Expected",
                               "above": "Greater Depth"},
        "attainment_maths": {"below": "Working Towards", "at": "Expected",
                             "above": "Greater Depth"},
        "kinship_care": {"ND": "Not Declared", "KF": "Formal", "KI": "Informal",
                         "KU": "Unknown"},
        "service_child": {"Y": "Yes", "N": "No"},
    },
    "arbor": {
        "sen_provision": {"E": "EHCP", "K": "SEN Support", "N": "None"},
        "enrol_status": {"C": "Current"},
        "attainment_english": {"below": "Below Expected", "at": "At Expected",
                               "above": "Above Expected"},
        "attainment_maths": {"below": "Below Expected", "at": "At Expected",
                             "above": "Above Expected"},
    },
    "bromcom": {
        "sex": {"M": "Male", "F": "Female"},
        "attainment_english": {"below": "WTS", "at": "EXS", "above": "GDS"},
        "attainment_maths": {"below": "WTS", "at": "EXS", "above": "GDS"},
    },
    "canonical": {},
}  # fmt: skip


def header_for(name: str, flavour: Flavour) -> str:
    """The header ``flavour`` writes for canonical column ``name``."""
    if flavour == "canonical":
        return name
    return HEADERS[flavour].get(name, name)


def _cell(value: Any, yes_no: tuple[str, str], date_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no[0] if value else yes_no[1]
    if isinstance(value, date):
        return value.strftime(date_format)
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else str(int(value))
    return str(value)


def _quote(text: str) -> str:
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _write_csv(names: Sequence[str], columns: Sequence[list[Any]], flavour: Flavour) -> bytes:
    yes_no = _YES_NO[flavour]
    date_format = _DATE_FORMAT[flavour]
    labels = _CODE_LABELS[flavour]
    formatted: list[list[str]] = []
    for name, values in zip(names, columns, strict=True):
        mapping = labels.get(name, {})
        cells = [_quote(_cell(v, yes_no, date_format)) for v in values]
        if mapping:
            cells = [mapping.get(cell, cell) for cell in cells]
        formatted.append(cells)
    out = io.StringIO()
    out.write(",".join(_quote(header_for(name, flavour)) for name in names))
    out.write("\r\n")
    for row in zip(*formatted, strict=True):
        out.write(",".join(row))
        out.write("\r\n")
    return out.getvalue().encode("utf-8")


def rows_to_csv(
    rows: Iterable[Mapping[str, Any]],
    *,
    flavour: Flavour = "canonical",
    columns: Sequence[str] | None = None,
) -> bytes:
    """Rows of canonical names as CSV bytes. Values are written in ``flavour``'s style
    (booleans, dates, code labels); a ``str`` value is written as it is, so a test can put
    any malformed text in a cell. ``columns`` fixes the columns and their order; by default
    every key of the rows, in canonical order, then unknown keys as they came (with the
    key itself as the header)."""
    rows = list(rows)
    if columns is None:
        keys: dict[str, None] = {}
        for row in rows:
            keys.update(dict.fromkeys(row))
        known = [name for name in _COLUMN_ORDER if name in keys]
        columns = known + [key for key in keys if key not in _COLUMN_ORDER]
    lists = [[row.get(name) for row in rows] for name in columns]
    return _write_csv(list(columns), lists, flavour)


def pupil_rows(
    *,
    pupils: int = 40,
    phase: Phase = "secondary",
    seed: int = 0,
    as_at: date = date(2026, 10, 16),
    **spec: Any,
) -> list[dict[str, Any]]:
    """Canonical rows for a school of ``pupils`` (other :class:`SchoolSpec` fields as
    keywords)."""
    return generate(SchoolSpec(pupils=pupils, phase=phase, as_at=as_at, **spec), seed=seed).rows()


def pupil_csv(
    *,
    pupils: int = 40,
    phase: Phase = "secondary",
    seed: int = 0,
    as_at: date = date(2026, 10, 16),
    flavour: Flavour = "canonical",
    include_as_at: bool = True,
    **spec: Any,
) -> bytes:
    """A school's export file in ``flavour``'s style."""
    cohort = generate(SchoolSpec(pupils=pupils, phase=phase, as_at=as_at, **spec), seed=seed)
    return cohort.csv(flavour, include_as_at=include_as_at)


def snapshots(spec: SchoolSpec, dates: Sequence[date], *, seed: int = 0) -> list[Cohort]:
    """The same school at each of ``dates`` (ascending, one academic year)."""
    if not dates:
        return []
    cohorts = [generate(replace(spec, as_at=dates[0]), seed=seed)]
    for day in dates[1:]:
        cohorts.append(cohorts[-1].later(day))
    return cohorts
