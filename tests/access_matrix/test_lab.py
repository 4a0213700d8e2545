"""The access-control matrix's rows for the Innovation Lab:
``reconnect/lab/tests/access_expectations.py``."""

from tests.access_run import access_test

test_access = access_test("reconnect.lab.tests.access_expectations")
