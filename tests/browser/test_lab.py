"""The Innovation Lab in a real browser: the public calculator, a school lead starting a
pilot, a data lead uploading outcomes and reading the evaluation, a trio's workspace shared
by two schools, and the coordinator's cohort page. Every page passes axe.
"""

from playwright.sync_api import Page, expect

from reconnect.lab.models import OutcomeRecord, Pilot
from reconnect.lab.tests.factories import (
    LabCohortFactory,
    OutcomeMeasureFactory,
    PilotFactory,
    TrioFactory,
    TrioMemberFactory,
)
from tests.browser.axe import assert_accessible

URN_A = 900001


def test_a_visitor_works_out_an_effect_size_with_the_public_calculator(page: Page):
    page.goto("/lab/calculator/")
    assert_accessible(page)
    page.goto("/lab/calculator/effect-size/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Effect size from pupils’ scores")

    page.get_by_label("Intervention group: post-test scores").fill("12\n14\n15\n16\n18\n19")
    page.get_by_label("Comparison group: post-test scores").fill("10\n11\n13\n13\n15\n16")
    page.get_by_role("button", name="Calculate").click()

    result = page.locator("section[aria-labelledby='result-heading']")
    expect(result).to_contain_text("95% confidence interval")
    expect(result.locator("svg").first).to_be_visible()
    expect(result.locator("table").first).to_be_visible()
    assert_accessible(page)


def test_a_school_lead_starts_a_pilot_and_logs_a_week_of_delivery(
    page: Page, sign_in, school_a, head_at_school_a
):
    sign_in(head_at_school_a)
    page.goto("/lab/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Innovation Lab")
    assert_accessible(page)

    page.get_by_role("link", name="Start a pilot at Demo School A").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a pilot")
    assert_accessible(page)
    page.get_by_role("button", name="Start the pilot").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the pilot.")
    assert_accessible(page)

    page.get_by_label("Name of the pilot").fill("Year 5 reading for meaning")
    page.get_by_label("The challenge").fill(
        "Disadvantaged readers decode well but understand less of what they read."
    )
    page.get_by_label("Matched comparison group").check()
    page.get_by_label("Pupils in the intervention group (optional)").fill("28")
    page.get_by_label("Pupils in the comparison group (optional)").fill("30")
    page.get_by_role("button", name="Start the pilot").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Year 5 reading for meaning")
    expect(page.locator("#planning")).to_be_visible()
    assert_accessible(page)
    pilot = Pilot.objects.get()
    assert (pilot.school_id, pilot.planned_intervention, pilot.planned_comparison) == (
        school_a.pk,
        28,
        30,
    )
    assert pilot.milestones.count() > 0


def test_two_schools_of_a_trio_talk_in_its_workspace(
    page: Page, sign_in, school_a, school_b, head_at_school_a, head_at_school_b
):
    trio = TrioFactory.create(cohort=LabCohortFactory.create(), name="Trio 1", status="confirmed")
    TrioMemberFactory.create(trio=trio, school=school_a)
    TrioMemberFactory.create(trio=trio, school=school_b)

    sign_in(head_at_school_a)
    page.goto(f"/lab/trios/{trio.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trio 1")
    assert_accessible(page)
    page.goto(f"/lab/trios/{trio.pk}/discussion/")
    page.get_by_label("Your post").fill("Shall we use the same comprehension test?")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.locator("main")).to_contain_text("Shall we use the same comprehension test?")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(head_at_school_b)
    page.goto(f"/lab/trios/{trio.pk}/discussion/")
    expect(page.locator("main")).to_contain_text("Shall we use the same comprehension test?")
    assert_accessible(page)


def test_the_coordinator_sees_a_cohort_and_its_applications(page: Page, sign_in, coordinator):
    cohort = LabCohortFactory.create(name="Spring 2027 Lab")
    sign_in(coordinator)

    page.goto("/lab/cohorts/")
    assert_accessible(page)
    page.goto(f"/lab/cohorts/{cohort.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring 2027 Lab")
    expect(page.get_by_role("heading", name="Applications")).to_be_visible()
    assert_accessible(page)


def _outcomes_csv() -> bytes:
    """30 pupils a group; the intervention group gains about 3 marks more than the other."""
    lines = ["Pupil,Group,Pre,Post"]
    for i in range(30):
        pre = 20 + (i * 7) % 11
        lines.append(f"I{i:03d},Intervention,{pre},{min(50, pre + 6 + i % 4)}")
        lines.append(f"C{i:03d},Comparison,{pre},{min(50, pre + 3 + (i * 3) % 4)}")
    return ("\n".join(lines) + "\n").encode()


def test_a_data_lead_uploads_outcomes_and_reads_the_evaluation(
    page: Page, sign_in, school_a, data_lead_at_school_a
):
    pilot = PilotFactory.create(school=school_a, title="Year 5 reading for meaning")
    measure = OutcomeMeasureFactory.create(
        pilot=pilot, name="Reading score", is_primary=True, lowest=0, highest=50
    )
    sign_in(data_lead_at_school_a)

    page.goto(f"/lab/{URN_A}/pilots/{pilot.pk}/outcomes/{measure.pk}/upload/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload outcomes: Reading score")
    assert_accessible(page)
    page.get_by_label("Outcome file").set_input_files(
        files=[{"name": "reading.csv", "mimeType": "text/csv", "buffer": _outcomes_csv()}]
    )
    page.get_by_role("button", name="Upload the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload of “reading.csv”")
    assert_accessible(page)
    assert OutcomeRecord.objects.filter(measure=measure).count() == 60
    assert not OutcomeRecord.objects.filter(pupil_hash__startswith="I0").exists()

    page.goto(f"/lab/{URN_A}/pilots/{pilot.pk}/evaluation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluation report")
    expect(page.get_by_test_id("headline")).to_contain_text("months")
    expect(page.locator("main svg").first).to_be_visible()
    assert_accessible(page)


PHONE = {"width": 360, "height": 740}


def test_the_lab_pages_fit_a_phone_without_sideways_scrolling(
    page: Page, sign_in, school_a, head_at_school_a
):
    """Wide tables scroll inside their own box; nothing widens the page itself (the
    visually hidden text of a table's buttons once did)."""
    pilot = PilotFactory.create(school=school_a, title="Year 5 reading for meaning")
    OutcomeMeasureFactory.create(pilot=pilot, name="Reading score", is_primary=True)
    trio = TrioFactory.create(cohort=LabCohortFactory.create(), name="Trio 1", status="confirmed")
    TrioMemberFactory.create(trio=trio, school=school_a)
    sign_in(head_at_school_a)
    page.set_viewport_size(PHONE)

    too_wide = {}
    for url in [
        "/lab/",
        f"/lab/{URN_A}/pilots/new/",
        f"/lab/{URN_A}/pilots/{pilot.pk}/",
        f"/lab/{URN_A}/pilots/{pilot.pk}/evaluation/",
        f"/lab/trios/{trio.pk}/",
        f"/lab/trios/{trio.pk}/files/",
        f"/lab/cohorts/{trio.cohort.pk}/",
        "/lab/calculator/effect-size/",
        "/lab/calculator/meta-analysis/",
    ]:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[url] = width

    assert too_wide == {}
