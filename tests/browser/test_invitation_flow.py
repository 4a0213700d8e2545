"""End to end: a coordinator invites a school lead, who opens the emailed link, creates an
account, sets up the second factor their role needs and lands on the dashboard."""

import re

from django.core import mail
from playwright.sync_api import Browser, Page, expect

from reconnect.schools.models import Membership
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import SchoolFactory
from tests.browser.axe import assert_accessible
from tests.browser.totp import fresh_totp_code

INVITEE = "new.head@northfields.example.org"
PASSWORD = "a-fresh-passphrase-for-reconnect-91"


def _invite(page: Page, school) -> str:
    page.goto("/accounts/invitations/new/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(INVITEE)
    page.get_by_label("School", exact=True).select_option(str(school.pk))
    page.get_by_role("radio", name="School lead").check()
    page.get_by_label("Personal message (optional)").fill("Welcome to the network.")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Invitation sent to {INVITEE}")
    assert_accessible(page)

    assert [message.to for message in mail.outbox] == [[INVITEE]]
    link = re.search(r"https?://\S+/accounts/invitations/\S+/", str(mail.outbox[0].body))
    assert link is not None, mail.outbox[0].body
    return link.group(0)


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _set_up_authenticator(page: Page) -> None:
    """Do what a person does with their phone: read the secret, type the app's code."""
    assert_accessible(page)
    shown = page.get_by_label("Authenticator secret").input_value()
    secret = re.fullmatch(r"[A-Z2-7]{16,}", shown.strip())
    assert secret is not None, f"the set-up page should show the secret to type in: {shown!r}"
    page.locator("input[name=code]").fill(fresh_totp_code(secret.group(0)))
    page.locator("main form").get_by_role("button").first.click()
    page.wait_for_load_state()


def test_invited_school_lead_joins_and_lands_on_the_dashboard(
    page: Page, browser: Browser, live_server, sign_in, coordinator
):
    school = SchoolFactory(urn=900123, name="Northfields Primary School")
    sign_in(coordinator)
    link = _invite(page, school)

    invitee_context = browser.new_context(base_url=live_server.url)
    invitee = invitee_context.new_page()
    try:
        invitee.goto(_path(link))
        expect(invitee.locator("h1")).to_have_text("Join Northfields Primary School on Reconnect")
        assert_accessible(invitee)
        invitee.get_by_role("button", name="Create your account").click()

        expect(invitee.locator("h1")).to_have_text("Create your account")
        assert_accessible(invitee)
        invitee.get_by_label("First name").fill("Nadia")
        invitee.get_by_label("Last name").fill("Northfield")
        invitee.get_by_label("Job title").fill("Headteacher")
        invitee.get_by_label("Password", exact=True).fill(PASSWORD)
        invitee.get_by_label(re.compile("Password \\(again\\)|Confirm")).fill(PASSWORD)
        invitee.get_by_role("button", name="Create account").click()
        invitee.wait_for_load_state()

        # A school lead's role needs a second factor before anything else; allauth asks
        # for the password again before a factor may be added.
        if "/accounts/reauthenticate/" in invitee.url:
            assert_accessible(invitee)
            invitee.get_by_label("Password").fill(PASSWORD)
            invitee.locator("main form").get_by_role("button").first.click()
            invitee.wait_for_load_state()
        assert "/accounts/2fa/totp/activate/" in invitee.url, invitee.url
        _set_up_authenticator(invitee)
        invitee.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()

        expect(invitee.get_by_role("banner")).to_contain_text("Signed in as Nadia Northfield")
        expect(invitee.locator("main")).to_contain_text("Northfields Primary School")
        assert_accessible(invitee)
    finally:
        invitee_context.close()

    membership = Membership.objects.get(user__email=INVITEE)
    assert (membership.school.urn, membership.role) == (900123, SchoolRole.SCHOOL_LEAD)
