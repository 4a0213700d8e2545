"""The vulnerability spectrum as JSON (``/api/v1/spectrum``): counts, never pupils.

- **Upload** a pupil file (multipart) and read an **import's status**: the school's leads
  and data leads, exactly as on the website (the same service: pseudonymised, minimised,
  audited).
- **Profile summary** of the latest snapshot (pupils per factor and per count band) and the
  **cohort views** (prevalence by year or registration group, co-occurrence and the
  commonest combinations, outcome gaps with intervals), for anyone who may see the
  school's cohort views (leads, data leads, and staff a lead has granted them to).
- **Network aggregates**: the same suppressed figures as the network page, for system
  leaders (their trust or borough) and coordinators (the network).

No operation returns a pupil row, a pupil reference or a profile, even to the people who
may see them on the website. Pupil-level data leaves the school's pages only as an export
after the user has just signed in again (recent re-authentication, with a second factor
where they have one), and that check cannot be made of a script. An API that served pupil
rows would also make copies of them in places the school cannot see or delete, which data
minimisation (UK GDPR Art. 5(1)(c)) and the school's DPIA rule out. So the API serves
what an integration needs (did the import work; how many pupils, in which circumstances),
and a person who needs a named pupil uses the website.

Another school's data is a 404, as on the website; a member without a network role gets a
403 from the network operation. Every read of pupil data is audited.
"""

import datetime
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl
from django.http import HttpRequest
from ninja import Field, File, Form, P, PathEx, Query, Router, Schema, Status
from ninja.files import UploadedFile

from reconnect.core.api_schema import INVALID, NOT_FOUND
from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.spectrum.analysis import cohorts
from reconnect.spectrum.analysis.catalogue import FACTORS
from reconnect.spectrum.ingest import MAX_BYTES
from reconnect.spectrum.models import ImportSource, PupilImport
from reconnect.spectrum.selectors import network as network_selectors
from reconnect.spectrum.selectors.access import MAX_URN, school_for
from reconnect.spectrum.selectors.imports import import_of
from reconnect.spectrum.selectors.pupils import SchoolData, school_data
from reconnect.spectrum.services.imports import import_receive

router = Router(tags=["vulnerability spectrum"])

MAX_ID = 2**31 - 1
Urn = PathEx[int, P(ge=1, le=MAX_URN)]
ImportId = PathEx[int, P(ge=1, le=MAX_ID)]


class ErrorOut(Schema):
    detail: str


# --- Imports ----------------------------------------------------------------------------------


# Not "ProblemOut": the Lab's schema of that name would take its place in the OpenAPI
# document, which keys schemas by class name.
class ImportProblemOut(Schema):
    row: int | None = Field(
        description="The spreadsheet row (the header is row 1); null for the file"
    )
    column: str
    value: str = Field(description="What the cell held (UPNs masked)")
    expected: str


class NoticeOut(Schema):
    column: str
    message: str


class ImportOut(Schema):
    id: int
    status: str = Field(
        description="received, needs_mapping, checking, importing, rejected, imported, "
        "unchanged (the same file was imported before), checked (dry run) or failed"
    )
    status_label: str
    finished: bool
    source: str
    dry_run: bool
    filename: str
    uploaded_at: datetime.datetime
    finished_at: datetime.datetime | None
    as_at_date: datetime.date | None = Field(description="The snapshot's date, once known")
    rows_total: int | None
    rows_done: int
    progress_percent: int
    problem_count: int = Field(description="The true total; at most 500 are listed")
    problems: list[ImportProblemOut]
    notices: list[NoticeOut]
    unmatched_headers: list[str] = Field(
        description="Headers to match to a column on the website before the file can be read"
    )
    pupils: int | None = Field(description="Pupils on the snapshot the import made")

    @staticmethod
    def resolve_status_label(obj: PupilImport) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_finished(obj: PupilImport) -> bool:
        return obj.is_finished

    @staticmethod
    def resolve_filename(obj: PupilImport) -> str:
        return obj.original_filename

    @staticmethod
    def resolve_as_at_date(obj: PupilImport) -> datetime.date | None:
        return obj.snapshot.as_at_date if obj.snapshot else obj.as_at_date

    @staticmethod
    def resolve_pupils(obj: PupilImport) -> int | None:
        return obj.snapshot.pupil_count if obj.snapshot else None


