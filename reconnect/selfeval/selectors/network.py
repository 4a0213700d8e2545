"""The network view: where schools across London rate themselves weakest, never who.

Reads each school's latest submitted review of the Reconnect framework as plain rows in
one query (``values_list``: domain code, score, the school's phase, borough and trust) and
hands them to ``analysis.network`` as numpy arrays, so the page costs the same handful of
queries for the 60-school demo and for 2,500 schools. Figures over fewer than five schools
are suppressed by the analysis and never reach a template; no school's name or score is
read here at all.
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import QuerySet

from reconnect.schools.models import LocalAuthority, School, SystemLeaderScope
from reconnect.selfeval.analysis import network
from reconnect.selfeval.analysis.benchmark import is_suppressed
from reconnect.selfeval.models import Domain, DomainScore, Review, VersionStatus
from reconnect.selfeval.selectors.reviews import RECONNECT_FRAMEWORK, reports_shared_with


@dataclass(frozen=True)
class DomainInfo:
    """A domain as the network view names it: the title from its newest published version."""

    code: str
    title: str


@dataclass(frozen=True)
class Figure:
    """A median over ``schools`` schools; ``median`` is None when suppressed (or none)."""

    schools: int
    median: float | None

    @property
    def suppressed(self) -> bool:
        return self.median is None


@dataclass(frozen=True)
class RankedDomain:
    domain: DomainInfo
    spread: network.DomainSpread


@dataclass(frozen=True)
class PhaseColumn:
    value: str
    label: str
    schools: int

    @property
    def suppressed(self) -> bool:
        return is_suppressed(self.schools)


@dataclass(frozen=True)
class PhaseRow:
    domain: DomainInfo
    cells: list[Figure]


@dataclass(frozen=True)
class AreaRow:
    """A borough, or a system leader's own trust or borough: its schools and weakest domain."""

    name: str
    schools: int
    weakest: DomainInfo | None
    weakest_median: float | None
    chosen: Figure | None  # the picked domain's median here, when a domain is picked
    kind: str = "borough"  # "borough", or "trust" for a system leader's trust

    @property
    def suppressed(self) -> bool:
        return is_suppressed(self.schools)


@dataclass
class NetworkView:
    schools: int
    domains: list[DomainInfo]
    ranked: list[RankedDomain]
    phases: list[PhaseColumn]  # the phases of five schools or more
    hidden_phases: list[str]  # phases with schools, but fewer than five
    by_phase: list[PhaseRow]
    boroughs: list[AreaRow]
    scopes: list[AreaRow] = field(default_factory=list)
    chosen: DomainInfo | None = None

    @property
    def suppressed(self) -> bool:
        return is_suppressed(self.schools)


def framework_domains() -> list[DomainInfo]:
    """Every domain code of the Reconnect framework's published versions, in the newest
    version's order (codes retired since follow, in their last version's order)."""
    rows = (
        Domain.objects.filter(
            version__framework__slug=RECONNECT_FRAMEWORK,
            version__status=VersionStatus.PUBLISHED,
        )
        .order_by("-version__number", "sort_order", "pk")
        .values_list("code", "title")
    )
    seen: dict[str, DomainInfo] = {}
    for code, title in rows:
        seen.setdefault(code, DomainInfo(code=code, title=title))
    return list(seen.values())


@dataclass(frozen=True)
class _Rows:
    """One row per (school, domain) of the latest reviews, as arrays."""

    review: network.IntArray
    domain: network.IntArray
    score: network.FloatArray
    phase: network.IntArray
    borough: network.IntArray
    trust: network.IntArray  # 0 for a school in no trust


def _rows(
    domain_index: dict[str, int], phase_index: dict[str, int], borough_index: dict[int, int]
) -> _Rows:
    raw = list(
        DomainScore.objects.filter(
            review__framework__slug=RECONNECT_FRAMEWORK, review__is_latest=True
        )
        .order_by()
        .values_list(
            "review_id",
            "code",
            "score",
            "review__school__phase",
            "review__school__local_authority_id",
            "review__school__trust_id",
        )
    )
    # A code no published version has (a draft's, say) has no title to show: left out.
    kept = [row for row in raw if row[1] in domain_index]
    if not kept:
        empty_int = np.zeros(0, dtype=np.int64)
        return _Rows(empty_int, empty_int, np.zeros(0), empty_int, empty_int, empty_int)
    reviews, codes, scores, phases, boroughs, trusts = zip(*kept, strict=True)
    return _Rows(
        review=np.asarray(reviews, dtype=np.int64),
        domain=np.fromiter((domain_index[c] for c in codes), dtype=np.int64, count=len(codes)),
        score=np.asarray(scores, dtype=np.float64),
        phase=np.fromiter((phase_index.get(p, -1) for p in phases), dtype=np.int64),
        borough=np.fromiter((borough_index.get(b, -1) for b in boroughs), dtype=np.int64),
        trust=np.fromiter((t or 0 for t in trusts), dtype=np.int64),
    )


