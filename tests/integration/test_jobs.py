"""Background jobs: a task reports progress through its Job row, the page shows it, the
status URL is its owner's only, and a failure ends the job with a message, not silence."""

from __future__ import annotations

import logging

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks import task

from prongsai.jobs import services as jobs
from prongsai.jobs.models import Job
from prongsai.jobs.services import JobError
from tests.factories import UserFactory


@task()
def count_to(job_id: str, n: int, fail: str = "") -> None:
    with jobs.running(job_id) as progress:
        progress.total(n)
        for i in range(n):
            if fail == "user" and i == 2:
                raise JobError("ไฟล์มีแถวเกินกำหนด")
            if fail == "bug" and i == 2:
                raise ZeroDivisionError
            progress.step(message=f"แถวที่ {i + 1}")
        progress.keep({"rows": n})
        progress.result_url("/work/")


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


# transaction=True: the worker closes its connection after each task, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_job_waits_runs_and_ends_with_its_result(client):
    owner = UserFactory()
    job = jobs.start(count_to, kind="test.count", title="นับแถว", user=owner, n=5)
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED
    client.force_login(owner)
    waiting = client.get(reverse("job_status", args=[job.pk])).json()
    assert waiting["status"] == "queued" and waiting["percent"] == 0 and not waiting["ended"]

    run_worker()
    done = client.get(reverse("job_status", args=[job.pk])).json()
    assert done == {
        "status": "done",
        "label": "เสร็จแล้ว",
        "done": 5,
        "total": 5,
        "percent": 100,
        "message": "แถวที่ 5",
        "result_url": "/work/",
        "ended": True,
    }
    assert Job.objects.get(pk=job.pk).result == {"rows": 5}
    page = client.get(reverse("job", args=[job.pk])).content.decode()
    assert "นับแถว" in page and 'value="100"' in page and "5 จาก 5" in page


def test_only_its_owner_sees_a_job(client):
    job = jobs.start(count_to, kind="test.count", title="นับแถว", user=UserFactory(), n=1)
    client.force_login(UserFactory())
    assert client.get(reverse("job_status", args=[job.pk])).status_code == 404
    assert client.get(reverse("job", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("job_status", args=[job.pk])).status_code == 302  # to the login


def test_a_failure_the_user_can_fix_is_shown_as_written(client):
    owner = UserFactory()
    job = jobs.start(count_to, kind="test.count", title="นับแถว", user=owner, n=5, fail="user")
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.message, job.done) == ("failed", "ไฟล์มีแถวเกินกำหนด", 2)
    assert job.finished is not None and job.result_url == ""


def test_a_bug_fails_the_job_and_is_logged_with_its_traceback(caplog):
    job = jobs.start(
        count_to, kind="test.count", title="นับแถว", user=UserFactory(), n=5, fail="bug"
    )
    with caplog.at_level(logging.ERROR, logger="prongsai.jobs.services"):
        run_worker()
    job.refresh_from_db()
    assert job.status == "failed" and "ข้อผิดพลาดในระบบ" in job.message
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_a_queue_outside_the_database_gets_the_task_only_after_commit():
    from django.db import transaction
    from django_tasks import default_task_backend

    with transaction.atomic():
        job = jobs.start(count_to, kind="test.count", title="นับแถว", user=UserFactory(), n=1)
        assert default_task_backend.results == []  # type: ignore[attr-defined]
    (queued,) = default_task_backend.results  # type: ignore[attr-defined]
    assert queued.kwargs == {"job_id": str(job.pk), "n": 1}
