"""The calculator's caps: body size, how many values, how often (``docs/calculator.md``).

A request body of at most ``MAX_BODY_BYTES``; at most ``MAX_VALUES`` scores in a list and
``MAX_STUDIES`` studies; ``RATE_PER_MINUTE`` calculations per client address, counted
across the pages and the API together.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from reconnect.core import ratelimit

# A school's pupils fit many times over; a bigger paste is a mistake or a script.
MAX_VALUES = 10_000
MAX_STUDIES = 200
MAX_PUPILS = 100_000  # the engine's own ceiling for a group's size in the MDES
# Four columns of 10,000 scores written with 17 significant digits fit with room to spare.
MAX_BODY_BYTES = 1_000_000

RATE_SCOPE = "lab-calculator"
RATE_PER_MINUTE = 60


def rate_limit_wait(request: HttpRequest) -> int | None:
    """Count one calculation for the client's address: None if it may go ahead, otherwise
    how many seconds until it may (for the Retry-After header)."""
    return ratelimit.rate_limit_wait(request, scope=RATE_SCOPE, per_minute=RATE_PER_MINUTE)


def rate_limited_message(wait: int) -> str:
    return _(
        "You have run %(limit)s calculations in the last minute, the most the calculator takes. "
        "Try again in %(seconds)s seconds."
    ) % {"seconds": wait, "limit": RATE_PER_MINUTE}


def body_too_large(request: HttpRequest) -> bool:
    """Whether the request's declared body is over the cap (checked before it is read)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > MAX_BODY_BYTES


def body_too_large_message() -> str:
    return _(
        "The data sent is larger than 1 MB, the most the calculator takes: at most "
        "%(values)s scores in a list."
    ) % {"values": f"{MAX_VALUES:,}"}
