"""The access-control matrix's rows for the Knowledge Hub:
``reconnect/hub/tests/access_expectations.py``."""

from tests.access_run import access_test

test_access = access_test("reconnect.hub.tests.access_expectations")