def _schools_in(rows: _Rows, mask: Any) -> int:
    return len(np.unique(rows.review[mask]))


def _area_row(
    name: str,
    rows: _Rows,
    mask: Any,
    domains: list[DomainInfo],
    chosen: int | None,
    kind: str = "borough",
) -> AreaRow:
    schools = _schools_in(rows, mask)
    medians = network.group_medians(
        rows.domain[mask],
        np.zeros(int(np.count_nonzero(mask)), dtype=np.int64),
        rows.score[mask],
        domains=len(domains),
        groups=1,
    )
    return _area_from(name, schools, medians, 0, domains, chosen, kind)


def _area_from(
    name: str,
    schools: int,
    medians: network.GroupMedians,
    group: int,
    domains: list[DomainInfo],
    chosen: int | None,
    kind: str = "borough",
) -> AreaRow:
    if is_suppressed(schools):
        return AreaRow(name, schools, None, None, None, kind)
    weakest = network.weakest_domain(medians, group)
    picked = None
    if chosen is not None:
        count, median = medians.cell(chosen, group)
        picked = Figure(count, median)
    return AreaRow(
        name=name,
        schools=schools,
        weakest=domains[weakest] if weakest is not None else None,
        weakest_median=medians.cell(weakest, group)[1] if weakest is not None else None,
        chosen=picked,
        kind=kind,
    )


def network_view(*, user: Any, domain_code: str = "") -> NetworkView:
    """The whole view in four queries: domains, boroughs, the scores and the user's
    system-leader scopes. ``domain_code`` picks the domain whose
    median each borough shows; an unknown code picks none."""
    domains = framework_domains()
    domain_index = {d.code: i for i, d in enumerate(domains)}
    phase_choices = list(School.Phase.choices)
    phase_index = {value: i for i, (value, _label) in enumerate(phase_choices)}
    boroughs = list(LocalAuthority.objects.order_by("name").values_list("pk", "name"))
    borough_index = {pk: i for i, (pk, _name) in enumerate(boroughs)}
    rows = _rows(domain_index, phase_index, borough_index)
    chosen = domain_index.get(domain_code)

    schools = len(np.unique(rows.review))
    spreads = network.domain_spreads(rows.domain, rows.score, domains=len(domains))
    ranked = [RankedDomain(domains[s.index], s) for s in network.weakest_first(spreads)]

    # One school per review: its phase and borough, from its first row.
    _unique, first = np.unique(rows.review, return_index=True)
    phase_schools = network.schools_per_group(
        rows.phase[first][rows.phase[first] >= 0], groups=len(phase_choices)
    )
    phase_medians = network.group_medians(
        rows.domain[rows.phase >= 0],
        rows.phase[rows.phase >= 0],
        rows.score[rows.phase >= 0],
        domains=len(domains),
        groups=len(phase_choices),
    )
    # A phase of fewer than five schools gets no column (every cell would be withheld);
    # the page names it among the phases not shown.
    present = [i for i in range(len(phase_choices)) if not is_suppressed(int(phase_schools[i]))]
    phases = [
        PhaseColumn(phase_choices[i][0], str(phase_choices[i][1]), int(phase_schools[i]))
        for i in present
    ]
    hidden_phases = [
        str(phase_choices[i][1])
        for i in range(len(phase_choices))
        if phase_schools[i] > 0 and i not in present
    ]
    by_phase = [
        PhaseRow(
            domain=domain,
            cells=[Figure(*phase_medians.cell(d, i)) for i in present],
        )
        for d, domain in enumerate(domains)
    ]

    in_borough = rows.borough >= 0
    borough_schools = network.schools_per_group(
        rows.borough[first][rows.borough[first] >= 0], groups=len(boroughs)
    )
    borough_medians = network.group_medians(
        rows.domain[in_borough],
        rows.borough[in_borough],
        rows.score[in_borough],
        domains=len(domains),
        groups=len(boroughs),
    )
    borough_rows = [
        _area_from(name, int(borough_schools[i]), borough_medians, i, domains, chosen)
        for i, (_pk, name) in enumerate(boroughs)
    ]

    # A system leader's own trust or borough, as a row of its own above the boroughs.
    scopes = []
    for scope in SystemLeaderScope.objects.filter(user=user).select_related(
        "trust", "local_authority"
    ):
        if scope.trust_id is not None:
            mask = rows.trust == scope.trust_id
            name, kind = str(scope.trust), "trust"
        else:
            mask = rows.borough == borough_index.get(scope.local_authority_id or 0, -2)
            name, kind = str(scope.local_authority), "borough"
        scopes.append(_area_row(name, rows, mask, domains, chosen, kind))

    return NetworkView(
        schools=schools,
        domains=domains,
        ranked=ranked,
        phases=phases,
        hidden_phases=hidden_phases,
        by_phase=by_phase,
        boroughs=borough_rows,
        scopes=scopes,
        chosen=domains[chosen] if chosen is not None else None,
    )


def shared_reports(user: Any) -> QuerySet[Review]:
    """Reports other schools have shared with this user, newest first."""
    return reports_shared_with(user)