@router.post(
    "/schools/{urn}/imports",
    response={201: ImportOut, 400: ErrorOut, 413: ErrorOut, **NOT_FOUND, **INVALID},
    url_name="spectrum-import-create",
    operation_id="spectrum_import_create",
    summary="Upload a pupil file (CSV or XLSX, at most 20 MB) for one of your schools",
    description=(
        "The same import as the website's upload page: a small file is checked and "
        "imported before the answer comes back; a large one is queued, and its status says "
        "how far it has got. A file with headers Reconnect cannot match answers "
        "needs_mapping: match them on the website. Leads and data leads of the school only."
    ),
)
def import_create(
    request: HttpRequest,
    urn: Urn,
    file: File[UploadedFile],
    as_at_date: Form[datetime.date | None] = None,
    dry_run: Form[bool] = False,
) -> Any:
    school = school_for(request.user, urn, need="pupils")
    if (file.size or 0) > MAX_BYTES:
        return Status(
            413,
            {
                "detail": f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: export "
                "only the columns Reconnect uses, or split the file."
            },
        )
    try:
        pupil_import = import_receive(
            school=school,
            user=request.user,
            data=file.read(),
            filename=file.name or "pupils.csv",
            as_at_date=as_at_date,
            source=ImportSource.API,
            dry_run=dry_run,
        )
    except ApplicationError as error:
        return Status(400, {"detail": error.message})
    return Status(201, PupilImport.objects.select_related("snapshot").get(pk=pupil_import.pk))


@router.get(
    "/schools/{urn}/imports/{import_id}",
    response={200: ImportOut, **NOT_FOUND, **INVALID},
    url_name="spectrum-import-detail",
    operation_id="spectrum_import_detail",
    summary="An import's status, progress and problems",
)
def import_detail(request: HttpRequest, urn: Urn, import_id: ImportId) -> Any:
    school = school_for(request.user, urn, need="pupils")
    pupil_import = import_of(school, import_id)
    if pupil_import.snapshot_id:
        pupil_import = PupilImport.objects.select_related("snapshot").get(pk=pupil_import.pk)
    return pupil_import


# --- Profile summary --------------------------------------------------------------------------


class FactorCountOut(Schema):
    key: str = Field(description="The factor's stable key (see the catalogue)")
    label: str
    domain: str
    severity: int = Field(description="1 = present, 2 = high")
    enabled: bool = Field(description="False when the school switched the factor off")
    pupils: int
    percent: float


class BandCountOut(Schema):
    band: str = Field(description='"0", "1", "2–5" or "6+" factors')
    pupils: int
    percent: float


class ProfileSummaryOut(Schema):
    urn: int
    as_at_date: datetime.date
    pupils: int
    factors: list[FactorCountOut]
    bands: list[BandCountOut]
    known_to_services: int = Field(
        description="Pupils with support in place (CLA, CIN, CPP, EHCP, early help)"
    )
    support_gap: int = Field(description="Pupils with several needs and no recorded support")
    attendance: float | None = Field(description="Mean attendance %, where recorded")


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


@router.get(
    "/schools/{urn}/profile",
    response={200: ProfileSummaryOut, 404: ErrorOut, **INVALID},
    url_name="spectrum-profile",
    operation_id="spectrum_profile",
    summary="Counts of the latest snapshot's pupils by factor and by count band",
    description=(
        "Under the school's own indicator settings, as the cohort pages show them. Counts "
        "only: the API never returns a pupil's row or profile (see the API description)."
    ),
)
def profile_summary(request: HttpRequest, urn: Urn) -> Any:
    school = school_for(request.user, urn, need="cohorts")
    data = school_data(school)
    if data is None:
        return Status(404, {"detail": "The school has no pupil data yet."})
    frame = data.frame
    total = frame.height
    enabled = set(data.enabled_factors)
    counts = frame.select([pl.col(f"f_{f.key}").sum().alias(f.key) for f in FACTORS]).row(
        0, named=True
    )
    bands = dict(frame.get_column("count_band").value_counts().iter_rows())
    attendance = frame.get_column("attendance").mean() if "attendance" in frame.columns else None
    audit_record(
        "spectrum.cohort.viewed",
        request=request,
        target=data.snapshot,
        school_urn=school.urn,
        detail={"view": "api-profile", "filter": {}},
    )
    return {
        "urn": school.urn,
        "as_at_date": data.as_at,
        "pupils": total,
        "factors": [
            {
                "key": f.key,
                "label": f.label,
                "domain": str(f.domain),
                "severity": f.severity,
                "enabled": f.key in enabled,
                "pupils": int(counts[f.key] or 0),
                "percent": _percent(int(counts[f.key] or 0), total),
            }
            for f in FACTORS
        ],
        "bands": [
            {
                "band": band,
                "pupils": int(bands.get(band, 0)),
                "percent": _percent(int(bands.get(band, 0)), total),
            }
            for band in network_selectors.BANDS
        ],
        "known_to_services": int(frame.get_column("known_to_services").sum()),
        "support_gap": int(frame.get_column("support_gap").sum()),
        "attendance": round(float(attendance), 1) if attendance is not None else None,  # type: ignore[arg-type]
    }


