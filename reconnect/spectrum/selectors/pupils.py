"""A school's pupils as the pages see them: the latest snapshot, derived, in one frame.

Every pupil page and cohort view starts from ``school_data``: four queries whatever the
number of pupils (the snapshot, its records in one raw query straight into polars, the
school's indicator settings, the import that wrote the snapshot), then
``analysis.profiles.derive`` adds each pupil's factors and measures. Filtering, sorting,
counting and paging are polars work on that frame; only the page shown becomes Python
dicts.

Nothing here reads ``request``; callers have already checked access with
``selectors.access.school_for``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl
from django.db import DEFAULT_DB_ALIAS, connection, connections, models

from reconnect.core import compiled_sql
from reconnect.schools.models import School
from reconnect.spectrum.analysis.catalogue import (
    BY_KEY,
    DOMAIN_LABELS,
    DOMAIN_THEMES,
    FACTORS,
    Domain,
)
from reconnect.spectrum.analysis.changes import changes as changes_between
from reconnect.spectrum.analysis.profiles import (
    ParameterError,
    PresentFactor,
    derive,
    params_from,
    present_factors,
)
from reconnect.spectrum.columns import COLUMNS, YEAR_GROUPS
from reconnect.spectrum.models import (
    ImportStatus,
    IndicatorConfig,
    PupilImport,
    PupilRecord,
    Snapshot,
)

# Columns of PupilRecord that the frame leaves out: links, and the hash nobody needs to see.
_SKIPPED = frozenset({"snapshot", "school", "upn_hash", "network_factors"})
_FIELDS: tuple[models.Field[Any, Any], ...] = tuple(
    f for f in PupilRecord._meta.concrete_fields if f.name not in _SKIPPED
)

YEAR_ORDER: dict[str, int] = {group: index for index, group in enumerate(YEAR_GROUPS)}
COLUMN_LABELS: dict[str, str] = {column.name: column.label for column in COLUMNS}
COLUMN_LABELS["birth_month"] = COLUMN_LABELS.get("date_of_birth", "Date of birth")


def _dtype(model_field: models.Field[Any, Any]) -> pl.DataType:
    if isinstance(model_field, models.BooleanField):
        return pl.Boolean()
    if isinstance(model_field, models.DateField):
        return pl.Date()
    if isinstance(model_field, models.FloatField):
        return pl.Float64()
    if isinstance(model_field, models.IntegerField | models.AutoField | models.BigAutoField):
        return pl.Int64()
    return pl.String()


def _series(name: str, values: Sequence[Any], dtype: pl.DataType) -> pl.Series:
    """One column as polars wants it, whichever database the values came from.

    SQLite answers a raw query with dates as ISO text and booleans as 0/1; PostgreSQL with
    dates and booleans. Blank text is "not recorded", as the importer's null was.
    """
    if dtype == pl.String():
        return pl.Series(name, [value or None for value in values], dtype=pl.String)
    if dtype == pl.Date():
        if any(isinstance(value, str) for value in values):
            return pl.Series(name, values, dtype=pl.String).str.to_date("%Y-%m-%d")
        return pl.Series(name, values, dtype=pl.Date)
    if dtype == pl.Boolean():
        return pl.Series(name, [None if v is None else bool(v) for v in values], dtype=pl.Boolean)
    return pl.Series(name, values, dtype=dtype, strict=False)


def snapshot_frame(snapshot_id: int) -> pl.DataFrame:
    """Every record of one snapshot, one row per pupil, in one raw query.

    Columns carry the ``PupilRecord`` field names (``id`` becomes ``record_id``), typed as
    the importer typed them (null for not recorded). Building model instances for 1,500
    pupils would cost more than everything else on the page together.
    """
    quote = connection.ops.quote_name
    table = quote(PupilRecord._meta.db_table)
    names = ", ".join(quote(str(f.column)) for f in _FIELDS)
    sql = f"SELECT {names} FROM {table} WHERE {quote('snapshot_id')} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [snapshot_id])
        rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in _FIELDS]
    series = []
    for model_field, values in zip(_FIELDS, columns, strict=True):
        name = "record_id" if model_field.primary_key else model_field.name
        series.append(_series(name, values, _dtype(model_field)))
    return pl.DataFrame(series)


def latest_snapshot(school: School) -> Snapshot | None:
    return Snapshot.objects.filter(school=school, is_latest=True).first()


def previous_snapshot(snapshot: Snapshot) -> Snapshot | None:
    """The school's snapshot before this one, if it is still kept."""
    return (
        Snapshot.objects.filter(school_id=snapshot.school_id, as_at_date__lt=snapshot.as_at_date)
        .order_by("-as_at_date")
        .first()
    )


