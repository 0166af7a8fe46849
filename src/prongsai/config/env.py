"""Settings from environment variables, through helpers that reject bad values.

A misspelt "Flase" must stop the server, not silently mean True.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
# SQLite with several writers (gunicorn's workers, the task worker): readers never wait
# for a writer (WAL); a writer waits up to `timeout` seconds for another instead of
# failing with "database is locked"; and every transaction takes the write lock when it
# begins (IMMEDIATE), so one that read first cannot fail when it then writes.
SQLITE_OPTIONS: dict[str, Any] = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL",
}
FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected true or false")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected at least {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} is set but empty: give a comma-separated list")
    return items


def database_from_url(url: str) -> dict[str, Any]:
    """A Django DATABASES entry from `sqlite:///path` or `postgres://user:pw@host:port/name`."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        if parts.netloc or not path or path == "/":
            raise ImproperlyConfigured(
                f"DATABASE_URL={url!r}: write sqlite:///relative/path or sqlite:////absolute/path"
            )
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path[1:],
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    if parts.scheme in ("postgres", "postgresql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r}: the database name is missing")
        try:
            port = parts.port
        except ValueError as exc:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r}: bad port") from exc
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL={url!r}: unsupported scheme {parts.scheme!r} (use sqlite or postgres)"
    )


TASK_BACKENDS = ("db", "rq", "immediate")


def tasks_from_env() -> tuple[list[str], dict[str, Any], dict[str, Any]]:
    """(apps, TASKS, RQ_QUEUES) from TASKS_BACKEND (db, rq or immediate) and REDIS_URL.

    db (the default): tasks wait in the database; `prongsai serve` starts a worker.
    rq: tasks go to Redis at REDIS_URL (pip install "prongsai[rq]"); run
    `prongsai manage rqworker --job-class django_tasks_rq.Job` on each worker machine.
    immediate: a task runs at once, in the process that enqueues it (tests, scripts).
    """
    backend = os.environ.get("TASKS_BACKEND", "db").strip().lower()
    if backend not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND={backend!r}: expected one of {', '.join(TASK_BACKENDS)}"
        )
    if backend == "rq":
        redis_url = os.environ.get("REDIS_URL", "").strip()
        if not redis_url:
            raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL (redis://host:6379/0)")
        return (
            ["django_tasks", "django_rq", "django_tasks_rq"],
            {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
            {"default": {"URL": redis_url}},
        )
    if backend == "immediate":
        return (
            ["django_tasks", "django_tasks_db"],
            {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
            {},
        )
    return (
        ["django_tasks", "django_tasks_db"],
        {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
        {},
    )
