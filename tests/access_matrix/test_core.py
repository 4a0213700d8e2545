"""The access-control matrix's rows for the core pages:
``reconnect/core/tests/access_expectations.py``."""

from tests.access_run import access_test

test_access = access_test("reconnect.core.tests.access_expectations")
