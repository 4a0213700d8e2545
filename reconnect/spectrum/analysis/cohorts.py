"""The cohort views over one school's derived frame (``profiles.derive``). Pure polars.

- ``CohortFilter`` / ``apply_filter``: the pupils a view or a saved target group covers.
- ``prevalence``: per year or registration group, how many pupils have each factor.
- ``count_distribution``: per group, pupils in each factor-count band (0, 1, 2–5, 6+).
- ``co_occurrence``: for each pair of factors, how many pupils have both.
- ``combinations``: the most common exact sets of circumstance factors (UpSet-style).
- ``outcome_gaps``: attendance, persistent and severe absence and suspension for pupils
  with each circumstance factor ("with X, whatever else") and with each of the most
  common exact combinations, against the reference group of pupils with no circumstance
  factor, with 95% confidence intervals (``intervals``).
- ``data_quality``: prompts where the data look under-recorded.

Percentages are of the pupils in the frame given (after any filter), from 0 to 100.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import polars as pl

from reconnect.spectrum.analysis.catalogue import BY_KEY, FACTORS
from reconnect.spectrum.analysis.intervals import (
    Interval,
    mean_interval,
    newcombe_difference,
    welch_difference,
    wilson,
)
from reconnect.spectrum.analysis.profiles import COUNT_BANDS
from reconnect.spectrum.columns import YEAR_GROUPS

GroupBy = Literal["year_group", "reg_group"]
GROUP_BYS: tuple[str, ...] = ("year_group", "reg_group")
TOO_SMALL_BELOW = 10
TOP_COMBINATIONS = 15
NOT_RECORDED = ""  # the group label of pupils with no registration group
CIRCUMSTANCE_KEYS: tuple[str, ...] = tuple(f.key for f in FACTORS if f.circumstance)
_ORDER = {f.key: i for i, f in enumerate(FACTORS)}
REG_GROUP_MAX = 20

# -- Filters -----------------------------------------------------------------------------

# Query-string keys the pages use (short) and the dictionary keys (long) for each field.
QUERY_KEYS: dict[str, str] = {
    "factor": "factors",
    "year": "year_groups",
    "reg": "reg_groups",
    "band": "count_band",
    "gap": "support_gap",
    "known": "known_to_services",
}
_FIELDS = tuple(QUERY_KEYS.values())
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _flag(name: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"{name} must be yes or no, not {value!r}")


def _strings(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"{name} must be a list")
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"{name} must hold text, not {item!r}")
    return items


@dataclass(frozen=True)
class CohortFilter:
    """Pupils with **all** of ``factors``, in any of ``year_groups`` and of ``reg_groups``
    (empty: any), in ``count_band``, and with ``support_gap`` / ``known_to_services`` as
    given (None: either). Values are checked and put in a stable order when built."""

    factors: tuple[str, ...] = ()
    year_groups: tuple[str, ...] = ()
    reg_groups: tuple[str, ...] = ()
    count_band: str | None = None
    support_gap: bool | None = None
    known_to_services: bool | None = None

    def __post_init__(self) -> None:
        unknown = [k for k in self.factors if k not in BY_KEY]
        if unknown:
            raise ValueError(f"Unknown factor: {', '.join(unknown)}")
        bad_years = [y for y in self.year_groups if y not in YEAR_GROUPS]
        if bad_years:
            raise ValueError(f"Unknown year group: {', '.join(bad_years)}")
        long_regs = [r for r in self.reg_groups if len(r) > REG_GROUP_MAX]
        if long_regs:
            raise ValueError(f"A registration group has at most {REG_GROUP_MAX} characters")
        if self.count_band is not None and self.count_band not in COUNT_BANDS:
            raise ValueError(
                f"The number of factors is one of {', '.join(COUNT_BANDS)}, not {self.count_band!r}"
            )
        for name in ("support_gap", "known_to_services"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, bool):
                raise ValueError(f"{name} must be yes or no, not {value!r}")
        object.__setattr__(
            self, "factors", tuple(sorted(set(self.factors), key=_ORDER.__getitem__))
        )
        object.__setattr__(
            self, "year_groups", tuple(sorted(set(self.year_groups), key=YEAR_GROUPS.index))
        )
        object.__setattr__(self, "reg_groups", tuple(sorted(set(self.reg_groups))))

    @property
    def is_empty(self) -> bool:
        return self == CohortFilter()

    def to_dict(self) -> dict[str, Any]:
        """The filter as JSON-ready data; fields left open are left out."""
        data: dict[str, Any] = {}
        for name in ("factors", "year_groups", "reg_groups"):
            if getattr(self, name):
                data[name] = list(getattr(self, name))
        for name in ("count_band", "support_gap", "known_to_services"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CohortFilter:
        """A filter from ``to_dict``'s form (a saved target group). Raises ``ValueError``
        naming what is wrong: an unknown key, factor, year group or band, or a bad type."""
        unknown = sorted(set(data) - set(_FIELDS))
        if unknown:
            raise ValueError(f"Unknown filter field: {', '.join(unknown)}")
        band = data.get("count_band")
        if band is not None and not isinstance(band, str):
            raise ValueError(f"count_band must be text, not {band!r}")
        return cls(
            factors=tuple(_strings("factors", data.get("factors"))),
            year_groups=tuple(_strings("year_groups", data.get("year_groups"))),
            reg_groups=tuple(_strings("reg_groups", data.get("reg_groups"))),
            count_band=band or None,
            support_gap=_flag("support_gap", data.get("support_gap")),
            known_to_services=_flag("known_to_services", data.get("known_to_services")),
        )

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> CohortFilter:
        """A filter from a query string's lists (``QueryDict`` or ``{key: [values]}``).

        Keys may be the pages' short ones (``factor``, ``year``, ``reg``, ``band``,
        ``gap``, ``known``) or the field names; other keys (``page``, ``sort``) are
        ignored; blank values are ignored. Yes/no values: 1/0, true/false, yes/no, on/off.
        """
        values: dict[str, list[str]] = {}
        for key in query:
            name = QUERY_KEYS.get(key, key)
            if name not in _FIELDS:
                continue
            raw = query.getlist(key) if hasattr(query, "getlist") else query[key]
            items = [raw] if isinstance(raw, str) else list(raw)
            values.setdefault(name, []).extend(v.strip() for v in items if v and v.strip())

        def single(name: str) -> str | None:
            found = values.get(name) or []
            if len(set(found)) > 1:
                raise ValueError(f"Give one value for {name}")
            return found[0] if found else None

        return cls(
            factors=tuple(values.get("factors", [])),
            year_groups=tuple(values.get("year_groups", [])),
            reg_groups=tuple(values.get("reg_groups", [])),
            count_band=single("count_band"),
            support_gap=_flag("support_gap", single("support_gap")),
            known_to_services=_flag("known_to_services", single("known_to_services")),
        )


def filter_expr(cohort: CohortFilter) -> pl.Expr:
    conditions = [pl.col(f"f_{key}") for key in cohort.factors]
    if cohort.year_groups:
        conditions.append(pl.col("year_group").is_in(list(cohort.year_groups)))
    if cohort.reg_groups:
        conditions.append(pl.col("reg_group").is_in(list(cohort.reg_groups)))
    if cohort.count_band is not None:
        conditions.append(pl.col("count_band") == cohort.count_band)
    if cohort.support_gap is not None:
        conditions.append(pl.col("support_gap") == cohort.support_gap)
    if cohort.known_to_services is not None:
        conditions.append(pl.col("known_to_services") == cohort.known_to_services)
    if not conditions:
        return pl.lit(True)
    return pl.all_horizontal(conditions).fill_null(False)


def apply_filter(derived: pl.DataFrame, cohort: CohortFilter) -> pl.DataFrame:
    """The derived rows the filter covers, in their order."""
    if cohort.is_empty:
        return derived
    return derived.filter(filter_expr(cohort))


# -- Prevalence and count bands ---------------------------------------------------------------


def percent(count: int, n: int) -> float | None:
    return 100.0 * count / n if n else None


def _group_labels(derived: pl.DataFrame, by: str) -> pl.Expr:
    if by not in GROUP_BYS:
        raise ValueError(f"Group by year_group or reg_group, not {by!r}")
    if by not in derived.columns:
        return pl.lit(NOT_RECORDED)
    return pl.col(by).cast(pl.String).fill_null(NOT_RECORDED).str.strip_chars()


def _group_order(labels: Iterable[str], by: str) -> list[str]:
    def key(label: str) -> tuple[int, int, str]:
        if label == NOT_RECORDED:
            return (2, 0, label)
        if by == "year_group" and label in YEAR_GROUPS:
            return (0, YEAR_GROUPS.index(label), label)
        return (1, 0, label)

    return sorted(set(labels), key=key)


@dataclass(frozen=True)
class GroupCounts:
    """One row of a by-group table: ``counts[i]`` pupils of ``n`` for ``keys[i]``."""

    group: str  # "" = not recorded; the total row is "All pupils" with ``is_total``
    n: int
    counts: tuple[int, ...]
    is_total: bool = False

    @property
    def percents(self) -> tuple[float | None, ...]:
        return tuple(percent(c, self.n) for c in self.counts)


@dataclass(frozen=True)
class GroupTable:
    """A by-group table: one column per key (factor or count band), a total row last."""

    by: str
    keys: tuple[str, ...]
    rows: list[GroupCounts]

    @property
    def total(self) -> GroupCounts:
        return self.rows[-1]

    def counts(self) -> npt.NDArray[np.int64]:
        """The groups' counts (total row left out) as a groups × keys array."""
        return np.array([r.counts for r in self.rows[:-1]], dtype=np.int64).reshape(
            -1, len(self.keys)
        )


