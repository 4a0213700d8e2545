"""Time-based one-time codes (RFC 6238), as an authenticator app on a phone computes them."""

import base64
import hashlib
import hmac
import struct
import time

PERIOD = 30
DIGITS = 6


def totp_code(secret: str, *, at: float | None = None) -> str:
    counter = int((time.time() if at is None else at) // PERIOD)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**DIGITS:0{DIGITS}d}"


def fresh_totp_code(secret: str, *, margin: float = 3.0) -> str:
    """A code that stays valid for at least ``margin`` seconds (waits out a period's end)."""
    remaining = PERIOD - time.time() % PERIOD
    if remaining < margin:
        time.sleep(remaining + 0.1)
    return totp_code(secret)
