"""Production settings: Django's deploy checks pass (G12), errors show nothing internal
(G27), and the API's documentation page works under the strict policy."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import path

from reconnect import urls as project_urls
from tests.headers import assert_security_headers, parse_csp

ROOT = Path(__file__).resolve().parent.parent
SECRET_MARKER = "do-not-show-this-internal-detail-7f3a"


def test_check_deploy_reports_no_issue_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "reconnect.settings.base",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "reconnect.example.org",
        "SITE_URL": "https://reconnect.example.org",
        "RECONNECT_VAR_DIR": str(tmp_path),
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


# A URLconf that is the project's own plus one view that fails, to force a real 500
# through the real handler500.
def _broken_view(request):
    raise RuntimeError(f"database password is {SECRET_MARKER}")


urlpatterns = [path("broken/", _broken_view), *project_urls.urlpatterns]
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.fixture
def production_client(client):
    # The test client re-raises view exceptions by default; a browser would get the page.
    client.raise_request_exception = False
    return client


@override_settings(ROOT_URLCONF=__name__, DEBUG=False, DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_unhandled_error_shows_the_generic_page_and_nothing_internal(production_client, db):
    response = production_client.get("/broken/")

    body = response.content.decode()
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in body
    for leak in (
        SECRET_MARKER,
        "RuntimeError",
        "Traceback",
        "_broken_view",
        "SECRET_KEY",
        "settings",
        'File "',
        "/work/",
        ".py",
    ):
        assert leak not in body, f"the error page shows {leak!r}"


@override_settings(ROOT_URLCONF=__name__, DEBUG=False, DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_unhandled_error_page_keeps_the_security_headers(production_client, db):
    response = production_client.get("/broken/")

    policy = parse_csp(response.headers["Content-Security-Policy"])
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_api_docs_load_only_our_own_scripts_and_styles(client, db):
    response = client.get("/api/v1/docs")

    body = response.content.decode()
    assert response.status_code == 200
    assert_security_headers(response, path="/api/v1/docs")
    sources = re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"', body)
    assert sources == [
        "/static/ninja/swagger-ui.css",
        "/static/ninja/favicon.svg",
        "/static/ninja/favicon.png",
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
    ]
    # The settings Swagger UI reads are data, not code: the policy does not block them.
    assert '<script type="application/json" id="swagger-settings">' in body


def test_api_docs_point_swagger_at_our_schema(client, db):
    response = client.get("/api/v1/docs")

    assert '"url": "/api/v1/openapi.json"' in response.content.decode()
