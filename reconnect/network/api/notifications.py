"""The Headteacher Network's notifications in the JSON API."""

from ninja import Router

router = Router(tags=["network"])
