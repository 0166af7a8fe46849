"""Tasks of the site as a whole (Django's tasks API, through the django-tasks backport).

`heartbeat` proves that a worker runs: enqueue it and see it succeed.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django_tasks import task


@task()
def heartbeat() -> str:
    """The time the worker ran it, in UTC (ISO 8601)."""
    return datetime.now(UTC).isoformat()
