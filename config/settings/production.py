"""Production: everything secret or host-specific comes from the environment.

Served by gunicorn (gunicorn.conf.py) behind a TLS-terminating proxy (nginx), static files by
whitenoise from STATIC_ROOT (`manage.py collectstatic`), PostgreSQL from DATABASE_URL, and
optionally Redis (REDIS_URL) for the cache and sessions. `manage.py check --deploy` is clean.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, VAR_DIR, env_bool

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names.")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not env_bool("HUUNGHI_ALLOW_SQLITE"):
    raise ImproperlyConfigured("Set DATABASE_URL to the PostgreSQL database (or HUUNGHI_ALLOW_SQLITE=1 for a trial).")
# Persistent connections (docs/portal-serving.md: a new PostgreSQL connection per request costs more
# than rendering an article). base.py already put DATABASE_CONN_MAX_AGE's value (0 when unset) in
# the dictionary, so a setdefault would never apply: 60 s unless the environment says otherwise.
if "DATABASE_CONN_MAX_AGE" not in os.environ:
    for alias in DATABASES:
        DATABASES[alias]["CONN_MAX_AGE"] = 60

# --- HTTPS, cookies, headers --------------------------------------------------
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
# Wagtail's preview panel shows the page in a frame of the same origin, so not "DENY"; other
# origins cannot frame the platform (this header and CSP frame-ancestors 'self').
SILENCED_SYSTEM_CHECKS = ["security.W019"]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# django-axes behind the proxy: the client's address is the first of X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "1"))
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# The API's per-client throttle identifies a client by the address our proxy saw, never by an
# X-Forwarded-For the client wrote itself.
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": int(os.environ.get("AXES_PROXY_COUNT", "1"))}  # noqa: F405

# --- Static files: whitenoise, with hashed, compressed copies -------------------
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Cache and sessions: Redis when REDIS_URL is set, else local ---------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "progress": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                     "KEY_PREFIX": "progress"},  # fmt: skip
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "default"),
        },
        "progress": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "progress"),
        },
    }

# --- Logs: one JSON object per line on stderr -----------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "huunghi.core.logging.HuunghiJsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.security": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