def _factor_keys(derived: pl.DataFrame, keys: Sequence[str] | None) -> tuple[str, ...]:
    if keys is not None:
        return tuple(keys)
    return tuple(f.key for f in FACTORS if f"f_{f.key}" in derived.columns)


def _by_group(derived: pl.DataFrame, by: str, columns: dict[str, pl.Expr]) -> GroupTable:
    keys = tuple(columns)
    labels = _group_labels(derived, by).alias("_group")
    sums = [expr.cast(pl.Int64).sum().alias(name) for name, expr in columns.items()]
    grouped = derived.lazy().group_by(labels).agg(pl.len().alias("_n"), *sums).collect()
    found = {row[0]: row for row in grouped.iter_rows()}
    rows = [
        GroupCounts(group=g, n=int(found[g][1]), counts=tuple(int(v) for v in found[g][2:]))
        for g in _group_order(found, by)
    ]
    totals = derived.select(*sums) if keys else pl.DataFrame()
    rows.append(
        GroupCounts(
            group="All pupils",
            n=derived.height,
            counts=tuple(int(v or 0) for v in totals.row(0)) if keys else (),
            is_total=True,
        )
    )
    return GroupTable(by=by, keys=keys, rows=rows)


def prevalence(derived: pl.DataFrame, by: str, *, keys: Sequence[str] | None = None) -> GroupTable:
    """Per group (year or registration group, in school order) and for all pupils: the
    number of pupils and how many have each factor (``keys``: every factor by default)."""
    factor_keys = _factor_keys(derived, keys)
    return _by_group(derived, by, {k: pl.col(f"f_{k}") for k in factor_keys})


