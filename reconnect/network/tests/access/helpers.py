"""Access-matrix rows of the Headteacher Network's helpers pages: see tests/access.py."""

from tests.access import Case

CASES: list[Case] = []
