"""Access-matrix rows of the Lab's workspace pages."""

from tests.access import Case

CASES: list[Case] = []