def count_distribution(derived: pl.DataFrame, by: str) -> GroupTable:
    """Per group and for all pupils: pupils with 0, 1, 2–5 and 6 or more factors."""
    return _by_group(derived, by, {b: pl.col("count_band") == b for b in COUNT_BANDS})


# -- Co-occurrence and combinations ------------------------------------------------------------


def co_occurrence(
    derived: pl.DataFrame, *, keys: Sequence[str] | None = None
) -> tuple[tuple[str, ...], npt.NDArray[np.int64]]:
    """The factor keys and a keys × keys matrix: [i, j] pupils with both factor i and
    factor j; the diagonal is each factor's own count. By default the factors at least
    one pupil has, in catalogue order."""
    factor_keys = _factor_keys(derived, keys)
    if not factor_keys or derived.height == 0:
        return (), np.zeros((0, 0), dtype=np.int64)
    flags = derived.select([pl.col(f"f_{k}").cast(pl.Int64) for k in factor_keys]).to_numpy()
    if keys is None:
        used = flags.sum(axis=0) > 0
        flags = flags[:, used]
        factor_keys = tuple(k for k, u in zip(factor_keys, used, strict=True) if u)
    matrix = (flags.T @ flags).astype(np.int64)
    return factor_keys, matrix


@dataclass(frozen=True)
class Combination:
    keys: tuple[str, ...]  # the exact set of circumstance factors, catalogue order
    count: int
    percent: float

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(BY_KEY[k].label for k in self.keys)


