"""Django settings, all from the environment (see README: DATABASE_URL, SECRET_KEY, …).

With nothing set, prongsai runs on an SQLite file in DATA_DIR.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from prongsai.config.env import database_from_url, env_bool, env_int, env_list, tasks_from_env
from prongsai.library import data_dir

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()
if DATA_DIR.exists() and not DATA_DIR.is_dir():
    raise ImproperlyConfigured(f"DATA_DIR={DATA_DIR} exists and is not a directory")

DEBUG = env_bool("DEBUG", False)
DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: set it (or run `prongsai serve`, which keeps one in DATA_DIR) "
        "before starting with DEBUG off"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "auditlog",
    "ninja",  # its bundled API docs page (static files)
    "csp",
    "axes",  # login throttling (web/login_limits.py)
    "prongsai.web",
    "prongsai.public",
    "prongsai.agencies",
    "prongsai.plans",
    "prongsai.surveys",
    "prongsai.oit",
    "prongsai.oversight",
    "prongsai.api",
    "prongsai.editions",
    "prongsai.accounts",
    "prongsai.jobs",
]

# Background work through Django's tasks API (the django-tasks backport): TASKS_BACKEND=db
# by default (the database; `prongsai serve` starts a worker), rq for Redis at scale,
# immediate for tests (env.tasks_from_env).
TASK_APPS, TASKS, RQ_QUEUES = tasks_from_env()
INSTALLED_APPS += TASK_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "prongsai.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "prongsai.web.password_duty.PasswordDutyMiddleware",
    "auditlog.middleware.AuditlogMiddleware",  # records who made each change
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "prongsai.web.middleware.PrivatePagesMiddleware",
    "axes.middleware.AxesMiddleware",  # answers a paused login with the lockout page
]

ROOT_URLCONF = "prongsai.config.urls"
WSGI_APPLICATION = "prongsai.config.wsgi.application"

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
                "prongsai.web.context.today",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    SQLITE_FILE = DATA_DIR / "prongsai.sqlite3"
    SQLITE_FILE.touch(mode=0o600, exist_ok=True)  # SQLite gives its -wal/-shm the same mode
    DATABASES = {"default": database_from_url(f"sqlite:///{SQLITE_FILE}")}
# Keep a worker's database connection between requests (opening a PostgreSQL connection
# costs more than a whole survey answer), checked before reuse so a restarted database
# costs one failed check, not a failed request. CONN_MAX_AGE=0 opens one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Thai first, English available. Dates are shown in the Buddhist era (web/buddhist_era.py):
# Django's own `th` formats print Christian-era years.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# The document fonts are served too, so public pages look like their PDFs.
STATICFILES_DIRS = [("fonts", PACKAGE_DIR / "documents" / "fonts")]
MEDIA_ROOT = DATA_DIR / "media"  # evidence files: served only through views that check access
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# Reading an agency's results file (web import): a file above IMPORT_BACKGROUND_BYTES, or
# a PDF above IMPORT_BACKGROUND_PAGES pages (pypdf takes about 0.15 s a Thai page here),
# is read by a background job with a progress bar; a smaller one in the request. Either
# stops with a message past its seconds: a request well within gunicorn's 30 s timeout.
IMPORT_BACKGROUND_BYTES = 1024 * 1024
IMPORT_BACKGROUND_PAGES = 20
IMPORT_REQUEST_SECONDS = 20
# A small file with a long text (Word compresses plain text ten times) goes to the job too:
# the report reader takes about 8.5 s a million characters here.
IMPORT_REQUEST_CHARS = 300_000
IMPORT_JOB_SECONDS = 5 * 60  # the worker is shared: a 300-page report takes about a minute here
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Deployment. HTTPS=true when users reach the app over HTTPS (directly or through a proxy
# that sets PROXY_SSL_HEADER, e.g. X-Forwarded-Proto): redirects, HSTS and Secure cookies.
HTTPS = env_bool("HTTPS", False)
if os.environ.get("PROXY_SSL_HEADER"):
    header = "HTTP_" + os.environ["PROXY_SSL_HEADER"].upper().replace("-", "_")
    SECURE_PROXY_SSL_HEADER = (header, "https")
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", HTTPS)
# Server errors go to stderr with their traceback (gunicorn and systemd keep it), DEBUG or
# not; warnings of the app and of axes too. LOG_LEVEL=DEBUG shows more of prongsai's own.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "prongsai": {"level": os.environ.get("LOG_LEVEL", "INFO").upper()},
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Scripts only from our own files (no inline handlers); the chart is a data: image; the
# API docs page's script is a bundled static file too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# E-mail (password reset, notices): off unless EMAIL_HOST is set; the demo prints to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "prongsai@localhost")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.dummy.EmailBackend",
)

# Failed logins before a 15-minute pause: per username and address pair, and per address
# whatever the username (web/login_limits.py). Behind a reverse proxy, LOGIN_PROXY_HEADER
# names the header it sets (X-Forwarded-For, X-Real-IP); without it REMOTE_ADDR is used.
LOGIN_ATTEMPTS = 5
LOGIN_ADDRESS_ATTEMPTS = 30
LOGIN_PAUSE_SECONDS = 15 * 60
LOGIN_PROXY_HEADER = (
    "HTTP_" + os.environ["PROXY_CLIENT_HEADER"].strip().upper().replace("-", "_")
    if os.environ.get("PROXY_CLIENT_HEADER", "").strip()
    else ""
)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a paused login before the password
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "prongsai.web.login_limits.LoginHandler"
AXES_FAILURE_LIMIT = LOGIN_ATTEMPTS
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_PAUSE_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "prongsai.web.login_limits.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Link checks of the OIT workspace (prongsai.links through oit/linkcheck.py). The checker
# refuses private, loopback and link-local addresses (SSRF) unless LINK_CHECK_ALLOW_PRIVATE
# (tests, or an intranet whose agency website is on a private address). A copy of each page
# or file is kept as proof, up to LINK_SNAPSHOT_BYTES. The worker re-checks every workspace
# of the current assessment year each night at LINK_CHECK_NIGHTLY_AT (local time, HH:MM).
LINK_CHECK_ALLOW_PRIVATE = env_bool("LINK_CHECK_ALLOW_PRIVATE", False)
LINK_CHECK_TIMEOUT = float(os.environ.get("LINK_CHECK_TIMEOUT", "20"))
LINK_SNAPSHOT_BYTES = env_int("LINK_SNAPSHOT_BYTES", 1_000_000)
LINK_CHECK_NIGHTLY_AT = os.environ.get("LINK_CHECK_NIGHTLY_AT", "02:00")
