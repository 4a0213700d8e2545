"""The access-control matrix's rows for accounts and sign-in:
``reconnect/accounts/tests/access_expectations.py``."""

from tests.access_run import access_test

test_access = access_test("reconnect.accounts.tests.access_expectations")
