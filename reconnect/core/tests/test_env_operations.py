"""The readers the operations settings added: a fixed choice, and a secret or its file."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from reconnect.settings.env import env_choice, env_secret

LEVELS = ("debug", "info", "warning")


@pytest.mark.parametrize(
    ("raw", "expected"), [("INFO", "info"), (" warning ", "warning"), ("", "info")]
)
def test_env_choice_reads_any_case(monkeypatch, raw, expected):
    monkeypatch.setenv("RECONNECT_LEVEL", raw)

    assert env_choice("RECONNECT_LEVEL", LEVELS, default="info") == expected


def test_env_choice_defaults_when_unset(monkeypatch):
    monkeypatch.delenv("RECONNECT_LEVEL", raising=False)

    assert env_choice("RECONNECT_LEVEL", LEVELS, default="debug") == "debug"


def test_env_choice_refuses_a_typo(monkeypatch):
    monkeypatch.setenv("RECONNECT_LEVEL", "verbose")

    with pytest.raises(ImproperlyConfigured, match="RECONNECT_LEVEL must be one of debug, info"):
        env_choice("RECONNECT_LEVEL", LEVELS, default="info")


def test_env_secret_prefers_the_variable_then_its_file(monkeypatch, tmp_path):
    secret_file = tmp_path / "token"
    secret_file.write_text("from-the-file\n", encoding="utf-8")
    monkeypatch.setenv("RECONNECT_TOKEN_FILE", str(secret_file))
    monkeypatch.delenv("RECONNECT_TOKEN", raising=False)

    assert env_secret("RECONNECT_TOKEN") == "from-the-file"

    monkeypatch.setenv("RECONNECT_TOKEN", "from-the-variable")
    assert env_secret("RECONNECT_TOKEN") == "from-the-variable"


def test_env_secret_is_empty_when_neither_is_set(monkeypatch):
    monkeypatch.delenv("RECONNECT_TOKEN", raising=False)
    monkeypatch.delenv("RECONNECT_TOKEN_FILE", raising=False)

    assert env_secret("RECONNECT_TOKEN") == ""
