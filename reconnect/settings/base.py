"""Production settings: safe by default, configured only through environment variables.

``dev.py`` and ``test.py`` relax what a laptop or a test run needs; nothing here should be
weakened for convenience. ``docs/configuration.md`` lists every variable.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from reconnect.settings.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
    secret_key_from_environment,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("RECONNECT_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = secret_key_from_environment() or ""
# Old keys, comma-separated, still accepted after a rotation until `manage.py reseal_keys`
# has sealed everything again under SECRET_KEY (docs/configuration.md, "The secret key").
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The public address, used in links sent by e-mail; a deploy check refuses a missing one.
SITE_URL = env_str("SITE_URL").rstrip("/")
# How many reverse proxies in front of the app append to X-Forwarded-For. Rate limits per
# address and the audit log's "from where" use the client's address behind them.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0)

# The demo switch: seeds fictional data and lets demo accounts in without MFA.
RECONNECT_DEMO = env_bool("RECONNECT_DEMO", default=False)
RECONNECT_DEMO_PASSWORD = env_str("RECONNECT_DEMO_PASSWORD", "reconnect-demo-2026")
# Roles that can see pupil data or run the network must use a second factor (ASVS 6.3.3).
RECONNECT_REQUIRE_MFA = env_bool("RECONNECT_REQUIRE_MFA", default=not RECONNECT_DEMO)

INSTALLED_APPS = [
    "reconnect.core",
    "reconnect.accounts",
    "reconnect.schools",
    "reconnect.hub",
    "reconnect.selfeval",
    "reconnect.spectrum",
    "reconnect.lab",
    "reconnect.network",
    "reconnect.home",
    "reconnect.demo",
    # Wagtail is the one admin for coordinators.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First, so every log line carries the request's id and every response, even a
    # redirect or an error page, is counted and timed.
    "reconnect.core.request_id.RequestIdMiddleware",
    "reconnect.core.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "reconnect.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "reconnect.core.middleware.SiteLanguageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "reconnect.accounts.middleware.SessionLifetimeMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "reconnect.accounts.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "reconnect.core.middleware.AuditDeniedMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "reconnect.urls"

# Sent with every response (PermissionsPolicyMiddleware): no page uses any of these.
# Passkeys (publickey-credentials-*) are left at the browser's default, our origin only:
# two-step verification offers WebAuthn.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
)
WSGI_APPLICATION = "reconnect.wsgi.application"
ASGI_APPLICATION = "reconnect.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "reconnect" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "reconnect.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite by default (one machine, one command); PostgreSQL whenever DATABASE_URL says so.
SQLITE_PATH = VAR_DIR / "reconnect.sqlite3"
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(SQLITE_PATH)}}

_engine = DATABASES["default"]["ENGINE"]
if _engine == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN so
    # a read-then-write transaction waits its turn instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA cache_size=-20000;"
        ),
    }
elif _engine == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text fields and GIN indexes.
    INSTALLED_APPS.append("django.contrib.postgres")
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool owns connection reuse
    # PgBouncer in transaction mode pools already, and cannot keep a server-side cursor
    # open across the transactions it hands to different clients.
    _behind_pgbouncer = env_bool("DATABASE_PGBOUNCER", default=False)
    if _behind_pgbouncer:
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    if env_bool("DATABASE_POOL", default=not _behind_pgbouncer):
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN", default=2),
            "max_size": env_int("DATABASE_POOL_MAX", default=10),
            # Seconds a request waits for a free connection before it fails (a 500 page).
            "timeout": env_int("DATABASE_POOL_TIMEOUT", default=10),
        }
else:
    raise ImproperlyConfigured("DATABASE_URL must point at SQLite or PostgreSQL.")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits and used one-time codes live here, so it must be shared) -------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "reconnect_cache",
        }
    }

# --- Background tasks ---------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}}

# --- Authentication ----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's, loading the signed-in user with SQL compiled once (see the module).
AUTHENTICATION_BACKENDS = [
    "reconnect.accounts.backends.ModelBackend",
    "reconnect.accounts.backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "home:index"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

ACCOUNT_ADAPTER = "reconnect.accounts.adapters.InvitationOnlyAccountAdapter"
# The invited person's sign-up: names and job title, the invited address fixed.
ACCOUNT_FORMS = {
    "login": "reconnect.accounts.forms.SignInForm",
    "signup": "reconnect.accounts.forms.InvitationSignupForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
# A code typed on the site verifies a new address: allauth allows an address to be added to
# an account with two-step verification only this way, and leads must have one.
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell people when their password or email changes
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_INPUT_RENDER_VALUE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Reconnect] "
# At most 5 failed sign-ins per account per 5 minutes and 10 a minute per address; the
# buckets empty on their own, so nobody can lock a colleague out for good.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
    # The public join form (reconnect.accounts.views.join_request_create).
    "reconnect_join_request": "5/h/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Reconnect"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False

# Invitations and join requests.
RECONNECT_INVITATION_DAYS = env_int("RECONNECT_INVITATION_DAYS", default=14)

# --- Sessions: 30 minutes idle, 12 hours at most (NIST SP 800-63B AAL2) ---------------------
# Django's database sessions, read with SQL compiled once (see the module).
SESSION_ENGINE = "reconnect.accounts.session_store"
SESSION_COOKIE_AGE = 30 * 60
# Not on every request: SessionLifetimeMiddleware saves a member's session (moving the idle
# expiry on) at most once a minute, so reading a page is not a database write.
SESSION_SAVE_EVERY_REQUEST = False
RECONNECT_SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
RECONNECT_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Transport and headers -----------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# X-Forwarded-Proto is believed only behind a declared proxy (which must overwrite the
# header): reachable directly, a client could claim https for a plain-http request.
if ALLAUTH_TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Load balancers and scrapers talk plain http to each app server on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$", r"^metrics$"]

# Scripts only from our origin or carrying this response's nonce; no inline styles at all.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
# Wagtail's editor sets style attributes from its own scripts; only its admin gets this.
RECONNECT_ADMIN_CSP = {**SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}

# Uploads: Django caps neither file size nor rows, so the app does (see core.uploads).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
RECONNECT_MAX_UPLOAD_BYTES = env_int("RECONNECT_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)

# --- Static and media ----------------------------------------------------------------------------
STATIC_URL = "/static/"
# Each app server may keep its own copy of the release's static files (collectstatic).
STATIC_ROOT = Path(env_str("RECONNECT_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "reconnect" / "static"]
MEDIA_URL = "/media/"
# Uploaded images and documents. With several app servers it must be one shared directory
# (as must VAR_DIR/private, where pupil files wait for import): see docs/deploy.md.
MEDIA_ROOT = Path(env_str("RECONNECT_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Email ---------------------------------------------------------------------------------------
# Requests never wait on SMTP: the default mailer queues each message as a task, and the
# worker hands it to the "delivery" mailer. A slow mail server is retried, never an error page.
MAILERS = {
    "default": {"BACKEND": "reconnect.core.email.TaskQueueEmailBackend"},
    "delivery": {
        "BACKEND": env_str("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", default=587),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", default=True),
            "timeout": 20,
        },
    },
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Reconnect <no-reply@reconnect.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Wagtail -------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Reconnect"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False  # allauth changes e-mails, with re-authentication
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # allauth owns passwords and resets
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
# Documents (see docs/configuration.md, "Documents"): PDF, Office Open XML and images only,
# each checked by content, not just by name (reconnect.hub.services.documents). ODT, CSV and
# TXT are refused: none can be told from a renamed file by its content, and CSV carries
# spreadsheet formula injection. Every document downloads as an attachment, never inline.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "png", "jpg", "jpeg", "gif", "webp"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "reconnect.hub.forms.SafeDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = RECONNECT_MAX_UPLOAD_BYTES
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# Always through Django, so the "Members only" collection's sign-in rule and the safe
# headers apply; never a direct link to storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A visitor following a link to a members-only document goes straight to our sign-in page.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# No Gravatar: it would send a hash of each member's e-mail address to a third party, and
# the Content Security Policy refuses its images anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Wagtail's database search: SQLite FTS5 (stemmed by hub migration 0005) or PostgreSQL full
# text. PostgreSQL stems with its English configuration, so "mentors" finds "mentoring" on both.
# The Hub's search reads this index's tables directly (reconnect/hub/search/fulltext.py),
# so the database backend is not a default to swap: on several machines every app server
# shares PostgreSQL's index. Why OpenSearch is not wired in: docs/deploy.md, "Search".
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        **({"SEARCH_CONFIG": "english"} if _engine == "django.db.backends.postgresql" else {}),
    }
}

# --- Operations: metrics and the release ------------------------------------------------------
# /metrics answers only a scraper with this bearer token and/or from these addresses
# (each one set must match); with neither set it is a 404 for everyone.
METRICS_TOKEN = env_secret("METRICS_TOKEN")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", [])
# Shown by reconnect_build_info in /metrics; pyproject's version when unset.
RECONNECT_RELEASE = env_str("RECONNECT_RELEASE")

# --- Logging: JSON lines to stderr, no personal data (reconnect/core/logging.py) ---------------
_LOG_LEVELS = ("debug", "info", "warning", "error", "critical")
LOG_LEVEL = env_choice("LOG_LEVEL", _LOG_LEVELS, default="info").upper()
# JSON for a log shipper; "text" for a person reading a terminal.
LOG_FORMAT = env_choice("LOG_FORMAT", ("json", "text"), default="json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "reconnect.core.logging.RequestContextFilter"},
        "personal_data": {"()": "reconnect.core.logging.PersonalDataFilter"},
    },
    "formatters": {
        "json": {"()": "reconnect.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            # On the handler, so records from every logger pass through both filters.
            "filters": ["request_context", "personal_data"],
        }
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # One line per request (reconnect.core.metrics): route name, status, duration.
        "reconnect.access": {
            "level": env_choice("ACCESS_LOG_LEVEL", _LOG_LEVELS, default="info").upper()
        },
        # Django's own request lines name the path; ours name the route. Errors still come.
        "django.request": {"level": "ERROR"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        # SQL with its parameters (pupil rows) is never logged, whatever LOG_LEVEL says.
        "django.db.backends": {"level": "WARNING"},
    },
}