@dataclass(frozen=True)
class Params:
    values: dict[str, Any]
    # The stored settings were refused by the catalogue's checks: the defaults apply.
    invalid: bool
    # The school has set its own weights: the lists show the weighted score.
    uses_score: bool


def school_params(school: School) -> Params:
    """The school's indicator settings over the defaults (``analysis.profiles.params_from``).

    Settings that no longer pass the checks (a catalogue change) fall back to the defaults
    and say so, rather than failing every page of the school.
    """
    overrides = (
        IndicatorConfig.objects.filter(school=school).values_list("overrides", flat=True).first()
        or {}
    )
    return params_of(overrides)


def params_of(overrides: Mapping[str, Any]) -> Params:
    """``school_params`` for overrides already read."""
    try:
        values = params_from(overrides)
        invalid = False
    except (ParameterError, ValueError):
        values = params_from({})
        invalid = True
    uses_score = any(str(key).startswith("weight.") for key in overrides) and not invalid
    return Params(values=values, invalid=invalid, uses_score=uses_score)


def import_mapping(snapshot: Snapshot) -> dict[str, str]:
    """Canonical column → the header it was read from, in the import that wrote the snapshot."""
    mapping = (
        PupilImport.objects.filter(snapshot=snapshot, status=ImportStatus.IMPORTED)
        .order_by("-finished_at", "-pk")
        .values_list("mapping", flat=True)
        .first()
    )
    return dict(mapping or {})


@dataclass(frozen=True)
class SchoolData:
    """One snapshot of a school, derived under the school's settings."""

    school: School
    snapshot: Snapshot
    params: Params
    frame: pl.DataFrame  # derived: the records plus f_<key> and the profile measures
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def as_at(self) -> date:
        return self.snapshot.as_at_date

    @property
    def pupils(self) -> int:
        return self.frame.height

    @property
    def present_columns(self) -> frozenset[str]:
        """The columns the school's file had (all of them when the import is gone)."""
        if self.mapping:
            return frozenset(self.mapping)
        return frozenset(column.name for column in COLUMNS)

    @property
    def enabled_factors(self) -> list[str]:
        return [f.key for f in FACTORS if self.params.values[f"enabled.{f.key}"]]

    def year_groups(self) -> list[str]:
        found = self.frame.get_column("year_group").drop_nulls().unique().to_list()
        return sorted(found, key=lambda group: (YEAR_ORDER.get(group, 99), group))

    def reg_groups(self, year_groups: Iterable[str] = ()) -> list[str]:
        frame = self.frame
        wanted = list(year_groups)
        if wanted:
            frame = frame.filter(pl.col("year_group").is_in(wanted))
        found = frame.get_column("reg_group").drop_nulls().unique().to_list()
        return sorted(found)


@dataclass(frozen=True)
class SnapshotHead:
    """The school's latest snapshot with its settings and import mapping, records not read.

    Enough for the cohort pages to name what they would show (and find it already worked
    out in the cache) before paying for the records; ``school_data_of`` derives them.
    """

    school: School
    snapshot: Snapshot
    params: Params
    mapping: dict[str, str]

    @property
    def as_at(self) -> date:
        return self.snapshot.as_at_date


def latest_head(school: School) -> SnapshotHead | None:
    """``school_data``'s first, second and fourth queries in one: the latest snapshot, the
    school's indicator settings and the mapping of the import that wrote the snapshot.

    Raw SQL, written once a process: it runs on every cohort page, and building the same
    query with two subqueries through the ORM costs fifty times what the database takes to
    answer it (a ``RawQuerySet`` too cost more than the query).
    """
    alias = Snapshot.objects.db or DEFAULT_DB_ALIAS
    sql, converters = _latest_head_sql(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [ImportStatus.IMPORTED.value, school.pk])
        row = cursor.fetchone()
    if row is None:
        return None
    values = compiled_sql.convert(alias, row, converters)
    snapshot = Snapshot.from_db(alias, _SNAPSHOT_NAMES, values[: len(_SNAPSHOT_NAMES)])
    overrides, mapping = values[len(_SNAPSHOT_NAMES) :]
    snapshot.school = school  # the caller's instance: no query for it later
    return SnapshotHead(
        school=school,
        snapshot=snapshot,
        params=params_of(_json(overrides) or {}),
        mapping=dict(_json(mapping) or {}),
    )


