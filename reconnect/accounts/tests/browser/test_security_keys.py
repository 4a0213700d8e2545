"""A security key (WebAuthn) works end to end under the strict Content-Security-Policy.

Chromium's virtual authenticator stands in for a real key: it answers the browser's
WebAuthn calls exactly as a key or a phone's passkey does.
"""

import re

from allauth.mfa.models import Authenticator
from playwright.sync_api import BrowserContext, Page, expect

from reconnect.accounts.tests.factories import TEST_PASSWORD, UserFactory


def _virtual_authenticator(context: BrowserContext, page: Page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def _sign_in_with_password(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.locator("main form").get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_member_adds_a_security_key_and_signs_in_with_it(context: BrowserContext, page: Page):
    user = UserFactory.create(email="key.holder@example.org")
    _virtual_authenticator(context, page)
    _sign_in_with_password(page, "key.holder@example.org")

    page.goto("/accounts/2fa/webauthn/add/")
    # allauth asks for the password again before a factor is added.
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.locator("main form").get_by_role("button").first.click()
    page.wait_for_url("**/accounts/2fa/webauthn/add/")
    page.get_by_label("Name").fill("Office key")
    page.get_by_role("button", name="Add").click()
    # The key is created by the POST that leaves this page; wait for it, not just for load.
    expect(page).not_to_have_url(re.compile(r"/accounts/2fa/webauthn/add/"))

    key = Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Office key"

    page.locator("header").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    _sign_in_with_password(page, "key.holder@example.org")
    assert "/accounts/2fa/authenticate/" in page.url
    page.get_by_role("button", name="Use a security key").click()
    page.wait_for_load_state()

    expect(page.get_by_role("banner")).to_contain_text("Signed in as")
