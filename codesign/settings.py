"""Settings for codesign.

Everything that changes between machines is read from the environment here, once. Two modes:
development (the default, what `make run` and the tests use) and production
(`DJANGO_ENV=production`), which needs a real secret key and allowed hosts, and turns on
HTTPS-only cookies, HSTS and manifest static files.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CODESIGN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set {name} in the environment.")
    return value


ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=False)
if PRODUCTION:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS in the environment.")
else:
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "development-only-key-never-used-in-production-0123456789"
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
# Old keys, while links made with them (invitations, password resets) run out: web and worker
# machines must share DJANGO_SECRET_KEY, since the worker makes the invitation e-mail's link.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The Django admin signs staff in with a password alone: in production it is there only
# while DJANGO_ADMIN_ENABLED is set (for instance on an instance kept on an internal network).
ADMIN_ENABLED = env_bool("DJANGO_ADMIN_ENABLED", default=not PRODUCTION)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "csp",
    "accounts",
    "workshops",
    "voice",
    "personas",
    "blueprints",
    "showcases",
    "packs",
    "privacy",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "codesign.middleware.PrivatePagesMiddleware",
    "codesign.idle.IdleTimeoutMiddleware",
    "codesign.middleware.BrokerUnavailableMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "workshops.middleware.ContentVersionMiddleware",
    "workshops.middleware.FragmentCsrfMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "codesign.middleware.HtmxRedirectMiddleware",
    # Axes goes last so that it sees the outcome of every sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "codesign.urls"
WSGI_APPLICATION = "codesign.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "codesign.context_processors.programme",
                "accounts.context_processors.password_notice",
            ],
        },
    },
]

# SQLite under var/ is the embedded default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'codesign.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, for the test database too: the Celery worker in the
    # integration tests is another process and must see the same rows. Named after the
    # database, so that test runs against different databases never share a file.
    _database = Path(DATABASES["default"]["NAME"])
    DATABASES["default"]["TEST"] = {"NAME": str(_database.with_name(f"test-{_database.name}"))}
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workshops:dashboard"
LOGOUT_REDIRECT_URL = "login"
# A new-password link a facilitator hands to a young person works once, for a day at most.
PASSWORD_LINK_LIFETIME = timedelta(hours=24)
INVITATION_LIFETIME = timedelta(days=14)

# Five wrong passwords for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
# Welsh joins this list when its translations exist; until then a page claiming lang="cy"
# would be read aloud in English with Welsh pronunciation.
LANGUAGES = [("en-gb", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production WhiteNoise serves straight from static/, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. Production is HTTPS only; development runs on plain http://127.0.0.1.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=PRODUCTION)
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day; shared laptops are common in a hub
# Signed out after this long with no page opened, form sent or key pressed (codesign/idle.py).
# Five minutes at least: the warning comes two minutes before the end.
# A person's copy of their data (privacy.models.DataExport) is deleted this many days after
# it is made.
DATA_EXPORT_DAYS = int(os.environ.get("DATA_EXPORT_DAYS", "7"))
# How long after a programme is closed its personal data is kept (privacy.retention).
RETENTION_MONTHS = int(os.environ.get("CODESIGN_RETENTION_MONTHS", "24"))
# Who people write to about their information (the organisation's data protection officer,
# say), shown on the privacy page; nothing is shown if it is empty.
PRIVACY_CONTACT = os.environ.get("PRIVACY_CONTACT", "")

IDLE_TIMEOUT = timedelta(minutes=max(5, int(os.environ.get("CODESIGN_IDLE_MINUTES", "20"))))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# No inline script or style anywhere: every script and stylesheet comes from static/.
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
    }
}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
# A mail server that hangs fails the send in time for the task to retry.
EMAIL_TIMEOUT = 20
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "codesign@localhost")
# The address the links in e-mails point at, e.g. https://codesign.example.org
SITE_URL = os.environ.get("CODESIGN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Rendered fragments of pages (see workshops/fragments.py). CACHE_URL names a Redis (make run
# gives its own Redis's database 1); without it each process keeps its own in memory.
if CACHE_URL := os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "codesign",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# A pack estimated at more pages than this is refused before it is queued (WeasyPrint's
# time and memory grow with the pages); the per-workshop packs are offered instead.
PACK_MAX_PAGES = int(os.environ.get("CODESIGN_PACK_MAX_PAGES", "300"))

# Celery: JSON only, acknowledged after the work is done, and bounded in time.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Celery beat (started by make run; one beat process beside the workers in production) sends
# again what a person asked for that must reach someone, if it has not gone, and deletes
# what is past its date.
CELERY_BEAT_SCHEDULE = {
    "delete-expired-exports": {"task": "privacy.tasks.delete_expired_exports", "schedule": 3600},
    "end-programmes": {"task": "privacy.tasks.end_programmes", "schedule": 3600},
    "resend-chat-requests": {"task": "voice.tasks.resend_chat_requests", "schedule": 300},
    "resend-invitation-emails": {
        "task": "accounts.tasks.resend_invitation_emails",
        "schedule": 300,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Failed sign-ins and lockouts, with a hashed username (accounts/security.py).
        "codesign.security": {"level": "INFO"},
        # WeasyPrint reports each step of a render here; packs turn it into their progress
        # bar, and it stays out of the logs.
        "weasyprint.progress": {"handlers": [], "level": "INFO", "propagate": False},
        # fontTools notes every font it subsets for a PDF.
        "fontTools": {"level": "WARNING"},
    },
}
