"""The upload pages: the form, what became of each upload, matching columns, the problem
report and its CSV, progress, and the list of uploads."""

import datetime
import re
from typing import Any, cast

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from reconnect.core.models import AuditEvent
from reconnect.spectrum import columns, storage
from reconnect.spectrum.ingest import MAX_BYTES
from reconnect.spectrum.models import (
    ColumnMapping,
    ImportStatus,
    PupilImport,
    PupilRecord,
    Snapshot,
)
from reconnect.spectrum.tests.factories import AS_AT, PupilImportFactory, pupil_csv

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.UTC)
FORMULA = "=HYPERLINK(1)"
BOOL_EXPECTED = (
    "Y or N (Yes/No, True/False, T/F, 1/0 and ✓ also work); leave it blank if not recorded"
)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def make_import(**fields: Any) -> PupilImport:
    return cast(PupilImport, PupilImportFactory(**fields))


def url(school, tail=""):
    return f"/pupil-data/{school.urn}/{tail}"


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def found(pattern, html, flags=0):
    """The match of a pattern that must be there."""
    match = re.search(pattern, html, flags)
    assert match is not None, pattern
    return match


def main(response):
    html = response.content.decode()
    return html.split('id="main-content"')[1].split("</main>")[0]


def title(response):
    return found(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def errors(response):
    html = response.content.decode()
    summary = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', html, re.S)
    if not summary:
        return []
    return [text(li) for li in re.findall(r"<li>(.*?)</li>", summary.group(1), re.S)]


def upload(client, school, data: bytes, *, name="pupils.csv", **fields: Any):
    post = {
        "file": SimpleUploadedFile(name, data, content_type="text/csv"),
        "as_at_date_day": "",
        "as_at_date_month": "",
        "as_at_date_year": "",
    }
    post.update(fields)
    return client.post(url(school, "upload/"), post)


def audit_actions(school):
    return list(
        AuditEvent.objects.filter(school_urn=school.urn)
        .order_by("pk")
        .values_list("action", flat=True)
    )


# --- the upload page ------------------------------------------------------------------


def test_upload_page_lists_every_column_and_prefills_today(client, school_a, data_lead_at_school_a):
    client.force_login(data_lead_at_school_a)

    response = client.get(url(school_a, "upload/"))

    html = main(response)
    page = text(html)
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert title(response) == "Upload pupil data – Reconnect"
    listed = re.findall(r'<code class="rc-import-columns__name">([a-z_0-9]+)</code>', html)
    assert sorted(listed) == sorted(c.name for c in columns.COLUMNS)
    required = found(r'id="columns-required"(.*?)</details>', html, re.S).group(1)
    assert re.findall(r'rc-import-columns__name">([a-z_0-9]+)<', required) == list(columns.REQUIRED)
    assert found(r'name="as_at_date_day"[^>]*value="2"', html)
    assert found(r'name="as_at_date_month"[^>]*value="11"', html)
    assert found(r'name="as_at_date_year"[^>]*value="2026"', html)
    assert "The UPN is replaced by a code made with your school’s own key" in page
    assert "A home postcode is used only to look up the area’s deprivation (IDACI) decile" in page
    assert "Names, addresses, contact details and free-text notes are never stored" in page
    assert 'name="dry_run"' in html
    assert f'href="{url(school_a, "upload/template.csv")}"' in html


def test_the_template_csv_has_every_heading_required_first(client, school_a, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.get(url(school_a, "upload/template.csv"))

    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="reconnect-pupil-file-template.csv"'
    )
    header = body.removeprefix("\ufeff").rstrip("\r\n").split(",")
    assert header[: len(columns.REQUIRED)] == list(columns.REQUIRED)
    assert sorted(header) == sorted(c.name for c in columns.COLUMNS)


@pytest.mark.parametrize(
    ("fields", "name", "message"),
    [
        ({}, "pupils.pdf", "Upload a CSV file or an Excel workbook (.xlsx)."),
        (
            {"as_at_date_day": "3", "as_at_date_month": "11", "as_at_date_year": "2026"},
            "pupils.csv",
            "The as-at date cannot be in the future.",
        ),
        (
            {"as_at_date_day": "31", "as_at_date_month": "2", "as_at_date_year": "2026"},
            "pupils.csv",
            "The as-at date must be a real date.",
        ),
        (
            {"as_at_date_day": "16", "as_at_date_month": "10", "as_at_date_year": ""},
            "pupils.csv",
            "The as-at date must include a year.",
        ),
    ],
)
def test_upload_form_errors_import_nothing(
    client, school_a, data_lead_at_school_a, fields, name, message
):
    client.force_login(data_lead_at_school_a)

    response = upload(client, school_a, pupil_csv(3), name=name, **fields)

    assert response.status_code == 200
    assert title(response) == "Error: Upload pupil data – Reconnect"
    assert errors(response) == [message]
    assert not PupilImport.objects.exists()


def test_a_date_error_links_to_the_day_box(client, school_a, data_lead_at_school_a):
    client.force_login(data_lead_at_school_a)

    response = upload(client, school_a, pupil_csv(3), as_at_date_day="40")

    assert '<a href="#id_as_at_date_day">The as-at date must include a month.</a>' in (
        response.content.decode()
    )


def test_no_file_is_asked_for(client, school_a, data_lead_at_school_a):
    client.force_login(data_lead_at_school_a)

    response = client.post(url(school_a, "upload/"), {"as_at_date_day": ""})

    assert errors(response) == ["Choose the file to upload."]


def test_a_body_over_the_limit_is_refused_unread(client, school_a, data_lead_at_school_a):
    client.force_login(data_lead_at_school_a)

    response = client.post(
        url(school_a, "upload/"),
        {"file": SimpleUploadedFile("big.csv", b"pupil_ref\r\n")},
        CONTENT_LENGTH=str(MAX_BYTES + 100 * 1024),
    )

    assert response.status_code == 413
    assert errors(response) == [
        "The file is larger than 20 MB. Export fewer columns, or one year group at a time."
    ]
    assert not PupilImport.objects.exists()


def test_an_upload_without_the_csrf_token_is_refused(school_a, data_lead_at_school_a):
    # The view checks CSRF itself, after the size check: the middleware would read the body.
    client = Client(enforce_csrf_checks=True)
    client.force_login(data_lead_at_school_a)

    response = upload(client, school_a, pupil_csv(2))

    assert response.status_code == 403
    assert not PupilImport.objects.exists()


# --- a clean file ---------------------------------------------------------------------


def test_a_clean_file_is_imported_and_the_page_says_so(client, school_a, data_lead_at_school_a):
    client.force_login(data_lead_at_school_a)

    response = upload(client, school_a, pupil_csv(5))

    pupil_import = PupilImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(school_a, f"imports/{pupil_import.pk}/")
    assert pupil_import.status == ImportStatus.IMPORTED
    assert PupilRecord.objects.filter(school=school_a).count() == 5
    assert audit_actions(school_a) == ["spectrum.import.received", "spectrum.import.finished"]

    page = client.get(response["Location"])

    assert title(page) == "Pupil data imported – Reconnect"
    panel = found(r'<div class="govuk-panel[^"]*">(.*?)</div>\s*</div>', main(page), re.S)
    assert text(panel.group(1)) == "5 pupils as at 16 October 2026"
    assert '<meta http-equiv="refresh"' not in page.content.decode()
    assert "hx-trigger" not in main(page)


def test_a_dry_run_checks_and_stores_nothing(client, school_a, head_at_school_a):
    client.force_login(head_at_school_a)

    response = upload(client, school_a, pupil_csv(4), dry_run="on")

    pupil_import = PupilImport.objects.get()
    assert pupil_import.status == ImportStatus.CHECKED
    assert not Snapshot.objects.exists()
    page = client.get(response["Location"])
    assert title(page) == "File checked – Reconnect"
    assert "The file passed every check: 4 pupils could be imported." in text(main(page))
    assert "nothing was stored" in text(main(page))


def test_the_same_file_again_changes_nothing_and_says_when_it_was_imported(
    client, school_a, head_at_school_a
):
    client.force_login(head_at_school_a)
    data = pupil_csv(3)
    upload(client, school_a, data)

    with time_machine.travel(NOW + datetime.timedelta(minutes=20), tick=False):
        response = upload(client, school_a, data)
        page = client.get(response["Location"])

    assert PupilImport.objects.filter(status=ImportStatus.UNCHANGED).count() == 1
    assert Snapshot.objects.count() == 1
    assert title(page) == "Already imported – Reconnect"
    assert "This file was already imported on 2 November 2026 at 09:30 — nothing changed." in text(
        main(page)
    )


def test_the_files_own_date_wins_over_the_forms_with_a_notice(client, school_a, head_at_school_a):
    client.force_login(head_at_school_a)

    response = upload(
        client,
        school_a,
        pupil_csv(2),
        as_at_date_day="2",
        as_at_date_month="11",
        as_at_date_year="2026",
    )

    page = client.get(response["Location"])
    pupil_import = PupilImport.objects.get()
    assert pupil_import.status == ImportStatus.IMPORTED
    assert pupil_import.snapshot is not None
    assert pupil_import.snapshot.as_at_date == AS_AT
    assert (
        f"The file&#x27;s own as-at date, {AS_AT:%d/%m/%Y}, was used, not the date on "
        "the upload form (02/11/2026)." in text(main(page))
    )
    assert f"as at {AS_AT:%-d %B %Y}" in text(main(page))
    listed = client.get(url(school_a, "imports/")).content.decode()
    row = found(
        rf'<tr class="govuk-table__row" id="import-{pupil_import.pk}">(.*?)</tr>', listed, re.S
    )
    as_at_cell = found(r'data-label="As at">(.*?)</td>', row.group(1), re.S)
    assert as_at_cell.group(1) == f"{AS_AT:%-d %b %Y}"


# --- a rejected file ------------------------------------------------------------------


@pytest.fixture
def rejected(client, school_a, data_lead_at_school_a):
    client.force_login(data_lead_at_school_a)
    data = pupil_csv(
        4,
        fsm_eligible=[True, "maybe", None, "perhaps"],
        sen_provision=["N", "Z", "K", "N"],
        reg_group=["7A", FORMULA, "7B", "7C"],
    )
    response = upload(client, school_a, data)
    return PupilImport.objects.get(), response


def test_a_rejected_file_is_reported_by_column_with_rows_and_values(client, school_a, rejected):
    pupil_import, response = rejected

    page = client.get(response["Location"])

    html = main(page)
    assert pupil_import.status == ImportStatus.REJECTED
    assert not Snapshot.objects.exists()
    assert title(page) == "File not imported – Reconnect"
    assert text(found(r'id="problem-summary">(.*?)</h2>', html, re.S).group(1)) == (
        "4 problems in 3 columns: nothing was imported"
    )
    assert errors(page) == [
        "Registration group: 1 problem",
        "FSM eligible: 2 problems",
        "SEN provision: 1 problem",
    ]
    groups = re.findall(
        r'<div class="rc-import-problems__group" id="problems-\d+">(.*?)</table>', html, re.S
    )
    reported = []
    for group in groups:
        heading = text(found(r"<h3[^>]*>(.*?)</h3>", group, re.S).group(1))
        rows = [
            tuple(text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S))
            for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", group, re.S)
        ]
        reported.append((heading, [r for r in rows if r]))
    assert reported == [
        (
            "Registration group “reg_group” in your file",
            [
                (
                    "3",
                    FORMULA,
                    (
                        "Expected a value that does not start with =, +, - or @ (a "
                        "spreadsheet would run it as a formula)"
                    ),
                )
            ],
        ),
        (
            "FSM eligible “fsm_eligible” in your file",
            [
                ("3", "maybe", f"Expected {BOOL_EXPECTED}"),
                ("5", "perhaps", f"Expected {BOOL_EXPECTED}"),
            ],
        ),
        (
            "SEN provision “sen_provision” in your file",
            [
                (
                    "3",
                    "Z",
                    "Expected one of E (EHC plan), K (SEN support), N (no SEN); or leave it blank",
                )
            ],
        ),
    ]
    assert "2 problems, in rows 3, 5." in text(html)


