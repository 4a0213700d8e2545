import pytest
from cryptography.fernet import InvalidToken

from reconnect.core.sealing import seal, unseal

PAYLOAD = {"body": "Accept: https://reconnect.example.org/accounts/invitations/tok3n/", "n": [1, 2]}


def test_a_sealed_payload_opens_to_the_same_value_and_hides_it():
    sealed = seal(PAYLOAD)

    assert "tok3n" not in sealed
    assert unseal(sealed) == PAYLOAD


def test_a_tampered_payload_is_refused():
    sealed = seal(PAYLOAD)
    tampered = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]

    with pytest.raises(InvalidToken):
        unseal(tampered)


def test_what_was_sealed_before_a_key_rotation_still_opens(settings):
    sealed = seal(PAYLOAD)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-" + "x" * 40
    settings.SECRET_KEY_FALLBACKS = [old_key]

    assert unseal(sealed) == PAYLOAD


def test_another_installation_cannot_open_it(settings):
    sealed = seal(PAYLOAD)
    settings.SECRET_KEY = "some-other-installation-secret-" + "y" * 40

    with pytest.raises(InvalidToken):
        unseal(sealed)
