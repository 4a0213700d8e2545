"""Access-matrix rows of the Headteacher Network's polls pages: see tests/access.py."""

from tests.access import Case

CASES: list[Case] = []