def test_the_problems_download_as_formula_safe_csv_and_it_is_audited(
    client, school_a, data_lead_at_school_a, rejected
):
    pupil_import, _response = rejected

    response = client.get(url(school_a, f"imports/{pupil_import.pk}/problems.csv"))

    body = b"".join(response.streaming_content).decode()
    assert response["Content-Disposition"] == (
        f'attachment; filename="pupil-import-{pupil_import.pk}-problems.csv"'
    )
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert body.removeprefix("\ufeff").splitlines() == [
        "Row,Column,Heading in your file,Value,What is expected",
        (
            "3,Registration group,reg_group,'=HYPERLINK(1),"
            '"a value that does not start with =, +, - or @ (a spreadsheet would run it as a '
            'formula)"'
        ),
        f'3,FSM eligible,fsm_eligible,maybe,"{BOOL_EXPECTED}"',
        f'5,FSM eligible,fsm_eligible,perhaps,"{BOOL_EXPECTED}"',
        (
            '3,SEN provision,sen_provision,Z,"one of E (EHC plan), K (SEN support), N (no SEN); '
            'or leave it blank"'
        ),
    ]
    event = AuditEvent.objects.filter(action="spectrum.export").get()
    assert (event.actor, event.school_urn, event.target_id, event.detail) == (
        data_lead_at_school_a,
        school_a.urn,
        str(pupil_import.pk),
        {"kind": "import_problems", "rows": 4},
    )


