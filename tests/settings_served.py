"""Settings of a real server a test starts (gunicorn, several workers): the production
settings on the DATA_DIR the test gives, with a fast password hasher and plain static
storage (no collectstatic). Unlike tests.settings, it does not pick its own DATA_DIR, so
every worker process opens the same SQLite file."""

from prongsai.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
