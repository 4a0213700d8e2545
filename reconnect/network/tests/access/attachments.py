"""Access-matrix rows of the Headteacher Network's attachment downloads: see tests/access.py."""

from tests.access import Case

CASES: list[Case] = []