def test_file_level_problems_come_first_and_a_capped_report_says_so(
    client, school_a, head_at_school_a
):
    problems = [
        {"row": None, "column": "", "value": "25.0 MB", "expected": "a file of at most 20 MB"},
        {"row": 7, "column": "year_group", "value": "15", "expected": "N1, N2, R, 1 to 14 or X"},
        {"row": None, "column": "fsm_ever6", "value": "", "expected": "a column of this name"},
    ]
    capped = make_import(school=school_a, problems=problems, problem_count=612)
    client.force_login(head_at_school_a)

    page = client.get(url(school_a, f"imports/{capped.pk}/"))

    html = main(page)
    assert text(found(r'id="problem-summary">(.*?)</h2>', html, re.S).group(1)) == (
        "612 problems in 2 columns: nothing was imported"
    )
    assert "The first 3 are listed here and in the download" in text(html)
    assert errors(page) == [
        "A file of at most 20 MB",
        "Year group: 1 problem",
        "Ever 6 FSM: 1 problem",
    ]
    csv_body = b"".join(
        client.get(url(school_a, f"imports/{capped.pk}/problems.csv")).streaming_content
    ).decode()
    assert csv_body.removeprefix("\ufeff").splitlines()[1:] == [
        ",The whole file,,25.0 MB,a file of at most 20 MB",
        '7,Year group,,15,"N1, N2, R, 1 to 14 or X"',
        ",Ever 6 FSM,,,a column of this name",
    ]


