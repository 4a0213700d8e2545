"""Access-matrix rows of the Lab's calculator pages."""

from tests.access import Case

CASES: list[Case] = []
