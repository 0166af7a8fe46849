"""Jobs people may see: their own (system administrators: all)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from prongsai.jobs.models import Job


def job_for(user: Any, job_id: Any) -> Job | None:
    if not user.is_authenticated:
        return None
    jobs = Job.objects.all() if user.is_superuser else Job.objects.filter(user=user)
    try:
        return jobs.filter(pk=job_id).first()
    except ValidationError:  # not a UUID
        return None


def latest(*, kind: str, agency: Any) -> Job | None:
    """The most recent job of a kind for an agency, e.g. the last link check."""
    return Job.objects.filter(kind=kind, agency=agency).first()


def status(job: Job) -> dict[str, Any]:
    """What the progress bar shows, as JSON."""
    return {
        "status": job.status,
        "label": str(job.get_status_display()),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "result_url": job.result_url if job.status == Job.Status.DONE else "",
        "ended": job.ended,
    }