# --- Cohort views -----------------------------------------------------------------------------

FILTER_HELP = (
    " Filters as on the cohort pages, repeatable where they are lists: factor (a factor "
    "key: pupils with all of them), year, reg, band (0, 1, 2–5, 6+), gap and known "
    "(yes or no)."
)


class GroupCountsOut(Schema):
    group: str = Field(description='The year or registration group; "" = not recorded')
    total: bool = Field(description="The last row: all the pupils in the filter")
    pupils: int
    counts: list[int] = Field(description="Pupils with each key, in the order of keys")

    @staticmethod
    def resolve_total(obj: cohorts.GroupCounts) -> bool:
        return obj.is_total

    @staticmethod
    def resolve_pupils(obj: cohorts.GroupCounts) -> int:
        return obj.n


class PrevalenceOut(Schema):
    urn: int
    as_at_date: datetime.date
    by: str
    filter: dict[str, Any]
    keys: list[str] = Field(description="Factor keys, catalogue order")
    rows: list[GroupCountsOut]
    bands: list[GroupCountsOut] = Field(description="Pupils by number of factors, per group")


class CombinationOut(Schema):
    keys: list[str] = Field(description="The exact set of circumstance factors")
    pupils: int
    percent: float

    @staticmethod
    def resolve_pupils(obj: cohorts.Combination) -> int:
        return obj.count


class CombinationsOut(Schema):
    urn: int
    as_at_date: datetime.date
    filter: dict[str, Any]
    pupils: int
    keys: list[str] = Field(description="The factors any pupil in the filter has")
    co_occurrence: list[list[int]] = Field(
        description="[i][j]: pupils with both keys[i] and keys[j]; the diagonal, with keys[i]"
    )
    combinations: list[CombinationOut] = Field(description="Most common first")


class IntervalOut(Schema):
    estimate: float
    low: float
    high: float


class MeanOut(Schema):
    pupils: int
    mean: float | None
    interval: IntervalOut | None = Field(description="95% t interval")
    difference: float | None = Field(description="From pupils with no circumstance factor")
    difference_interval: IntervalOut | None = Field(description="Welch 95% interval")

    @staticmethod
    def resolve_pupils(obj: cohorts.MeanOutcome) -> int:
        return obj.n


class RateOut(Schema):
    count: int
    pupils: int
    rate: float | None = Field(description="0 to 1")
    interval: IntervalOut | None = Field(description="Wilson 95% interval")
    difference: float | None
    difference_interval: IntervalOut | None = Field(
        description="Newcombe hybrid score 95% interval"
    )

    @staticmethod
    def resolve_pupils(obj: cohorts.RateOutcome) -> int:
        return obj.n


class GroupOutcomeOut(Schema):
    kind: str = Field(description="reference, factor or combination")
    keys: list[str]
    pupils: int
    too_small: bool = Field(description="Under 10 pupils: no intervals")
    attendance: MeanOut
    persistent_absence: RateOut
    severe_absence: RateOut
    suspended: RateOut

    @staticmethod
    def resolve_pupils(obj: cohorts.GroupOutcome) -> int:
        return obj.n


class OutcomesOut(Schema):
    urn: int
    as_at_date: datetime.date
    filter: dict[str, Any]
    reference: GroupOutcomeOut = Field(description="Pupils with no circumstance factor")
    factors: list[GroupOutcomeOut]
    combinations: list[GroupOutcomeOut]


