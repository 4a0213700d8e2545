"""A per-address limit for public endpoints that are not account actions (allauth limits
those from ``ACCOUNT_RATE_LIMITS``).

A fixed window of one minute per scope and client address, counted in the cache the whole
deployment shares (Redis in production), so several app servers count together. The
address is the one the audit log records (``core.audit.client_ip``: forwarded headers only
from the proxies the deployment declares); a request with no usable address shares one
bucket with every other such request rather than escaping the limit.
"""

import time

from django.core.cache import cache
from django.http import HttpRequest

from reconnect.core.audit import client_ip

WINDOW_SECONDS = 60


def rate_limit_wait(
    request: HttpRequest, *, scope: str, per_minute: int, who: str | None = None
) -> int | None:
    """Count one use of ``scope`` by the request's address: None when it is within
    ``per_minute``, otherwise the seconds until the window ends (for Retry-After).

    ``who`` counts by something other than the address (an API token's id), for limits
    that follow a credential wherever it is used from."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    if who is None:
        who = client_ip(request) or "unknown"
    key = f"ratelimit:{scope}:{who}:{window}"
    # add() only sets a missing key, so the first use of a window starts it at 0 atomically.
    cache.add(key, 0, timeout=WINDOW_SECONDS + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add() and incr(): this use opens the window again
        cache.add(key, 1, timeout=WINDOW_SECONDS + 1)
        used = 1
    if used <= per_minute:
        return None
    return max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))
