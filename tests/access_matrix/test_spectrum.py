"""The access-control matrix's rows for the vulnerability spectrum:
``reconnect/spectrum/tests/access_expectations.py``."""

from tests.access_run import access_test

test_access = access_test("reconnect.spectrum.tests.access_expectations")