@dataclass(frozen=True)
class _Cohort:
    data: SchoolData
    frame: pl.DataFrame  # the derived snapshot narrowed by the filter
    filter: cohorts.CohortFilter


def _cohort(request: HttpRequest, urn: int, view: str) -> _Cohort | Status[dict[str, str]]:
    """The school's derived latest snapshot narrowed by the query's filter, audited; or
    the error answer (404 without data, 400 for a bad filter)."""
    school = school_for(request.user, urn, need="cohorts")
    data = school_data(school)
    if data is None:
        return Status(404, {"detail": "The school has no pupil data yet."})
    try:
        cohort_filter = cohorts.CohortFilter.from_query(request.GET)
    except ValueError as error:
        return Status(400, {"detail": str(error)})
    audit_record(
        "spectrum.cohort.viewed",
        request=request,
        target=data.snapshot,
        school_urn=school.urn,
        detail={"view": view, "filter": cohort_filter.to_dict()},
    )
    return _Cohort(data, cohorts.apply_filter(data.frame, cohort_filter), cohort_filter)


@router.get(
    "/schools/{urn}/cohorts/prevalence",
    response={200: PrevalenceOut, 400: ErrorOut, 404: ErrorOut, **INVALID},
    url_name="spectrum-cohort-prevalence",
    operation_id="spectrum_cohort_prevalence",
    summary="Pupils with each factor, and by number of factors, by year or registration group",
    description="Counts only." + FILTER_HELP,
)
def cohort_prevalence(
    request: HttpRequest, urn: Urn, by: Query[Literal["year_group", "reg_group"]] = "year_group"
) -> Any:
    found = _cohort(request, urn, "api-prevalence")
    if isinstance(found, Status):
        return found
    data, frame, cohort_filter = found.data, found.frame, found.filter
    table = cohorts.prevalence(frame, by)
    bands = cohorts.count_distribution(frame, by)
    return {
        "urn": data.school.urn,
        "as_at_date": data.as_at,
        "by": by,
        "filter": cohort_filter.to_dict(),
        "keys": list(table.keys),
        "rows": table.rows,
        "bands": bands.rows,
    }


@router.get(
    "/schools/{urn}/cohorts/combinations",
    response={200: CombinationsOut, 400: ErrorOut, 404: ErrorOut, **INVALID},
    url_name="spectrum-cohort-combinations",
    operation_id="spectrum_cohort_combinations",
    summary="How factors occur together: the co-occurrence matrix and the commonest sets",
    description="Counts only." + FILTER_HELP,
)
def cohort_combinations(request: HttpRequest, urn: Urn) -> Any:
    found = _cohort(request, urn, "api-combinations")
    if isinstance(found, Status):
        return found
    data, frame, cohort_filter = found.data, found.frame, found.filter
    keys, matrix = cohorts.co_occurrence(frame)
    return {
        "urn": data.school.urn,
        "as_at_date": data.as_at,
        "filter": cohort_filter.to_dict(),
        "pupils": frame.height,
        "keys": list(keys),
        "co_occurrence": matrix.tolist(),
        "combinations": cohorts.combinations(frame),
    }


@router.get(
    "/schools/{urn}/cohorts/outcomes",
    response={200: OutcomesOut, 400: ErrorOut, 404: ErrorOut, **INVALID},
    url_name="spectrum-cohort-outcomes",
    operation_id="spectrum_cohort_outcomes",
    summary="Attendance, persistent and severe absence and suspensions by factor, with gaps",
    description=(
        "Each circumstance factor and each common combination against pupils with none, "
        "with 95% intervals; groups under 10 pupils have no intervals." + FILTER_HELP
    ),
)
def cohort_outcomes(request: HttpRequest, urn: Urn) -> Any:
    found = _cohort(request, urn, "api-outcomes")
    if isinstance(found, Status):
        return found
    data, frame, cohort_filter = found.data, found.frame, found.filter
    gaps = cohorts.outcome_gaps(frame)
    return {
        "urn": data.school.urn,
        "as_at_date": data.as_at,
        "filter": cohort_filter.to_dict(),
        "reference": gaps.reference,
        "factors": gaps.factors,
        "combinations": gaps.combinations,
    }


# --- Network aggregates -----------------------------------------------------------------------


