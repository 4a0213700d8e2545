"""The network view: where schools across London rate themselves weakest, never who.

Reads each school's latest submitted review of the Reconnect framework as plain numbers in
two queries (``values_list``: each review's school's phase, borough and trust; each score's
review, domain and value), joins them in numpy and hands the arrays to
``analysis.network``, so the page costs the same handful of queries for the 60-school demo
and for 2,500 schools. Figures over fewer than five schools
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


def framework_domains() -> tuple[list[DomainInfo], dict[int, int]]:
    """Every domain code of the Reconnect framework's published versions, in the newest
    version's order (codes retired since follow, in their last version's order), and the
    index in that list of every published domain row, by primary key."""
    rows = (
        Domain.objects.filter(
            version__framework__slug=RECONNECT_FRAMEWORK,
            version__status=VersionStatus.PUBLISHED,
        )
        .order_by("-version__number", "sort_order", "pk")
        .values_list("pk", "code", "title")
    )
    index: dict[str, int] = {}
    domains: list[DomainInfo] = []
    by_pk: dict[int, int] = {}
    for pk, code, title in rows:
        if code not in index:
            index[code] = len(domains)
            domains.append(DomainInfo(code=code, title=title))
        by_pk[pk] = index[code]
    return domains, by_pk


@dataclass(frozen=True)
class _Rows:
    """One row per (school, domain) of the latest reviews, as arrays, with the school's
    phase, borough and trust as indexes (-1 for none known; trust 0 for no trust)."""

    review: network.IntArray
    domain: network.IntArray
    score: network.FloatArray
    phase: network.IntArray
    borough: network.IntArray
    trust: network.IntArray


def _lookup(mapping: dict[int, int], keys: network.IntArray) -> network.IntArray:
    """``mapping[key]`` for every key at once (-1 where the mapping has none)."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    table = np.full(max(max(mapping, default=0), int(keys.max())) + 1, -1, dtype=np.int64)
    for key, value in mapping.items():
        table[key] = value
    return table[keys]


def _rows(
    domain_by_pk: dict[int, int], phase_index: dict[str, int], borough_index: dict[int, int]
) -> _Rows:
    """Two queries: the latest reviews' schools (2,500 rows in London) and their scores
    (one per domain), all numbers, joined here in numpy rather than in SQL."""
    latest = {"framework__slug": RECONNECT_FRAMEWORK, "is_latest": True}
    schools = list(
        Review.objects.filter(**latest)
        .order_by("pk")
        .values_list("pk", "school__phase", "school__local_authority_id", "school__trust_id")
    )
    scores = np.array(
        list(
            DomainScore.objects.filter(
                review__framework__slug=RECONNECT_FRAMEWORK, review__is_latest=True
            )
            .order_by()
            .values_list("review_id", "domain_id", "score")
        ),
        dtype=np.float64,
    ).reshape(-1, 3)
    review_ids = np.fromiter((row[0] for row in schools), dtype=np.int64, count=len(schools))
    phases = np.fromiter((phase_index.get(row[1], -1) for row in schools), dtype=np.int64)
    boroughs = np.fromiter((borough_index.get(row[2], -1) for row in schools), dtype=np.int64)
    trusts = np.fromiter((row[3] or 0 for row in schools), dtype=np.int64)
    row_review = scores[:, 0].astype(np.int64)
    row_domain = _lookup(domain_by_pk, scores[:, 1].astype(np.int64))
    # The school of each score row (review_ids is sorted); a score of a review that is no
    # longer the latest between the two queries, or of an unpublished domain, is left out.
    position = np.searchsorted(review_ids, row_review).clip(max=max(len(review_ids) - 1, 0))
    keep = (row_domain >= 0) & (len(review_ids) > 0)
    if len(review_ids):
        keep &= review_ids[position] == row_review
    position = position[keep]
    return _Rows(
        review=row_review[keep],
        domain=row_domain[keep],
        score=scores[keep, 2],
        phase=phases[position],
        borough=boroughs[position],
        trust=trusts[position],
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
    """The whole view in five queries: domains, boroughs, the latest reviews' schools, their
    scores and the user's system-leader scopes. ``domain_code`` picks the domain whose
    median each borough shows; an unknown code picks none."""
    domains, domain_by_pk = framework_domains()
    domain_index = {d.code: i for i, d in enumerate(domains)}
    phase_choices = list(School.Phase.choices)
    phase_index = {value: i for i, (value, _label) in enumerate(phase_choices)}
    boroughs = list(LocalAuthority.objects.order_by("name").values_list("pk", "name"))
    borough_index = {pk: i for i, (pk, _name) in enumerate(boroughs)}
    rows = _rows(domain_by_pk, phase_index, borough_index)
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
