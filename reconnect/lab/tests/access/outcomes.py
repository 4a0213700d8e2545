"""Access-matrix rows of the Lab's outcomes pages."""

from tests.access import Case

CASES: list[Case] = []
