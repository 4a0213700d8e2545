"""The school's own key for pseudonymising UPNs, and the keyed hash made with it.

A UPN is replaced at import by HMAC-SHA256 under a random 256-bit key of the school's own,
kept sealed under the deployment's SECRET_KEY (``core.sealing``). Two schools' hashes of one
pupil differ, and a copy of the database alone cannot test a guessed UPN: both the key and
SECRET_KEY are needed.
"""

import hashlib
import hmac
import secrets
from collections.abc import Callable

from reconnect.core.sealing import seal, unseal
from reconnect.schools.models import School
from reconnect.spectrum.models import SchoolDataSettings

_KEY_FIELD = "upn_key"


def data_settings_ensure(school: School) -> SchoolDataSettings:
    """The school's ``SchoolDataSettings``, created with a new sealed key the first time.

    Safe when two imports start at once: ``get_or_create`` falls back to reading the row
    the other one wrote.
    """
    data_settings, _created = SchoolDataSettings.objects.get_or_create(
        school=school,
        defaults={"pseudonym_key": seal({_KEY_FIELD: secrets.token_hex(32)})},
    )
    return data_settings


def pseudonym_key_rotate(school: School) -> bool:
    """Give the school a new key, so hashes made before cannot be matched with hashes made
    after (once its pupil data is deleted, a new upload must not link back to the old).
    False when the school has no key yet."""
    fresh = seal({_KEY_FIELD: secrets.token_hex(32)})
    return SchoolDataSettings.objects.filter(school=school).update(pseudonym_key=fresh) == 1


def _key(data_settings: SchoolDataSettings) -> bytes:
    return bytes.fromhex(unseal(data_settings.pseudonym_key)[_KEY_FIELD])


def _normalise(upn: str) -> str:
    # The same pupil is the same hash whatever case or padding the MIS used.
    return upn.strip().upper()


def upn_hasher(data_settings: SchoolDataSettings) -> Callable[[str], str]:
    """A function hashing many UPNs with one unsealing of the key (for a whole file)."""
    base = hmac.new(_key(data_settings), digestmod=hashlib.sha256)

    def hash_one(upn: str) -> str:
        mac = base.copy()
        mac.update(_normalise(upn).encode())
        return mac.hexdigest()

    return hash_one


def upn_hash(data_settings: SchoolDataSettings, upn: str) -> str:
    """HMAC-SHA256 of the UPN (upper case, trimmed) under the school's key, in hex."""
    return upn_hasher(data_settings)(upn)
