"""The cohort pages' figures, filters and links, from one school's derived frame.

``analysis.cohorts`` computes (prevalence, co-occurrence, combinations, outcome gaps, data
quality); this module shapes its answers for the pages: rows with labels, the query
string of the pupil list each count drills down to, and the chart geometry. Filters travel
in query strings under short keys (``factor``, ``year``, ``reg``, ``band``, ``gap``,
``known``): factor keys, year and registration groups, never a pupil reference.
"""

from __future__ import annotations

import functools
import hashlib
import json
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import polars as pl
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reconnect.schools.models import Membership, School
from reconnect.spectrum import charts, rules
from reconnect.spectrum.analysis import cohorts as analysis
from reconnect.spectrum.analysis.catalogue import BY_KEY, DOMAIN_LABELS, FACTORS, Domain
from reconnect.spectrum.analysis.profiles import COUNT_BANDS
from reconnect.spectrum.models import SavedCohort, Snapshot, StaffCohortGrant
from reconnect.spectrum.selectors.pupils import SchoolData, SnapshotHead

# CohortFilter.to_dict() key → the query-string key the pages use for it.
QUERY_KEYS: dict[str, str] = {
    "factors": "factor",
    "year_groups": "year",
    "reg_groups": "reg",
    "count_band": "band",
    "support_gap": "gap",
    "known_to_services": "known",
}
MULTIPLE = frozenset({"factors", "year_groups", "reg_groups"})
FLAGS = frozenset({"support_gap", "known_to_services"})


# --- Where the user may go ----------------------------------------------------------------


@dataclass(frozen=True)
class SchoolAccess:
    school: School
    role: str
    may_see_pupils: bool
    latest: Snapshot | None


def schools_with_pupil_data_access(user: Any) -> list[SchoolAccess]:
    """The user's schools where they may see pupils or (granted) cohorts, by name, with
    each school's latest snapshot. Three queries, however many schools."""
    memberships = list(
        Membership.objects.filter(user=user)
        .filter(
            Q(role__in=rules.PUPIL_ROLES)
            | Exists(StaffCohortGrant.objects.filter(school=OuterRef("school"), user=user))
        )
        .select_related("school")
        .order_by("school__name", "school__pk")
    )
    latest = {
        snapshot.school_id: snapshot
        for snapshot in Snapshot.objects.filter(
            school__in=[m.school_id for m in memberships], is_latest=True
        )
    }
    return [
        SchoolAccess(
            school=m.school,
            role=m.get_role_display(),
            may_see_pupils=m.role in rules.PUPIL_ROLES,
            latest=latest.get(m.school_id),
        )
        for m in memberships
    ]


# --- Filters ------------------------------------------------------------------------------


def query_of(definition: Mapping[str, Any], **extra: Any) -> str:
    """A filter (``CohortFilter.to_dict()`` form) as the pupil list's query string."""
    return urlencode(query_pairs(definition, **extra))


def query_pairs(definition: Mapping[str, Any], **extra: Any) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name, key in QUERY_KEYS.items():
        value = definition.get(name)
        if value in (None, "", [], (), False):
            continue
        if name in MULTIPLE:
            pairs.extend((key, str(item)) for item in value)
        elif name in FLAGS:
            pairs.append((key, "1" if value else "0"))
        else:
            pairs.append((key, str(value)))
    pairs.extend((key, str(value)) for key, value in extra.items() if value not in (None, ""))
    return pairs


@dataclass(frozen=True)
class Chosen:
    """The filter a page was asked for, and what in the query could not be used."""

    filter: analysis.CohortFilter
    errors: list[str] = field(default_factory=list)

    @property
    def filter_dict(self) -> dict[str, Any]:
        return dict(self.filter.to_dict())

    @property
    def query(self) -> str:
        return query_of(self.filter_dict)

    @property
    def hidden_fields(self) -> list[tuple[str, str]]:
        return query_pairs(self.filter_dict)

    @property
    def is_empty(self) -> bool:
        return not self.query

    def has(self, name: str, value: Any) -> bool:
        current = self.filter_dict.get(name)
        if name in MULTIPLE:
            return value in (current or ())
        return current == value