_SNAPSHOT_NAMES = [field.attname for field in Snapshot._meta.concrete_fields]
_LATEST_HEAD: dict[str, tuple[str, compiled_sql.Converters]] = {}


def _latest_head_sql(alias: str) -> tuple[str, compiled_sql.Converters]:
    if alias not in _LATEST_HEAD:
        quote = connections[alias].ops.quote_name
        snapshots = quote(Snapshot._meta.db_table)
        configs = quote(IndicatorConfig._meta.db_table)
        imports = quote(PupilImport._meta.db_table)
        fields = list(Snapshot._meta.concrete_fields)
        columns = ", ".join(f"s.{quote(str(field.column))}" for field in fields)
        sql = (
            f"SELECT {columns}, "  # noqa: S608 (names from _meta)
            f"(SELECT c.{quote('overrides')} FROM {configs} c "
            f"WHERE c.{quote('school_id')} = s.{quote('school_id')} "
            f"ORDER BY c.{quote('id')} LIMIT 1) AS head_overrides, "
            f"(SELECT i.{quote('mapping')} FROM {imports} i "
            f"WHERE i.{quote('snapshot_id')} = s.{quote('id')} AND i.{quote('status')} = %s "
            f"ORDER BY i.{quote('finished_at')} DESC, i.{quote('id')} DESC LIMIT 1) "
            f"AS head_mapping "
            f"FROM {snapshots} s WHERE s.{quote('school_id')} = %s AND s.{quote('is_latest')}"
        )
        _LATEST_HEAD[alias] = (sql, compiled_sql.converters_of(alias, fields))
    return _LATEST_HEAD[alias]


def _json(value: Any) -> Any:
    """A JSON column read outside its field: text on both databases (Django leaves the
    decoding to ``JSONField``), decoded here; already decoded if a driver did it."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def school_data_of(head: SnapshotHead) -> SchoolData:
    """The snapshot of ``head``, derived (``school_data`` without its first queries)."""
    return SchoolData(
        school=head.school,
        snapshot=head.snapshot,
        params=head.params,
        frame=derive_snapshot(head.snapshot, head.params),
        mapping=head.mapping,
    )


def derive_snapshot(snapshot: Snapshot, params: Params) -> pl.DataFrame:
    return derive(snapshot_frame(snapshot.pk), params.values, as_at=snapshot.as_at_date)


def school_data(school: School, snapshot: Snapshot | None = None) -> SchoolData | None:
    """The school's latest snapshot (or ``snapshot``), derived; None when it has none."""
    snapshot = snapshot or latest_snapshot(school)
    if snapshot is None:
        return None
    params = school_params(school)
    return SchoolData(
        school=school,
        snapshot=snapshot,
        params=params,
        frame=derive_snapshot(snapshot, params),
        mapping=import_mapping(snapshot),
    )


# --- The pupil list -------------------------------------------------------------------------

# Sort keys of the list: (columns, descending), each ending with the pupil reference so the
# order is total and a page never repeats or skips a pupil.
SORTS: dict[str, tuple[tuple[str, ...], tuple[bool, ...]]] = {
    "factors": (("factor_count", "domain_count", "pupil_ref"), (True, True, False)),
    "domains": (("domain_count", "factor_count", "pupil_ref"), (True, True, False)),
    "score": (("score", "factor_count", "pupil_ref"), (True, True, False)),
    "ref": (("pupil_ref",), (False,)),
    "year": (("_year", "reg_group", "pupil_ref"), (False, False, False)),
    "reg": (("reg_group", "pupil_ref"), (False, False)),
}
DEFAULT_SORT = "factors"


def sorted_pupils(frame: pl.DataFrame, sort: str) -> pl.DataFrame:
    columns, descending = SORTS.get(sort, SORTS[DEFAULT_SORT])
    with_year = frame.with_columns(
        pl.col("year_group")
        .replace_strict(YEAR_ORDER, default=99, return_dtype=pl.Int64)
        .alias("_year")
    )
    return with_year.sort(list(columns), descending=list(descending), nulls_last=True).drop("_year")


@dataclass(frozen=True)
class FactorBadge:
    key: str
    label: str
    severity: int


