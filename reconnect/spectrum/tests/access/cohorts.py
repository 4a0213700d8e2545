"""Access-matrix rows of this area: see tests/access.py."""

from tests.access import Case

CASES: list[Case] = []