def filter_from_query(query: Any, data: SchoolData | None = None) -> Chosen:
    """The filter in a request's query string; what is not valid is dropped and named."""
    lists = {key: [v for v in query.getlist(key) if v != ""] for key in QUERY_KEYS.values()}
    lists = {key: values for key, values in lists.items() if values}
    try:
        return Chosen(filter=analysis.CohortFilter.from_query(lists))
    except ValueError as error:
        return Chosen(filter=analysis.CohortFilter(), errors=[str(error)])


def filtered(data: SchoolData, cohort_filter: analysis.CohortFilter) -> pl.DataFrame:
    return analysis.apply_filter(data.frame, cohort_filter)


def describe(definition: Mapping[str, Any]) -> list[str]:
    """A filter in words, one clause each, for headings and the target-group list."""
    words = []
    factors = [BY_KEY[key].label for key in definition.get("factors") or () if key in BY_KEY]
    if factors:
        words.append(_("with %(factors)s") % {"factors": " and ".join(factors)})
    years = list(definition.get("year_groups") or ())
    if years:
        words.append(_("in year %(years)s") % {"years": ", ".join(years)})
    regs = list(definition.get("reg_groups") or ())
    if regs:
        words.append(_("in registration group %(groups)s") % {"groups": ", ".join(regs)})
    band = definition.get("count_band")
    if band:
        words.append(_("with %(band)s factors") % {"band": band})
    if definition.get("support_gap") is True:
        words.append(_("with a support gap"))
    if definition.get("known_to_services") is True:
        words.append(_("known to services"))
    elif definition.get("known_to_services") is False:
        words.append(_("not known to services"))
    return words


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class FactorGroup:
    domain: Domain
    label: str
    options: list[Option]


@dataclass(frozen=True)
class FilterForm:
    factor_groups: list[FactorGroup]
    years: list[Option]
    regs: list[Option]
    bands: list[Option]
    gap: bool
    known: str  # "", "1" or "0"
    sorts: list[Option]
    factors_open: bool
    regs_open: bool


SORT_LABELS = {
    "factors": "Most factors first",
    "domains": "Most domains first",
    "score": "Highest weighted score first",
    "ref": "Pupil reference",
    "year": "Year group",
    "reg": "Registration group",
}


def filter_form(data: SchoolData, chosen: Chosen, *, sort: str) -> FilterForm:
    current = chosen.filter_dict
    factors = set(current.get("factors") or ())
    enabled = set(data.enabled_factors)
    groups = []
    for domain in Domain:
        options = [
            Option(value=f.key, label=f.label, checked=f.key in factors)
            for f in FACTORS
            if f.domain == domain and f.key in enabled
        ]
        if options:
            groups.append(FactorGroup(domain=domain, label=DOMAIN_LABELS[domain], options=options))
    years = set(current.get("year_groups") or ())
    regs = set(current.get("reg_groups") or ())
    band = current.get("count_band") or ""
    known = current.get("known_to_services")
    return FilterForm(
        factor_groups=groups,
        years=[Option(y, y, y in years) for y in data.year_groups()],
        regs=[Option(r, r, r in regs) for r in data.reg_groups()],
        bands=[Option("", _("Any number"), band == "")]
        + [Option(b, b, band == b) for b in COUNT_BANDS],
        gap=current.get("support_gap") is True,
        known="" if known is None else ("1" if known else "0"),
        sorts=[
            Option(key, _(label), key == sort)
            for key, label in SORT_LABELS.items()
            if key != "score" or data.params.uses_score
        ],
        factors_open=bool(factors),
        regs_open=bool(regs),
    )


def sort_links(chosen: Chosen, sort: str, *, uses_score: bool) -> dict[str, dict[str, str]]:
    """For each sortable column: the query string that sorts by it, and its aria-sort."""
    descending = {"factors", "domains", "score"}
    links = {}
    for key in SORT_LABELS:
        if key == "score" and not uses_score:
            continue
        direction = "descending" if key in descending else "ascending"
        links[key] = {
            "query": query_of(chosen.filter_dict, sort=key),
            "aria_sort": direction if key == sort else "none",
        }
    return links


