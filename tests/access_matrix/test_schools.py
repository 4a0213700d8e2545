"""The access-control matrix's rows for schools and members:
``reconnect/schools/tests/access_expectations.py``."""

from tests.access_run import access_test

test_access = access_test("reconnect.schools.tests.access_expectations")