@dataclass(frozen=True)
class PupilRow:
    record_id: int
    pupil_ref: str
    year_group: str
    reg_group: str
    factor_count: int
    domain_count: int
    domains: list[str]
    factors: list[FactorBadge]
    known_to_services: bool
    support_gap: bool
    score: int


_ROW_COLUMNS = (
    "record_id",
    "pupil_ref",
    "year_group",
    "reg_group",
    "factor_count",
    "domain_count",
    "known_to_services",
    "support_gap",
    "score",
)


def pupil_rows(frame: pl.DataFrame) -> list[PupilRow]:
    """The rows of a (small) derived frame as the list shows them: high severity first."""
    flags = [f"f_{f.key}" for f in FACTORS]
    rows = []
    for row in frame.select(*_ROW_COLUMNS, *flags).iter_rows(named=True):
        factors = [BY_KEY[name[2:]] for name in flags if row[name]]
        domains = list(dict.fromkeys(f.domain for f in factors))
        rows.append(
            PupilRow(
                record_id=row["record_id"],
                pupil_ref=row["pupil_ref"],
                year_group=row["year_group"] or "",
                reg_group=row["reg_group"] or "",
                factor_count=row["factor_count"],
                domain_count=row["domain_count"],
                domains=[DOMAIN_LABELS[d] for d in domains],
                factors=[
                    FactorBadge(key=f.key, label=f.label, severity=f.severity)
                    for f in sorted(factors, key=lambda f: -f.severity)
                ],
                known_to_services=bool(row["known_to_services"]),
                support_gap=bool(row["support_gap"]),
                score=row["score"],
            )
        )
    return rows


# --- One pupil's profile --------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    header: str  # the column as the school's file named it
    column: str  # the canonical column


@dataclass(frozen=True)
class ProfileFactor:
    factor: PresentFactor
    sources: list[Source]
    weight: int


@dataclass(frozen=True)
class DomainGroup:
    domain: Domain
    label: str
    factors: list[ProfileFactor]


@dataclass(frozen=True)
class Profile:
    record_id: int
    pupil_ref: str
    year_group: str
    reg_group: str
    row: dict[str, Any]
    groups: list[DomainGroup]
    factor_count: int
    domain_count: int
    known_to_services: bool
    support_gap: bool
    support_gap_reasons: list[str]
    score: int
    attendance: float | None
    changes: list[Any]
    previous_as_at: date | None
    # False when the pupil is not on the previous snapshot (new to the school's data).
    on_previous: bool


def _sources(factor: PresentFactor, mapping: Mapping[str, str]) -> list[Source]:
    found = []
    for column in factor.sources:
        header = mapping.get(column) or mapping.get(
            "date_of_birth" if column == "birth_month" else ""
        )
        if header:
            found.append(Source(header=header, column=column))
    return found


def support_gap_reasons(row: Mapping[str, Any], params: Mapping[str, Any]) -> list[str]:
    """Why the support-gap marker is on, in the catalogue's terms (empty when it is off)."""
    if not row.get("support_gap"):
        return []
    reasons = []
    needed = int(params["support_gap_domains"])
    if row["domain_count"] >= needed:
        reasons.append(
            f"Factors in {row['domain_count']} domains (the school's threshold is {needed})."
        )
    if row.get("engagement_severity") == 2:
        high = [
            f.label
            for f in FACTORS
            if f.domain == Domain.ENGAGEMENT and f.severity == 2 and row.get(f"f_{f.key}")
        ]
        reasons.append("High engagement concern: " + ", ".join(high) + ".")
    reasons.append(
        "No recorded support: not looked after, no child in need or protection plan, no "
        "early help, no EHC plan and no SEN support."
    )
    return reasons


def record_row(frame: pl.DataFrame, record_id: int) -> dict[str, Any] | None:
    found = frame.filter(pl.col("record_id") == record_id)
    return found.row(0, named=True) if found.height else None


def pupil_row_by_ref(frame: pl.DataFrame, pupil_ref: str) -> dict[str, Any] | None:
    found = frame.filter(pl.col("pupil_ref") == pupil_ref)
    return found.row(0, named=True) if found.height else None


