"""Uploading a school's pupil file, and what became of each upload.

The school lead and data leads upload (``need="pupils"``); for anyone else the school's
pupil data does not exist (404). The upload page says what to export and what is never
kept; an upload becomes a ``PupilImport`` through ``services.imports.import_receive``, and
its page shows, by status: columns to match, progress (htmx polls; without JavaScript a
``<meta refresh>`` does, only while unfinished), the problem report of a rejected file
(grouped by column, downloadable as formula-safe CSV), or what was imported.

A body larger than the file limit is refused before it is read (413): the CSRF check that
would read it runs only once the size is known to be acceptable.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from reconnect.core.audit import audit_record
from reconnect.core.csv_export import csv_lines
from reconnect.core.exceptions import ApplicationError
from reconnect.core.htmx import is_htmx
from reconnect.schools.models import School
from reconnect.spectrum import columns
from reconnect.spectrum.forms.imports import ColumnMappingForm, UploadForm, too_large
from reconnect.spectrum.ingest import MAX_BYTES
from reconnect.spectrum.models import FINISHED, ImportSource, ImportStatus, PupilImport
from reconnect.spectrum.selectors import data_settings as settings_selectors
from reconnect.spectrum.selectors.access import school_for
from reconnect.spectrum.selectors.imports import import_of, imports_of
from reconnect.spectrum.services.imports import import_map_columns, import_receive

# Room for the multipart framing and the form's other fields around the file.
FORM_OVERHEAD = 64 * 1024
IMPORTS_PER_PAGE = 25
# Without JavaScript, an unfinished import's page reloads itself this often (seconds).
REFRESH_SECONDS = 3

# The research note's "recommended" columns (section 3.2): not required, but the
# profiles are much poorer without them.
RECOMMENDED = frozenset(
    {
        "entry_date",
        "pupil_premium",
        "post_looked_after",
        "cin",
        "cpp",
        "young_carer",
        "service_child",
        "sen_primary_need",
        "first_language",
        "sessions_auth_absent",
        "sessions_unauth_absent",
        "suspensions_count",
    }
)


def _school(request: HttpRequest, urn: int) -> School:
    prefetch_related_objects([request.user], "memberships")  # type: ignore[type-var]
    return school_for(request.user, urn, need="pupils")


def _import(school: School, import_id: int) -> PupilImport:
    return import_of(school, import_id)


def _detail_url(pupil_import: PupilImport) -> str:
    return reverse(
        "spectrum:import-detail",
        kwargs={"urn": pupil_import.school.urn, "import_id": pupil_import.pk},
    )


# --- the upload page ------------------------------------------------------------------


def column_format(column: columns.Column) -> str:
    """What a cell of the column may hold, in a few words."""
    kind = columns.Kind
    if column.kind == kind.BOOL:
        return _("Y or N (also Yes/No, True/False, 1/0); blank means not recorded")
    if column.kind == kind.DATE:
        return _("A date: DD/MM/YYYY or YYYY-MM-DD")
    if column.kind == kind.MONTH:
        return _("A date: DD/MM/YYYY or YYYY-MM-DD (kept to the month)")
    if column.kind == kind.INT:
        if column.maximum is not None:
            return _("A whole number from 0 to %(max)s") % {"max": f"{column.maximum:g}"}
        return _("A whole number, 0 or more")
    if column.kind == kind.DECIMAL:
        if column.maximum is not None:
            return _("A number from 0 to %(max)s") % {"max": f"{column.maximum:g}"}
        return _("A number, 0 or more")
    if column.kind == kind.CODE:
        return _("One of %(codes)s") % {"codes": ", ".join(column.codes)}
    if column.kind == kind.YEAR_GROUP:
        return _("N1, N2, R, 1 to 14, or X")
    if column.kind == kind.UPN:
        return _("13 characters, a letter first")
    if column.max_length:
        return _("Text, up to %(max)s characters") % {"max": column.max_length}
    return _("Text")


@dataclass(frozen=True)
class ColumnRow:
    column: columns.Column
    format: str
    aliases: list[str]


@dataclass(frozen=True)
class ColumnGroup:
    key: str
    title: str
    rows: list[ColumnRow]

    @property
    def names(self) -> list[str]:
        return [row.column.name for row in self.rows]


def _rows(found: Iterable[columns.Column]) -> list[ColumnRow]:
    return [ColumnRow(c, column_format(c), [a for a in c.aliases if a != c.label]) for c in found]


def column_groups() -> list[ColumnGroup]:
    """The canonical columns as the upload page and the template CSV list them."""
    required = [c for c in columns.COLUMNS if c.required]
    recommended = [c for c in columns.COLUMNS if c.name in RECOMMENDED]
    optional = [c for c in columns.COLUMNS if not c.required and c.name not in RECOMMENDED]
    return [
        ColumnGroup("required", _("Required columns"), _rows(required)),
        ColumnGroup("recommended", _("Recommended columns"), _rows(recommended)),
        ColumnGroup("optional", _("Optional columns"), _rows(optional)),
    ]


def _render_upload(
    request: HttpRequest, school: School, form: UploadForm, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "spectrum/upload.html",
        {
            "school": school,
            "form": form,
            "groups": column_groups(),
            "max_mb": MAX_BYTES // (1024 * 1024),
            "has_errors": bool(form.errors),
        },
        status=status,
    )


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@login_required
@never_cache
@csrf_exempt  # checked by _upload_post once the body is known not to be oversized
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, urn: int) -> HttpResponse:
    school = _school(request, urn)
    today = timezone.localdate()
    if request.method == "POST":
        if _declared_length(request) > MAX_BYTES + FORM_OVERHEAD:
            form = UploadForm.refused(too_large(MAX_BYTES), today=today, max_bytes=MAX_BYTES)
            return _render_upload(request, school, form, status=413)
        return _upload_post(request, school, today)
    return _render_upload(request, school, UploadForm(today=today, max_bytes=MAX_BYTES))


@csrf_protect
def _upload_post(request: HttpRequest, school: School, today: datetime.date) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES, today=today, max_bytes=MAX_BYTES)
    if not form.is_valid():
        return _render_upload(request, school, form)
    upload_file = form.cleaned_data["file"]
    try:
        pupil_import = import_receive(
            school=school,
            user=request.user,
            data=upload_file.read(),
            filename=upload_file.name,
            as_at_date=form.cleaned_data["as_at_date"],
            source=ImportSource.WEB,
            dry_run=form.cleaned_data["dry_run"],
        )
    except ApplicationError as error:
        form.add_error(error.field or "file", error.message)
        return _render_upload(request, school, form)
    if pupil_import.status == ImportStatus.NEEDS_MAPPING:
        return redirect("spectrum:import-mapping", urn=school.urn, import_id=pupil_import.pk)
    return redirect("spectrum:import-detail", urn=school.urn, import_id=pupil_import.pk)


@login_required
@never_cache
@require_http_methods(["GET"])
def upload_template(request: HttpRequest, urn: int) -> StreamingHttpResponse:
    """A CSV with every column's heading and no rows: required, recommended, optional."""
    _school(request, urn)
    header = [name for group in column_groups() for name in group.names]
    response = StreamingHttpResponse(csv_lines(header, []), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reconnect-pupil-file-template.csv"'
    return response


# --- the list of uploads --------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET"])
def import_list(request: HttpRequest, urn: int) -> HttpResponse:
    school = _school(request, urn)
    paginator = Paginator(imports_of(school), IMPORTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "spectrum/import_list.html",
        {"school": school, "page": page, "imports": page.object_list},
    )


# --- one upload -----------------------------------------------------------------------


@dataclass
class ProblemGroup:
    """The problems of one column, in row order."""

    column: str  # as the problem named it
    label: str  # the canonical column's label, or the header as written
    header: str  # the file's own heading for it, when it differs from the label
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rows(self) -> list[int]:
        return sorted({p["row"] for p in self.problems if p.get("row") is not None})


@dataclass(frozen=True)
class ProblemReport:
    total: int  # every problem found (the true count)
    listed: int  # how many the import kept (capped)
    file_problems: list[dict[str, Any]]  # about the whole file (no row, no column)
    groups: list[ProblemGroup]

    @property
    def capped(self) -> bool:
        return self.listed < self.total

    @property
    def column_count(self) -> int:
        return len(self.groups)


def _row_key(problem: Mapping[str, Any]) -> int:
    row = problem.get("row")
    return row if isinstance(row, int) else 0


def problem_report(
    problems: Iterable[Mapping[str, Any]], *, total: int, mapping: Mapping[str, str]
) -> ProblemReport:
    """Problems grouped by column, columns in the order of ``columns.COLUMNS`` (then any
    other heading), each column's problems by row; file-level problems apart."""
    file_problems: list[dict[str, Any]] = []
    groups: dict[str, ProblemGroup] = {}
    # Problems name a column by its canonical name or by the file's own heading.
    canonical_of = {header: name for name, header in mapping.items()}
    listed = 0
    for problem in problems:
        listed += 1
        item = dict(problem)
        column = str(item.get("column") or "")
        if not column:
            file_problems.append(item)
            continue
        name = column if column in columns.BY_NAME else canonical_of.get(column, column)
        if name not in groups:
            known = columns.BY_NAME.get(name)
            label = known.label if known else column
            header = mapping.get(name, "") if known else ""
            groups[name] = ProblemGroup(
                column=name, label=label, header=header if header != label else ""
            )
        groups[name].problems.append(item)
    order = {c.name: i for i, c in enumerate(columns.COLUMNS)}
    ranked = sorted(groups.values(), key=lambda g: (order.get(g.column, len(order)), g.label))
    for group in ranked:
        group.problems.sort(key=_row_key)
    return ProblemReport(
        total=max(total, listed), listed=listed, file_problems=file_problems, groups=ranked
    )


def _notices(pupil_import: PupilImport) -> list[dict[str, str]]:
    found = []
    for notice in pupil_import.notices or []:
        column = str(notice.get("column") or "")
        known = columns.BY_NAME.get(column)
        found.append({"column": known.label if known else column, "message": notice["message"]})
    return found


@login_required
@never_cache
@require_http_methods(["GET"])
def import_detail(request: HttpRequest, urn: int, import_id: int) -> HttpResponse:
    school = _school(request, urn)
    pupil_import = _import(school, import_id)
    finished = pupil_import.status in FINISHED
    if is_htmx(request):
        if finished or pupil_import.status == ImportStatus.NEEDS_MAPPING:
            # The whole page changes (title, report): load it afresh.
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return render(
            request,
            "spectrum/import_detail.html#progress",
            {"school": school, "import": pupil_import, "poll": True},
        )
    context: dict[str, Any] = {
        "school": school,
        "import": pupil_import,
        "finished": finished,
        "poll": not finished and pupil_import.status != ImportStatus.NEEDS_MAPPING,
        "refresh_seconds": REFRESH_SECONDS,
        "notices": _notices(pupil_import),
    }
    if pupil_import.status == ImportStatus.REJECTED:
        context["report"] = problem_report(
            pupil_import.problems or [],
            total=pupil_import.problem_count,
            mapping=pupil_import.mapping or {},
        )
    if pupil_import.status == ImportStatus.UNCHANGED:
        context["original"] = settings_selectors.original_of(pupil_import)
    if pupil_import.snapshot_id:
        context["snapshot"] = pupil_import.snapshot
    return render(request, "spectrum/import_detail.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def import_mapping(request: HttpRequest, urn: int, import_id: int) -> HttpResponse:
    school = _school(request, urn)
    pupil_import = _import(school, import_id)
    if pupil_import.status != ImportStatus.NEEDS_MAPPING:
        messages.info(request, _("This file has no columns left to match."))
        return redirect(_detail_url(pupil_import))
    form = ColumnMappingForm(
        request.POST or None,
        headers=pupil_import.unmatched_headers or [],
        taken=(pupil_import.mapping or {}).keys(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            pupil_import = import_map_columns(
                pupil_import=pupil_import, user=request.user, choices=form.choices_by_header()
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Columns matched. Reconnect will remember them for your next file."),
            )
            return redirect(_detail_url(pupil_import))
    matched = [
        (columns.BY_NAME[name].label if name in columns.BY_NAME else name, header)
        for name, header in (pupil_import.mapping or {}).items()
    ]
    return render(
        request,
        "spectrum/import_mapping.html",
        {
            "school": school,
            "import": pupil_import,
            "form": form,
            "matched": matched,
            "has_errors": bool(form.errors),
        },
    )


PROBLEM_CSV_HEADER = ("Row", "Column", "Heading in your file", "Value", "What is expected")


@login_required
@never_cache
@require_http_methods(["GET"])
def import_problems_csv(request: HttpRequest, urn: int, import_id: int) -> StreamingHttpResponse:
    """The problems of a rejected file as CSV, every cell safe to open in a spreadsheet.

    The values are the file's own (identifiers already masked by the reader), so the
    download is audited as an export.
    """
    school = _school(request, urn)
    pupil_import = _import(school, import_id)
    if pupil_import.status != ImportStatus.REJECTED:
        raise Http404
    report = problem_report(
        pupil_import.problems or [],
        total=pupil_import.problem_count,
        mapping=pupil_import.mapping or {},
    )
    rows: list[list[Any]] = [
        ["", _("The whole file"), "", p.get("value", ""), p.get("expected", "")]
        for p in report.file_problems
    ]
    for group in report.groups:
        rows.extend(
            [
                p.get("row") if p.get("row") is not None else "",
                group.label,
                group.header,
                p.get("value", ""),
                p.get("expected", ""),
            ]
            for p in group.problems
        )
    audit_record(
        "spectrum.export",
        request=request,
        target=pupil_import,
        school_urn=school.urn,
        detail={"kind": "import_problems", "rows": len(rows)},
    )
    response = StreamingHttpResponse(
        csv_lines(PROBLEM_CSV_HEADER, rows), content_type="text/csv; charset=utf-8"
    )
    filename = f"pupil-import-{pupil_import.pk}-problems.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


URLS: list[URLPattern] = [
    path("pupil-data/<int:urn>/upload/", upload, name="upload"),
    path("pupil-data/<int:urn>/upload/template.csv", upload_template, name="upload-template"),
    path("pupil-data/<int:urn>/imports/", import_list, name="import-list"),
    path("pupil-data/<int:urn>/imports/<int:import_id>/", import_detail, name="import-detail"),
    path(
        "pupil-data/<int:urn>/imports/<int:import_id>/columns/",
        import_mapping,
        name="import-mapping",
    ),
    path(
        "pupil-data/<int:urn>/imports/<int:import_id>/problems.csv",
        import_problems_csv,
        name="import-problems-csv",
    ),
]
