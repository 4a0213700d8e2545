"""The self-evaluation as the issue's "done when" tells it: a head completes a review with a
colleague, submits it, reads the report with the network benchmark, plans three actions,
follows a signpost to an intervention and to a similar school strong in that area, and
downloads the PDF; the head of another school sees none of it. Every page passes axe."""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect

from reconnect.accounts.tests.factories import UserFactory
from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory
from reconnect.selfeval.models import Review
from reconnect.selfeval.tests.factories import published_framework, submitted_review
from tests.browser.axe import assert_accessible


def _network(version):
    """Five other primaries with submitted reviews (so the benchmark shows), one of them
    strong in attendance with a head open to contact."""
    peer = SchoolFactory(name="Riverside Primary", number_on_roll=400)
    MembershipFactory(
        school=peer,
        role=SchoolRole.SCHOOL_LEAD,
        user=UserFactory(first_name="Lena", last_name="Peer", open_to_contact=True),
    )
    submitted_review(peer, version, levels={"attendance": [4, 4, 3, 4]}, default=3)
    for n in range(4):
        submitted_review(SchoolFactory(name=f"Other Primary {n}"), version, default=2 + n % 2)


def _signed_in_context(browser: Browser, live_server, user) -> BrowserContext:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


@pytest.fixture
def colleague_page(browser, live_server, staff_at_school_a) -> Iterator[Page]:
    context = _signed_in_context(browser, live_server, staff_at_school_a)
    yield context.new_page()
    context.close()


def _answer_domain(page: Page, level: str) -> None:
    """Choose ``level`` for every statement of the open area; htmx saves each choice."""
    statements = page.locator("form[hx-post]")
    for index in range(statements.count()):
        statement = statements.nth(index)
        statement.get_by_label(level, exact=True).check()
        expect(statement.locator("[data-rc-status]")).not_to_be_empty()


def test_a_head_completes_a_review_with_a_colleague_and_acts_on_the_report(
    page: Page,
    colleague_page: Page,
    sign_in,
    browser,
    live_server,
    school_a,
    head_at_school_a,
    staff_at_school_a,
    head_at_school_b,
):
    version = published_framework()
    _network(version)
    InterventionPageFactory(
        title="Parental engagement",
        impact_months=4,
        cost_rating=1,
        evidence_rating=3,
        themes=["attendance"],
    )
    sign_in(head_at_school_a)

    # Start the review and invite a colleague.
    page.goto("/self-evaluation/")
    assert_accessible(page)
    page.get_by_label("Name of the review").fill("Autumn 2026")
    page.get_by_role("button", name="Start a review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Autumn 2026")
    page.get_by_label("Colleague").select_option(value=str(staff_at_school_a.pk))
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text("Sam Staff").first).to_be_visible()
    assert_accessible(page)
    review = Review.objects.get(school=school_a, submitted_at__isnull=True)

    # The colleague answers attendance; the head answers the other two areas.
    colleague_page.goto(f"/self-evaluation/reviews/{review.pk}/domains/attendance/")
    _answer_domain(colleague_page, "Emerging")
    assert_accessible(colleague_page)
    for code in ("belonging", "transition"):
        page.goto(f"/self-evaluation/reviews/{review.pk}/domains/{code}/")
        _answer_domain(page, "Established")
    assert_accessible(page)

    # Submit: the report compares the school with the network.
    page.goto(f"/self-evaluation/reviews/{review.pk}/submit/")
    assert_accessible(page)
    page.get_by_role("button", name="Submit the review").click()
    expect(page).to_have_url(f"{live_server.url}/self-evaluation/reviews/{review.pk}/report/")
    scores = page.locator("table").first
    expect(scores).to_contain_text("Attendance")
    expect(scores).to_contain_text("2.0")
    expect(page.get_by_role("heading", name="Priorities")).to_be_visible()
    assert_accessible(page)

    # The PDF for governors.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # Signposts: an intervention for the priority, and a similar school strong in it.
    page.get_by_role("link", name="Parental engagement").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parental engagement")
    page.go_back()
    page.get_by_role("link", name="Riverside Primary").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Riverside Primary")
    page.go_back()

    # Three actions in the plan.
    page.get_by_role("button", name="Plan actions").click()
    for title in (
        "Ring families on the first day of absence",
        "Fortnightly attendance panel with the EWO",
        "Free breakfast club from January",
    ):
        form = page.locator("details", has_text="Add an action for Attendance").first
        if not form.evaluate("el => el.open"):
            form.locator("summary").click()
        form.get_by_label("Action", exact=True).fill(title)
        form.get_by_label("Owner").select_option(value=str(staff_at_school_a.pk))
        form.get_by_role("button", name="Add action").click()
        expect(
            page.locator("#domain-attendance").get_by_role("cell", name=title, exact=True)
        ).to_be_visible()
    assert review.actions.count() == 3
    assert_accessible(page)

    # The head of school B finds nothing of it.
    other = _signed_in_context(browser, live_server, head_at_school_b)
    other_page = other.new_page()
    for path in (
        f"/self-evaluation/reviews/{review.pk}/report/",
        f"/self-evaluation/reviews/{review.pk}/",
        f"/self-evaluation/reviews/{review.pk}/actions/",
        f"/self-evaluation/reviews/{review.pk}/report.pdf",
    ):
        response = other_page.goto(path)
        assert response is not None
        assert response.status == 404, path
    other_page.goto("/self-evaluation/")
    expect(other_page.get_by_text("Autumn 2026")).to_have_count(0)
    other.close()
