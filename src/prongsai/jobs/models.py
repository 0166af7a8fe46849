"""A background job as people see it: what runs for them, how far it is, how it ended.

Django's tasks API runs the work (a worker process, or Redis workers at scale) but keeps
no progress; a Job row is what the progress bar polls. The work a job does is audited by
the services it calls; the job's own counters are not an agency's record."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", gettext_lazy("waiting to start")
        RUNNING = "running", gettext_lazy("running")
        DONE = "done", gettext_lazy("finished")
        FAILED = "failed", gettext_lazy("did not finish")

    # A UUID: the status URL is polled by the browser and must not be guessable in order.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)
    title = models.CharField(gettext_lazy("job"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    # What the task hands back to the page that follows it (e.g. an import's preview).
    result = models.JSONField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["kind", "agency", "-created"], name="job_kind_agency")]

    def __str__(self) -> str:
        return f"{self.title} ({self.status})"

    @property
    def ended(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0
