"""The environment readers refuse what they do not understand, so typos stop start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from reconnect.settings.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    secret_key_from_environment,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("TRUE", True),
        (" yes ", True),
        ("on", True),
        ("0", False),
        ("off", False),
        ("", False),
        ("No", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("RECONNECT_FLAG", raw)

    assert env_bool("RECONNECT_FLAG", default=not expected) is expected


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("RECONNECT_FLAG", "ture")

    with pytest.raises(ImproperlyConfigured, match="RECONNECT_FLAG must be one of"):
        env_bool("RECONNECT_FLAG", default=False)


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("RECONNECT_FLAG", raising=False)

    assert env_bool("RECONNECT_FLAG", default=True) is True


def test_env_int_reads_a_whole_number_or_the_default(monkeypatch):
    monkeypatch.setenv("RECONNECT_NUMBER", "42")
    monkeypatch.setenv("RECONNECT_BLANK", " ")
    monkeypatch.delenv("RECONNECT_UNSET", raising=False)

    assert (
        env_int("RECONNECT_NUMBER", default=1),
        env_int("RECONNECT_BLANK", default=7),
        env_int("RECONNECT_UNSET", default=9),
    ) == (42, 7, 9)


def test_env_int_refuses_a_fraction(monkeypatch):
    monkeypatch.setenv("RECONNECT_NUMBER", "2.5")

    with pytest.raises(ImproperlyConfigured, match=r"must be a whole number; got '2\.5'"):
        env_int("RECONNECT_NUMBER", default=1)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("RECONNECT_HOSTS", " a.example.org, ,b.example.org ,")

    assert env_list("RECONNECT_HOSTS", []) == ["a.example.org", "b.example.org"]


def test_env_list_and_env_str_fall_back_to_their_defaults(monkeypatch):
    monkeypatch.delenv("RECONNECT_UNSET", raising=False)

    assert (env_list("RECONNECT_UNSET", ["x"]), env_str("RECONNECT_UNSET", "d")) == (["x"], "d")


def test_secret_key_comes_from_the_environment_first(monkeypatch, tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("from-file\n", encoding="utf-8")
    monkeypatch.setenv("SECRET_KEY", "from-environment")
    monkeypatch.setenv("SECRET_KEY_FILE", str(key_file))

    assert secret_key_from_environment() == "from-environment"


def test_secret_key_file_is_read_without_its_trailing_newline(monkeypatch, tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("from-file\n", encoding="utf-8")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("SECRET_KEY_FILE", str(key_file))

    assert secret_key_from_environment() == "from-file"


def test_no_secret_key_configured_is_none(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY_FILE", raising=False)

    assert secret_key_from_environment() is None
