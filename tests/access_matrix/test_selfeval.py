"""The access-control matrix's rows for the self-evaluation:
``reconnect/selfeval/tests/access_expectations.py``."""

from tests.access_run import access_test

test_access = access_test("reconnect.selfeval.tests.access_expectations")