def _circumstance_mask(derived: pl.DataFrame) -> pl.Expr:
    present = [k for k in CIRCUMSTANCE_KEYS if f"f_{k}" in derived.columns]
    if not present:
        return pl.lit(0, dtype=pl.Int64)
    return pl.sum_horizontal(
        [pl.col(f"f_{k}").cast(pl.Int64) * (1 << BY_KEY[k].bit) for k in present]
    )


def _keys_of(mask: int) -> tuple[str, ...]:
    return tuple(k for k in CIRCUMSTANCE_KEYS if mask >> BY_KEY[k].bit & 1)


def combinations(derived: pl.DataFrame, *, top: int = TOP_COMBINATIONS) -> list[Combination]:
    """The ``top`` most common exact sets of circumstance factors (engagement factors are
    outcomes, left out), with at least one factor: pupils with FSM and SEN support and
    nothing else form one set. Most common first; ties: fewer factors first, then the
    catalogue order."""
    if derived.height == 0:
        return []
    return _top_combinations(_masks(derived), top)


def _masks(derived: pl.DataFrame) -> npt.NDArray[np.int64]:
    """Each pupil's circumstance factors as a bitmask (``Factor.bit``)."""
    series = derived.select(_circumstance_mask(derived).alias("mask")).to_series()
    return np.asarray(series.to_numpy(), dtype=np.int64)


def _top_combinations(masks: npt.NDArray[np.int64], top: int) -> list[Combination]:
    n = masks.size
    values, counts = np.unique(masks[masks != 0], return_counts=True)
    ranked = sorted(
        ((_keys_of(int(m)), int(c)) for m, c in zip(values, counts, strict=True)),
        key=lambda kc: (-kc[1], len(kc[0]), [_ORDER[k] for k in kc[0]]),
    )
    return [Combination(keys=k, count=c, percent=100.0 * c / n) for k, c in ranked[:top]]


# -- Outcome gaps ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeanOutcome:
    """Mean attendance (%) over the pupils with attendance recorded (``n``)."""

    n: int
    mean: float | None
    interval: Interval | None  # 95% t interval
    difference: float | None  # from the reference group, percentage points
    difference_interval: Interval | None  # Welch


@dataclass(frozen=True)
class RateOutcome:
    """``count`` of ``n`` pupils (those with the measure recorded), as a proportion."""

    count: int
    n: int
    rate: float | None  # 0 to 1
    interval: Interval | None  # Wilson
    difference: float | None  # from the reference group, 0 to ±1
    difference_interval: Interval | None  # Newcombe hybrid score

    @property
    def percent(self) -> float | None:
        return None if self.rate is None else 100.0 * self.rate


