"""Each pupil's profile: which factors are present, in how many domains, and what follows.

Pure polars; no Django. The input is one row per pupil of one school, with the
``PupilRecord`` field names (``pupil_ref``, ``year_group``, ``fsm_eligible``, ...,
``birth_month``). A column the frame does not have is treated as not recorded, and so is a
blank value: a blank is never read as "No", and a factor is present only when the data
says so. Codes are compared without regard to case or surrounding spaces.

The rules, with the default cut-points in brackets (every cut-point is a parameter of
``catalogue.PARAMETERS``; ``as_at`` is the snapshot's date):

Economic
    ``fsm_current``: ``fsm_eligible`` is Yes. ``fsm_ever6``: ``fsm_ever6`` is Yes and
    ``fsm_eligible`` is not Yes. ``area_deprivation``: ``idaci_decile`` is from 1 up to
    ``area_deprivation_deciles`` (2) and ``fsm_eligible`` is not Yes.
Care and protection
    ``looked_after``, ``child_in_need``, ``child_protection``, ``early_help``: the
    ``looked_after``, ``cin``, ``cpp``, ``early_help`` column is Yes.
    ``previously_looked_after``: ``post_looked_after`` is A, G, R, C or O (CS087; N, "not
    declared", is not). ``social_worker_ever6``: ``social_worker_ever6`` is Yes and none of
    ``looked_after``, ``cin``, ``cpp`` is Yes. ``kinship_care``: ``kinship_care`` is KF, KI
    or KU (CS134).
SEND and health
    ``ehcp``: ``sen_provision`` is E (or the legacy statement S). ``sen_support``:
    ``sen_provision`` is K. ``medical_needs``: ``medical_needs`` is Yes.
Family roles
    ``young_carer``: ``young_carer`` is P or S (CS118). ``service_child``:
    ``service_child`` is Y (CS006).
Language and mobility
    A pupil has English as an additional language (EAL) when ``eal`` is Yes, or
    ``first_language`` is recorded and is none of ENG (English), ENB (believed English),
    NOT (not obtained) and REF (refused): NOT and REF are unknown, not EAL. Then
    ``eal_new``: EAL and ``english_proficiency`` A, B or C; ``eal``: EAL and not at A, B
    or C (D, E, N "not yet assessed", or no proficiency recorded).
    ``recent_arrival``: ``first_entry_english_school`` is on or after the date
    ``recent_years`` (3) years before ``as_at`` and not after ``as_at``, and the pupil did
    not simply start school in England at the usual age: the date is on or after 1 September
    of the school year in which the pupil was in Year 1 (worked back from ``year_group`` and
    ``as_at``). So pupils now in N1, N2 or Reception are never recent arrivals; for year
    group X the dates alone decide.
    ``mobile``: ``entry_date`` is on or after the date ``recent_years`` (3) years before
    ``as_at`` and not after ``as_at``, is not a usual time to join, and is not before the
    pupil's Reception year. The usual times are August and September of any year, and
    January of the pupil's Reception year; Reception years are worked back from
    ``year_group`` and ``as_at``, so joining the school's nursery never counts and pupils
    now in N1 or N2 are never mobile (for year group X the dates alone decide). This follows
    the school funding formula's mobility factor.
Engagement
    ``attendance`` is ``sessions_present`` × 100 ÷ ``sessions_possible`` when both are
    recorded and sessions possible is above 0, otherwise ``attendance_pct``. The bands are
    exclusive and follow the DfE: expected at ``attendance_expected`` (95) or above;
    ``attendance_concern`` above ``persistent_absence_up_to`` (90) and below the expected
    level; ``persistent_absence`` at or below 90 (missing 10% or more of possible sessions)
    and above ``severe_absence_up_to`` (50); ``severe_absence`` at or below 50 (missing half
    or more). So 90.0% exactly is persistent absence and 90.01% a concern.
    ``suspended``: ``suspensions_count`` from 1 up to, not including,
    ``repeated_suspensions_from`` (2); ``suspended_repeatedly``: at least 2.
    ``excluded_or_ap``: ``permanently_excluded`` or ``alternative_provision`` is Yes.
    ``part_time_timetable``: ``part_time_timetable`` is Yes.
    ``behaviour``: ``behaviour_negative`` is above 0 and fewer than
    ``behaviour_top_share`` (10) per cent of the pupils in the file have more points, so
    pupils tied at the cut-off are all included (10% of 25 pupils is 2.5: the top 3).
    ``below_expected``: ``attainment_english`` or ``attainment_maths`` is "below".

A factor switched off (``enabled.<key>`` False) is never present and counts nowhere; the
other factors keep their own definitions (switching off ``eal_new`` does not make its
pupils ``eal``).

Derived from the present factors: ``factor_count``; ``domain_count`` (domains with at least
one factor, 0 to 6); ``engagement_severity`` (the highest severity among engagement
factors, 0 when none); ``known_to_services`` (looked after, child in need, child
protection, early help or EHC plan); ``support_gap`` (``domain_count`` at least
``support_gap_domains`` (3), or ``engagement_severity`` 2, and none of the support factors:
looked after, child in need, child protection, early help, EHC plan, SEN support);
``score`` (the sum of ``weight.<key>`` over present factors); ``count_band`` ("0", "1",
"2–5", "6+" factors, as in the NatCen reporting); ``attendance_band`` ("expected",
"concern", "persistent", "severe", or null when attendance is not recorded).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from reconnect.spectrum.analysis.catalogue import (
    BY_KEY,
    FACTORS,
    PARAMETERS,
    Domain,
    defaults,
    definition_for,
)

# The outputs ``derive`` adds besides one ``f_<key>`` column per factor.
DERIVED_COLUMNS: tuple[str, ...] = (
    "attendance",
    "attendance_band",
    "factor_count",
    "domain_count",
    "engagement_severity",
    "known_to_services",
    "score",
    "support_gap",
    "count_band",
)
COUNT_BANDS: tuple[str, ...] = ("0", "1", "2–5", "6+")
ATTENDANCE_BANDS: tuple[str, ...] = ("expected", "concern", "persistent", "severe")
ATTENDANCE_BAND_LABELS: dict[str, str] = {
    "expected": "Expected",
    "concern": "Below expected",
    "persistent": "Persistent absence",
    "severe": "Severe absence",
}

NOT_EAL_LANGUAGES = ("ENG", "ENB")
UNKNOWN_LANGUAGES = ("NOT", "REF")
PLAC_CODES = ("A", "G", "R", "C", "O")
KINSHIP_CODES = ("KF", "KI", "KU")
YOUNG_CARER_CODES = ("P", "S")
EAL_NEW_PROFICIENCY = ("A", "B", "C")
# Months a pupil usually joins: August and September (January too in Reception).
USUAL_ENTRY_MONTHS = (8, 9)
# Year groups as a number: Reception is 0, nurseries before it, X (not following the
# national curriculum) has none.
YEAR_NUMBERS: dict[str, int] = {"N1": -2, "N2": -1, "R": 0} | {str(n): n for n in range(1, 15)}

# Parameter rules: (kind, lowest, highest). Kind "number" accepts int or float.
_RULES: dict[str, tuple[str, float, float]] = {
    "attendance_expected": ("number", 0, 100),
    "persistent_absence_up_to": ("number", 0, 100),
    "severe_absence_up_to": ("number", 0, 100),
    "area_deprivation_deciles": ("int", 0, 10),
    "recent_years": ("int", 1, 10),
    "repeated_suspensions_from": ("int", 2, 90),
    "behaviour_top_share": ("number", 0, 100),
    "support_gap_domains": ("int", 1, len(Domain)),
}
WEIGHT_MAX = 10
_EQUALITY_TESTS_UP_TO = 6


class ParameterError(ValueError):
    """Overrides that are not valid parameters; ``errors`` maps each bad key to why."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{key}: {why}" for key, why in self.errors.items()))


