"""Settings shared by every environment. Values that differ per machine come from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("HUUNGHI_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# --- Core -------------------------------------------------------------------
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "huunghi.core",
    "huunghi.users",
    "huunghi.images",
    "huunghi.orgs",
    "huunghi.portal",
    "huunghi.members",
    "huunghi.relations",
    "huunghi.aid",
    "huunghi.emulation",
    "huunghi.plans",
    "huunghi.reports",
    "huunghi.api",
    "huunghi.demo",
    "huunghi.ops",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.locales",
    "huunghi.search",
    "wagtail.embeds",
    "wagtail.sites",
    "huunghi.users.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "axes",  # last, as django-axes asks
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "huunghi.core.middleware.AdminCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "huunghi.portal.middleware.PortalLanguageMiddleware",
    "huunghi.portal.middleware.PortalCacheMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "huunghi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database: DATABASE_URL, else an SQLite file under var/ ------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'huunghi.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
# A persistent connection is checked before reuse, so a database restart needs no app restart.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets the dev server read while a long import writes.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
# Reads outside transactions go to a PostgreSQL replica when DATABASE_REPLICA_URL is set
# (huunghi.ops.routers); tests then read the primary's test database.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0"))
    )
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["huunghi.ops.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users ------------------------------------------------------------------
AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# Login throttling (django-axes): after 5 failed attempts for one account from one address, that
# pair is locked for 15 minutes; a success resets the count.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_USERNAME_FORM_FIELD = "username"

# --- Language, time, formats ------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["huunghi.core.formats"]
# Our own messages first; then the supplement that translates Wagtail's admin strings.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-wagtail"]

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Member sheets and reports: personal data, never served under MEDIA_URL.
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_ROOT}},
}

# Background jobs (django-tasks). Wagtail's own tasks run inline; member imports go to the
# database queue that `manage.py db_worker --backend background` works through (`make run`
# starts one). Progress lives in the "progress" cache, which every process can read.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "progress": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "progress"),
    },
    # Rendered portal pages (huunghi.portal.cache), shared by every process of the machine.
    "portal": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "portal"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
# Member sheets: larger uploads are refused before they are read (see README, "Limits").
MEMBER_IMPORT_MAX_BYTES = int(os.environ.get("MEMBER_IMPORT_MAX_BYTES", 20 * 1024 * 1024))
# 100,000 rows peak at ~370 MB (bench/import_members.py); 120,000 stays under the 500 MB target.
MEMBER_IMPORT_MAX_ROWS = int(os.environ.get("MEMBER_IMPORT_MAX_ROWS", 120_000))

# --- API (huunghi.api: DRF + drf-spectacular) -------------------------------------------
# Each API view declares its own authentication, permissions and throttles (DRF's defaults stay
# as they are for Wagtail's own admin API); these are the rates (per client address for open
# data, per token for integrations) and the schema's header.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_RATES": {
        "api_public": os.environ.get("API_PUBLIC_RATE", "120/minute"),
        "api_token": os.environ.get("API_TOKEN_RATE", "600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "HữuNghị API",
    "DESCRIPTION": "Open data of the Unions of Friendship Organizations (published news, the organization "
    "registry, yearly figures per union) and integration endpoints for tokens issued in the back office.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["huunghi.api.schema.only_api_endpoints"],
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from drf-spectacular-sidecar's static files: no CDN, works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "DirectionEnum": "huunghi.relations.choices.Direction",
        "EventKindEnum": "huunghi.relations.choices.EventKind",
        "AidKindEnum": "huunghi.aid.models.AidKind",
        "OrganizationKindEnum": "huunghi.orgs.choices.OrgKind",
    },
}

# --- Wagtail ----------------------------------------------------------------
# Rendered portal pages written as files for nginx (docs/portal-serving.md); unset: cache only.
PORTAL_STATIC_DIR = os.environ.get("PORTAL_STATIC_DIR") or None
WAGTAIL_SITE_NAME = "HữuNghị"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # photos larger than 20 MB are refused with a message
# "simple": PostgreSQL's default 'english' configuration drops Vietnamese syllables that are English
# stop words ("An" of Nghệ An); huunghi.search indexes folded copies and folds queries the same way.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}}
WAGTAIL_USER_CUSTOM_FIELDS = ["organization", "role"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt", "jpg", "png"]
# Every document upload: extension, size and content checked (huunghi.core.uploads).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "huunghi.core.uploads.DocumentForm"
HUUNGHI_MAX_UPLOAD_BYTES = int(os.environ.get("HUUNGHI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))

# --- Countries (ISO 3166) in Vietnamese --------------------------------------
COUNTRIES_FIRST = ["VN", "LA", "KH", "RU", "CN", "JP", "KR", "CU"]

# --- Content-Security-Policy (django-csp) --------------------------------------
# Everything is served from our own origin: no CDN, no outside fonts, scripts or frames. Inline
# styles are allowed (Wagtail's admin and rich text set style attributes); inline scripts are not,
# except in the back office, whose Wagtail pages carry a few (huunghi.core.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# --- Logging ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Wagtail's date pickers: day-first, as Vietnamese users type dates (24/01/2024).
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# No avatars from gravatar.com: nothing is fetched from outside, and no e-mail hashes leave the platform.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for a newer version (the CSP would refuse it).
WAGTAIL_ENABLE_UPDATE_CHECK = False
