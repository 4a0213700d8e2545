"""The Headteacher Network's discussions in the JSON API."""

from ninja import Router

router = Router(tags=["network"])
