"""Request ids: a proxy's safe id is kept and echoed, anything else replaced by a new one."""

import re

import pytest

from reconnect.core.request_id import request_id_from

NEW_ID = re.compile(r"[0-9a-f]{32}")


def test_a_request_without_an_id_gets_a_new_one_echoed(client, db):
    response = client.get("/health/")

    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_a_safe_id_from_the_proxy_is_kept(client, db):
    response = client.get("/health/", HTTP_X_REQUEST_ID="caddy-3f2a9c.17_b")

    assert response["X-Request-ID"] == "caddy-3f2a9c.17_b"


def test_each_request_gets_its_own_id(client, db):
    first = client.get("/health/")["X-Request-ID"]
    second = client.get("/health/")["X-Request-ID"]

    assert first != second


@pytest.mark.parametrize(
    "unsafe",
    [
        "head.a@example.org",  # personal data must not be echoed or logged
        "short",  # too short to be an id
        "x" * 65,  # too long
        "abc def ghi",  # spaces
        "abcdefgh\r\nSet-Cookie: x=1",  # header injection
        "<script>alert(1)</script>",
        "",
    ],
)
def test_an_unsafe_id_is_replaced(unsafe):
    assert NEW_ID.fullmatch(request_id_from(unsafe))


def test_an_error_page_carries_the_id_too(client, db):
    response = client.get("/no-such-page-at-all/", HTTP_X_REQUEST_ID="trace-0123456789")

    assert response.status_code == 404
    assert response["X-Request-ID"] == "trace-0123456789"