def _check(key: str, value: Any) -> tuple[Any, str | None]:
    """The value as stored (ints for int parameters), or a reason it is refused."""
    if key.startswith("enabled."):
        if isinstance(value, bool):
            return value, None
        return value, f"must be true or false, not {value!r}"
    if key.startswith("weight."):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= WEIGHT_MAX:
            return value, None
        return value, f"must be a whole number from 0 to {WEIGHT_MAX}, not {value!r}"
    kind, lowest, highest = _RULES[key]
    number_ok = isinstance(value, int | float) and not isinstance(value, bool)
    if number_ok and kind == "int" and isinstance(value, float):
        number_ok = value.is_integer()
        value = int(value) if number_ok else value
    if number_ok and math.isfinite(value) and lowest <= value <= highest:
        return (float(value) if kind == "number" else value), None
    what = "a whole number" if kind == "int" else "a number"
    return value, f"must be {what} from {lowest:g} to {highest:g}, not {value!r}"


def params_from(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The defaults with a school's overrides applied, checked.

    Raises ``ParameterError`` (a ``ValueError``) naming every unknown key and every bad
    value: numbers out of range, a weight that is not a whole number from 0 to 10, an
    ``enabled.`` switch that is not a boolean, or attendance cut-points out of order
    (severe ≤ persistent ≤ expected).
    """
    params = defaults()
    errors: dict[str, str] = {}
    for key, value in overrides.items():
        if key not in params:
            errors[key] = "is not a parameter"
            continue
        checked, why = _check(key, value)
        if why is None:
            params[key] = checked
        else:
            errors[key] = why
    if not errors and not (
        params["severe_absence_up_to"]
        <= params["persistent_absence_up_to"]
        <= params["attendance_expected"]
    ):
        errors["attendance_expected"] = (
            "the attendance cut-points must be in order: severe absence below ≤ persistent "
            "absence below ≤ expected attendance from"
        )
    if errors:
        raise ParameterError(errors)
    return params


# -- Reading the input -------------------------------------------------------------------


class _Input:
    """Expressions for the input's columns; an absent column is a column of nulls.

    Codes are matched through the column's distinct values, normalised once in Python:
    a file has a handful of distinct codes however many pupils it has, and trimming and
    upper-casing a million strings per rule would dominate the bulk import's time.
    """

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame
        self.names = frozenset(frame.columns)
        self._distinct: dict[str, dict[str, str]] = {}

    def has(self, name: str) -> bool:
        return name in self.names

    def bool(self, name: str) -> pl.Expr:
        """True only where the column says Yes; blank and No are False."""
        if name not in self.names:
            return pl.lit(False)
        return pl.col(name).cast(pl.Boolean).fill_null(False)

    def _normalised(self, name: str) -> dict[str, str]:
        """Each distinct raw value of a text column → its trimmed upper-case form."""
        if name not in self._distinct:
            values = self.frame.get_column(name).cast(pl.String).drop_nulls().unique()
            self._distinct[name] = {v: v.strip().upper() for v in values.to_list()}
        return self._distinct[name]

    def raw_text(self, name: str) -> pl.Expr:
        return pl.col(name).cast(pl.String)

    def _matching(self, name: str, raw: list[str]) -> pl.Expr:
        # Equality tests on a few short strings cost a fraction of a hash lookup each.
        if not raw:
            return pl.lit(False)
        column = self.raw_text(name)
        if len(raw) > _EQUALITY_TESTS_UP_TO:
            return column.is_in(raw).fill_null(False)
        return pl.any_horizontal([column == value for value in raw]).fill_null(False)

    def code_in(self, name: str, codes: tuple[str, ...]) -> pl.Expr:
        """True where the code (any case, spaces trimmed) is one of ``codes``."""
        if name not in self.names:
            return pl.lit(False)
        wanted = set(codes)
        return self._matching(name, [v for v, c in self._normalised(name).items() if c in wanted])

    def recorded(self, name: str) -> pl.Expr:
        """True where a text column holds something other than blanks."""
        if name not in self.names:
            return pl.lit(False)
        blank = [v for v, code in self._normalised(name).items() if not code]
        return self.raw_text(name).is_not_null() & ~self._matching(name, blank)

    def year_number(self) -> pl.Expr:
        """``year_group`` as a number (R is 0, N1 -2, N2 -1); null for X or not given."""
        name = "year_group"
        if name not in self.names:
            return pl.lit(None, dtype=pl.Int32)
        distinct = self._normalised(name)
        table = {v: YEAR_NUMBERS[c] for v, c in distinct.items() if c in YEAR_NUMBERS}
        column = self.raw_text(name)
        if all(v in YEAR_NUMBERS or c in ("X", "") for v, c in distinct.items()):
            # Canonical values: the numbers parse as they are, three names remain.
            named = pl.lit(None, dtype=pl.Int32)
            for value in ("N1", "N2", "R"):
                named = pl.when(column == value).then(YEAR_NUMBERS[value]).otherwise(named)
            return pl.coalesce(column.cast(pl.Int32, strict=False), named)
        return column.replace_strict(table, default=None, return_dtype=pl.Int32)

    def number(self, name: str) -> pl.Expr:
        if name not in self.names:
            return pl.lit(None, dtype=pl.Float64)
        return pl.col(name).cast(pl.Float64)

    def day(self, name: str) -> pl.Expr:
        if name not in self.names:
            return pl.lit(None, dtype=pl.Date)
        return pl.col(name).cast(pl.Date)


def _as_at_expr(as_at: date | str) -> pl.Expr:
    return pl.col(as_at).cast(pl.Date) if isinstance(as_at, str) else pl.lit(as_at, pl.Date)


def _school_year_start(day: pl.Expr) -> pl.Expr:
    """The calendar year in which the school year containing ``day`` began (1 September)."""
    return day.dt.year() - (day.dt.month() < 9).cast(pl.Int32)


def attendance_expr(inp: _Input) -> pl.Expr:
    present = inp.number("sessions_present")
    possible = inp.number("sessions_possible")
    # Multiply first: 270 × 100 ÷ 300 is exactly 90.0, where 270 ÷ 300 × 100 is not.
    from_counts = present * 100.0 / possible
    return (
        pl.when(present.is_not_null() & (possible > 0))
        .then(from_counts)
        .otherwise(inp.number("attendance_pct"))
    )


def _raw_factors(
    inp: _Input, params: Mapping[str, Any], as_at: pl.Expr, by: str | None
) -> dict[str, pl.Expr]:
    """Each factor's rule as a Boolean expression (null never: blank is False)."""
    fsm_now = inp.bool("fsm_eligible")
    in_care_now = inp.bool("looked_after") | inp.bool("cin") | inp.bool("cpp")
    idaci = inp.number("idaci_decile")

    eal_status = inp.bool("eal") | (
        inp.recorded("first_language")
        & ~inp.code_in("first_language", (*NOT_EAL_LANGUAGES, *UNKNOWN_LANGUAGES))
    )
    eal_new = eal_status & inp.code_in("english_proficiency", EAL_NEW_PROFICIENCY)

    years = int(params["recent_years"])
    window_start = as_at.dt.offset_by(f"-{years}y")
    year_number = inp.year_number()
    # The calendar year the pupil's Reception year began, worked back from the year group.
    # "On or after 1 September of year Y" is "in a school year starting in Y or later".
    reception_year = _school_year_start(as_at) - year_number

    first_entry = inp.day("first_entry_english_school")
    recent_arrival = (
        (first_entry >= window_start)
        & (first_entry <= as_at)
        & (
            year_number.is_null()
            | ((year_number >= 1) & (_school_year_start(first_entry) >= reception_year + 1))
        )
    ).fill_null(False)

    entry = inp.day("entry_date")
    month = entry.dt.month()
    usual_entry = month.is_in(list(USUAL_ENTRY_MONTHS)) | (
        (month == 1) & (entry.dt.year() == reception_year + 1)
    ).fill_null(False)
    mobile = (
        (entry >= window_start)
        & (entry <= as_at)
        & ~usual_entry
        & (year_number.is_null() | (_school_year_start(entry) >= reception_year))
    ).fill_null(False)

    attendance = pl.col("attendance")
    expected = float(params["attendance_expected"])
    pa_up_to = float(params["persistent_absence_up_to"])
    sa_up_to = float(params["severe_absence_up_to"])

    suspensions = inp.number("suspensions_count")
    repeated = float(params["repeated_suspensions_from"])

    # Fewer than share % of the school have more points ⇔ at least the K-th highest, with
    # K = ⌈share × pupils ÷ 100⌉ (a sort per school, cheaper than ranking every pupil).
    points = inp.number("behaviour_negative")
    share = float(params["behaviour_top_share"])
    place = (pl.len().cast(pl.Float64) * share / 100.0).ceil().cast(pl.Int64)
    ordered = points.sort(descending=True, nulls_last=True)
    recorded = points.count()
    cut_off = (
        pl.when((place < 1) | (recorded == 0))
        .then(None)
        .otherwise(ordered.get(pl.min_horizontal(place, recorded) - 1, null_on_oob=True))
    )
    if by is not None:
        cut_off = cut_off.over(by)
    behaviour = ((points > 0) & (points >= cut_off)).fill_null(False)

    return {
        "fsm_current": fsm_now,
        "fsm_ever6": inp.bool("fsm_ever6") & ~fsm_now,
        "area_deprivation": (
            (idaci >= 1) & (idaci <= float(params["area_deprivation_deciles"])) & ~fsm_now
        ).fill_null(False),
        "looked_after": inp.bool("looked_after"),
        "child_in_need": inp.bool("cin"),
        "child_protection": inp.bool("cpp"),
        "previously_looked_after": inp.code_in("post_looked_after", PLAC_CODES),
        "social_worker_ever6": inp.bool("social_worker_ever6") & ~in_care_now,
        "kinship_care": inp.code_in("kinship_care", KINSHIP_CODES),
        "early_help": inp.bool("early_help"),
        "ehcp": inp.code_in("sen_provision", ("E", "S")),
        "sen_support": inp.code_in("sen_provision", ("K",)),
        "medical_needs": inp.bool("medical_needs"),
        "young_carer": inp.code_in("young_carer", YOUNG_CARER_CODES),
        "service_child": inp.code_in("service_child", ("Y",)),
        "eal_new": eal_new,
        "eal": eal_status & ~eal_new,
        "recent_arrival": recent_arrival,
        "mobile": mobile,
        "attendance_concern": ((attendance < expected) & (attendance > pa_up_to)).fill_null(False),
        "persistent_absence": ((attendance <= pa_up_to) & (attendance > sa_up_to)).fill_null(False),
        "severe_absence": (attendance <= sa_up_to).fill_null(False),
        "suspended": ((suspensions >= 1) & (suspensions < repeated)).fill_null(False),
        "suspended_repeatedly": (suspensions >= repeated).fill_null(False),
        "excluded_or_ap": inp.bool("permanently_excluded") | inp.bool("alternative_provision"),
        "part_time_timetable": inp.bool("part_time_timetable"),
        "behaviour": behaviour,
        "below_expected": (
            inp.code_in("attainment_english", ("BELOW",))
            | inp.code_in("attainment_maths", ("BELOW",))
        ),
    }


def _present(
    frame: pl.DataFrame, params: Mapping[str, Any], as_at: date | str, by: str | None
) -> pl.DataFrame:
    """The frame with ``attendance`` and one ``f_<key>`` column per factor."""
    inp = _Input(frame)
    rules = _raw_factors(inp, params, _as_at_expr(as_at), by)
    missing = set(BY_KEY) - set(rules)
    if missing:  # pragma: no cover - a catalogue factor without a rule is a programming error
        raise RuntimeError(f"No rule for {sorted(missing)}")
    factors = [
        (rules[f.key] if params[f"enabled.{f.key}"] else pl.lit(False)).alias(f"f_{f.key}")
        for f in FACTORS
    ]
    return (
        frame.lazy()
        .with_columns(attendance_expr(inp).alias("attendance"))
        .with_columns(factors)
        .collect()
    )


def derive(frame: pl.DataFrame, params: Mapping[str, Any], *, as_at: date) -> pl.DataFrame:
    """The frame with every factor and the profile measures added (see the module doc).

    ``params`` comes from ``params_from``. The input's own columns are kept; the added
    columns are ``f_<key>`` (Boolean, never null) for every factor in catalogue order and
    ``DERIVED_COLUMNS``.
    """
    present = _present(frame, params, as_at, None)
    flag = {f.key: pl.col(f"f_{f.key}") for f in FACTORS}

    def any_of(keys: list[str]) -> pl.Expr:
        return pl.any_horizontal([flag[k] for k in keys]) if keys else pl.lit(False)

    domain_flags = [any_of([f.key for f in FACTORS if f.domain == d]) for d in Domain]
    engagement = [f for f in FACTORS if f.domain == Domain.ENGAGEMENT]
    severity = pl.max_horizontal(
        [pl.when(flag[f.key]).then(f.severity).otherwise(0) for f in engagement]
    )
    weights = [
        flag[f.key].cast(pl.Int64) * int(params[f"weight.{f.key}"])
        for f in FACTORS
        if params[f"weight.{f.key}"]
    ]
    attendance = pl.col("attendance")
    expected = float(params["attendance_expected"])
    pa_up_to = float(params["persistent_absence_up_to"])
    sa_up_to = float(params["severe_absence_up_to"])
    result = present.with_columns(
        pl.when(attendance.is_null())
        .then(None)
        .when(attendance >= expected)
        .then(pl.lit("expected"))
        .when(attendance > pa_up_to)
        .then(pl.lit("concern"))
        .when(attendance > sa_up_to)
        .then(pl.lit("persistent"))
        .otherwise(pl.lit("severe"))
        .alias("attendance_band"),
        pl.sum_horizontal([flag[f.key].cast(pl.Int64) for f in FACTORS]).alias("factor_count"),
        pl.sum_horizontal([d.cast(pl.Int64) for d in domain_flags]).alias("domain_count"),
        severity.cast(pl.Int64).alias("engagement_severity"),
        any_of([f.key for f in FACTORS if f.known_to_services]).alias("known_to_services"),
        (pl.sum_horizontal(weights) if weights else pl.lit(0)).cast(pl.Int64).alias("score"),
    )
    support = any_of([f.key for f in FACTORS if f.support])
    count = pl.col("factor_count")
    return result.with_columns(
        (
            (
                (pl.col("domain_count") >= int(params["support_gap_domains"]))
                | (pl.col("engagement_severity") == 2)
            )
            & ~support
        ).alias("support_gap"),
        pl.when(count == 0)
        .then(pl.lit(COUNT_BANDS[0]))
        .when(count == 1)
        .then(pl.lit(COUNT_BANDS[1]))
        .when(count <= 5)
        .then(pl.lit(COUNT_BANDS[2]))
        .otherwise(pl.lit(COUNT_BANDS[3]))
        .alias("count_band"),
    )


_DEFAULTS: dict[str, Any] = defaults()


def network_factors(frame: pl.DataFrame, *, as_at: date | str, by: str | None = None) -> pl.Series:
    """Each pupil's factors under the **default** catalogue, as an Int64 bitmask.

    Bit ``Factor.bit`` is set when the factor is present, so every school is compared on the
    same definitions whatever it has set. ``as_at`` is the snapshot date, or the name of a
    Date column holding each row's date. For many schools at once, ``by`` names the column
    that tells them apart (behaviour's top share is within each school).
    """
    present = _present(frame, _DEFAULTS, as_at, by)
    mask = pl.sum_horizontal([pl.col(f"f_{f.key}").cast(pl.Int64) * (1 << f.bit) for f in FACTORS])
    return present.select(mask.alias("network_factors")).to_series()


def keys_of_mask(mask: int) -> list[str]:
    """The factor keys whose bits are set in ``mask``, in catalogue order."""
    return [f.key for f in FACTORS if mask >> f.bit & 1]


@dataclass(frozen=True, slots=True)
class PresentFactor:
    key: str
    label: str
    domain: Domain
    severity: int  # 1 = present, 2 = high
    definition: str
    # The source columns holding a value for this pupil (all of the factor's sources when
    # none does, which cannot happen for a present factor read from data).
    sources: tuple[str, ...]


def present_factors(
    row: Mapping[str, Any], params: Mapping[str, Any] | None = None
) -> list[PresentFactor]:
    """The factors present in one derived row (``derive(...).row(i, named=True)``).

    In catalogue order, which groups them by domain. With ``params`` the definitions show
    the school's own cut-points; without, the defaults.
    """
    found: list[PresentFactor] = []
    for factor in FACTORS:
        if row.get(f"f_{factor.key}") is not True:
            continue
        given = tuple(s for s in factor.sources if row.get(s) not in (None, ""))
        found.append(
            PresentFactor(
                key=factor.key,
                label=factor.label,
                domain=factor.domain,
                severity=factor.severity,
                definition=factor.definition
                if params is None
                else definition_for(factor.key, params),
                sources=given or factor.sources,
            )
        )
    return found


__all__ = [
    "ATTENDANCE_BANDS",
    "ATTENDANCE_BAND_LABELS",
    "COUNT_BANDS",
    "DERIVED_COLUMNS",
    "PARAMETERS",
    "ParameterError",
    "PresentFactor",
    "derive",
    "keys_of_mask",
    "network_factors",
    "params_from",
    "present_factors",
]