# --- A page's figures, worked out once per snapshot ----------------------------------------

# Bump when the cached HTML's shape changes in a way the code fingerprint below cannot see.
FIGURES_VERSION = "v1"
# A snapshot never changes once imported (a new import makes a new one), so this only bounds
# how long the figures of a replaced or deleted snapshot stay in the cache, unreachable.
FIGURES_TIMEOUT = 60 * 60
_SPECTRUM = Path(__file__).resolve().parent.parent


@functools.cache
def _code_fingerprint() -> str:
    """The source of everything that shapes the figures' HTML: a deploy that changes any of
    it never reads what the previous code cached."""
    files = sorted(
        [
            *(_SPECTRUM / "templates" / "spectrum").glob("cohort_*.html"),
            *(_SPECTRUM / "analysis").glob("*.py"),
            _SPECTRUM / "charts.py",
            _SPECTRUM / "selectors" / "cohorts.py",
            _SPECTRUM / "selectors" / "pupils.py",
        ]
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def figures_key(
    view: str,
    head: SnapshotHead,
    chosen: Chosen,
    *,
    options: Mapping[str, str],
    allowed: Mapping[str, bool],
    path: str,
) -> str:
    """The cache key of one cohort page's figures: the school and its snapshot, then a hash of
    everything else the HTML depends on (never a pupil reference: filters hold factor keys
    and group names only). The snapshot's creation time guards against a reused id."""
    parts = [
        _code_fingerprint(),
        head.snapshot.created_at.isoformat(),
        head.snapshot.as_at_date.isoformat(),
        head.school.urn,
        head.params.values,
        head.params.invalid,
        head.params.uses_score,
        sorted(head.mapping),
        chosen.filter_dict,
        chosen.errors,
        dict(options),
        dict(allowed),  # links to pupils, the settings link
        path,
        get_language(),
    ]
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return (
        f"spectrum:{FIGURES_VERSION}:cohort:{view}:{head.school.pk}:{head.snapshot.pk}:"
        f"{digest[:32]}"
    )


def cached_figures(key: str, make: Callable[[], str]) -> SafeString:
    """The HTML ``make`` renders, from the cache when this key was rendered before.

    Only the figures' part of a page is kept: small aggregates, links to filtered pupil
    lists, no pupil row, name or reference, no CSRF token and nothing about the user but
    what they may open (``allowed``, part of the key). Compressed: a page's tables repeat.
    """
    found = cache.get(key)
    if isinstance(found, bytes):
        try:
            return mark_safe(zlib.decompress(found).decode())  # noqa: S308 - our own render
        except (zlib.error, UnicodeDecodeError):
            pass
    html = make()
    cache.set(key, zlib.compress(html.encode(), 6), FIGURES_TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there


# --- The school overview ------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    share: str  # "12.5%"
    query: str  # the pupil list's query for these pupils ("" when there is no list)


def share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if total else "–"


def _count(frame: pl.DataFrame, expr: pl.Expr) -> int:
    return int(frame.select(expr.sum()).item() or 0)


@dataclass(frozen=True)
class Overview:
    pupils: int
    bands: list[Figure]
    flags: list[Figure]  # support gap, known to services
    prompts: list[Any]


def overview(data: SchoolData) -> Overview:
    frame = data.frame
    total = frame.height
    band_counts = dict(frame.group_by("count_band").len().iter_rows())
    bands = [
        Figure(
            label=band,
            count=int(band_counts.get(band, 0)),
            share=share(int(band_counts.get(band, 0)), total),
            query=query_of({"count_band": band}),
        )
        for band in COUNT_BANDS
    ]
    gap = _count(frame, pl.col("support_gap").cast(pl.Int64))
    known = _count(frame, pl.col("known_to_services").cast(pl.Int64))
    return Overview(
        pupils=total,
        bands=bands,
        flags=[
            Figure(_("Support gap"), gap, share(gap, total), query_of({"support_gap": True})),
            Figure(
                _("Known to services"),
                known,
                share(known, total),
                query_of({"known_to_services": True}),
            ),
        ],
        prompts=list(analysis.data_quality(frame, data.present_columns)),
    )


# --- Target groups ------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetGroup:
    cohort: SavedCohort
    size: int | None  # None when the definition no longer applies (a factor removed)
    words: list[str]
    query: str


def target_groups(school: School, data: SchoolData | None) -> list[TargetGroup]:
    groups = []
    for cohort in SavedCohort.objects.filter(school=school).order_by("name", "pk"):
        groups.append(target_group(cohort, data))
    return groups


def target_group(cohort: SavedCohort, data: SchoolData | None) -> TargetGroup:
    size = None
    try:
        cohort_filter = analysis.CohortFilter.from_dict(cohort.definition)
    except ValueError:
        cohort_filter = None
    if cohort_filter is not None and data is not None:
        size = analysis.apply_filter(data.frame, cohort_filter).height
    definition = dict(cohort.definition)
    return TargetGroup(
        cohort=cohort, size=size, words=describe(definition), query=query_of(definition)
    )


def chart_bars(rows: Sequence[tuple[str, int, int]], **kwargs: Any) -> charts.BarChart:
    """(label, count, of) rows as a bar chart of percentages."""
    return charts.bar_chart(
        [
            charts.Bar(
                label=label,
                value=100 * count / total if total else 0.0,
                text=f"{share(count, total)} ({count})",
            )
            for label, count, total in rows
        ],
        **kwargs,
    )


# --- Drill-down ---------------------------------------------------------------------------


def narrowed(
    definition: Mapping[str, Any],
    *,
    factors: Sequence[str] = (),
    year: str | None = None,
    reg: str | None = None,
    band: str | None = None,
) -> dict[str, Any]:
    """The filter of one cell: the page's filter narrowed to the cell's factors and group."""
    found = dict(definition)
    if factors:
        found["factors"] = list(dict.fromkeys([*(found.get("factors") or ()), *factors]))
    if year is not None:
        found["year_groups"] = [year]
    if reg is not None:
        found["reg_groups"] = [reg]
    if band is not None:
        found["count_band"] = band
    return found


@dataclass(frozen=True)
class Cell:
    count: int
    of: int
    share: str
    query: str


def _cell(count: int, of: int, definition: Mapping[str, Any]) -> Cell:
    return Cell(count=count, of=of, share=share(count, of), query=query_of(definition))


# --- Prevalence ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PrevalenceRow:
    key: str
    label: str
    domain: str
    total: Cell
    cells: list[Cell]


@dataclass(frozen=True)
class BandRow:
    group: str
    n: int
    cells: list[Cell]


@dataclass(frozen=True)
class PrevalencePage:
    pupils: int
    groups: list[str]
    group_sizes: list[int]
    rows: list[PrevalenceRow]
    absent: list[str]  # labels of enabled factors no pupil has
    chart: charts.BarChart
    bands: list[BandRow]
    band_chart: charts.StackedChart
    prompts: list[Any]

    @property
    def group_columns(self) -> list[tuple[str, int]]:
        return list(zip(self.groups, self.group_sizes, strict=True))


def _groups(data: SchoolData, frame: pl.DataFrame, by: str) -> list[str]:
    if by == "year_group":
        present = set(frame.get_column("year_group").drop_nulls().to_list())
        return [group for group in data.year_groups() if group in present]
    return sorted(set(frame.get_column("reg_group").drop_nulls().to_list()))


def _group_label(by: str, group: str) -> str:
    if by == "year_group":
        return _("Year %(group)s") % {"group": group} if group[0].isdigit() else group
    return group


def prevalence_page(data: SchoolData, chosen: Chosen, *, by: str) -> PrevalencePage:
    """Each enabled factor's count and share, overall and per year (or registration) group,
    and the spread of factor counts per group. One pass of polars sums per group."""
    frame = filtered(data, chosen.filter)
    definition = chosen.filter_dict
    total = frame.height
    keys = list(data.enabled_factors)
    flags = [pl.col(f"f_{k}").cast(pl.Int64).sum().alias(k) for k in keys]
    overall = frame.select(flags).row(0, named=True) if keys else {}
    groups = _groups(data, frame, by)
    per_group = (
        {
            row[by]: row
            for row in frame.group_by(by).agg(pl.len().alias("_n"), *flags).iter_rows(named=True)
        }
        if keys
        else {}
    )
    sizes = [int(per_group.get(group, {}).get("_n", 0)) for group in groups]
    group_kw = "year" if by == "year_group" else "reg"
    rows = []
    absent = []
    for key in keys:
        count = int(overall.get(key) or 0)
        if count == 0:
            absent.append(BY_KEY[key].label)
            continue
        cells = [
            _cell(
                int(per_group.get(group, {}).get(key) or 0),
                size,
                narrowed(definition, factors=[key], **{group_kw: group}),
            )
            for group, size in zip(groups, sizes, strict=True)
        ]
        rows.append(
            PrevalenceRow(
                key=key,
                label=BY_KEY[key].label,
                domain=DOMAIN_LABELS[BY_KEY[key].domain],
                total=_cell(count, total, narrowed(definition, factors=[key])),
                cells=cells,
            )
        )
    chart = chart_bars(
        [(row.label, row.total.count, total) for row in rows],
        chart_id="prevalence-chart",
        title=_("Share of pupils with each factor"),
        description=_(
            "A bar for each of the %(count)s factors recorded for at least one pupil shows "
            "the share of the %(pupils)s pupils with it. The same figures are in the table "
            "that follows."
        )
        % {"count": len(rows), "pupils": total},
    )
    band_counts = {
        (row[by], row["count_band"]): row["len"]
        for row in frame.group_by(by, "count_band").len().iter_rows(named=True)
    }
    bands = [
        BandRow(
            group=_group_label(by, group),
            n=size,
            cells=[
                _cell(
                    int(band_counts.get((group, band), 0)),
                    size,
                    narrowed(definition, band=band, **{group_kw: group}),
                )
                for band in COUNT_BANDS
            ],
        )
        for group, size in zip(groups, sizes, strict=True)
    ]
    band_chart = charts.stacked_chart(
        [(row.group, [cell.count for cell in row.cells]) for row in bands],
        [_("%(band)s factors") % {"band": band} for band in COUNT_BANDS],
        chart_id="bands-chart",
        title=_("Number of factors per pupil, by group"),
        description=_(
            "For each group a bar split into the shares of pupils with no factor, one, two "
            "to five, and six or more, from lightest to darkest. The same figures are in "
            "the table that follows."
        ),
    )
    return PrevalencePage(
        pupils=total,
        groups=[_group_label(by, group) for group in groups],
        group_sizes=sizes,
        rows=rows,
        absent=absent,
        chart=chart,
        bands=bands,
        band_chart=band_chart,
        prompts=list(analysis.data_quality(data.frame, data.present_columns)),
    )


# --- Co-occurrence and combinations -------------------------------------------------------

TOP_COMBINATIONS = 15


@dataclass(frozen=True)
class MatrixCell:
    count: int
    level: int
    query: str
    diagonal: bool


@dataclass(frozen=True)
class MatrixRow:
    key: str
    label: str
    cells: list[MatrixCell]


@dataclass(frozen=True)
class Combination:
    keys: list[str]
    labels: list[str]
    count: int  # pupils with exactly these circumstance factors
    share: str
    at_least: Cell  # pupils with at least these (what the pupil list can show)


@dataclass(frozen=True)
class CombinationsPage:
    pupils: int
    columns: list[str]
    matrix: list[MatrixRow]
    combinations: list[Combination]
    with_any: int  # pupils with at least one circumstance factor
    chart: charts.UpsetChart | None


def combo_keys(combo: Any) -> list[str]:
    """The factor keys of one of ``analysis.cohorts.combinations``' answers."""
    return list(combo.keys)


def combo_count(combo: Any) -> int:
    return int(combo.count)


def combinations_page(data: SchoolData, chosen: Chosen) -> CombinationsPage:
    """How the circumstance factors occur together: for each pair, the pupils with both (the
    diagonal: with the factor at all), and the most common exact combinations.

    Engagement factors are outcomes, left to the outcome gaps page."""
    import numpy as np

    frame = filtered(data, chosen.filter)
    definition = chosen.filter_dict
    keys = [
        k
        for k in data.enabled_factors
        if BY_KEY[k].circumstance and frame.get_column(f"f_{k}").any()
    ]
    matrix_rows: list[MatrixRow] = []
    if keys:
        flags = frame.select([pl.col(f"f_{k}").cast(pl.Int64) for k in keys]).to_numpy()
        both = flags.T @ flags
        off_diagonal = both[~np.eye(len(keys), dtype=bool)]
        largest = int(off_diagonal.max()) if off_diagonal.size else 0
        for i, key in enumerate(keys):
            cells = []
            for j, other in enumerate(keys):
                count = int(both[i, j])
                cells.append(
                    MatrixCell(
                        count=count,
                        level=0 if i == j else charts.heat_level(count, largest),
                        query=query_of(
                            narrowed(definition, factors=[key, other] if i != j else [key])
                        ),
                        diagonal=i == j,
                    )
                )
            matrix_rows.append(MatrixRow(key=key, label=BY_KEY[key].label, cells=cells))

    combos = analysis.combinations(frame, top=TOP_COMBINATIONS)
    found = []
    total = frame.height
    for combo in combos:
        members = [k for k in combo_keys(combo) if k in BY_KEY]
        if not members:
            continue
        at_least = int(
            frame.select(pl.all_horizontal([pl.col(f"f_{k}") for k in members]).sum()).item()
        )
        found.append(
            Combination(
                keys=members,
                labels=[BY_KEY[k].label for k in members],
                count=combo_count(combo),
                share=share(combo_count(combo), total),
                at_least=_cell(at_least, total, narrowed(definition, factors=members)),
            )
        )
    circumstance = [
        f"f_{f.key}" for f in FACTORS if f.circumstance and f.key in data.enabled_factors
    ]
    with_any = (
        int(frame.select(pl.any_horizontal([pl.col(c) for c in circumstance]).sum()).item())
        if circumstance
        else 0
    )
    chart = None
    if found:
        labels = {f.key: f.label for f in FACTORS}
        chart = charts.upset_chart(
            [(c.keys, c.count, f"{c.count} ({c.share})") for c in found],
            labels,
            chart_id="combinations-chart",
            title=_("The most common combinations of circumstances"),
            description=_(
                "Each row is one exact combination of circumstance factors: a filled dot "
                "under each factor in it, and a bar as long as the number of pupils with "
                "exactly that combination. The same figures are in the table that follows."
            ),
        )
    return CombinationsPage(
        pupils=total,
        columns=[BY_KEY[k].label for k in keys],
        matrix=matrix_rows,
        combinations=found,
        with_any=with_any,
        chart=chart,
    )


@dataclass(frozen=True)
class FactorShare:
    label: str
    count: int
    share: str


@dataclass(frozen=True)
class TargetSummary:
    words: list[str]
    query: str
    size: int | None
    flags: list[Figure]
    factors: list[FactorShare]
    rows: list[Any]  # selectors.pupils.PupilRow: only for those who may see pupils
    more: bool


def target_summary(cohort: SavedCohort, data: SchoolData | None, *, pupils: int) -> TargetSummary:
    """A target group in the latest data: its size, flags and factors, and (``pupils`` > 0)
    its first pupils, most factors first."""
    from reconnect.spectrum.selectors.pupils import DEFAULT_SORT, pupil_rows, sorted_pupils

    group = target_group(cohort, data)
    empty = TargetSummary(group.words, group.query, group.size, [], [], [], False)
    if data is None or group.size is None:
        return empty
    frame = analysis.apply_filter(data.frame, analysis.CohortFilter.from_dict(cohort.definition))
    total = frame.height
    gap = _count(frame, pl.col("support_gap").cast(pl.Int64))
    known = _count(frame, pl.col("known_to_services").cast(pl.Int64))
    counts = (
        frame.select(
            [pl.col(f"f_{k}").cast(pl.Int64).sum().alias(k) for k in data.enabled_factors]
        ).row(0, named=True)
        if total
        else {}
    )
    factors = [
        FactorShare(BY_KEY[k].label, int(n), share(int(n), total))
        for k, n in sorted(counts.items(), key=lambda item: -int(item[1] or 0))
        if n
    ]
    rows = pupil_rows(sorted_pupils(frame, DEFAULT_SORT).head(pupils)) if pupils else []
    return TargetSummary(
        words=group.words,
        query=group.query,
        size=total,
        flags=[
            Figure(_("Support gap"), gap, share(gap, total), ""),
            Figure(_("Known to services"), known, share(known, total), ""),
        ],
        factors=factors,
        rows=rows,
        more=total > pupils > 0,
    )


# --- Outcome gaps -------------------------------------------------------------------------

# The measure in the query string → (GroupOutcome attribute, column heading, verb phrase).
MEASURES: dict[str, tuple[str, str, str]] = {
    "attendance": ("attendance", "Attendance", "attended"),
    "pa": ("persistent_absence", "Persistent absence", "were persistently absent"),
    "sa": ("severe_absence", "Severe absence", "were severely absent"),
    "suspension": ("suspended", "Suspended at least once", "were suspended at least once"),
}
REFERENCE = "pupils with no circumstance factor"


def _points(value: float) -> str:
    return f"{abs(value):.1f}"


@dataclass(frozen=True)
class OutcomeValue:
    estimate: str  # "91.2%"
    interval: str  # "89.9–92.5" or ""
    difference: str  # "−3.1 (−4.6 to −1.6)" or ""
    # On the chart: the difference and its interval in percentage points.
    gap: float | None
    low: float | None
    high: float | None


def _value(outcome: Any) -> OutcomeValue:
    """One measure of one group in words and numbers, rates as percentages."""
    scale = 1.0 if hasattr(outcome, "mean") else 100.0
    estimate = outcome.mean if hasattr(outcome, "mean") else outcome.rate
    if estimate is None:
        return OutcomeValue("–", "", "", None, None, None)
    interval = outcome.interval
    text_interval = (
        f"{interval.low * scale:.1f}–{interval.high * scale:.1f}" if interval is not None else ""
    )
    gap = outcome.difference * scale if outcome.difference is not None else None
    low = high = None
    difference = ""
    if gap is not None:
        sign = "+" if gap > 0 else ("−" if gap < 0 else "")
        difference = f"{sign}{_points(gap)}"
        if outcome.difference_interval is not None:
            low = outcome.difference_interval.low * scale
            high = outcome.difference_interval.high * scale
            difference += f" ({_signed(low)} to {_signed(high)})"
    return OutcomeValue(
        estimate=f"{estimate * scale:.1f}%",
        interval=text_interval,
        difference=difference,
        gap=gap,
        low=low,
        high=high,
    )


def _signed(value: float) -> str:
    return f"{'−' if value < 0 else ('+' if value > 0 else '')}{_points(value)}"


def _sentence(group: Any, labels: list[str], measure: str) -> str:
    """The group's result for ``measure`` in a plain-English sentence."""
    attribute, _heading, verb = MEASURES[measure]
    who = _("Pupils with %(factors)s") % {"factors": " and ".join(labels)}
    if group.kind == "combination":
        who = _("Pupils with %(factors)s and no other circumstance") % {
            "factors": " and ".join(labels)
        }
    if group.too_small:
        return _("%(who)s: %(n)s pupils, too few to compare.") % {"who": who, "n": group.n}
    outcome = getattr(group, attribute)
    value = _value(outcome)
    if value.estimate == "–":
        return _("%(who)s: not recorded.") % {"who": who}
    result = (
        f"{who} {verb} {value.estimate}"
        if measure == "attendance"
        else (f"{value.estimate} of {who[0].lower()}{who[1:]} {verb}")
    )
    if value.interval:
        result += f" (95% CI {value.interval})"
    if value.gap is None:
        return result + "."
    if measure == "attendance":
        direction = _("below") if value.gap < 0 else _("above")
    else:
        direction = _("more than") if value.gap > 0 else _("fewer than")
    if abs(value.gap) < 0.05:
        return result + _(", the same as %(reference)s.") % {"reference": REFERENCE}
    gap = f"{_points(value.gap)} points"
    if value.low is not None and value.high is not None:
        low, high = sorted((abs(value.low), abs(value.high)))
        if value.low < 0 < value.high:
            gap += _(
                " (somewhere between %(low)s below and %(high)s above: it could be chance)"
            ) % {
                "low": _points(value.low),
                "high": _points(value.high),
            }
        else:
            gap += f" ({low:.1f} to {high:.1f})"
    return f"{result}, {gap} {direction} {REFERENCE}."


@dataclass(frozen=True)
class OutcomeRow:
    label: str
    n: int
    too_small: bool
    values: list[OutcomeValue]
    sentence: str
    query: str


@dataclass(frozen=True)
class OutcomeSection:
    id: str
    title: str
    caption: str
    rows: list[OutcomeRow]
    chart: charts.GapChart | None


@dataclass(frozen=True)
class OutcomesPage:
    baseline_n: int
    baseline_values: list[OutcomeValue]
    measure_columns: list[str]
    measures: list[Option]
    sections: list[OutcomeSection]
    too_small: bool
    minimum: int


def outcomes_page(data: SchoolData, chosen: Chosen, *, measure: str) -> OutcomesPage:
    """Outcome gaps (``analysis.cohorts.outcome_gaps``) by factor and by combination, each
    as sentences, a dot-and-whisker chart of ``measure`` and a table of every measure."""
    frame = filtered(data, chosen.filter)
    definition = chosen.filter_dict
    gaps = analysis.outcome_gaps(frame)
    attributes = [attribute for attribute, _h, _v in MEASURES.values()]
    attribute, heading, _verb = MEASURES[measure]

    def rows_of(groups: list[Any], kind: str) -> list[OutcomeRow]:
        rows = []
        for group in groups:
            labels = [BY_KEY[k].label for k in group.keys]
            label = " + ".join(labels)
            rows.append(
                OutcomeRow(
                    label=label,
                    n=group.n,
                    too_small=group.too_small,
                    values=[_value(getattr(group, a)) for a in attributes],
                    sentence=_sentence(group, labels, measure),
                    query=query_of(narrowed(definition, factors=list(group.keys)))
                    if kind == "factor"
                    else "",
                )
            )
        return rows

    sections = []
    unit = _(" points")
    for kind, title, caption, groups in (
        (
            "factor",
            _("By factor"),
            _("Outcomes of pupils with each circumstance factor, whatever else they have"),
            gaps.factors,
        ),
        (
            "combination",
            _("By combination"),
            _("Outcomes of pupils with exactly each of the most common combinations"),
            gaps.combinations,
        ),
    ):
        rows = rows_of(list(groups), kind)
        index = attributes.index(attribute)
        chart = (
            charts.gap_chart(
                [
                    charts.Gap(
                        label=row.label,
                        difference=None if row.too_small else row.values[index].gap,
                        lower=row.values[index].low,
                        upper=row.values[index].high,
                        text=_("too few to compare")
                        if row.too_small
                        else row.values[index].difference,
                    )
                    for row in rows
                ],
                chart_id=f"gaps-{kind}",
                title=_("%(measure)s: difference from %(reference)s, %(title)s")
                % {"measure": heading, "reference": REFERENCE, "title": title.lower()},
                description=_(
                    "For each group a dot marks the difference in percentage points from "
                    "%(reference)s and a line its 95%% confidence interval; the vertical line "
                    "is no difference. Groups too small to compare have no dot. The same "
                    "figures are in the table that follows."
                )
                % {"reference": REFERENCE},
                unit=unit,
            )
            if rows
            else None
        )
        sections.append(
            OutcomeSection(id=f"gaps-{kind}", title=title, caption=caption, rows=rows, chart=chart)
        )
    return OutcomesPage(
        baseline_n=gaps.reference.n,
        baseline_values=[_value(getattr(gaps.reference, a)) for a in attributes],
        measure_columns=[_(h) for _a, h, _v in MEASURES.values()],
        measures=[Option(key, _(h), key == measure) for key, (_a, h, _v) in MEASURES.items()],
        sections=sections,
        too_small=any(row.too_small for section in sections for row in section.rows),
        minimum=analysis.TOO_SMALL_BELOW,
    )
