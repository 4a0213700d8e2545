"""Production's transport and cookie settings produce the headers G10 and G11 ask for.

Tests run over plain http with the laptop's relaxed values, so these requests apply the
production values from ``reconnect.settings.base`` explicitly.
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from reconnect.settings import base as production

PRODUCTION_TRANSPORT = {
    name: getattr(production, name)
    for name in (
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY",
        "SECURE_CSP",
        "SESSION_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "X_FRAME_OPTIONS",
    )
}


@pytest.fixture
def production_headers():
    with override_settings(**PRODUCTION_TRANSPORT, SECURE_SSL_REDIRECT=False):
        yield


def test_https_responses_carry_hsts_for_a_year_with_subdomains(client, db, production_headers):
    response = client.get("/about/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_pages_refuse_framing_twice_over(client, db, production_headers):
    response = client.get("/about/", secure=True)

    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_session_cookie_is_host_prefixed_secure_httponly_and_lax(
    client, staff_at_school_a, production_headers
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(staff_at_school_a)
    # A minute on, the request saves the session (moving its idle expiry on) and sends it.
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        response = client.get("/about/", secure=True)

    cookie = response.cookies["__Host-sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert cookie["domain"] == ""


def test_csrf_cookie_is_host_prefixed_and_secure(client, db, production_headers):
    response = client.get("/accounts/login/", secure=True)

    cookie = response.cookies["__Host-csrftoken"]
    assert cookie["secure"] is True
    assert cookie["path"] == "/"
    assert cookie["domain"] == ""


def test_wagtail_admin_allows_inline_styles_but_never_inline_scripts(client, admin_user):
    client.force_login(admin_user)

    response = client.get("/admin/")

    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
