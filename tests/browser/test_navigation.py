"""The header's navigation on a phone and on a laptop, with and without JavaScript."""

from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import assert_accessible


def _no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_phone_width_collapses_the_navigation_behind_a_menu_button(
    page: Page, sign_in, coordinator
):
    sign_in(coordinator)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/about/")
    nav = page.get_by_role("navigation", name="Main")
    menu = nav.get_by_role("button", name="Menu")

    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Dashboard")).to_be_hidden()
    assert _no_sideways_scroll(page)
    assert_accessible(page)
    menu.click()

    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Dashboard")).to_be_visible()
    expect(nav.get_by_role("link", name="Admin")).to_be_visible()
    assert_accessible(page)


def test_laptop_width_shows_every_section_in_one_row(page: Page, sign_in, coordinator):
    sign_in(coordinator)
    page.goto("/about/")
    nav = page.get_by_role("navigation", name="Main")

    expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    links = nav.get_by_role("link")
    tops = {
        round(box["y"])
        for box in (links.nth(i).bounding_box() for i in range(links.count()))
        if box
    }
    assert len(tops) == 1
    assert _no_sideways_scroll(page)


def test_without_javascript_the_navigation_is_a_plain_list(
    browser: Browser, live_server, staff_at_school_a
):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(staff_at_school_a)
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 320, "height": 640}
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    try:
        page.goto("/about/")
        nav = page.get_by_role("navigation", name="Main")

        expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
        expect(nav.get_by_role("link", name="Dashboard")).to_be_visible()
        expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_visible()
        assert _no_sideways_scroll(page)
    finally:
        context.close()


def test_signing_out_from_the_header_ends_the_session(page: Page, sign_in, staff_at_school_a):
    sign_in(staff_at_school_a)
    page.goto("/about/")

    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
