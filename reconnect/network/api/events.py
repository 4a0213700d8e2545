"""The Headteacher Network's events in the JSON API."""

from ninja import Router

router = Router(tags=["network"])