def test_another_schools_import_is_not_found(client, school_a, school_b, head_at_school_a):
    theirs = make_import(school=school_b)
    client.force_login(head_at_school_a)

    detail = client.get(url(school_a, f"imports/{theirs.pk}/"))
    download = client.get(url(school_a, f"imports/{theirs.pk}/problems.csv"))

    assert (detail.status_code, download.status_code) == (404, 404)
    assert not AuditEvent.objects.filter(action="spectrum.export").exists()


# --- columns to match -----------------------------------------------------------------


def test_an_unknown_heading_is_matched_by_hand_remembered_and_the_file_imported(
    client, school_a, data_lead_at_school_a
):
    client.force_login(data_lead_at_school_a)
    data = pupil_csv(3).replace(b"fsm_eligible", b"Free Dinners Now", 1)

    response = upload(client, school_a, data)

    pupil_import = PupilImport.objects.get()
    assert pupil_import.status == ImportStatus.NEEDS_MAPPING
    assert response["Location"] == url(school_a, f"imports/{pupil_import.pk}/columns/")
    form = client.get(response["Location"])
    html = main(form)
    assert title(form) == "Match your columns – Reconnect"
    assert "“Free Dinners Now” is" in text(html)
    options = re.findall(r'<option value="([a-z_0-9]*)"', html)
    assert options[:2] == ["", "ignore"]
    assert "fsm_eligible" in options
    assert "fsm_ever6" not in options  # the file has it already

    done = client.post(response["Location"], {"column_0": "fsm_eligible"}, follow=True)

    assert done.redirect_chain == [(url(school_a, f"imports/{pupil_import.pk}/"), 302)]
    pupil_import.refresh_from_db()
    assert pupil_import.status == ImportStatus.IMPORTED
    assert list(ColumnMapping.objects.values_list("header", "canonical")) == [
        ("freedinnersnow", "fsm_eligible")
    ]
    assert title(done) == "Pupil data imported – Reconnect"


