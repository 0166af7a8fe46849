"""Start a background job and report its progress from inside the task.

    job = jobs.start(check_links, kind="oit.links", title=…, user=…, agency=…, workspace_id=7)

    @task()
    def check_links(job_id: str, workspace_id: int) -> None:
        with jobs.running(job_id) as progress:
            progress.total(len(urls))
            for url in urls:
                …
                progress.step()
            progress.result_url(…)

`JobError("ข้อความ")` raised inside ends the job as failed with that message for the user;
any other exception ends it as failed with a generic message and is logged with its
traceback (and re-raised, so the task backend records it too)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from prongsai.jobs.models import Job

logger = logging.getLogger(__name__)
# Progress is written at most this often: a poll each second needs no more, and SQLite
# (one writer at a time) should not take a write per URL of a 3,000-link check.
WRITE_EVERY_SECONDS = 0.5


class JobError(Exception):
    """A failure the user can act on; its message (Thai) is shown on the job's page."""


def start(task: Any, *, kind: str, title: str, user: Any, agency: Any = None, **kwargs: Any) -> Job:
    """A new job, queued: `task` is a django-tasks task taking `job_id` and `kwargs`."""
    job = Job.objects.create(kind=kind, title=title[:200], user=user, agency=agency)
    enqueue = partial(task.enqueue, job_id=str(job.pk), **kwargs)
    if _enqueues_in_transaction():
        enqueue()
    else:  # Redis would hand the task to a worker before the Job row is committed
        transaction.on_commit(enqueue)
    return job


def _enqueues_in_transaction() -> bool:
    backend = settings.TASKS["default"]["BACKEND"]
    return backend.startswith("django_tasks_db.") or backend.endswith("ImmediateBackend")


class Progress:
    """Counts in memory, writes now and then (and always at the end)."""

    def __init__(self, job_id: str) -> None:
        self.job_id = job_id
        self.done = 0
        self._total = 0
        self.message = ""
        self._url = ""
        self._written = 0.0

    def total(self, total: int) -> None:
        self._total = total
        self._write()

    def step(self, count: int = 1, message: str = "") -> None:
        self.done += count
        if message:
            self.message = message[:300]
        if time.monotonic() - self._written >= WRITE_EVERY_SECONDS:
            self._write()

    def note(self, message: str) -> None:
        """Say what the task is doing now (written at once: a new stage, not a step)."""
        self.message = message[:300]
        self._write()

    def result_url(self, url: str) -> None:
        self._url = url[:300]

    def keep(self, result: Any) -> None:
        """Store a JSON-able result for the page that follows (written at once)."""
        Job.objects.filter(pk=self.job_id).update(result=result)

    def _write(self, **extra: Any) -> None:
        self._written = time.monotonic()
        fields = {"done": self.done, "total": self._total, "message": self.message}
        if self._url:
            fields["result_url"] = self._url
        Job.objects.filter(pk=self.job_id).update(**fields, **extra)


@contextmanager
def running(job_id: str) -> Iterator[Progress]:
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, started=timezone.now())
    progress = Progress(job_id)
    try:
        yield progress
    except JobError as error:
        progress.message = str(error)[:300]
        progress._write(status=Job.Status.FAILED, finished=timezone.now())
    except Exception:
        logger.exception("background job %s failed", job_id)
        progress.message = gettext("The job stopped because of an error in the system.")
        progress._write(status=Job.Status.FAILED, finished=timezone.now())
        raise
    else:
        progress.done = max(progress.done, progress._total)
        progress._write(status=Job.Status.DONE, finished=timezone.now())
