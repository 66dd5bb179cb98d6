"""Django settings for NIOKR Monitor, read from the environment (see docs/configuration.md)."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

from niokr.env import env_bool, env_int, env_list, env_str, parse_database_url

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
    "niokr.core",
    "niokr.accounts",
    "niokr.registry",
    "niokr.obligations",
    "niokr.projects",
    "niokr.intake",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "niokr.core.middleware.RequestIdMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

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
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "niokr" / "locale"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

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
# Behind a proxy that terminates TLS and sets X-Forwarded-Proto (NIOKR_BEHIND_PROXY=1).
if env_bool("NIOKR_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Rule parameters for the legal gaps of DOMAIN.md §7 (see docs/adr/0003-legal-gaps-as-parameters.md).
NIOKR_CURRENT_YEAR = env_int("NIOKR_CURRENT_YEAR", 0) or None

# Report intake limits: a larger file or more data rows is refused with a clear message.
NIOKR_INTAKE_MAX_BYTES = env_int("NIOKR_INTAKE_MAX_MB", 256) * 1024 * 1024
NIOKR_INTAKE_MAX_ROWS = env_int("NIOKR_INTAKE_MAX_ROWS", 2_000_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("NIOKR_LOG_LEVEL", "WARNING").upper()},
}
