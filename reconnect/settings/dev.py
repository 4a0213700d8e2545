"""A developer's machine and the demo that ``make run`` serves over plain http on localhost."""

from reconnect.settings.base import *  # noqa: F403
from reconnect.settings.env import env_list, env_str, secret_key_from_environment

DEBUG = True
SECRET_KEY = (
    secret_key_from_environment() or "django-insecure-local-development-only-not-for-production"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL

# Plain http on localhost: secure-only cookies and redirects would lock the developer out.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "reconnect_sessionid"
CSRF_COOKIE_NAME = "reconnect_csrftoken"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Demo e-mails (invitations, password resets) are printed by the worker, in the make run log.
MAILERS = {
    "default": {"BACKEND": "reconnect.core.email.TaskQueueEmailBackend"},
    "delivery": {
        "BACKEND": env_str(
            "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend"
        )
    },
}
# Serve static files straight from the source folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
