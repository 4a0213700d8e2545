"""Deploy checks Django does not have: settings whose absence breaks the product quietly."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.http.request import validate_host


@register(Tags.security, deploy=True)
def check_site_url(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Invitation and reset links are built from SITE_URL: it must be this site, over https."""
    url = urlsplit(settings.SITE_URL)
    if not settings.SITE_URL:
        problem = "SITE_URL is not set, so e-mailed links would point nowhere."
    elif url.scheme != "https" or not url.hostname:
        problem = f"SITE_URL must be an https:// address; it is {settings.SITE_URL!r}."
    elif not validate_host(url.hostname, settings.ALLOWED_HOSTS):
        problem = f"SITE_URL's host {url.hostname!r} is not in ALLOWED_HOSTS."
    else:
        return []
    return [
        Error(
            problem,
            hint="Set SITE_URL to the public address, e.g. https://reconnect.example.org.",
            id="reconnect.E001",
        )
    ]