@dataclass(frozen=True)
class GroupOutcome:
    kind: Literal["reference", "factor", "combination"]
    keys: tuple[str, ...]  # the factor, or the exact combination; () for the reference
    n: int
    too_small: bool  # under 10 pupils: shown, but with no intervals
    attendance: MeanOutcome
    persistent_absence: RateOutcome  # attendance at or below the persistent-absence cut-point
    severe_absence: RateOutcome
    suspended: RateOutcome  # at least one suspension

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(BY_KEY[k].label for k in self.keys)


@dataclass(frozen=True)
class OutcomeGaps:
    reference: GroupOutcome  # pupils with no circumstance factor
    factors: list[GroupOutcome] = field(default_factory=list)
    combinations: list[GroupOutcome] = field(default_factory=list)


@dataclass(frozen=True)
class _Measures:
    attendance: npt.NDArray[np.float64]  # recorded values only
    pa: tuple[int, int]
    sa: tuple[int, int]
    suspended: tuple[int, int]


class _Arrays:
    """The outcome columns as numpy arrays, read once; each group is a boolean index."""

    def __init__(self, frame: pl.DataFrame) -> None:
        n = frame.height
        columns = frame.columns
        attendance = (
            frame.get_column("attendance").cast(pl.Float64).fill_null(np.nan).to_numpy()
            if "attendance" in columns
            else np.full(n, np.nan)
        )
        self.attendance = np.asarray(attendance, dtype=np.float64)
        self.has_attendance = ~np.isnan(self.attendance)
        band = (
            frame.get_column("attendance_band").cast(pl.String).fill_null("").to_numpy()
            if "attendance_band" in columns
            else np.full(n, "", dtype=object)
        )
        self.severe = band == "severe"
        self.persistent = (band == "persistent") | self.severe
        if "suspensions_count" in columns:
            suspensions = frame.get_column("suspensions_count").cast(pl.Float64)
            values = suspensions.fill_null(np.nan).to_numpy()
            self.has_suspensions = ~np.isnan(values)
            self.suspended = np.nan_to_num(values, nan=0.0) >= 1
        else:
            self.has_suspensions = np.zeros(n, dtype=bool)
            self.suspended = np.zeros(n, dtype=bool)

    def measures(self, rows: npt.NDArray[np.bool_]) -> _Measures:
        recorded = int((rows & self.has_attendance).sum())
        return _Measures(
            attendance=self.attendance[rows & self.has_attendance],
            pa=(int((rows & self.persistent).sum()), recorded),
            sa=(int((rows & self.severe).sum()), recorded),
            suspended=(
                int((rows & self.suspended).sum()),
                int((rows & self.has_suspensions).sum()),
            ),
        )


def _rate(
    mine: tuple[int, int],
    reference: tuple[int, int],
    *,
    intervals: bool,
    compare: bool,
    compare_intervals: bool,
) -> RateOutcome:
    k, n = mine
    k0, n0 = reference
    rate = k / n if n else None
    difference = rate - k0 / n0 if rate is not None and compare and n0 else None
    return RateOutcome(
        count=k,
        n=n,
        rate=rate,
        interval=wilson(k, n) if intervals else None,
        difference=difference,
        difference_interval=(newcombe_difference(k, n, k0, n0) if compare_intervals else None),
    )


