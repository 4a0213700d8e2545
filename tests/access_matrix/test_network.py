"""The access-control matrix's rows for the Headteacher Network:
``reconnect/network/tests/access_expectations.py``."""

from tests.access_run import access_test

test_access = access_test("reconnect.network.tests.access_expectations")
