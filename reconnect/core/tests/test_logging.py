"""Production logging: JSON lines with the request's context, and no personal data (G18).

The tests install production's ``LOGGING`` (``reconnect.settings.base``) with its handler
writing to a buffer, then send requests carrying an e-mail address, a UPN and a name in
the path, the query string and the body, and read every line that was written.
"""

import copy
import io
import json
import logging
import logging.config
from typing import Any

import pytest
from django.test import override_settings
from django.urls import path

from reconnect import urls as project_urls
from reconnect.core.logging import JsonFormatter, PersonalDataFilter, pseudonym, scrub
from reconnect.settings import base as production

EMAIL = "jo.bloggs@pupil-family.example.org"
UPN = "A123456789012"
TEMPORARY_UPN = "H30123456789B"
NAME = "Zebedee-Quartermaine"


def _broken_view(request, email):
    raise ValueError(f"pupil {UPN} of {email} could not be matched")


urlpatterns = [path("broken/<str:email>/", _broken_view), *project_urls.urlpatterns]
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.fixture
def log_lines():
    """Production's logging, writing into a buffer; the lines written, parsed."""
    config: dict[str, Any] = copy.deepcopy(production.LOGGING)
    buffer = io.StringIO()
    config["handlers"]["stderr"]["stream"] = buffer
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    named = [logging.getLogger(name) for name in config["loggers"]]
    saved_levels = [logger.level for logger in named]
    logging.config.dictConfig(config)

    def lines() -> list[dict]:
        return [json.loads(line) for line in buffer.getvalue().splitlines()]

    yield lines
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)
    for logger, level in zip(named, saved_levels, strict=True):
        logger.setLevel(level)


def assert_no_personal_data(lines: list[dict]) -> None:
    text = json.dumps(lines)
    for secret in (EMAIL, EMAIL.replace("@", "%40"), UPN, TEMPORARY_UPN, NAME, "jo.bloggs"):
        assert secret not in text, f"{secret!r} reached the logs"


def test_each_request_writes_one_json_line_naming_the_route(client, db, log_lines):
    response = client.get("/about/", HTTP_X_REQUEST_ID="trace-0123456789")

    [line] = [line for line in log_lines() if line["logger"] == "reconnect.access"]
    assert response.status_code == 200
    assert set(line) == {
        "timestamp",
        "level",
        "logger",
        "message",
        "request_id",
        "view",
        "method",
        "status",
        "duration_ms",
        "db_queries",
    }
    assert (line["level"], line["message"], line["request_id"]) == (
        "INFO",
        "request",
        "trace-0123456789",
    )
    assert (line["view"], line["method"], line["status"]) == ("about", "GET", 200)
    assert line["duration_ms"] > 0
    assert line["timestamp"].endswith("Z")


def test_a_signed_in_member_is_logged_by_pseudonym_only(client, staff_at_school_a, log_lines):
    client.force_login(staff_at_school_a)

    client.get("/about/")

    [line] = [line for line in log_lines() if line["logger"] == "reconnect.access"]
    assert line["user"] == pseudonym(staff_at_school_a.pk)
    assert line["user"] != str(staff_at_school_a.pk)
    assert staff_at_school_a.email not in json.dumps(line)


def test_personal_data_in_path_query_and_body_never_reaches_the_logs(client, db, log_lines):
    query = f"email={EMAIL}&upn={UPN}&name={NAME}"
    client.get(f"/hub/search/?q={UPN}+{NAME}&{query}")
    client.get(f"/{UPN}/{EMAIL}/{NAME}/?{query}")
    client.post(f"/accounts/login/?{query}", {"login": EMAIL, "password": NAME, "upn": UPN})
    client.post(
        "/accounts/join/",
        {"email": EMAIL, "first_name": NAME, "school": UPN, "upn": TEMPORARY_UPN},
    )

    lines = log_lines()
    assert len([line for line in lines if line["logger"] == "reconnect.access"]) == 4
    assert_no_personal_data(lines)


@override_settings(ROOT_URLCONF=__name__, DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_an_error_is_logged_with_its_traceback_scrubbed(client, db, log_lines):
    client.raise_request_exception = False

    response = client.get(f"/broken/{EMAIL}/", HTTP_X_REQUEST_ID="trace-0123456789")

    lines = log_lines()
    [error] = [line for line in lines if line["logger"] == "django.request"]
    assert response.status_code == 500
    assert error["level"] == "ERROR"
    assert error["request_id"] == "trace-0123456789"
    assert error["message"] == "Internal Server Error: /broken/[email]/"
    assert "ValueError: pupil [upn] of [email] could not be matched" in error["exception"]
    assert_no_personal_data(lines)


def test_a_log_call_with_personal_arguments_is_scrubbed(log_lines):
    logging.getLogger("reconnect.anything").warning(
        "import of %s by %s failed", TEMPORARY_UPN, EMAIL, extra={"request": object()}
    )

    [line] = log_lines()
    assert line["message"] == "import of [upn] by [email] failed"
    assert "request" not in line


def test_a_forged_newline_cannot_start_a_second_line():
    forged = 'a\n{"level": "ERROR"}'
    record = logging.LogRecord("x", logging.INFO, __file__, 1, forged, None, None)
    PersonalDataFilter().filter(record)

    assert len(JsonFormatter().format(record).splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jo.bloggs@example.org", "[email]"),
        ("login=jo.bloggs%40example.org&x=1", "login=[email]&x=1"),
        ("O'Brien.Jo+tag@mail.school.sch.uk!", "[email]!"),
        ("UPN A123456789012 then", "UPN [upn] then"),
        ("temporary h30123456789b,", "temporary [upn],"),
        ("/pupils/K801200110003/", "/pupils/[upn]/"),
        # Not UPNs: too short, too long, digits first, a hex digest.
        ("A12345678901", "A12345678901"),
        ("A1234567890123", "A1234567890123"),
        ("1234567890123", "1234567890123"),
        ("urn 900001 and 3f2a9c", "urn 900001 and 3f2a9c"),
        ("redis://:hunter2@10.0.0.9:6379/0", "redis://[credentials]@10.0.0.9:6379/0"),
        (
            "postgres://reconnect:pw@db.internal/reconnect",
            "postgres://[credentials]@db.internal/reconnect",
        ),
        ("https://reconnect.example.org/about/", "https://reconnect.example.org/about/"),
    ],
)
def test_scrub(text, expected):
    assert scrub(text) == expected


def test_a_failed_readiness_check_is_logged_with_its_request_and_no_password(
    client, db, log_lines, monkeypatch
):
    from reconnect.core import views

    def cache_down(*args, **kwargs):
        raise ConnectionError("redis://:hunter2@10.0.0.9:6379/0 refused the connection")

    monkeypatch.setattr(views.cache, "set", cache_down)

    response = client.get("/ready/", HTTP_X_REQUEST_ID="probe-0123456789")

    [warning] = [line for line in log_lines() if line["logger"] == "reconnect.core.views"]
    assert response.status_code == 503
    assert warning["level"] == "WARNING"
    assert warning["message"] == "readiness check cache failed: ConnectionError"
    assert (warning["check"], warning["request_id"], warning["view"]) == (
        "cache",
        "probe-0123456789",
        "ready",
    )
    assert "redis://[credentials]@10.0.0.9:6379/0 refused" in warning["exception"]
    assert "hunter2" not in json.dumps(log_lines())
