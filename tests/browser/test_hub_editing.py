"""The Hub as coordinators and members write it: a thematic review written, scheduled and
published in Wagtail's admin, and a member's case study submitted and approved."""

from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from reconnect.hub.models import (
    CaseStudyPage,
    CaseStudySectionPage,
    InterventionSectionPage,
    ReviewSectionPage,
    ThematicReviewPage,
)
from tests.browser.axe import assert_accessible


def _rich_text(page: Page, field: str, text: str) -> None:
    """Type into one of Wagtail's Draftail editors, found by its hidden input."""
    editor = page.locator(f"#id_{field}").locator("xpath=..").locator("[contenteditable=true]")
    editor.click()
    page.keyboard.type(text)


def test_coordinator_writes_schedules_and_publishes_a_thematic_review(
    page: Page, context: BrowserContext, sign_in, coordinator
):
    section = ReviewSectionPage.objects.get()
    sign_in(coordinator)
    page.goto(f"/admin/pages/add/hub/thematicreviewpage/{section.pk}/")

    page.locator("#id_title").fill("Transition to secondary: a review of good practice")
    page.locator("#id_title").press("Tab")  # Wagtail fills the slug from the title on blur
    page.locator("#id_theme").select_option(label="Transition")
    page.locator("#id_summary").fill("What helps pupils, and families, through the move.")
    page.locator("input[name=themes]").nth(7).check()  # the eighth theme: Transition
    _rich_text(page, "evidence_says", "Summer schools add about three months.")
    _rich_text(page, "london_practice", "Year 6 teachers visit Year 7 classes.")
    _rich_text(page, "questions_for_leaders", "Who knows each pupil on day one?")
    go_live = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.locator("#schedule-publishing-dialog")
    # The date-time picker opens over the dialog's buttons when the field has focus, so the
    # value is set as the picker would set it.
    dialog.locator("#id_go_live_at").evaluate(
        "(input, value) => { input.value = value; }", go_live.strftime("%Y-%m-%d %H:%M")
    )
    dialog.get_by_role("button", name="Save schedule").click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()

    review = ThematicReviewPage.objects.get(title__startswith="Transition to secondary")
    assert review.live is False
    assert review.get_latest_revision().approved_go_live_at == go_live
    context.clear_cookies()
    assert page.goto(review.url).status == 404  # scheduled, not yet published

    # Two days pass, and the scheduled publisher (run every few minutes) runs after it.
    with time_machine.travel(go_live + timedelta(minutes=5)):
        call_command("publish_scheduled")

    page.goto("/hub/themes/transition/")
    expect(
        page.get_by_role("link", name="Transition to secondary: a review of good practice")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Transition to secondary: a review of good practice").click()
    expect(page.get_by_text("Summer schools add about three months.")).to_be_visible()
    assert_accessible(page)


def test_member_submits_a_case_study_and_a_coordinator_approves_it(
    page: Page, context: BrowserContext, sign_in, head_at_school_a, coordinator
):
    sign_in(head_at_school_a)
    page.goto("/hub/submit-case-study/")
    assert_accessible(page)

    page.get_by_label("Title").fill("Cutting persistent absence in Year 9")
    page.get_by_label("Summary").fill("Mentors and a morning phone call halved absence.")
    page.get_by_label("Attendance").check()
    page.get_by_label("Context").fill("One in four Year 9 pupils was persistently absent.")
    page.get_by_label("What we did").fill("Every absent pupil got a call by 9.30 and a mentor.")
    page.get_by_label("Evidence of impact").fill("Persistent absence fell from 25% to 12%.")
    page.get_by_label("What others can take").fill("Start with the first morning.")
    page.get_by_role("button", name="Send for review").click()

    expect(page.locator("h1")).to_have_text("Your case studies")
    expect(page.get_by_text("Awaiting review")).to_be_visible()
    assert_accessible(page)
    case_study = CaseStudyPage.objects.get(title="Cutting persistent absence in Year 9")
    assert case_study.live is False

    context.clear_cookies()
    sign_in(coordinator)
    page.goto(f"/admin/pages/{case_study.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish").click()
    page.wait_for_load_state()

    case_study.refresh_from_db()
    assert case_study.live is True
    context.clear_cookies()
    sign_in(head_at_school_a)
    page.goto("/hub/my-case-studies/")
    page.get_by_role("link", name="Cutting persistent absence in Year 9").click()
    expect(page.get_by_text("Persistent absence fell from 25% to 12%.")).to_be_visible()
    assert_accessible(page)


def test_admin_choosers_inline_panels_and_date_pickers_work_under_the_strict_csp(
    page: Page, sign_in, coordinator, school_a
):
    sign_in(coordinator)
    interventions = InterventionSectionPage.objects.get()
    page.goto(f"/admin/pages/add/hub/interventionpage/{interventions.pk}/")

    sources = page.locator("#id_sources-FORMS > [data-inline-panel-child]:not(.deleted)")
    expect(sources).to_have_count(1)
    page.locator("#id_sources-ADD").click()
    expect(sources).to_have_count(2)
    page.locator("#id_figures_checked").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)

    case_studies = CaseStudySectionPage.objects.get()
    page.goto(f"/admin/pages/add/hub/casestudypage/{case_studies.pk}/")
    page.locator("[data-chooser-action-choose]").first.click()
    expect(page.get_by_role("dialog").get_by_text(school_a.name)).to_be_visible()
