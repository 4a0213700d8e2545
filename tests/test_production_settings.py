"""Production settings: Django's deploy checks pass (G12), errors show nothing internal
(G27), and the API's documentation page works under the strict policy."""

import json
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


def assert_check_deploy_clean(env: dict[str, str]) -> None:
    """``manage.py check --deploy`` in a fresh process with ``env``: not one warning."""
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


def test_check_deploy_reports_no_issue_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "reconnect.settings.base",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "reconnect.example.org",
        "SITE_URL": "https://reconnect.example.org",
        "RECONNECT_VAR_DIR": str(tmp_path),
    }

    assert_check_deploy_clean(env)


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


# --- The production settings under the environments docs/deploy.md describes ---------------

PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + secrets.token_urlsafe(48),
    "ALLOWED_HOSTS": "reconnect.example.org",
    "SITE_URL": "https://reconnect.example.org",
}


def production_settings(tmp_path: Path, **env: str) -> dict:
    """The values ``reconnect.settings.base`` computes under ``env`` (a fresh interpreter:
    settings are read from the environment once, at import)."""
    script = (
        "import json\n"
        "from reconnect.settings import base as s\n"
        "db = s.DATABASES['default']\n"
        "print(json.dumps({\n"
        "  'cache': s.CACHES['default']['BACKEND'],\n"
        "  'cache_location': s.CACHES['default']['LOCATION'],\n"
        "  'engine': db['ENGINE'], 'conn_max_age': db.get('CONN_MAX_AGE'),\n"
        "  'pool': db.get('OPTIONS', {}).get('pool'),\n"
        "  'server_side_cursors_off': db.get('DISABLE_SERVER_SIDE_CURSORS', False),\n"
        "  'proxy_ssl_header': getattr(s, 'SECURE_PROXY_SSL_HEADER', None),\n"
        "  'media_root': str(s.MEDIA_ROOT), 'static_root': str(s.STATIC_ROOT),\n"
        "  'metrics_token': s.METRICS_TOKEN, 'metrics_ips': s.METRICS_ALLOWED_IPS,\n"
        "  'formatter': s.LOGGING['handlers']['stderr']['formatter'],\n"
        "  'log_filters': s.LOGGING['handlers']['stderr']['filters'],\n"
        "  'root_level': s.LOGGING['root']['level'],\n"
        "  'redirect_exempt': s.SECURE_REDIRECT_EXEMPT,\n"
        "  'middleware': s.MIDDLEWARE[:3],\n"
        "}))\n"
    )
    result = subprocess.run(  # noqa: S603 (our interpreter, our script)
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            **PRODUCTION_ENV,
            "RECONNECT_VAR_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


POSTGRES = "postgres://reconnect:pw@db.internal:5432/reconnect"


def test_one_machine_defaults_database_cache_json_logs_and_no_proxy_trust(tmp_path):
    values = production_settings(tmp_path)

    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert values["proxy_ssl_header"] is None
    assert values["media_root"] == str(tmp_path / "media")
    assert values["static_root"] == str(tmp_path / "static")
    assert values["metrics_token"] == ""
    assert values["metrics_ips"] == []
    assert values["formatter"] == "json"
    assert values["log_filters"] == ["request_context", "personal_data"]
    assert values["root_level"] == "INFO"
    assert values["redirect_exempt"] == [r"^health/$", r"^ready/$", r"^metrics$"]
    assert values["middleware"] == [
        "reconnect.core.request_id.RequestIdMiddleware",
        "reconnect.core.metrics.RequestMetricsMiddleware",
        "django.middleware.security.SecurityMiddleware",
    ]


def test_redis_postgres_pool_and_a_proxy(tmp_path):
    token_file = tmp_path / "metrics_token"
    token_file.write_text("scrape-me-0123456789\n", encoding="utf-8")

    values = production_settings(
        tmp_path,
        DATABASE_URL=POSTGRES,
        DATABASE_POOL_MIN="4",
        DATABASE_POOL_MAX="8",
        DATABASE_POOL_TIMEOUT="5",
        REDIS_URL="redis://cache.internal:6379/1",
        TRUSTED_PROXY_COUNT="1",
        RECONNECT_MEDIA_ROOT="/srv/shared/media",
        RECONNECT_STATIC_ROOT="/srv/reconnect/static",
        METRICS_TOKEN_FILE=str(token_file),
        METRICS_ALLOWED_IPS="10.0.0.0/8, 192.168.1.5",
        LOG_LEVEL="warning",
    )

    assert values["engine"] == "django.db.backends.postgresql"
    assert values["conn_max_age"] == 0  # Django refuses persistent connections with a pool
    assert values["pool"] == {"min_size": 4, "max_size": 8, "timeout": 5}
    assert values["server_side_cursors_off"] is False
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cache_location"] == "redis://cache.internal:6379/1"
    assert values["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert (values["media_root"], values["static_root"]) == (
        "/srv/shared/media",
        "/srv/reconnect/static",
    )
    assert values["metrics_token"] == "scrape-me-0123456789"
    assert values["metrics_ips"] == ["10.0.0.0/8", "192.168.1.5"]
    assert values["root_level"] == "WARNING"


def test_behind_pgbouncer_the_pool_is_off_and_server_side_cursors_too(tmp_path):
    values = production_settings(tmp_path, DATABASE_URL=POSTGRES, DATABASE_PGBOUNCER="1")

    assert values["pool"] is None
    assert values["server_side_cursors_off"] is True


def test_the_pool_can_be_turned_off_without_pgbouncer(tmp_path):
    values = production_settings(tmp_path, DATABASE_URL=POSTGRES, DATABASE_POOL="0")

    assert values["pool"] is None
    assert values["conn_max_age"] == 0


def test_a_mistyped_log_setting_stops_start_up(tmp_path):
    with pytest.raises(AssertionError, match="LOG_FORMAT must be one of json, text"):
        production_settings(tmp_path, LOG_FORMAT="pretty")


def test_check_deploy_stays_clean_with_the_several_machines_environment(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        **PRODUCTION_ENV,
        "DJANGO_SETTINGS_MODULE": "reconnect.settings.base",
        "RECONNECT_VAR_DIR": str(tmp_path),
        "DATABASE_URL": POSTGRES,  # check --deploy opens no connection
        "REDIS_URL": "redis://cache.internal:6379/1",
        "TRUSTED_PROXY_COUNT": "1",
        "METRICS_TOKEN": secrets.token_urlsafe(32),
        "METRICS_ALLOWED_IPS": "10.0.0.0/8",
    }

    assert_check_deploy_clean(env)
