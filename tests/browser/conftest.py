"""Fixtures for the browser tests: Debian's Chromium, a live server, signed-in pages.

Playwright never downloads a browser here: it drives /usr/bin/chromium (``apt-get install
chromium``; ``CHROMIUM=/path`` overrides). Without it the tests fail, loudly, rather than
skip: a green run must mean the pages were really checked.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import get_resolver
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.totp import fresh_totp_code
from tests.personas import TOTP_SECRET

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the database calls that fixtures make from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The secret tests.personas.enrol_mfa gives every persona that needs a second factor.
PERSONA_TOTP_SECRET = TOTP_SECRET

# Records every Content-Security-Policy violation, before any script of the page runs.
_CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


@pytest.hookimpl(tryfirst=True)  # before `-m` selects on the marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            # Each test gets a real, committed database that the live server can see; the
            # data migrations (boroughs, themes, Wagtail's root page) are restored after it.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


# Package scope, not session: Playwright's sync API allows one running instance per
# thread, so each package of browser tests (apps may have their own) starts and stops its own.
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Browser tests need Chromium at {CHROMIUM}: run `apt-get install chromium` "
            "(Debian) or set CHROMIUM=/path/to/chromium.",
            pytrace=False,
        )
    # Import every view (and polars, numpy, scipy behind them) before the first page load,
    # so the first test's navigation does not pay for it against Playwright's timeout.
    get_resolver().url_patterns  # noqa: B018
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    # Sign-in rate limits live in the cache, which outlives each test's database.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def context(browser: Browser, live_server) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.add_init_script(_CSP_RECORDER)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    yield page
    violations = page.evaluate("window.__cspViolations || []") if not page.is_closed() else []
    assert not violations, f"Content-Security-Policy violations on {page.url}: {violations}"


def sign_in_with_form(page: Page, email: str, password: str, *, totp_secret: str | None) -> None:
    """Sign in as a person would: the sign-in form, then the authenticator's code if asked."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("main form").get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        assert totp_secret, f"{email} was asked for a second factor but has none"
        page.locator("input[name=code]").fill(fresh_totp_code(totp_secret))
        page.locator("main form").get_by_role("button").first.click()
        page.wait_for_load_state()


@pytest.fixture
def sign_in(context: BrowserContext, live_server):
    """Start the browser signed in, for tests about something other than signing in."""

    def _sign_in(user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return _sign_in
