"""/health/ (liveness: the process answers) and /ready/ (every dependency answers)."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reconnect.core import views


def test_health_reports_ok_without_touching_the_database(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert len(queries) == 0
    assert "Set-Cookie" not in response.headers


def test_ready_reports_each_check_when_everything_answers(client, db):
    response = client.get("/ready/")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ready"
    assert list(body["checks"]) == ["database", "cache", "task_queue"]
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "task_queue": "ok",
    }
    assert all(check["duration_ms"] >= 0 for check in body["checks"].values())
    assert "no-store" in response["Cache-Control"]


def test_ready_leaves_nothing_in_the_cache(client, db):
    client.get("/ready/")

    assert cache._cache == {}  # type: ignore[attr-defined]  # LocMemCache's own store


class _UnreachableError(Exception):
    pass


def test_ready_names_the_failed_check_and_nothing_of_the_error(client, db, monkeypatch):
    def cache_down(*args, **kwargs):
        raise _UnreachableError("redis://:hunter2-secret@10.0.0.9:6379/0 refused the connection")

    monkeypatch.setattr(views.cache, "set", cache_down)

    response = client.get("/ready/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "failed",
        "task_queue": "ok",
    }
    text = response.content.decode()
    for leak in ("hunter2", "10.0.0.9", "redis", "_UnreachableError", "Traceback"):
        assert leak not in text


def test_ready_fails_when_the_database_does_not_answer(client, db, monkeypatch):
    def no_database():
        raise _UnreachableError("connection refused")

    monkeypatch.setitem(views.READINESS_CHECKS, "database", no_database)

    response = client.get("/ready/")

    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["database"]["status"] == "failed"


@pytest.mark.parametrize("path", ["/health/", "/ready/"])
def test_probes_refuse_anything_but_get(client, db, path):
    assert client.post(path).status_code == 405


@pytest.mark.parametrize("path", ["/health/", "/ready/", "/metrics"])
def test_probes_are_never_redirected_to_https(client, db, settings, path):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(path)

    assert response.status_code != 301
