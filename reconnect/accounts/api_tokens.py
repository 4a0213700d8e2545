"""The shape of a personal access token: ``rct_<prefix>_<secret>``.

The fixed ``rct_`` start lets secret scanners (GitHub's, gitleaks) recognise a leaked token;
the prefix is public (it finds the row and names the token on its owner's page); the secret
is 40 characters from 62, about 238 bits, so a hash of the whole token is all the database
needs to keep. Letters and digits only, so the token survives copying from any terminal.
"""

import hashlib
import re
import secrets
import string
from dataclasses import dataclass

TOKEN_START = "rct_"  # noqa: S105  (the public start of every token, not a secret)
PREFIX_LENGTH = 12
SECRET_LENGTH = 40
_PREFIX_ALPHABET = string.ascii_lowercase + string.digits
_SECRET_ALPHABET = string.ascii_letters + string.digits
_TOKEN_PATTERN = re.compile(
    rf"^{TOKEN_START}([a-z0-9]{{{PREFIX_LENGTH}}})_([A-Za-z0-9]{{{SECRET_LENGTH}}})$"
)


@dataclass(frozen=True)
class NewToken:
    prefix: str
    token: str
    token_hash: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_generate() -> NewToken:
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    secret = "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(SECRET_LENGTH))
    token = f"{TOKEN_START}{prefix}_{secret}"
    return NewToken(prefix=prefix, token=token, token_hash=token_hash(token))


def token_prefix(token: str) -> str | None:
    """The prefix of a well-formed token, or None for anything else."""
    match = _TOKEN_PATTERN.fullmatch(token)
    return match.group(1) if match else None
