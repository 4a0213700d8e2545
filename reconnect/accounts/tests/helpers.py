"""Signing in the way a person does: password, then the authenticator app's code."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from reconnect.accounts.tests.factories import TEST_PASSWORD


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The code an authenticator app shows now (or at ``at``) for ``secret``."""
    counter = int(at if at is not None else time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def totp_secret(user: object) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return str(authenticator.data["secret"])


def sign_in(client: Client, user: object, *, password: str = TEST_PASSWORD) -> None:
    """Password, then (if the account has an authenticator) the current TOTP code."""
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": password},  # type: ignore[attr-defined]
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    if response["Location"] == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(totp_secret(user))})
        assert response.status_code == 302, response.content.decode()[:2000]
