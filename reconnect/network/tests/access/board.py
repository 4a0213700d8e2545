"""Access-matrix rows of the Headteacher Network's board pages: see tests/access.py."""

from tests.access import Case

CASES: list[Case] = []
