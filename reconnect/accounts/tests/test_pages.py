"""allauth's pages render inside Reconnect's layout with accessible govuk-frontend forms.

Checked on every page a person meets: it extends base.html, every visible input has a
label, inputs say what to autocomplete, and there is no inline script or style (the CSP
would refuse them).
"""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from reconnect.accounts.tests.factories import TEST_PASSWORD, invitation_with_token
from reconnect.accounts.tests.helpers import sign_in


class PageAudit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str | None]] = []
        self.label_targets: set[str] = set()
        self.inline_scripts = 0
        self.style_attributes = 0
        self.has_skip_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if "style" in attributes:
            self.style_attributes += 1
        if tag == "label" and attributes.get("for"):
            self.label_targets.add(str(attributes["for"]))
        if tag in ("input", "select", "textarea") and attributes.get("type") != "hidden":
            self.inputs.append(attributes)
        # JSON data blocks are not executed; any other script must come from a file.
        if (
            tag == "script"
            and "src" not in attributes
            and attributes.get("type") != "application/json"
        ):
            self.inline_scripts += 1
        if tag == "a" and "govuk-skip-link" in (attributes.get("class") or ""):
            self.has_skip_link = True


def audit(response) -> PageAudit:
    page = PageAudit()
    page.feed(response.content.decode())
    return page


def assert_accessible_page(response) -> PageAudit:
    assert response.status_code == 200, response.get("Location")
    page = audit(response)
    assert page.has_skip_link, "the page should extend base.html"
    assert page.inline_scripts == 0
    assert page.style_attributes == 0
    unlabelled = [i for i in page.inputs if i.get("id") not in page.label_targets]
    assert unlabelled == []
    return page


def autocomplete_of(page: PageAudit, name: str) -> str | None:
    return next(i.get("autocomplete") for i in page.inputs if i.get("name") == name)


@pytest.fixture(autouse=True)
def _empty_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _reauthenticated(client: Client, user) -> Client:
    sign_in(client, user)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    return client


def test_login_page_is_accessible_with_autocomplete(client, db):
    page = assert_accessible_page(client.get(reverse("account_login")))

    assert autocomplete_of(page, "login") == "email"
    assert autocomplete_of(page, "password") == "current-password"


def test_login_errors_are_summarised_and_linked(client, staff_at_school_a):
    response = client.post(reverse("account_login"), {"login": "", "password": ""})

    content = response.content.decode()
    assert 'class="govuk-error-summary"' in content
    assert '<a href="#id_login">Enter your email address</a>' in content
    assert "<title>Error: Sign in – Reconnect</title>" in " ".join(content.split())


def test_signup_page_fixes_the_invited_address(client, school_a):
    _invitation, token = invitation_with_token(school=school_a, email="invitee@example.org")
    client.post(reverse("accounts:invitation-accept", args=[token]))

    page = assert_accessible_page(client.get(reverse("account_signup")))

    email = next(i for i in page.inputs if i.get("name") == "email")
    assert (email.get("value"), "readonly" in email) == ("invitee@example.org", True)
    assert autocomplete_of(page, "password1") == "new-password"
    assert autocomplete_of(page, "first_name") == "given-name"


@pytest.mark.parametrize(
    "url_name",
    ["account_signup", "account_reset_password", "account_reset_password_done", "account_login"],
)
def test_visitor_pages_are_accessible(client, db, url_name):
    assert_accessible_page(client.get(reverse(url_name)))


@pytest.mark.parametrize(
    "url_name",
    [
        "account_email",
        "account_change_password",
        "account_logout",
        "account_reauthenticate",
        "mfa_index",
        "mfa_reauthenticate",
        "mfa_deactivate_totp",
        "mfa_generate_recovery_codes",
        "mfa_list_webauthn",
        "mfa_add_webauthn",
    ],
)
def test_account_pages_are_accessible(client, head_at_school_a, url_name):
    _reauthenticated(client, head_at_school_a)

    assert_accessible_page(client.get(reverse(url_name)))


def test_totp_activation_page_is_accessible(client, staff_at_school_a):
    _reauthenticated(client, staff_at_school_a)

    page = assert_accessible_page(client.get(reverse("mfa_activate_totp")))

    assert autocomplete_of(page, "code") == "one-time-code"


def test_mfa_code_page_is_accessible(client, head_at_school_a):
    client.post(
        reverse("account_login"), {"login": "head.a@example.org", "password": TEST_PASSWORD}
    )

    page = assert_accessible_page(client.get(reverse("mfa_authenticate")))

    assert autocomplete_of(page, "code") == "one-time-code"


@pytest.mark.parametrize(
    "url_name",
    [
        "accounts:profile",
        "accounts:invitation-list",
        "accounts:invitation-create",
        "accounts:join-request-list",
    ],
)
def test_our_account_pages_are_accessible(client, coordinator, url_name):
    client.force_login(coordinator)

    assert_accessible_page(client.get(reverse(url_name)))


def test_join_request_page_is_accessible(client, db):
    page = assert_accessible_page(client.get(reverse("accounts:join-request")))

    assert autocomplete_of(page, "email") == "email"


def test_school_members_page_is_accessible(client, head_at_school_a, staff_at_school_a):
    client.force_login(head_at_school_a)

    assert_accessible_page(client.get(reverse("accounts:school-members", args=[900001])))
