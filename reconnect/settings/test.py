"""pytest: the real database (SQLite, or PostgreSQL via DATABASE_URL); tasks run inline."""

import tempfile
from pathlib import Path

from reconnect.settings.dev import *  # noqa: F403

# Files a test stores (uploads waiting, trio documents) go to a directory of the run's own,
# never into the checkout's var/. The database and static paths were set from the real
# VAR_DIR above and stay as they are.
VAR_DIR = Path(tempfile.mkdtemp(prefix="reconnect-tests-"))

DEBUG = False
SECRET_KEY = "test-secret-key-for-pytest-only-0123456789-abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The same queues as production: a task is checked against them when its module is imported.
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "email"],
    }
}
# Django's test runner swaps every mailer for locmem, so mail.outbox sees each message.
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; never used live
RECONNECT_DEMO = False
RECONNECT_REQUIRE_MFA = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
