"""Access-matrix rows of the Lab's pilots pages."""

from tests.access import Case

CASES: list[Case] = []
