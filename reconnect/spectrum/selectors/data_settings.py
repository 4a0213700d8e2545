"""Reads for the privacy pages: retention, staff grants, remembered mappings, indicator
settings and what deleting everything would remove. Each is scoped to one school, which
the view has already fetched through ``selectors.access.school_for``."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, QuerySet
from django.http import Http404

from reconnect.accounts.models import User
from reconnect.schools.models import School
from reconnect.schools.roles import SchoolRole
from reconnect.spectrum import columns
from reconnect.spectrum.analysis import catalogue
from reconnect.spectrum.models import (
    DEFAULT_RETENTION_MONTHS,
    ColumnMapping,
    ImportStatus,
    IndicatorChange,
    IndicatorConfig,
    PupilImport,
    PupilRecord,
    SchoolDataSettings,
    Snapshot,
    StaffCohortGrant,
)
from reconnect.spectrum.services.data_settings import indicator_values
from reconnect.spectrum.services.housekeeping import retention_cutoff

MAX_ID = 2**31 - 1
CHANGE_LOG_LENGTH = 100


def expiry_date(as_at: datetime.date, months: int) -> datetime.date:
    """The first day the housekeeping finds a snapshot of ``as_at`` expired.

    Found with housekeeping's own cut-off, so the page and the deletion never disagree
    about month ends (31 August plus six months).
    """
    day = as_at + datetime.timedelta(days=28 * months)
    while retention_cutoff(day, months) <= as_at:
        day += datetime.timedelta(days=1)
    while retention_cutoff(day - datetime.timedelta(days=1), months) > as_at:
        day -= datetime.timedelta(days=1)
    return day


@dataclass(frozen=True)
class Retention:
    months: int
    oldest: datetime.date | None  # the oldest snapshot's as-at date
    oldest_deleted_on: datetime.date | None  # when housekeeping deletes it
    snapshots: int


def retention_of(school: School) -> Retention:
    """The retention period and when the oldest snapshot goes (one query each)."""
    row = SchoolDataSettings.objects.filter(school=school).only("retention_months").first()
    months = row.retention_months if row else DEFAULT_RETENTION_MONTHS
    figures = Snapshot.objects.filter(school=school).aggregate(
        oldest=Min("as_at_date"), snapshots=Count("pk")
    )
    oldest = figures["oldest"]
    return Retention(
        months=months,
        oldest=oldest,
        oldest_deleted_on=expiry_date(oldest, months) if oldest else None,
        snapshots=figures["snapshots"],
    )


def grants_of(school: School) -> QuerySet[StaffCohortGrant]:
    """Who has been given the cohort views, by name."""
    return (
        StaffCohortGrant.objects.filter(school=school)
        .select_related("user", "granted_by")
        .order_by("user__first_name", "user__last_name", "user__email")
    )


def grant_of(school: School, user_id: int) -> StaffCohortGrant:
    """One staff member's grant at this school, or 404."""
    if user_id > MAX_ID:
        raise Http404
    grant = grants_of(school).filter(user_id=user_id).first()
    if grant is None:
        raise Http404
    return grant


def grantable_staff(school: School) -> QuerySet[User]:
    """The school's active staff members who do not have the cohort views yet."""
    granted = StaffCohortGrant.objects.filter(school=school).values("user_id")
    return (
        User.objects.filter(
            is_active=True,
            memberships__school=school,
            memberships__role=SchoolRole.STAFF,
        )
        .exclude(pk__in=granted)
        .order_by("first_name", "last_name", "email")
    )


@dataclass(frozen=True)
class MappingRow:
    mapping: ColumnMapping
    label: str  # the canonical column's label, or "" when the header is ignored


def mappings_of(school: School) -> list[MappingRow]:
    """The headers matched by hand, alphabetically, with what each was matched to."""
    found = ColumnMapping.objects.filter(school=school).select_related("updated_by")
    return [
        MappingRow(m, columns.BY_NAME[m.canonical].label if m.canonical in columns.BY_NAME else "")
        for m in found.order_by("header")
    ]


def mapping_of(school: School, mapping_id: int) -> ColumnMapping:
    if mapping_id > MAX_ID:
        raise Http404
    mapping = ColumnMapping.objects.filter(school=school, pk=mapping_id).first()
    if mapping is None:
        raise Http404
    return mapping


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    help: str
    default: Any
    value: Any

    @property
    def changed(self) -> bool:
        return bool(self.default != self.value)


@dataclass(frozen=True)
class FactorSetting:
    factor: catalogue.Factor
    domain_label: str
    enabled: bool
    weight: int
    default_weight: int

    @property
    def changed(self) -> bool:
        return not self.enabled or self.weight != self.default_weight


@dataclass(frozen=True)
class IndicatorSettings:
    values: dict[str, Any]  # every key, the school's value
    parameters: list[Setting]
    factors: list[FactorSetting]

    @property
    def changed_count(self) -> int:
        return sum(p.changed for p in self.parameters) + sum(f.changed for f in self.factors)


def indicator_settings(school: School) -> IndicatorSettings:
    """The school's indicator settings beside the DfE defaults (one query)."""
    config = IndicatorConfig.objects.filter(school=school).first()
    values = indicator_values(config.overrides if config else {})
    parameters = [
        Setting(p.key, p.label, p.help, p.default, values[p.key]) for p in catalogue.PARAMETERS
    ]
    factors = [
        FactorSetting(
            factor=f,
            domain_label=catalogue.DOMAIN_LABELS[f.domain],
            enabled=bool(values[f"enabled.{f.key}"]),
            weight=int(values[f"weight.{f.key}"]),
            default_weight=catalogue.DEFAULT_WEIGHTS[f.key],
        )
        for f in catalogue.FACTORS
    ]
    return IndicatorSettings(values=values, parameters=parameters, factors=factors)


def setting_label(key: str) -> str:
    """A parameter key in words, for the change log."""
    for parameter in catalogue.PARAMETERS:
        if parameter.key == key:
            return parameter.label
    kind, _dot, factor_key = key.partition(".")
    factor = catalogue.BY_KEY.get(factor_key)
    if factor is None:
        return key
    if kind == "enabled":
        return factor.label
    return f"{factor.label}: weight"


def indicator_changes(school: School) -> QuerySet[IndicatorChange]:
    """The latest changes to the school's indicator settings, newest first."""
    return IndicatorChange.objects.filter(school=school).select_related("changed_by")[
        :CHANGE_LOG_LENGTH
    ]


def original_of(pupil_import: PupilImport) -> PupilImport | None:
    """For an upload that changed nothing: the earlier import of the same file."""
    return (
        PupilImport.objects.filter(
            school_id=pupil_import.school_id,
            file_sha256=pupil_import.file_sha256,
            status=ImportStatus.IMPORTED,
            uploaded_at__lte=pupil_import.uploaded_at,
        )
        .exclude(pk=pupil_import.pk)
        .select_related("snapshot")
        .order_by("-uploaded_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class Holdings:
    """What the school holds now: what deleting everything would remove."""

    snapshots: int
    records: int
    imports: int
    mappings: int

    @property
    def empty(self) -> bool:
        return not (self.snapshots or self.records or self.imports or self.mappings)


def holdings_of(school: School) -> Holdings:
    return Holdings(
        snapshots=Snapshot.objects.filter(school=school).count(),
        records=PupilRecord.objects.filter(school=school).count(),
        imports=PupilImport.objects.filter(school=school).count(),
        mappings=ColumnMapping.objects.filter(school=school).count(),
    )
