"""Access-matrix rows: see access_expectations.py."""

from tests.access import Case

CASES: list[Case] = []
