"""What a visitor sees: the public home page, the footer's pages and the 404 page."""

from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible


def test_visitor_sees_the_public_home_page(page: Page):
    response = page.goto("/")

    assert response is not None
    assert response.status == 200
    expect(page.locator("h1")).to_have_text("Reconnect London")
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    assert_accessible(page)


def test_visitor_reads_about_and_privacy_from_the_footer(page: Page):
    page.goto("/")

    page.get_by_role("contentinfo").get_by_role("link", name="About Reconnect").click()
    expect(page.locator("h1")).to_have_text("About Reconnect")
    assert_accessible(page)
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy").click()
    expect(page.locator("h1")).to_have_text("Privacy")
    assert_accessible(page)


def test_missing_page_shows_our_404(page: Page):
    response = page.goto("/no-such-page/")

    assert response is not None
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Go to the home page")).to_have_attribute("href", "/")
    assert_accessible(page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page: Page):
    page.goto("/about/")

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_text("Skip to main content")
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")

    expect(page.locator(":focus")).to_have_id("main-content")
    expect(page.locator("h1")).to_be_in_viewport()


def test_focused_links_show_a_visible_focus_style(page: Page):
    page.goto("/about/")

    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # the brand link in the header
    focused = page.locator(":focus")

    expect(focused).to_have_class("rc-header__home")
    background = focused.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(255, 221, 0)"  # govuk-frontend's yellow focus