def _outcome(
    kind: Literal["reference", "factor", "combination"],
    keys: tuple[str, ...],
    n: int,
    mine: _Measures,
    reference: _Measures,
    reference_small: bool,
) -> GroupOutcome:
    too_small = n < TOO_SMALL_BELOW
    intervals = not too_small
    compare = kind != "reference"
    compare_intervals = intervals and compare and not reference_small
    values = mine.attendance
    mean = float(values.mean()) if values.size else None
    reference_mean = float(reference.attendance.mean()) if reference.attendance.size else None
    attendance = MeanOutcome(
        n=int(values.size),
        mean=mean,
        interval=mean_interval(values) if intervals else None,
        difference=(
            mean - reference_mean
            if compare and mean is not None and reference_mean is not None
            else None
        ),
        difference_interval=(
            welch_difference(values, reference.attendance) if compare_intervals else None
        ),
    )

    def rate(pair: tuple[int, int], ref: tuple[int, int]) -> RateOutcome:
        return _rate(
            pair, ref, intervals=intervals, compare=compare, compare_intervals=compare_intervals
        )

    return GroupOutcome(
        kind=kind,
        keys=keys,
        n=n,
        too_small=too_small,
        attendance=attendance,
        persistent_absence=rate(mine.pa, reference.pa),
        severe_absence=rate(mine.sa, reference.sa),
        suspended=rate(mine.suspended, reference.suspended),
    )


def outcome_gaps(derived: pl.DataFrame, *, top: int = TOP_COMBINATIONS) -> OutcomeGaps:
    """Outcomes for each circumstance factor any pupil has ("with X, whatever else") and
    for each of the ``top`` most common exact combinations, against the reference group:
    pupils with no circumstance factor.

    Each gives the number of pupils; mean attendance with its 95% t interval and the
    difference from the reference with Welch's interval; and the persistent-absence rate
    (attendance below the persistent-absence cut-point, severe absence included), the
    severe-absence rate and the suspension rate (at least one suspension), each with its
    Wilson interval and the difference with Newcombe's hybrid score interval. Rates are
    over the pupils with the measure recorded. A group under 10 pupils is returned with
    ``too_small`` and no intervals; against a reference group under 10, no difference has
    an interval.
    """
    arrays = _Arrays(derived)
    masks = _masks(derived)

    reference_rows = masks == 0
    reference_n = int(reference_rows.sum())
    reference_measures = arrays.measures(reference_rows)
    reference_small = reference_n < TOO_SMALL_BELOW

    def outcome(
        kind: Literal["reference", "factor", "combination"],
        keys: tuple[str, ...],
        rows: npt.NDArray[np.bool_],
    ) -> GroupOutcome:
        return _outcome(
            kind,
            keys,
            int(rows.sum()),
            arrays.measures(rows),
            reference_measures,
            reference_small,
        )

    reference = outcome("reference", (), reference_rows)
    factors = []
    for key in CIRCUMSTANCE_KEYS:
        if f"f_{key}" not in derived.columns:
            continue
        rows = (masks >> BY_KEY[key].bit & 1).astype(bool)
        if rows.any():
            factors.append(outcome("factor", (key,), rows))
    combos = [
        outcome("combination", c.keys, masks == sum(1 << BY_KEY[k].bit for k in c.keys))
        for c in (_top_combinations(masks, top) if masks.size else [])
    ]
    return OutcomeGaps(reference=reference, factors=factors, combinations=combos)


# -- Data quality -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Prompt:
    key: str  # stable identifier, e.g. "no_young_carers"
    message: str
    count: int | None = None  # the pupils concerned, where that is a number


BLANK_SHARE_PROMPT = 0.10  # a required column blank for more than 10% of pupils
UNKNOWN_LANGUAGE_PROMPT = 0.05
REQUIRED_FLAGS: dict[str, str] = {
    "fsm_eligible": "FSM eligible",
    "fsm_ever6": "Ever 6 FSM",
    "looked_after": "Looked after",
    "sen_provision": "SEN provision",
}


def _blank(name: str) -> pl.Expr:
    column = pl.col(name)
    text = column.cast(pl.String).str.strip_chars()
    return column.is_null() | (text == "").fill_null(False)


