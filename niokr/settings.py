"""Django settings for NIOKR Monitor, read from the environment (see docs/configuration.md)."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import xstatic.pkg.bootstrap as _bootstrap
from csp.constants import NONE, SELF

from niokr.env import env_bool, env_float, env_int, env_json_object, env_list, env_str, parse_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("NIOKR_DATA_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("NIOKR_DEBUG", False)

# Production (NIOKR_SECURE=1) requires a key: several workers with their own random keys would
# reject each other's sessions and forms.
SECURE = env_bool("NIOKR_SECURE", False)
SECRET_KEY = env_str("NIOKR_SECRET_KEY")
if not SECRET_KEY:
    if "pytest" not in sys.modules and env_bool("NIOKR_REQUIRE_SECRET_KEY", SECURE):
        raise RuntimeError("NIOKR_SECRET_KEY must be set")
    # An ephemeral key: sessions do not survive a restart. Production sets NIOKR_SECRET_KEY.
    SECRET_KEY = secrets.token_urlsafe(50)

ALLOWED_HOSTS = env_list("NIOKR_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "niokr.accounts.signin_app.SignInAttemptsConfig",  # axes, named in kk/ru/en
    "csp",
    "django_tasks",
    "django_tasks_db",
    "niokr.core",
    "niokr.accounts",
    "niokr.registry",
    "niokr.obligations",
    "niokr.projects",
    "niokr.intake",
    "niokr.control",
    "niokr.portfolio",
    "niokr.capability",
    "niokr.foresight",
    "niokr.ranking",
    "niokr.search",
    "niokr.help",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Our request id first, so every later step (and its log lines) carries it; every response of
    # the application uncached; every error under /api/ in the API's JSON format.
    "niokr.core.middleware.RequestIdMiddleware",
    "niokr.core.middleware.NoStoreMiddleware",
    "niokr.core.middleware.ApiErrorMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "niokr.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: django-axes answers a locked-out login before anything else sees it.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "niokr.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "niokr.core.navigation.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "niokr.wsgi.application"

if not env_str("DATABASE_URL"):
    # The embedded default: a SQLite file in the data directory.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": parse_database_url(env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'niokr.sqlite3'}")),
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {"timeout": 30, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env_str("NIOKR_SQLITE_TEST_NAME", "") or None
else:
    # The test database of a PostgreSQL run: NIOKR_PG_TEST_NAME, or one per test process, so two runs
    # on one server (two checkouts, a benchmark beside the suite) never drop each other's database.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env_str("NIOKR_PG_TEST_NAME", "") or f"test_{DATABASES['default']['NAME']}_{os.getpid()}"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE columns) are a PostgreSQL optimisation; SQLite builds the plain index.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out user before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "niokr" / "locale"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True
# Dates dd.mm.yyyy (kk, ru) and "7 Dec 2026" (en), 24-hour times: niokr/formats/<language>/formats.py
FORMAT_MODULE_PATH = "niokr.formats"

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [("bootstrap", _bootstrap.BASE_DIR)]  # Bootstrap 5 from the xstatic-bootstrap package
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves static files from the application server (no CDN, no separate web server
# needed on a closed network); without collectstatic it serves them from the apps' folders.
WHITENOISE_USE_FINDERS = True
try:  # WhiteNoise looks at STATIC_ROOT at start-up (empty until `niokr collectstatic`)
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
except OSError:
    pass
WHITENOISE_AUTOREFRESH = DEBUG

# Security defaults; production sets NIOKR_SECURE=1 behind TLS.
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A strict Content-Security-Policy: every script, style, image and font from this server; no inline
# scripts, no eval, nothing framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Lockout after repeated failed logins (django-axes): per user name and address.
AXES_FAILURE_LIMIT = env_int("NIOKR_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("NIOKR_LOGIN_LOCKOUT_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# The proxies (addresses or networks) whose X-Request-ID is kept beside our own request id; none by default.
NIOKR_TRUSTED_PROXIES = env_list("NIOKR_TRUSTED_PROXIES", [])
# Behind a proxy that terminates TLS and sets X-Forwarded-Proto (NIOKR_BEHIND_PROXY=1).
if env_bool("NIOKR_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Rule parameters for the legal gaps of DOMAIN.md §7 (see docs/adr/0003-legal-gaps-as-parameters.md).
NIOKR_CURRENT_YEAR = env_int("NIOKR_CURRENT_YEAR", 0) or None

# Report intake limits: a larger file or more data rows is refused with a clear message.
NIOKR_INTAKE_MAX_BYTES = env_int("NIOKR_INTAKE_MAX_MB", 256) * 1024 * 1024
NIOKR_INTAKE_MAX_ROWS = env_int("NIOKR_INTAKE_MAX_ROWS", 2_000_000)
NIOKR_INTAKE_MAX_COLUMNS = env_int("NIOKR_INTAKE_MAX_COLUMNS", 256)

# Control indicators: threshold overrides as JSON, {"NK-08": {"december_share": 0.55}, ...} (defaults
# in the catalogue, docs/control.md); an indicator flagging more than this share of its subjects is
# reported as too loose.
NIOKR_CONTROL_THRESHOLDS = env_json_object("NIOKR_CONTROL_THRESHOLDS")
NIOKR_CONTROL_LOOSE_SHARE = env_float("NIOKR_CONTROL_LOOSE_SHARE", 0.10, minimum=0.0, maximum=1.0)
# Where `niokr audit anchor` publishes the chain's digests and `verify` reads them; empty: DATA_DIR/anchors.
NIOKR_AUDIT_ANCHOR_DIR = env_str("NIOKR_AUDIT_ANCHOR_DIR", "")

# Notifications by e-mail (docs/configuration.md): the file backend writes each message under
# DATA_DIR/mail (the demo); SMTP by NIOKR_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
# with EMAIL_HOST/EMAIL_PORT/EMAIL_HOST_USER/EMAIL_HOST_PASSWORD/EMAIL_USE_TLS.
EMAIL_BACKEND = env_str("NIOKR_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env_str("NIOKR_EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("NIOKR_FROM_EMAIL", "niokr-monitor@localhost")
# The site's address in e-mailed links (empty: links are paths).
NIOKR_SITE_URL = env_str("NIOKR_SITE_URL", "")
NIOKR_NOTIFY_BY_EMAIL = env_bool("NIOKR_NOTIFY_BY_EMAIL", True)

# The most rows a page of a list holds, on the web pages (?per_page=) and in the API (?page_size=).
NIOKR_MAX_PAGE_SIZE = env_int("NIOKR_MAX_PAGE_SIZE", 500)
# The most rows an XLSX export holds; beyond it the page offers the CSV, which streams every row.
NIOKR_EXPORT_XLSX_MAX_ROWS = env_int("NIOKR_EXPORT_XLSX_MAX_ROWS", 200_000)

# REST API (DESIGN.md §4): session and token authentication, one error format, pagination.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "niokr.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend", "rest_framework.filters.OrderingFilter"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "niokr.core.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "niokr.core.renderers.BrowsableAPIRenderer"],
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NIOKR Monitor API",
    "DESCRIPTION": "Subsoil users' mandatory R&D financing: registry, obligations and ledger, report submissions.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name ("kind", "status") get their own component names.
    "ENUM_NAME_OVERRIDES": {
        "SubmissionKindEnum": "niokr.intake.choices.SubmissionKind",
        "SubmissionStatusEnum": "niokr.intake.choices.SubmissionStatus",
        "JobKindEnum": "niokr.intake.models.JobKind",
        "JobStatusEnum": "niokr.intake.models.JobStatus",
        "EntryKindEnum": "niokr.obligations.choices.EntryKind",
        "CaseStatusEnum": "niokr.control.choices.CaseStatus",
        "ItemDecisionEnum": "niokr.control.choices.ItemDecision",
    },
}

# Background jobs (django-tasks): the database queue; `niokr worker` runs a worker. Tests and
# NIOKR_TASKS_IMMEDIATE=1 run each job at once in the enqueuing process.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend" if env_bool("NIOKR_TASKS_IMMEDIATE", False) else "django_tasks_db.DatabaseBackend",
    },
}

DJANGO_TABLES2_TEMPLATE = "core/_tables2.html"  # Bootstrap 5, and a line saying why a table is empty

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "niokr.core.requestlog.RequestContextFilter"}},
    "formatters": {"request": {"format": "%(levelname)s %(name)s request_id=%(request_id)s client_request_id=%(client_request_id)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request"], "formatter": "request"}},
    "root": {"handlers": ["console"], "level": env_str("NIOKR_LOG_LEVEL", "WARNING").upper()},
}