def test_an_ignored_heading_is_dropped_and_remembered(client, school_a, head_at_school_a):
    client.force_login(head_at_school_a)
    data = pupil_csv(2).replace(b"reg_group", b"Tutor Initials", 1)
    upload(client, school_a, data)
    pupil_import = PupilImport.objects.get()

    client.post(url(school_a, f"imports/{pupil_import.pk}/columns/"), {"column_0": "ignore"})

    pupil_import.refresh_from_db()
    assert pupil_import.status == ImportStatus.IMPORTED
    assert list(ColumnMapping.objects.values_list("header", "canonical")) == [("tutorinitials", "")]
    assert set(PupilRecord.objects.values_list("reg_group", flat=True)) == {""}


def test_two_headings_cannot_be_one_column(client, school_a, head_at_school_a):
    found = make_import(
        school=school_a,
        status=ImportStatus.NEEDS_MAPPING,
        problems=[],
        problem_count=0,
        unmatched_headers=["Tutor", "Form Tutor Group"],
        mapping={"pupil_ref": "pupil_ref"},
    )
    client.force_login(head_at_school_a)

    response = client.post(
        url(school_a, f"imports/{found.pk}/columns/"),
        {"column_0": "reg_group", "column_1": "reg_group"},
    )

    assert response.status_code == 200
    assert errors(response) == ["“Form Tutor Group” and “Tutor” cannot both be Registration group."]
    assert not ColumnMapping.objects.exists()


def test_every_heading_needs_an_answer(client, school_a, head_at_school_a):
    found = make_import(
        school=school_a,
        status=ImportStatus.NEEDS_MAPPING,
        problems=[],
        problem_count=0,
        unmatched_headers=["Tutor"],
    )
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, f"imports/{found.pk}/columns/"), {"column_0": ""})

    assert errors(response) == ["Choose a column for “Tutor”, or ignore it."]


def test_a_file_gone_from_storage_asks_for_it_again(client, school_a, head_at_school_a):
    found = make_import(
        school=school_a,
        status=ImportStatus.NEEDS_MAPPING,
        problems=[],
        problem_count=0,
        unmatched_headers=["Tutor"],
        upload_name="0" * 32 + ".upload",
    )
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, f"imports/{found.pk}/columns/"), {"column_0": "ignore"})

    assert errors(response) == [
        "The uploaded file is no longer held (files wait 24 hours). Upload it again."
    ]


# --- progress -------------------------------------------------------------------------


@pytest.fixture
def importing(school_a):
    return make_import(
        school=school_a,
        status=ImportStatus.IMPORTING,
        problems=[],
        problem_count=0,
        rows_total=5000,
        rows_done=2000,
        finished_at=None,
    )


def test_an_unfinished_import_shows_progress_and_refreshes_itself(
    client, school_a, head_at_school_a, importing
):
    client.force_login(head_at_school_a)

    response = client.get(url(school_a, f"imports/{importing.pk}/"))

    html = response.content.decode()
    assert title(response) == "Importing pupil data – Reconnect"
    assert '<meta http-equiv="refresh" content="3">' in html
    assert 'hx-trigger="every 2s"' in html
    assert '<progress class="rc-import-progress__bar" max="100" value="40"' in html
    assert "2,000 of 5,000 rows (40%)" in text(main(response))


