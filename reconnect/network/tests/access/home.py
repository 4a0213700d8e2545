"""Access-matrix rows of the Headteacher Network's front page: see tests/access.py."""

from tests.access import Case, members_only

CASES: list[Case] = [Case("network:home", expect=members_only(200))]
