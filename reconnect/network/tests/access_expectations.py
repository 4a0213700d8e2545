"""Access-matrix rows of the Headteacher Network, one module per area in ``access/``."""

from reconnect.network.tests.access import (
    attachments,
    board,
    discussions,
    events,
    groups,
    helpers,
    home,
    messages,
    moderation,
    notifications,
    polls,
    search,
)

CASES = [
    *home.CASES,
    *discussions.CASES,
    *polls.CASES,
    *attachments.CASES,
    *search.CASES,
    *groups.CASES,
    *messages.CASES,
    *moderation.CASES,
    *events.CASES,
    *board.CASES,
    *helpers.CASES,
    *notifications.CASES,
]