class FigureOut(Schema):
    """A count of pupils and its share; both null when suppressed."""

    suppressed: bool
    pupils: int | None
    percent: float | None

    @staticmethod
    def resolve_pupils(obj: network_selectors.Figure) -> int | None:
        return obj.count

    @staticmethod
    def resolve_percent(obj: network_selectors.Figure) -> float | None:
        return None if obj.percent is None else round(obj.percent, 1)


class NetworkOutcomesOut(Schema):
    attendance: float | None = Field(
        description="Session-weighted attendance %; null when suppressed"
    )
    persistent_absence: FigureOut
    severe_absence: FigureOut

    @staticmethod
    def resolve_attendance(obj: network_selectors.Outcomes) -> float | None:
        return None if obj.attendance is None else round(obj.attendance, 1)

    @staticmethod
    def resolve_persistent_absence(obj: network_selectors.Outcomes) -> network_selectors.Figure:
        return obj.persistent

    @staticmethod
    def resolve_severe_absence(obj: network_selectors.Outcomes) -> network_selectors.Figure:
        return obj.severe


class NetworkFactorOut(Schema):
    key: str
    label: str
    domain: str
    pupils: FigureOut
    outcomes: NetworkOutcomesOut

    @staticmethod
    def resolve_key(obj: network_selectors.FactorRow) -> str:
        return obj.factor.key

    @staticmethod
    def resolve_label(obj: network_selectors.FactorRow) -> str:
        return obj.factor.label

    @staticmethod
    def resolve_domain(obj: network_selectors.FactorRow) -> str:
        return str(obj.factor.domain)


class NetworkBandOut(Schema):
    band: str
    pupils: FigureOut


class NetworkGroupOut(Schema):
    name: str = Field(description="The school, borough or trust")
    schools: int
    pupils: int | None = Field(description="Null when suppressed")
    factor: FigureOut = Field(description="Pupils with the chosen factor")
    outcomes: NetworkOutcomesOut
    bands: list[NetworkBandOut]

    @staticmethod
    def resolve_bands(obj: network_selectors.GroupRow) -> list[dict[str, Any]]:
        return [
            {"band": band, "pupils": figure}
            for band, figure in zip(network_selectors.BANDS, obj.bands, strict=True)
        ]


class ScopeOut(Schema):
    key: str
    kind: str
    name: str


class NetworkOut(Schema):
    scopes: list[ScopeOut] = Field(description="What you may look across")
    scope: ScopeOut
    by: str = Field(description="school (a trust or borough), borough or trust (the network)")
    factor: str = Field(description="The factor the groups are compared on")
    schools: int
    schools_without_data: int
    pupils: int | None
    earliest: datetime.date | None
    latest: datetime.date | None
    factors: list[NetworkFactorOut]
    bands: list[NetworkBandOut]
    groups: list[NetworkGroupOut]

    @staticmethod
    def resolve_factor(obj: network_selectors.NetworkAggregate) -> str:
        return obj.factor.key

    @staticmethod
    def resolve_factors(obj: network_selectors.NetworkAggregate) -> list[Any]:
        return [row for domain in obj.domains for row in domain.rows]

    @staticmethod
    def resolve_bands(obj: network_selectors.NetworkAggregate) -> list[dict[str, Any]]:
        return [{"band": band, "pupils": figure} for band, figure in obj.bands]


class NetworkQuery(Schema):
    scope: str = Field("", max_length=40, description='"network", "trust-<id>" or "borough-<id>"')
    by: str = Field("", max_length=20, description="school, borough or trust")
    factor: str = Field("", max_length=40, description="A factor key; free school meals by default")


@router.get(
    "/network",
    response={200: NetworkOut, 403: ErrorOut, **INVALID},
    url_name="spectrum-network",
    operation_id="spectrum_network",
    summary="Suppressed counts across schools: a system leader's trust or borough, or the network",
    description=(
        "The network page's figures. Every count under 5, zero included, is null, and so "
        "is any figure it could be worked out from; no pupil row is ever read."
    ),
)
def network_aggregate(request: HttpRequest, query: Query[NetworkQuery]) -> Any:
    view = network_selectors.network_aggregate(
        user=request.user, scope_key=query.scope, by=query.by, factor_key=query.factor
    )
    if view is None:
        return Status(
            403, {"detail": "Only system leaders and coordinators see pupil data across schools."}
        )
    audit_record(
        "spectrum.network.viewed",
        request=request,
        detail=view.audit_detail,
    )
    return view
