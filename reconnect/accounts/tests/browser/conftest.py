"""Browser tests of accounts' own pages, on the project's Chromium fixtures.

Playwright's sync API allows one running instance per thread, so this package starts
its own browser and closes it when its tests are done (package scope), before the
project's browser tests in ``tests/browser`` start theirs.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser.conftest import (  # noqa: F401  (fixtures, used by name)
    CHROMIUM,
    CHROMIUM_ARGS,
    _fresh_rate_limits,
    context,
    page,
    sign_in,
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}.", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
