"""Access-matrix rows of the Lab's evaluation pages."""

from tests.access import Case

CASES: list[Case] = []
