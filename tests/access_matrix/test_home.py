"""The access-control matrix's rows for the home page and dashboard:
``reconnect/home/tests/access_expectations.py``."""

from tests.access_run import access_test

test_access = access_test("reconnect.home.tests.access_expectations")
