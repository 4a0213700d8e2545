"""Pupil data beyond the school: suppressed aggregates for system leaders and coordinators.

A system leader sees the schools of their trust or borough, as one group and school by
school; coordinators and administrators see the network by borough and by trust. Every
figure is a count of pupils (or a rate over such a count) from each school's latest
snapshot, with factors read from ``PupilRecord.network_factors`` (the default catalogue,
so every school is counted on the same definitions whatever it set for itself).

No pupil row is read: each snapshot's records are summarised by factor mask when they are
written (``SnapshotFactorMask``: pupils and session sums per mask, in the same
transaction), and one query reads the latest snapshots' summaries, whatever the number of
schools or pupils. At London scale that is a few hundred thousand rows instead of grouping
1.1 million records on every view. The masks are expanded into factors in numpy.

Every count under 5 (zero included) is suppressed, and so is the next smallest cell
wherever a single hidden cell could be worked out from a shown total
(``analysis.suppression``). A count is also hidden when fewer than 5 pupils of its group
lack what it counts ("38 of 40" says something about the other two); a rate is shown only
when its count and its denominator are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import numpy as np
from django.db import connection
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reconnect.schools.models import LocalAuthority, School, SystemLeaderScope, Trust
from reconnect.spectrum import rules
from reconnect.spectrum.analysis.catalogue import BY_KEY, DOMAIN_LABELS, FACTORS, Domain, Factor
from reconnect.spectrum.analysis.suppression import suppress
from reconnect.spectrum.models import Snapshot, SnapshotFactorMask

StrOrPromise = str | Promise

THRESHOLD = 5
BANDS: tuple[str, ...] = ("0", "1", "2–5", "6+")
BITS = np.array([f.bit for f in FACTORS], dtype=np.uint64)
PA_BITS = (BY_KEY["persistent_absence"].bit, BY_KEY["severe_absence"].bit)
SA_BIT = BY_KEY["severe_absence"].bit
DEFAULT_FACTOR = "fsm_current"

Breakdown = Literal["school", "borough", "trust"]
BREAKDOWN_LABELS: dict[str, StrOrPromise] = {
    "school": _("School"),
    "borough": _("Borough"),
    "trust": _("Trust"),
}


@dataclass(frozen=True)
class Scope:
    """What a user may look across: the network, or one trust or borough."""

    key: str  # "network", "trust-<id>" or "borough-<id>" (used in query strings)
    kind: Literal["network", "trust", "borough"]
    name: str
    pk: int | None = None

    @property
    def breakdowns(self) -> tuple[Breakdown, ...]:
        if self.kind == "network":
            return ("borough", "trust")
        return ("school",)


@dataclass(frozen=True)
class Figure:
    """A count of pupils and what it is out of; both None when suppressed."""

    count: int | None
    of: int | None

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def percent(self) -> float | None:
        if self.count is None or not self.of:
            return None
        return 100 * self.count / self.of


HIDDEN = Figure(None, None)


@dataclass(frozen=True)
class Outcomes:
    """Attendance, persistent and severe absence among the pupils of one cell."""

    attendance: float | None  # session-weighted %, None when suppressed or unknown
    persistent: Figure  # missing 10% or more (PA, including SA)
    severe: Figure  # missing 50% or more


NO_OUTCOMES = Outcomes(None, HIDDEN, HIDDEN)


@dataclass(frozen=True)
class FactorRow:
    """One factor across the whole scope."""

    factor: Factor
    pupils: Figure  # pupils with the factor, out of all pupils
    outcomes: Outcomes


@dataclass(frozen=True)
class DomainRows:
    domain: Domain
    label: str
    rows: list[FactorRow]


@dataclass(frozen=True)
class GroupRow:
    """One school, borough or trust: its pupils, the chosen factor and the count bands."""

    name: str
    schools: int
    pupils: int | None  # None when suppressed
    factor: Figure
    outcomes: Outcomes
    bands: list[Figure]


@dataclass
class NetworkAggregate:
    scopes: list[Scope]
    scope: Scope
    by: Breakdown
    factor: Factor
    schools: int  # schools in scope with pupil data
    schools_without_data: int
    pupils: int | None  # None when suppressed
    earliest: date | None
    latest: date | None
    domains: list[DomainRows] = field(default_factory=list)
    bands: list[tuple[str, Figure]] = field(default_factory=list)
    groups: list[GroupRow] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.schools == 0

    @property
    def audit_detail(self) -> dict[str, Any]:
        """What a ``spectrum.network.viewed`` event records: the choices, never a figure."""
        return {
            "scope": self.scope.key,
            "by": self.by,
            "factor": self.factor.key,
            "schools": self.schools,
        }

    @property
    def by_label(self) -> StrOrPromise:
        return BREAKDOWN_LABELS[self.by]

    @property
    def breakdowns(self) -> list[tuple[str, StrOrPromise]]:
        return [(key, BREAKDOWN_LABELS[key]) for key in self.scope.breakdowns]


def scopes_for(user: Any) -> list[Scope]:
    """The network for coordinators and administrators; each system leader's own trusts
    and boroughs. Empty for everyone else (the view answers 403)."""
    if not rules.can_see_network_aggregates(user):
        return []
    scopes: list[Scope] = []
    if user.is_superuser or user.is_coordinator:
        scopes.append(Scope("network", "network", str(_("The network"))))
    for scope in SystemLeaderScope.objects.filter(user=user).select_related(
        "trust", "local_authority"
    ):
        if scope.trust is not None:
            scopes.append(
                Scope(f"trust-{scope.trust.pk}", "trust", scope.trust.name, scope.trust.pk)
            )
        elif scope.local_authority is not None:
            la = scope.local_authority
            scopes.append(Scope(f"borough-{la.pk}", "borough", la.name, la.pk))
    return sorted(scopes, key=lambda s: ({"network": 0, "trust": 1, "borough": 2}[s.kind], s.name))


def _school_filter(scope: Scope, prefix: str = "") -> Q:
    if scope.kind == "trust":
        return Q(**{f"{prefix}trust_id": scope.pk})
    if scope.kind == "borough":
        return Q(**{f"{prefix}local_authority_id": scope.pk})
    return Q()


@dataclass(frozen=True)
class _Grouped:
    """Per group (school, borough or trust) and per factor: the sums the figures need."""

    names: list[str]
    schools: np.ndarray  # (G,) schools with data
    pupils: np.ndarray  # (G,)
    factor: np.ndarray  # (F, G) pupils with each factor
    persistent: np.ndarray  # (F, G) of them, PA (incl. SA)
    severe: np.ndarray  # (F, G) of them, SA
    present: np.ndarray  # (F, G) sessions present, summed over them
    possible: np.ndarray  # (F, G) sessions possible
    bands: np.ndarray  # (B, G)


def _cells(
    group: np.ndarray, masks: np.ndarray, n: np.ndarray, present: np.ndarray,
    possible: np.ndarray, groups: int,
) -> dict[str, np.ndarray]:  # fmt: skip
    """Expand (group, mask, n, sessions) rows into per-factor sums per group."""
    has = ((masks[:, None] >> BITS[None, :]) & np.uint64(1)).astype(bool)  # (R, F)
    pa = ((masks >> np.uint64(PA_BITS[0])) | (masks >> np.uint64(PA_BITS[1]))) & np.uint64(1)
    sa = (masks >> np.uint64(SA_BIT)) & np.uint64(1)
    factors = len(FACTORS)
    # Row index per (factor, row) pair, flattened, for one bincount per measure.
    flat = (np.arange(factors)[None, :] * groups + group[:, None])[has]

    def per_factor(weights: np.ndarray) -> np.ndarray:
        w = np.broadcast_to(weights[:, None], has.shape)[has]
        return np.bincount(flat, weights=w, minlength=factors * groups).reshape(factors, groups)

    popcount = has.sum(axis=1)
    band = np.select([popcount == 0, popcount == 1, popcount <= 5], [0, 1, 2], 3)
    bands = np.bincount(band * groups + group, weights=n, minlength=len(BANDS) * groups)
    return {
        "pupils": np.bincount(group, weights=n, minlength=groups),
        "factor": per_factor(n),
        "persistent": per_factor(n * pa),
        "severe": per_factor(n * sa),
        "present": per_factor(present),
        "possible": per_factor(possible),
        "bands": bands.reshape(len(BANDS), groups),
    }


def _as_int(values: np.ndarray) -> np.ndarray:
    return np.rint(values).astype(np.int64)


def _figures(counts: np.ndarray, hidden: np.ndarray, of: Sequence[int | None]) -> list[Figure]:
    return [
        HIDDEN if hidden[i] or of[i] is None else Figure(int(counts[i]), of[i])
        for i in range(len(counts))
    ]


def _outcomes(
    shown: bool, sessions: tuple[float, float], persistent: Figure, severe: Figure
) -> Outcomes:
    """A cell's outcomes: none when its count is hidden; attendance from the sessions
    (present, possible) of its pupils."""
    if not shown:
        return NO_OUTCOMES
    present, possible = sessions
    return Outcomes(100 * present / possible if possible else None, persistent, severe)


def _of(count: int, of: int, hidden: bool) -> Figure:
    return HIDDEN if hidden else Figure(count, of)


def _hide(
    counts: np.ndarray, *, row_totals: bool, col_totals: bool, of: np.ndarray | None = None
) -> np.ndarray:
    """Primary and secondary suppression of a 2-D table of counts.

    With ``of`` (the denominator shown beside each cell), a cell is also hidden when fewer
    than 5 pupils lack what it counts ("38 of 40" tells about the other two), before the
    secondary step, so that such a cell cannot be worked out from its row's total either.
    """
    if counts.size == 0:
        return np.zeros(counts.shape, dtype=bool)
    table = counts if of is None else np.where(of - counts < THRESHOLD, 0, counts)
    return np.asarray(
        suppress(table, threshold=THRESHOLD, row_totals=row_totals, col_totals=col_totals),
        dtype=bool,
    )


def _shown(count: int, of: int) -> bool:
    """A lone figure (no table around it) and its complement are both 5 or more."""
    return count >= THRESHOLD and of - count >= THRESHOLD


def network_aggregate(
    *, user: Any, scope_key: str = "", by: str = "", factor_key: str = ""
) -> NetworkAggregate | None:
    """The aggregate the user asked for, or None if they may see none (a 403).

    An unknown ``scope_key``, ``by`` or ``factor_key`` falls back to the first scope, its
    first breakdown and free school meals. Queries: the user's scopes, the latest
    snapshots' schools in scope, the number of schools in scope, their factor-mask
    summaries, and the names of boroughs or trusts; the same for 3 schools or 2,500.
    """
    scopes = scopes_for(user)
    if not scopes:
        return None
    scope = next((s for s in scopes if s.key == scope_key), scopes[0])
    breakdown = next((b for b in scope.breakdowns if b == by), scope.breakdowns[0])
    factor = BY_KEY.get(factor_key) or BY_KEY[DEFAULT_FACTOR]

    snapshots = list(
        Snapshot.objects.filter(_school_filter(scope, "school__"), is_latest=True)
        .order_by("school__name", "school_id")
        .values_list(
            "school_id", "school__name", "school__local_authority_id", "school__trust_id",
            "as_at_date",
        )
    )  # fmt: skip
    in_scope = School.objects.filter(_school_filter(scope), is_open=True).count()
    result = NetworkAggregate(
        scopes=scopes,
        scope=scope,
        by=breakdown,
        factor=factor,
        schools=len(snapshots),
        schools_without_data=max(0, in_scope - len(snapshots)),
        pupils=None,
        earliest=min((row[4] for row in snapshots), default=None),
        latest=max((row[4] for row in snapshots), default=None),
    )
    if not snapshots:
        return result

    # Groups: each school, or each borough or trust (in name order; "No trust" last).
    names: list[str]
    if breakdown == "school":
        group_of = {row[0]: i for i, row in enumerate(snapshots)}
        names = [row[1] for row in snapshots]
    else:
        area: dict[int, int | None] = {
            row[0]: row[2] if breakdown == "borough" else row[3] for row in snapshots
        }
        keys = set(area.values())
        model = LocalAuthority if breakdown == "borough" else Trust
        label: dict[int, str] = dict(
            model.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name")
        )
        ordered = sorted(keys, key=lambda k: (k is None, label.get(k, "") if k else ""))
        index = {key: i for i, key in enumerate(ordered)}
        group_of = {school_id: index[key] for school_id, key in area.items()}
        names = [label.get(k, "") if k else str(_("No trust")) for k in ordered]
    groups = len(names)
    schools_per_group = np.bincount(
        np.fromiter(group_of.values(), dtype=np.int64), minlength=groups
    )

    # One row per (latest snapshot, mask), so per (school, mask): a school has one latest
    # snapshot. Sessions are summed already (0 where none are known). Rows are picked by
    # snapshot id from a subquery, which reaches them through the (snapshot, mask) index;
    # with a join, SQLite would walk every latest snapshot's rows even for one trust.
    latest = Snapshot.objects.filter(_school_filter(scope, "school__"), is_latest=True)
    summaries = (
        SnapshotFactorMask.objects.filter(snapshot_id__in=latest.values("pk"))
        .order_by()
        .values_list(
            "school_id", "network_factors", "pupils", "sessions_present", "sessions_possible"
        )
    )
    # Straight from the cursor: at London scale the query returns several hundred
    # thousand (school, mask) rows, and Django's per-value converters would double the
    # time; every column is an integer on both databases.
    sql, params = summaries.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    data = np.array(fetched, dtype=np.float64).reshape(-1, 5)
    table = np.full(max(group_of, default=0) + 1, -1, dtype=np.int64)
    table[list(group_of)] = list(group_of.values())
    school_ids = data[:, 0].astype(np.int64)
    known = school_ids < table.size
    group_index = np.where(known, table[np.minimum(school_ids, table.size - 1)], -1)
    keep = group_index >= 0
    data = data[keep]
    data[:, 0] = group_index[keep]
    sums = _cells(
        data[:, 0].astype(np.int64), data[:, 1].astype(np.uint64), data[:, 2], data[:, 3],
        data[:, 4], groups,
    )  # fmt: skip
    pupils = _as_int(sums["pupils"])
    counts = _as_int(sums["factor"])
    pa = _as_int(sums["persistent"])
    sa = _as_int(sums["severe"])
    bands = _as_int(sums["bands"])

    # Suppression. Group sizes add up to the scope's total; factor counts add up across
    # groups to the factor's total (shown in the summary); bands partition each group.
    pupils_hidden = _hide(pupils[None, :], row_totals=True, col_totals=False)[0]
    counts_hidden = _hide(counts, row_totals=True, col_totals=False, of=pupils[None, :])
    pa_hidden = _hide(pa, row_totals=True, col_totals=False, of=counts) | counts_hidden
    sa_hidden = _hide(sa, row_totals=True, col_totals=False, of=counts) | counts_hidden
    bands_hidden = _hide(bands, row_totals=True, col_totals=True)

    total = int(pupils.sum())
    total_shown = total >= THRESHOLD
    result.pupils = total if total_shown else None
    f_total = counts.sum(axis=1)
    pa_total = pa.sum(axis=1)
    sa_total = sa.sum(axis=1)
    present_total = sums["present"].sum(axis=1)
    possible_total = sums["possible"].sum(axis=1)
    factor_rows: dict[Domain, list[FactorRow]] = {}
    for i, f in enumerate(FACTORS):
        shown = total_shown and _shown(int(f_total[i]), total)
        row = FactorRow(
            factor=f,
            pupils=Figure(int(f_total[i]), total) if shown else HIDDEN,
            outcomes=_outcomes(
                shown,
                (present_total[i], possible_total[i]),
                _of(
                    int(pa_total[i]), int(f_total[i]), not _shown(int(pa_total[i]), int(f_total[i]))
                ),
                _of(
                    int(sa_total[i]), int(f_total[i]), not _shown(int(sa_total[i]), int(f_total[i]))
                ),
            ),
        )
        factor_rows.setdefault(f.domain, []).append(row)
    result.domains = [DomainRows(d, DOMAIN_LABELS[d], factor_rows[d]) for d in factor_rows]
    band_total = bands.sum(axis=1)
    result.bands = [
        (label, Figure(int(c), total) if total_shown and c >= THRESHOLD else HIDDEN)
        for label, c in zip(BANDS, band_total, strict=True)
    ]

    fi = FACTORS.index(factor)
    group_sizes: list[int | None] = [
        None if pupils_hidden[g] else int(pupils[g]) for g in range(groups)
    ]
    for g in range(groups):
        count_shown = not counts_hidden[fi, g] and group_sizes[g] is not None
        result.groups.append(
            GroupRow(
                name=names[g],
                schools=int(schools_per_group[g]),
                pupils=group_sizes[g],
                factor=Figure(int(counts[fi, g]), group_sizes[g]) if count_shown else HIDDEN,
                outcomes=_outcomes(
                    count_shown,
                    (sums["present"][fi, g], sums["possible"][fi, g]),
                    _of(int(pa[fi, g]), int(counts[fi, g]), bool(pa_hidden[fi, g])),
                    _of(int(sa[fi, g]), int(counts[fi, g]), bool(sa_hidden[fi, g])),
                ),
                bands=_figures(bands[:, g], bands_hidden[:, g], [group_sizes[g]] * len(BANDS)),
            )
        )
    return result
