"""The Headteacher Network's pages, under ``network/``; each area lists its own."""

from reconnect.network.views import (
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

app_name = "network"

urlpatterns = [
    *home.URLS,
    *discussions.URLS,
    *polls.URLS,
    *attachments.URLS,
    *search.URLS,
    *groups.URLS,
    *messages.URLS,
    *moderation.URLS,
    *events.URLS,
    *board.URLS,
    *helpers.URLS,
    *notifications.URLS,
]
