"""The school's pseudonym key and the keyed hash of a UPN."""

import pytest
from cryptography.fernet import InvalidToken

from reconnect.core.sealing import seal, unseal
from reconnect.spectrum.models import SchoolDataSettings
from reconnect.spectrum.services.pseudonyms import (
    data_settings_ensure,
    pseudonym_key_rotate,
    upn_hash,
    upn_hasher,
)

UPN = "A123456789012"


def _with_key(school, key_hex: str) -> SchoolDataSettings:
    data_settings = data_settings_ensure(school)
    data_settings.pseudonym_key = seal({"upn_key": key_hex})
    data_settings.save(update_fields=["pseudonym_key"])
    return data_settings


def test_data_settings_ensure_creates_one_sealed_random_key(school_a):
    first = data_settings_ensure(school_a)
    again = data_settings_ensure(school_a)

    assert again.pk == first.pk
    assert SchoolDataSettings.objects.filter(school=school_a).count() == 1
    key_hex = unseal(first.pseudonym_key)["upn_key"]
    assert len(bytes.fromhex(key_hex)) == 32
    assert key_hex not in first.pseudonym_key  # stored sealed, never in the clear


def test_data_settings_ensure_gives_each_school_its_own_key(school_a, school_b):
    key_a = unseal(data_settings_ensure(school_a).pseudonym_key)["upn_key"]
    key_b = unseal(data_settings_ensure(school_b).pseudonym_key)["upn_key"]

    assert key_a != key_b


def test_upn_hash_is_hmac_sha256_of_the_upn_under_the_school_key(school_a):
    # Known answers: HMAC-SHA256(key, "A123456789012") for keys 00…00 and 11…11.
    zero = _with_key(school_a, "00" * 32)
    assert upn_hash(zero, UPN) == "46c39d9bcb13bd8cad6811d8e07b620514d1535907f9ceedf7deb1555bac8062"
    ones = _with_key(school_a, "11" * 32)
    assert upn_hash(ones, UPN) == "db3ede670f215e7a05d66a82b8cfdf9ae0b39754db4959274f1a6a155abe4c30"


def test_upn_hash_ignores_case_and_padding(school_a):
    data_settings = data_settings_ensure(school_a)

    assert upn_hash(data_settings, " a123456789012 ") == upn_hash(data_settings, UPN)


def test_upn_hash_differs_between_schools(school_a, school_b):
    assert upn_hash(data_settings_ensure(school_a), UPN) != upn_hash(
        data_settings_ensure(school_b), UPN
    )


def test_upn_hasher_hashes_many_as_one_at_a_time(school_a):
    data_settings = data_settings_ensure(school_a)
    hash_one = upn_hasher(data_settings)

    assert [hash_one(u) for u in (UPN, "B123456789012", UPN)] == [
        upn_hash(data_settings, UPN),
        upn_hash(data_settings, "B123456789012"),
        upn_hash(data_settings, UPN),
    ]


def test_upn_hash_refuses_a_tampered_key(school_a):
    data_settings = data_settings_ensure(school_a)
    data_settings.pseudonym_key = data_settings.pseudonym_key[:-4] + "AAAA"

    with pytest.raises(InvalidToken):
        upn_hash(data_settings, UPN)


def test_rotating_the_key_changes_every_hash_and_keeps_the_other_settings(school_a):
    before = _with_key(school_a, "11" * 32)
    before.retention_months = 12
    before.save(update_fields=["retention_months"])
    old_hash = upn_hash(before, UPN)

    assert pseudonym_key_rotate(school_a) is True

    after = SchoolDataSettings.objects.get(school=school_a)
    assert after.retention_months == 12
    new_key = unseal(after.pseudonym_key)["upn_key"]
    assert new_key != "11" * 32
    assert len(bytes.fromhex(new_key)) == 32
    assert upn_hash(after, UPN) != old_hash


def test_rotating_without_a_key_makes_none(school_a):
    assert pseudonym_key_rotate(school_a) is False
    assert not SchoolDataSettings.objects.filter(school=school_a).exists()


def test_deleting_all_pupil_data_rotates_the_key(school_a, head_at_school_a):
    from reconnect.spectrum.services.data_settings import pupil_data_delete_all

    before = _with_key(school_a, "22" * 32)
    old_hash = upn_hash(before, UPN)

    pupil_data_delete_all(school=school_a, user=head_at_school_a)

    after = SchoolDataSettings.objects.get(school=school_a)
    assert upn_hash(after, UPN) != old_hash