def data_quality(derived: pl.DataFrame, present_columns: Iterable[str]) -> list[Prompt]:
    """Prompts where the data look under-recorded, most important first.

    ``present_columns``: the canonical columns the school's file had. Prompts: no young
    carers recorded (nationally far more pupils care than schools record); EAL pupils
    with no proficiency in English; previously looked-after status never declared;
    first language not obtained or refused for more than 5% of pupils; a required column
    (FSM, Ever 6, looked after, SEN provision) blank for more than 10%; attendance not
    recorded for more than 10%.
    """
    n = derived.height
    if n == 0:
        return []
    given = set(present_columns)
    prompts: list[Prompt] = []

    def count(expr: pl.Expr) -> int:
        return int(derived.select(expr.cast(pl.Int64).sum()).item() or 0)

    if "young_carer" not in given or "young_carer" not in derived.columns:
        prompts.append(
            Prompt(
                "no_young_carer_column",
                "The file has no young carer column, so no young carers are counted. "
                "Nationally schools record about 1 pupil in 200, and far more are thought "
                "to care: add the young carer indicator (census CS118) to the export.",
            )
        )
    elif "f_young_carer" in derived.columns and count(pl.col("f_young_carer")) == 0:
        prompts.append(
            Prompt(
                "no_young_carers",
                "No pupil is recorded as a young carer. Most schools that record none have "
                "some: check who cares for someone at home and record it (census CS118).",
                0,
            )
        )

    if "f_eal" in derived.columns and "f_eal_new" in derived.columns:
        eal = pl.col("f_eal") | pl.col("f_eal_new")
        if "english_proficiency" in derived.columns:
            missing = count(eal & _blank("english_proficiency"))
        else:
            missing = count(eal)
        if missing:
            prompts.append(
                Prompt(
                    "eal_without_proficiency",
                    f"{missing} pupils with English as an additional language have no "
                    "proficiency in English recorded, so pupils new to English cannot be "
                    "told apart: record the proficiency (A to E, or N not yet assessed).",
                    missing,
                )
            )

    if "post_looked_after" not in given or "post_looked_after" not in derived.columns:
        prompts.append(
            Prompt(
                "no_plac_column",
                "The file has no previously looked-after column (census CS087), so "
                "adopted pupils and those on special guardianship orders are not counted.",
            )
        )
    elif "f_previously_looked_after" in derived.columns and (
        count(pl.col("f_previously_looked_after")) == 0
    ):
        prompts.append(
            Prompt(
                "plac_not_declared",
                "No pupil is recorded as previously looked after. Parents must declare it: "
                "remind families each year that adoption or a special guardianship order "
                "entitles the school to pupil premium plus.",
                0,
            )
        )

    if "first_language" in derived.columns:
        language = pl.col("first_language").cast(pl.String).str.strip_chars().str.to_uppercase()
        unknown = count(language.is_in(["NOT", "REF"]).fill_null(False))
        if unknown > UNKNOWN_LANGUAGE_PROMPT * n:
            prompts.append(
                Prompt(
                    "first_language_unknown",
                    f"{unknown} pupils ({100 * unknown / n:.0f}%) have first language "
                    "recorded as not obtained (NOT) or refused (REF); they are not counted "
                    "as EAL.",
                    unknown,
                )
            )

    for name, label in REQUIRED_FLAGS.items():
        if name not in derived.columns:
            continue
        blanks = count(_blank(name))
        if blanks > BLANK_SHARE_PROMPT * n:
            prompts.append(
                Prompt(
                    f"blank_{name}",
                    f"{label} is blank for {blanks} pupils ({100 * blanks / n:.0f}%). A "
                    "blank is read as not recorded, not as No, so these pupils may be "
                    "missing from the figures.",
                    blanks,
                )
            )

    if "attendance" in derived.columns:
        no_attendance = count(pl.col("attendance").is_null())
        if no_attendance > BLANK_SHARE_PROMPT * n:
            prompts.append(
                Prompt(
                    "attendance_missing",
                    f"Attendance is missing for {no_attendance} pupils "
                    f"({100 * no_attendance / n:.0f}%): give sessions possible and present.",
                    no_attendance,
                )
            )
    return prompts
