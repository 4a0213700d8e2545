"""Access-matrix rows for the Hub's search page: see access_expectations.py.

Search is open to everyone: visitors search public items, members every item, so every
persona gets a 200, with a query and with odd input alike. (What each sees is tested in
test_search_view.py.)
"""

from tests.access import Case, everyone

CASES: list[Case] = [
    Case("hub:search", expect=everyone(200), login_required=False),
    Case(
        "hub:search",
        query="q=persistent+absence&theme=attendance&sort=impact",
        label="query",
        expect=everyone(200),
        login_required=False,
    ),
    Case(
        "hub:search",
        query="q=%22+OR+1%3D1+--&page=-3&evidence=9",
        label="odd-input",
        expect=everyone(200),
        login_required=False,
        note="SQL and FTS syntax are plain words; an odd page or filter is ignored",
    ),
    # The JSON search (mounted by reconnect.hub.api; its plain Case is in access/api.py).
    Case(
        "api-v1:hub-search",
        query="q=%22+OR+1%3D1+--&theme=attendance&sort=impact",
        label="odd-input",
        expect=everyone(200),
        login_required=False,
    ),
]
