"""Background tasks of the OIT workspace: the link check of a workspace (or of some items)
as a job with a progress bar, and the nightly re-check that the worker schedules itself
(no cron): exactly one nightly task waits at a time, `ensure_nightly_checks` sees to it."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import TaskContext, TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from prongsai.jobs import queries as jobs_queries
from prongsai.jobs import services as jobs
from prongsai.jobs.services import JobError
from prongsai.oit import linkcheck, services
from prongsai.oit.models import LinkSchedule, Workspace
from prongsai.oit.queries import coming_year

if TYPE_CHECKING:
    from prongsai.jobs.models import Job

logger = logging.getLogger(__name__)
NIGHTLY = "nightly-link-checks"


def job_kind(year: int, *, items: bool = False) -> str:
    """A whole workspace's check, or some items' (which never hold the other back)."""
    return f"oit.links.{year}.items" if items else f"oit.links.{year}"


# A check still "running" after this long was lost with its worker (a restart): it no
# longer keeps anyone from starting another.
STALE = timedelta(minutes=30)


def running_check(workspace: Workspace) -> Job | None:
    """The workspace's whole link check waiting or running now, if any."""
    job = jobs_queries.latest(kind=job_kind(workspace.fiscal_year), agency=workspace.agency)
    if job is None or job.ended or job.created < timezone.now() - STALE:
        return None
    return job


@task()
def check_links(job_id: str, workspace_id: int, codes: list[str] | None = None) -> None:
    """Check the URLs of a workspace (or of the items `codes`) and record every verdict."""
    with jobs.running(job_id) as progress:
        workspace = Workspace.objects.select_related("agency").filter(pk=workspace_id).first()
        if workspace is None:
            raise JobError("ไม่พบพื้นที่ทำงาน OIT นี้แล้ว")
        targets = linkcheck.targets(workspace, codes)
        progress.total(len(targets))
        options = linkcheck.options(workspace.agency.website)
        verdicts: dict[int, list[str]] = {}
        for target, result in zip(
            targets, linkcheck.results([t.item for t in targets], options), strict=True
        ):
            services.record_url_check(answer_id=target.answer_id, result=result)
            verdicts.setdefault(target.answer_id, []).append(str(result.verdict))
            progress.step(message=f"{target.code} {result.url}")
        checked = timezone.now()
        for answer_id, found in verdicts.items():
            services.record_link_check(
                answer=answer_id, verdict=linkcheck.worst(found), checked=checked
            )
        place = (workspace.agency_id, workspace.fiscal_year)
        progress.result_url(
            reverse("oit_item", args=[*place, codes[0]])
            if codes and len(codes) == 1
            else reverse("oit", args=place)
        )


def start_check(*, workspace: Workspace, user: Any, codes: list[str] | None = None) -> Job:
    """A link check as a background job; the job (its progress bar polls it)."""
    title = (
        gettext("Link check of OIT %(year)s, item %(codes)s")
        % {"year": workspace.fiscal_year, "codes": ", ".join(codes)}
        if codes
        else gettext("Link check of OIT %(year)s") % {"year": workspace.fiscal_year}
    )
    return jobs.start(
        check_links,
        kind=job_kind(workspace.fiscal_year, items=bool(codes)),
        title=title,
        user=user,
        agency=workspace.agency,
        workspace_id=workspace.pk,
        codes=codes,
    )


# ---------------------------------------------------------------- the nightly re-check


def next_run(now: datetime | None = None) -> datetime:
    """The next LINK_CHECK_NIGHTLY_AT in local time, strictly after `now`."""
    local = timezone.localtime(now or timezone.now())
    when = linkcheck.nightly_time()
    at = local.replace(hour=when.hour, minute=when.minute, second=0, microsecond=0)
    return at if at > local else at + timedelta(days=1)


def _waiting(task_id: str) -> bool:
    if not task_id:
        return False
    try:
        status = nightly_link_checks.get_result(task_id).status
    except TaskResultDoesNotExist:
        return False
    return status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def ensure_nightly_checks(*, replacing: str = "", now: datetime | None = None) -> str | None:
    """Make sure one nightly re-check waits; its task id (None when the task backend cannot
    run a task later, as the immediate one). Idempotent: a task that already waits (or
    runs, and will schedule the next) is kept. `replacing`: the nightly task calling this
    for the night after its own."""
    if not nightly_link_checks.get_backend().supports_defer:
        return None
    LinkSchedule.objects.get_or_create(name=NIGHTLY)  # two starting at once: one creates it
    with transaction.atomic():  # … and the other waits here for the first to decide
        schedule = LinkSchedule.objects.select_for_update().get(name=NIGHTLY)
        if schedule.task_id != replacing and _waiting(schedule.task_id):
            return schedule.task_id
        run_after = next_run(now)
        result = nightly_link_checks.using(run_after=run_after).enqueue()
        schedule.task_id, schedule.run_after = result.id, run_after
        schedule.save()
    return str(result.id)


@task(takes_context=True)
def nightly_link_checks(context: TaskContext) -> int:
    """Schedule the next night first (a failure below must not end the schedule), then a
    link check of every workspace of the current assessment year that has URLs. Returns
    how many checks were started."""
    ensure_nightly_checks(replacing=str(context.task_result.id))
    started = 0
    for workspace in Workspace.objects.filter(fiscal_year=coming_year()).select_related("agency"):
        if workspace.answers.exclude(urls="").exists() and running_check(workspace) is None:
            start_check(workspace=workspace, user=None)
            started += 1
    logger.info("nightly link checks: %s workspaces", started)
    return started
