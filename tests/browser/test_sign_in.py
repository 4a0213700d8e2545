"""Each demo role signs in through the real form, with a real authenticator code where the
role needs one (the production policy: RECONNECT_REQUIRE_MFA stays on), and lands on the
dashboard."""

import pytest
from playwright.sync_api import Page, expect

from reconnect.accounts.tests.factories import TEST_PASSWORD
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PERSONA_TOTP_SECRET, sign_in_with_form

# (persona fixture, whether the role must pass a second factor)
DEMO_ROLES = [
    ("staff_at_school_a", False),
    ("data_lead_at_school_a", True),
    ("head_at_school_a", True),
    ("head_at_school_b", True),
    ("system_leader", True),
    ("coordinator", True),
    ("admin_user", True),
]


def test_sign_in_page_is_accessible(page: Page):
    page.goto("/accounts/login/")

    expect(page.locator("h1")).to_have_text("Sign in to Reconnect")
    assert_accessible(page)


@pytest.mark.parametrize(("persona", "needs_second_factor"), DEMO_ROLES)
def test_demo_role_signs_in_and_lands_on_the_dashboard(
    page: Page, request, persona: str, needs_second_factor: bool
):
    user = request.getfixturevalue(persona)
    asked_for_code = []
    page.on(
        "framenavigated",
        lambda frame: asked_for_code.append(True) if "/2fa/authenticate/" in frame.url else None,
    )

    sign_in_with_form(page, user.email, TEST_PASSWORD, totp_secret=PERSONA_TOTP_SECRET)

    assert page.url.endswith("/"), page.url
    assert bool(asked_for_code) is needs_second_factor
    banner = page.get_by_role("banner")
    expect(banner).to_contain_text(f"Signed in as {user.display_name}")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard")
    ).to_have_attribute("aria-current", "page")
    assert_accessible(page)


def test_second_factor_page_is_accessible(page: Page, head_at_school_a):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(head_at_school_a.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.locator("main form").get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_accessible(page)
