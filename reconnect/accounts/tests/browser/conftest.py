"""Browser tests of accounts' own pages reuse the project's Chromium fixtures."""

from pathlib import Path

import pytest

from tests.browser.conftest import (  # noqa: F401  (fixtures, used by name)
    _fresh_rate_limits,
    browser,
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
