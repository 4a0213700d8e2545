"""The access-control matrix's rows for the third-party apps' URLs (Wagtail, allauth):
``tests/access_third_party.py``."""

from tests.access_run import THIRD_PARTY, access_test

test_access = access_test(THIRD_PARTY)
