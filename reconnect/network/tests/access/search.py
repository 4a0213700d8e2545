"""Access-matrix rows of the Headteacher Network's search pages: see tests/access.py.

Search is every member's page: what each finds is scoped in ``selectors.search`` and tested
in ``tests/test_search.py`` (a group's words never reach a non-member).
"""

from tests.access import Case, members_only

CASES: list[Case] = [
    Case("network:search", expect=members_only(200)),
    Case("network:search", query="q=attendance", label="words", expect=members_only(200)),
]
