"""The Knowledge Hub as readers use it: a visitor finding research, a member going from a
search to a theme, ranking and comparing interventions, and reading a case study."""

from playwright.sync_api import Page, expect

from reconnect.hub.models import Theme, Visibility
from reconnect.hub.tests.factories import (
    CaseStudyPageFactory,
    InterventionPageFactory,
    ResearchReportPageFactory,
    ThematicReviewPageFactory,
)
from tests.browser.axe import assert_accessible


def _attendance_content() -> None:
    # Ranked by impact, then evidence: Parental engagement (+4, 4) before Behaviour (+4, 2)
    # before Mentoring (+2, 3).
    mentoring = InterventionPageFactory(
        title="Mentoring", impact_months=2, cost_rating=3, evidence_rating=3, themes=["attendance"]
    )
    InterventionPageFactory(
        title="Behaviour interventions",
        impact_months=4,
        cost_rating=2,
        evidence_rating=2,
        themes=["attendance"],
    )
    InterventionPageFactory(
        title="Parental engagement",
        impact_months=4,
        cost_rating=1,
        evidence_rating=4,
        themes=["attendance"],
    )
    ThematicReviewPageFactory(
        title="Attendance and persistent absence: a review of good practice",
        summary="What works to reduce persistent absence.",
        theme=Theme.objects.get(slug="attendance"),
    )
    CaseStudyPageFactory(
        title="A morning welcome and a phone call",
        summary="A primary school halved persistent absence in two years.",
        context="Persistent absence had doubled since 2020.",
        what_we_did="We greeted every family at the gate and called home by 9.30.",
        evidence_of_impact="Persistent absence fell from 22% to 11%.",
        what_others_can_take="Start with the first morning of any absence.",
        themes=["attendance"],
        visibility=Visibility.MEMBERS,
        interventions=[mentoring],
    )


def test_visitor_finds_public_research_and_never_sees_members_only_reports(page: Page):
    ResearchReportPageFactory(
        title="Persistent absence in London after the pandemic",
        summary="A survey of 120 network schools on persistent absence since 2021.",
        authors="Reconnect research team",
    )
    ResearchReportPageFactory(
        title="Members' briefing on exclusions", visibility=Visibility.MEMBERS
    )
    page.goto("/")

    page.get_by_role("link", name="Knowledge Hub").first.click()
    expect(page.locator("h1")).to_have_text("Knowledge Hub")
    assert_accessible(page)
    page.get_by_role("link", name="Research", exact=True).click()

    expect(
        page.get_by_role("link", name="Persistent absence in London after the pandemic")
    ).to_be_visible()
    expect(page.get_by_text("Members' briefing on exclusions")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Persistent absence in London after the pandemic").click()

    expect(page.locator("h1")).to_have_text("Persistent absence in London after the pandemic")
    expect(page.get_by_text("Reconnect research team")).to_be_visible()
    assert_accessible(page)


def test_member_searches_persistent_absence_reaches_the_theme_compares_and_reads_a_case_study(
    page: Page, sign_in, staff_at_school_a
):
    _attendance_content()
    sign_in(staff_at_school_a)
    page.goto("/hub/")

    page.get_by_role("searchbox").first.fill("persistent absence")
    page.get_by_role("button", name="Search").first.click()
    expect(page.locator("h1")).to_have_text("Search the Knowledge Hub")
    assert_accessible(page)
    page.locator("main").get_by_role("link", name="Attendance", exact=True).first.click()

    expect(page.locator("h1")).to_have_text("Attendance")
    ranked = page.locator("table tbody tr th a, table tbody tr td a").all_inner_texts()
    assert ranked[:3] == ["Parental engagement", "Behaviour interventions", "Mentoring"]
    assert_accessible(page)
    page.get_by_role("link", name="Explore and compare all interventions on Attendance").click()

    expect(page.locator("h1")).to_have_text("Interventions")
    page.get_by_label("Compare Parental engagement").check()
    page.get_by_label("Compare Mentoring").check()
    assert_accessible(page)
    page.get_by_role("button", name="Compare the chosen interventions (up to 3)").click()

    headers = page.locator("table thead th").all_inner_texts()
    assert [h.strip() for h in headers if h.strip()][-2:] == ["Parental engagement", "Mentoring"]
    assert_accessible(page)
    page.goto("/hub/themes/attendance/")
    page.get_by_role("link", name="A morning welcome and a phone call").click()

    expect(page.locator("h1")).to_have_text("A morning welcome and a phone call")
    expect(page.get_by_text("Persistent absence fell from 22% to 11%.")).to_be_visible()
    assert_accessible(page)
