"""The Headteacher Network's JSON API: one router per area, under ``/api/v1/network``."""

from ninja import Router

from reconnect.network.api import discussions, events, notifications

router = Router()
router.add_router("", discussions.router)
router.add_router("", events.router)
router.add_router("", notifications.router)
