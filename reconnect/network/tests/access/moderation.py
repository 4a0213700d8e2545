"""Access-matrix rows of the Headteacher Network's moderation pages: see tests/access.py."""

from tests.access import Case

CASES: list[Case] = []