def profile_for(
    data: SchoolData,
    row: Mapping[str, Any],
    previous: Mapping[str, Any] | None,
    *,
    previous_snapshot: Snapshot | None,
) -> Profile:
    params = data.params.values
    present = present_factors(row)
    groups = []
    for domain in Domain:
        factors = [
            ProfileFactor(
                factor=factor,
                sources=_sources(factor, data.mapping),
                weight=int(params[f"weight.{factor.key}"]),
            )
            for factor in present
            if factor.domain == domain
        ]
        if factors:
            groups.append(DomainGroup(domain=domain, label=DOMAIN_LABELS[domain], factors=factors))
    found_changes = changes_between(previous, row) if previous_snapshot is not None else []
    return Profile(
        record_id=row["record_id"],
        pupil_ref=row["pupil_ref"],
        year_group=row["year_group"] or "",
        reg_group=row["reg_group"] or "",
        row=dict(row),
        groups=groups,
        factor_count=row["factor_count"],
        domain_count=row["domain_count"],
        known_to_services=bool(row["known_to_services"]),
        support_gap=bool(row["support_gap"]),
        support_gap_reasons=support_gap_reasons(row, params),
        score=row["score"],
        attendance=row.get("attendance"),
        changes=found_changes,
        previous_as_at=previous_snapshot.as_at_date if previous_snapshot else None,
        on_previous=previous is not None,
    )


def pupil_profile(school: School, record_id: int) -> tuple[SchoolData, Profile] | None:
    """One pupil's profile on the snapshot holding ``record_id``, with the change since the
    school's snapshot before it; None when the school has no such record."""
    snapshot_id = (
        PupilRecord.objects.filter(school=school, pk=record_id)
        .values_list("snapshot_id", flat=True)
        .first()
    )
    if snapshot_id is None:
        return None
    snapshot = Snapshot.objects.get(pk=snapshot_id)
    data = school_data(school, snapshot)
    assert data is not None  # noqa: S101 - a snapshot was given
    row = record_row(data.frame, record_id)
    if row is None:  # deleted between the two reads
        return None
    before = previous_snapshot(snapshot)
    previous = None
    if before is not None:
        previous = pupil_row_by_ref(derive_snapshot(before, data.params), row["pupil_ref"])
    return data, profile_for(data, row, previous, previous_snapshot=before)


def domain_themes(domains: Iterable[Domain]) -> dict[Domain, tuple[str, ...]]:
    return {domain: DOMAIN_THEMES[domain] for domain in domains}


# --- Where the Hub can help -----------------------------------------------------------------

SIGNPOST_INTERVENTIONS = 3


@dataclass(frozen=True)
class DomainSignpost:
    domain: Domain
    label: str
    themes: list[Any]  # hub.Theme, in DOMAIN_THEMES order
    interventions: list[Any]  # hub.InterventionPage, the explorer's ranking


def hub_signposts(user: Any, domains: Sequence[Domain]) -> list[DomainSignpost]:
    """For each of the pupil's domains: its Hub themes and the top interventions tagged with
    any of them, ranked as the Hub's explorer ranks them (impact, evidence, cost).

    Three queries whatever the number of domains (none when there are none): the themes,
    the ranked (intervention, theme) pairs as plain numbers, then only the pages shown."""
    from reconnect.hub.models import InterventionPage, Theme
    from reconnect.hub.selectors import _RANKING, hub_pages_visible_to

    wanted = list(dict.fromkeys(domains))
    if not wanted:
        return []
    slugs = {slug for domain in wanted for slug in DOMAIN_THEMES[domain]}
    themes = {theme.slug: theme for theme in Theme.objects.filter(slug__in=slugs)}
    pairs: list[tuple[int, int]] = []
    if themes:
        tagged = hub_pages_visible_to(
            user, InterventionPage.objects.filter(themes__in=[t.pk for t in themes.values()])
        )
        pairs = list(
            tagged.annotate(tag=models.F("themes"))
            .order_by(*_RANKING, models.F("pk").asc())
            .values_list("pk", "tag")
        )
    chosen: dict[Domain, list[int]] = {}
    for domain in wanted:
        theme_ids = {themes[s].pk for s in DOMAIN_THEMES[domain] if s in themes}
        ids = list(dict.fromkeys(pk for pk, tag in pairs if tag in theme_ids))
        chosen[domain] = ids[:SIGNPOST_INTERVENTIONS]
    shown = {pk for ids in chosen.values() for pk in ids}
    pages = InterventionPage.objects.in_bulk(shown) if shown else {}
    return [
        DomainSignpost(
            domain=domain,
            label=DOMAIN_LABELS[domain],
            themes=[themes[s] for s in DOMAIN_THEMES[domain] if s in themes],
            interventions=[pages[pk] for pk in chosen[domain] if pk in pages],
        )
        for domain in wanted
    ]
