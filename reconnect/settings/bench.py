"""Production settings for the load benchmark (``bench/load``), served over plain http locally.

Everything that shapes a request's cost in production stays as ``base`` has it: DEBUG off,
the whole middleware stack, sessions in the database (saved at most once a minute), hashed
static files served by whitenoise, the second factor required for the roles that need it,
the Redis cache when ``REDIS_URL`` is set. Only what a run on 127.0.0.1 over http cannot
have changes (hosts, the https redirect, secure-only cookies), plus the benchmark's own
urlconf, which adds the bare view that measures the ceiling. Never deploy with this module.
"""

from pathlib import Path

from django.core.management.utils import get_random_secret_key

from reconnect.settings.base import *  # noqa: F403
from reconnect.settings.base import CACHES, DATABASES, REDIS_URL, VAR_DIR
from reconnect.settings.env import env_str, secret_key_from_environment

# The load script generates one key per run and gives it to every worker (sessions it
# writes before the run must verify in each of them); a random one serves a lone process.
SECRET_KEY = secret_key_from_environment() or get_random_secret_key()
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SITE_URL = "http://127.0.0.1"
WAGTAILADMIN_BASE_URL = SITE_URL

# Plain http on localhost: an https redirect or secure-only cookies would stop every request.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The __Host- prefix is only valid on secure cookies.
SESSION_COOKIE_NAME = "reconnect_sessionid"
CSRF_COOKIE_NAME = "reconnect_csrftoken"

# The app's URLs plus /bench/bare/, the ceiling: mounted here only, never in production.
ROOT_URLCONF = "bench.load.urls"

# The benchmark's own SQLite file unless DATABASE_URL names a PostgreSQL database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = env_str(
        "RECONNECT_BENCH_SQLITE", str(VAR_DIR / "bench-load.sqlite3")
    )

# collectstatic writes the hashed files and their manifest here, away from a real deploy's.
STATIC_ROOT = Path(env_str("RECONNECT_BENCH_STATIC_ROOT", str(VAR_DIR / "bench-load-static")))

# Redis may be shared with other work on the machine: keep the benchmark's keys apart.
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = "bench-load"
