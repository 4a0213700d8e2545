"""Personal access tokens, in one journey through their pages.

A school lead opens their account, makes a read-only token for their school, copies its
text from the one page that ever shows it, uses it against the API, then revokes it and
sees the API refuse it. Every page passes axe.
"""

import re

import httpx
from playwright.sync_api import Page, expect

from reconnect.accounts.models import ApiToken, ApiTokenScope, ApiTokenStatus
from tests.browser.axe import assert_accessible

TOKEN_NAME = "MIS sync"
# The shape api_tokens.token_generate gives: the public start, a 12-character prefix, a secret.
TOKEN_TEXT = re.compile(r"^rct_[a-z0-9]{12}_[A-Za-z0-9]{40}$")


def _api_status(base_url: str, text: str) -> int:
    # httpx, not the page's request context: that shares the browser's session cookie, and
    # the point is that the token alone is enough.
    response = httpx.get(
        f"{base_url}/api/v1/schools", headers={"Authorization": f"Bearer {text}"}, timeout=10
    )
    return response.status_code


def test_school_lead_makes_uses_and_revokes_a_token(
    page: Page, sign_in, live_server, school_a, head_at_school_a
):
    sign_in(head_at_school_a)
    page.goto("/accounts/profile/")
    assert_accessible(page)
    page.get_by_role("link", name="API access tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API access tokens")
    expect(page.get_by_text("You have no tokens.")).to_be_visible()
    assert_accessible(page)

    # Make a read-only token for the lead's school, lasting 30 days.
    page.get_by_role("button", name="Make a token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make an API access token")
    assert_accessible(page)
    page.get_by_label("Name").fill(TOKEN_NAME)
    page.get_by_role("group", name="School").get_by_label(school_a.name).check()
    page.get_by_label(str(ApiTokenScope.READ.label)).check()
    page.get_by_label("30 days").check()
    page.get_by_role("button", name="Make token").click()

    # The one page that shows the token's text.
    expect(page.get_by_role("heading", level=1)).to_have_text("Token made")
    text = page.get_by_label("Your token").input_value()
    assert TOKEN_TEXT.fullmatch(text), text
    (token,) = ApiToken.objects.filter(user=head_at_school_a)
    assert (token.name, token.school_id, token.scope) == (
        TOKEN_NAME,
        school_a.pk,
        ApiTokenScope.READ,
    )
    assert text.startswith(f"{token.display_prefix}_")
    assert_accessible(page)

    # Reloading resends the form (Chromium does so without asking when headless): the same
    # form sent again makes no second token and leads to the list, without the text.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("API access tokens")
    expect(page.get_by_text("That token was made already")).to_be_visible()
    assert text not in page.content()
    assert ApiToken.objects.filter(user=head_at_school_a).count() == 1

    # The text is nowhere else either: the reload's redirect took the place of the page
    # that showed it, so going back reaches the form, which never holds it; and no further
    # token is made.
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make an API access token")
    assert text not in page.content()
    assert ApiToken.objects.filter(user=head_at_school_a).count() == 1

    # The list describes the token without its secret.
    page.goto("/accounts/tokens/")
    row = page.get_by_role("row").filter(has_text=token.display_prefix)
    expect(row.get_by_role("cell")).to_have_text(
        [
            TOKEN_NAME,
            school_a.name,
            str(ApiTokenScope.READ.label),
            token.display_prefix,
            re.compile(r".+"),  # made today
            token.expires_at.strftime("%-d %b %Y"),
            "Never",
            str(ApiTokenStatus.ACTIVE.label),
            f"Revoke {TOKEN_NAME}",
        ]
    )
    assert_accessible(page)

    # The token works against the API, and its use shows on the list.
    assert _api_status(live_server.url, text) == 200
    page.reload()
    expect(row.get_by_role("cell").nth(6)).not_to_have_text("Never")

    # Revoke it through the confirmation page.
    row.get_by_role("link", name=f"Revoke {TOKEN_NAME}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Revoke “{TOKEN_NAME}”?")
    expect(page.get_by_text(f"The token starting {token.display_prefix}")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Revoke token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API access tokens")
    expect(page.get_by_text(f"The token “{TOKEN_NAME}” was revoked.")).to_be_visible()
    expect(row.get_by_role("cell").nth(7)).to_have_text(str(ApiTokenStatus.REVOKED.label))
    expect(row.get_by_role("link", name=f"Revoke {TOKEN_NAME}")).to_have_count(0)
    assert_accessible(page)

    assert _api_status(live_server.url, text) == 401