def test_htmx_polls_get_only_the_progress(client, school_a, head_at_school_a, importing):
    client.force_login(head_at_school_a)
    PupilImport.objects.filter(pk=importing.pk).update(rows_done=4500)

    response = client.get(url(school_a, f"imports/{importing.pk}/"), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert html.lstrip().startswith('<div class="rc-import-progress" id="import-progress"')
    assert "<html" not in html
    assert "4,500 of 5,000 rows (90%)" in text(html)


def test_htmx_reloads_the_page_once_the_import_finishes(client, school_a, head_at_school_a):
    finished = make_import(school=school_a, status=ImportStatus.IMPORTED, problems=[])
    client.force_login(head_at_school_a)

    response = client.get(url(school_a, f"imports/{finished.pk}/"), HTTP_HX_REQUEST="true")

    assert response.status_code == 204
    assert response["HX-Refresh"] == "true"


def test_a_failed_import_says_nothing_was_imported(client, school_a, head_at_school_a):
    failed = make_import(school=school_a, status=ImportStatus.FAILED, problems=[])
    client.force_login(head_at_school_a)

    response = client.get(url(school_a, f"imports/{failed.pk}/"))

    assert title(response) == "Import failed – Reconnect"
    assert "Nothing was imported and the file has been deleted." in text(main(response))


# --- the list -------------------------------------------------------------------------


def test_the_list_shows_each_upload_newest_first(
    client, school_a, school_b, head_at_school_a, data_lead_at_school_a
):
    with time_machine.travel(NOW - datetime.timedelta(days=3), tick=False):
        make_import(school=school_a, uploaded_by=data_lead_at_school_a, original_filename="a.csv")
    make_import(
        school=school_a,
        uploaded_by=head_at_school_a,
        original_filename="b.csv",
        status=ImportStatus.IMPORTED,
        problems=[],
        problem_count=0,
        rows_total=1234,
        as_at_date=datetime.date(2026, 10, 16),
    )
    make_import(school=school_b, original_filename="theirs.csv")
    client.force_login(head_at_school_a)

    response = client.get(url(school_a, "imports/"))

    rows = re.findall(
        r'<tr class="govuk-table__row" id="import-\d+">(.*?)</tr>', main(response), re.S
    )
    assert [text(row) for row in rows] == [
        "2 Nov 2026, 09:30 b.csv Harriet Head 16 Oct 2026 Imported 1,234 –",
        "30 Oct 2026, 09:30 a.csv Dana Data – Rejected 3 1",
    ]
    assert "2 uploads, newest first" in text(main(response))


def test_the_list_costs_the_same_queries_for_one_or_three(
    client, school_a, head_at_school_a, data_lead_at_school_a, django_assert_max_num_queries
):
    client.force_login(head_at_school_a)
    make_import(school=school_a, uploaded_by=head_at_school_a)
    client.get(url(school_a, "imports/"))
    with django_assert_max_num_queries(100) as one:
        client.get(url(school_a, "imports/"))
    make_import(school=school_a, uploaded_by=data_lead_at_school_a)
    make_import(school=school_a, uploaded_by=None)

    with django_assert_max_num_queries(100) as three:
        response = client.get(url(school_a, "imports/"))

    assert response.content.decode().count('id="import-') == 3
    assert len(three.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize("tail", ["upload/", "imports/", "upload/template.csv"])
def test_anonymous_visitors_are_sent_to_sign_in(client, school_a, tail):
    response = client.get(url(school_a, tail))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_storage_is_left_empty_after_an_import(client, school_a, head_at_school_a):
    client.force_login(head_at_school_a)

    upload(client, school_a, pupil_csv(2))

    assert PupilImport.objects.get().status == ImportStatus.IMPORTED
    assert list(storage.upload_dir().iterdir()) == []
