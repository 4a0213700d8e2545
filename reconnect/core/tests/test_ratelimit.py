"""The per-address limit of public endpoints."""

import time_machine
from django.test import RequestFactory

from reconnect.core.ratelimit import rate_limit_wait


def _request(address: str = "203.0.113.7"):
    return RequestFactory().get("/", REMOTE_ADDR=address)


@time_machine.travel("2026-12-05 10:00:15+00:00", tick=False)
def test_the_limit_counts_each_address_and_scope_apart_and_says_how_long_to_wait():
    first = [rate_limit_wait(_request(), scope="calc", per_minute=3) for _ in range(3)]

    assert first == [None, None, None]
    assert rate_limit_wait(_request(), scope="calc", per_minute=3) == 45
    assert rate_limit_wait(_request("198.51.100.2"), scope="calc", per_minute=3) is None
    assert rate_limit_wait(_request(), scope="other", per_minute=3) is None


def test_a_new_minute_starts_a_new_count():
    with time_machine.travel("2026-12-05 10:00:59.5+00:00", tick=False):
        assert rate_limit_wait(_request(), scope="calc", per_minute=1) is None
        assert rate_limit_wait(_request(), scope="calc", per_minute=1) == 1
    with time_machine.travel("2026-12-05 10:01:00.1+00:00", tick=False):
        assert rate_limit_wait(_request(), scope="calc", per_minute=1) is None
