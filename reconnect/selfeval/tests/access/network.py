"""Access-matrix rows; see access_expectations.py."""

CASES: list = []
