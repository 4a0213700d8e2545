"""Encryption for what waits in the task queue.

A queued e-mail can carry a working secret: an invitation link, a password-reset link, a
sign-in code. The task table keeps its arguments after delivery, so they are stored sealed
(Fernet: AES with an HMAC), under a key derived from SECRET_KEY. A copy of the database
alone then hands out nothing usable. SECRET_KEY_FALLBACKS still open what was sealed before
a key rotation, until ``manage.py reseal_keys`` has sealed it again under the new key.

Every sealed value in the database is listed in ``reseal_keys`` (each school's pseudonym
key, the queued e-mails): a new use of ``seal`` must be added there, or a key rotation
leaves it behind.
"""

import base64
import enum
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

_PURPOSE = "reconnect.core.sealing.task-arguments"


def _fernet(secret: str) -> Fernet:
    key = salted_hmac(_PURPOSE, "fernet-key", secret=secret, algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _keys() -> MultiFernet:
    secrets = [str(settings.SECRET_KEY), *map(str, settings.SECRET_KEY_FALLBACKS)]
    return MultiFernet([_fernet(secret) for secret in secrets])


def seal(payload: dict[str, Any]) -> str:
    """The payload as JSON, encrypted and authenticated, as ASCII text."""
    return _keys().encrypt(json.dumps(payload).encode()).decode("ascii")


def unseal(token: str) -> dict[str, Any]:
    """The payload back; raises ``cryptography.fernet.InvalidToken`` if it was tampered with."""
    payload: dict[str, Any] = json.loads(_keys().decrypt(token.encode("ascii")))
    return payload


class SealState(enum.Enum):
    CURRENT = "current"  # opens under SECRET_KEY itself
    FALLBACK = "fallback"  # opens only under one of SECRET_KEY_FALLBACKS
    UNOPENABLE = "unopenable"  # no configured key opens it (or it was tampered with)


def seal_state(token: str) -> SealState:
    """Which configured key opens ``token``, without returning what it holds."""
    data = token.encode("ascii")
    try:
        _fernet(str(settings.SECRET_KEY)).decrypt(data)
    except InvalidToken:
        pass
    else:
        return SealState.CURRENT
    for secret in settings.SECRET_KEY_FALLBACKS:
        try:
            _fernet(str(secret)).decrypt(data)
        except InvalidToken:
            continue
        return SealState.FALLBACK
    return SealState.UNOPENABLE


def reseal(token: str) -> str:
    """The same payload sealed under the current SECRET_KEY; raises ``InvalidToken`` when
    no configured key opens it."""
    return _keys().rotate(token.encode("ascii")).decode("ascii")
