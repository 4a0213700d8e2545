"""The vulnerability spectrum as the issue's "done when" tells it.

The data lead of demo school A uploads an MIS export, fixes the rejected file from the
error report, sees the profiles, the co-occurrence and the outcome gaps, saves a target
group and downloads it after confirming their password; the head of school B and the
system leader see no pupil-level data; every step is in the audit log, and no audit entry
names a pupil. Every page passes axe.
"""

import csv
import io
import re

from playwright.sync_api import Page, expect

from reconnect.accounts.tests.factories import TEST_PASSWORD
from reconnect.core.models import AuditEvent
from reconnect.spectrum.models import PupilRecord
from reconnect.spectrum.synthetic import pupil_rows, rows_to_csv
from tests.browser.axe import assert_accessible

URN_A = 900001


def _export_rows() -> list[dict]:
    """A primary school's export in SIMS style, without an as-at column (the form gives it)."""
    rows = pupil_rows(pupils=60, phase="primary", seed=7)
    for row in rows:
        row.pop("as_at_date", None)
    return rows


def _upload(page: Page, name: str, data: bytes) -> None:
    page.goto(f"/pupil-data/{URN_A}/upload/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload pupil data")
    page.get_by_label("Pupil file").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_load_state()


def test_a_data_lead_imports_fixes_explores_saves_and_exports(
    page: Page, sign_in, school_a, data_lead_at_school_a, head_at_school_b, system_leader
):
    rows = _export_rows()
    sign_in(data_lead_at_school_a)

    # A file with two mistakes is rejected whole, each problem named by row and column.
    broken = [dict(row) for row in rows]
    broken[3]["sen_provision"] = "Q"
    broken[9]["sessions_present"] = int(broken[9]["sessions_possible"]) + 4
    _upload(page, "export.csv", rows_to_csv(broken, flavour="sims"))
    expect(page.get_by_role("heading", level=1)).to_have_text("File not imported")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("nothing was imported")
    problems = page.locator("main table")
    expect(problems.filter(has_text="Q").first).to_be_visible()
    assert_accessible(page)
    assert PupilRecord.objects.count() == 0

    # The corrected file imports.
    _upload(page, "export-fixed.csv", rows_to_csv(rows, flavour="sims"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pupil data imported")
    expect(page.locator(".govuk-panel__title")).to_have_text("60 pupils")
    assert_accessible(page)
    assert PupilRecord.objects.filter(school=school_a).count() == 60

    # The overview, the pupil list and one pupil's profile.
    page.goto(f"/pupil-data/{URN_A}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pupil data")
    assert_accessible(page)
    page.get_by_role("link", name="Pupils and their profiles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pupils")
    assert_accessible(page)
    first = page.locator("main table tbody tr th a").first
    first_ref = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(first_ref)
    assert first_ref not in page.url
    assert_accessible(page)

    # Co-occurrence and the outcome gaps with their intervals.
    page.goto(f"/pupil-data/{URN_A}/cohorts/combinations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How circumstances combine")
    expect(page.get_by_role("table", name="Pupils with both factors")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/pupil-data/{URN_A}/cohorts/outcomes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome gaps")
    expect(page.locator("main")).to_contain_text("95% CI")
    assert_accessible(page)

    # Filter to pupils on free school meals and save them as a target group.
    page.goto(f"/pupil-data/{URN_A}/pupils/?factor=fsm_current")
    page.get_by_label("Name", exact=True).fill("FSM pupils for the breakfast pilot")
    page.get_by_role("button", name="Save target group").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("FSM pupils for the breakfast pilot")
    assert_accessible(page)

    # The download asks for the password first, then gives the filtered list.
    page.goto(f"/pupil-data/{URN_A}/pupils/?factor=fsm_current")
    page.locator("a[href*='export.csv']").first.click()
    page.wait_for_load_state()
    assert "/reauthenticate/" in page.url
    assert_accessible(page)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    with page.expect_download() as download_info:
        page.locator("main form").get_by_role("button").first.click()
    content = download_info.value.path().read_text(encoding="utf-8-sig")
    exported = list(csv.reader(io.StringIO(content)))
    fsm = [row for row in rows if row.get("fsm_eligible") is True]
    assert len(exported) == 1 + len(fsm)
    assert {line[0] for line in exported[1:]} == {str(row["pupil_ref"]) for row in fsm}

    # Every step is audited, and no audit entry names a pupil.
    actions = set(AuditEvent.objects.filter(school_urn=URN_A).values_list("action", flat=True))
    assert {
        "spectrum.import.received",
        "spectrum.import.finished",
        "spectrum.pupils.viewed",
        "spectrum.pupil.viewed",
        "spectrum.cohort.viewed",
        "spectrum.cohort.saved",
        "spectrum.export",
    } <= actions
    refs = {str(row["pupil_ref"]) for row in rows}
    for event in AuditEvent.objects.filter(action__startswith="spectrum."):
        text = f"{event.detail} {event.path} {event.target_id}"
        assert not any(re.search(rf"\b{re.escape(ref)}\b", text) for ref in refs), event.action

    # Another school's head and the trust's system leader see no pupil-level data.
    for outsider in (head_at_school_b, system_leader):
        page.context.clear_cookies()
        sign_in(outsider)
        for path in ("", "pupils/", "cohorts/", "pupils/?factor=fsm_current"):
            response = page.goto(f"/pupil-data/{URN_A}/{path}")
            assert response is not None
            assert response.status == 404, (outsider.email, path)
    page.goto("/pupil-data/network/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    main_text = page.locator("main").inner_text()
    assert not any(re.search(rf"\b{re.escape(ref)}\b", main_text) for ref in refs)
    assert_accessible(page)
