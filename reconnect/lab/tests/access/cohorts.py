"""Access-matrix rows of the Lab's cohorts pages."""

from tests.access import Case

CASES: list[Case] = []
