"""Link checks of the OIT workspace: started from the page as a background job run by the
database worker, every URL's verdict and reasons beside its item, a history per URL with
its proof, the SSRF rule from the settings, and the nightly re-check that the worker
schedules itself (exactly one waiting)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from prongsai.jobs.models import Job
from prongsai.links.checker import LinkItem
from prongsai.oit import linkcheck, queries, services, tasks
from prongsai.oit.models import LinkCheck, LinkSchedule
from tests.link_server import serve
from tests.workbench import build

# transaction=True: the worker closes its connection after each task, as in production.
pytestmark = pytest.mark.django_db(transaction=True)
BANGKOK = ZoneInfo("Asia/Bangkok")
NIGHTLY_PATH = "prongsai.oit.tasks.nightly_link_checks"


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.fixture
def server():
    with serve() as running:
        yield running


def _fill(workspace, code, user, *paths, base):
    services.fill(
        answer=workspace.answers.get(code=code),
        values={"available": True, "urls": "\n".join(base + p for p in paths)},
        user=user,
    )


@pytest.fixture
def world(server):
    """The bench agency with its website on the test server and the 2567 workspace (its
    "current" items must name fiscal year 2567, which the test pages do)."""
    bench = build()
    base = f"http://127.0.0.1:{server.port}"
    bench.agency.website = base + "/"
    bench.agency.save(update_fields=["website"])
    workspace = services.open_workspace(agency=bench.agency, fiscal_year=2567)
    coordinator = bench.users["coordinator"]
    _fill(workspace, "O1", coordinator, "/ok", base=base)  # a page of 2567
    _fill(workspace, "O2", coordinator, "/error", "/old", base=base)  # 500; another year
    _fill(workspace, "O5", coordinator, "/gone-title", base=base)  # 200 "404 Not Found"
    return bench, workspace, base


def page_of(client, bench, year=2567, code=None):
    args = (bench.agency.pk, year, code) if code else (bench.agency.pk, year)
    return client.get(reverse("oit_item" if code else "oit", args=args)).content.decode()


@override_settings(LINK_CHECK_ALLOW_PRIVATE=True)
def test_the_workspace_check_runs_as_a_job_and_shows_verdicts_and_reasons(client, world):
    bench, workspace, base = world
    client.force_login(bench.users["coordinator"])
    assert "ตรวจลิงก์ทั้งหมด" in page_of(client, bench)

    response = client.post(reverse("oit_links_check", args=(bench.agency.pk, 2567)))
    assert response.status_code == 302
    job = Job.objects.get(kind="oit.links.2567")
    assert (job.status, job.title, job.agency) == ("queued", "ตรวจลิงก์ OIT ปี 2567", bench.agency)
    waiting = page_of(client, bench)
    assert f'data-job-status="{reverse("job_status", args=[job.pk])}"' in waiting
    assert "ตรวจลิงก์ทั้งหมด" not in waiting  # no second check while one waits
    client.post(reverse("oit_links_check", args=(bench.agency.pk, 2567)))
    assert Job.objects.filter(kind="oit.links.2567").count() == 1

    run_worker()
    status = client.get(reverse("job_status", args=[job.pk])).json()
    assert (status["status"], status["done"], status["total"]) == ("done", 4, 4)
    assert status["result_url"] == reverse("oit", args=(bench.agency.pk, 2567))

    verdicts = {(c.answer.code, c.url.removeprefix(base)): c for c in LinkCheck.objects.all()}
    assert {k: c.verdict for k, c in verdicts.items()} == {
        ("O1", "/ok"): "ok",
        ("O2", "/error"): "broken",
        ("O2", "/old"): "wrong_year",
        ("O5", "/gone-title"): "soft_404",
    }
    summary = dict(workspace.answers.exclude(link_verdict="").values_list("code", "link_verdict"))
    assert summary == {"O1": "ok", "O2": "broken", "O5": "soft_404"}  # the worst URL's

    page = page_of(client, bench)
    assert "data-job-status" not in page  # done: the verdicts instead of the bar
    assert page.count('class="link-check link-ok"') == 1
    assert "✗ เปิดไม่ได้" in page and "เซิร์ฟเวอร์ตอบ 500" in page
    # Reasons on a web page in Arabic digits, like every number the app shows.
    assert "ไม่พบปีงบประมาณ 2567 (พบ: 2565, 2566)" in page
    assert "ตอบ 200 แต่ชื่อหน้าบอกว่าไม่พบ" in page
    assert "ตรวจล่าสุด" in page and '<span class="link-ok">ผ่าน</span>' in page


@override_settings(LINK_CHECK_ALLOW_PRIVATE=True, LINK_SNAPSHOT_BYTES=120)
def test_each_check_keeps_its_proof_and_a_history_per_url(client, world):
    bench, workspace, base = world
    client.force_login(bench.users["unit_editor"])
    answer = workspace.answers.get(code="O1")
    services.assign(answer=answer, unit=bench.finance, assignee=None, due=None)
    for _night in range(2):
        response = client.post(reverse("oit_item_links_check", args=(bench.agency.pk, 2567, "O1")))
        job = Job.objects.filter(kind="oit.links.2567.items").first()
        assert response["Location"] == reverse("job", args=[job.pk])
        run_worker()
    job.refresh_from_db()
    assert job.result_url == reverse("oit_item", args=(bench.agency.pk, 2567, "O1"))

    first, second = LinkCheck.objects.filter(answer=answer).order_by("checked")
    assert first.url == second.url == base + "/ok" and first.checked < second.checked
    assert (second.status, second.file_type, second.verdict) == (200, "html", "ok")
    assert ["Content-Type", "text/html; charset=utf-8"] in second.headers
    with second.snapshot.open("rb") as stored:
        copy = stored.read()
    assert len(copy) == 120 and copy.startswith(b"<!doctype html>") and second.snapshot_truncated
    assert second.size > 120 and len(second.sha256) == 64  # the hash is of the whole page
    assert first.snapshot.name == second.snapshot.name  # the same page is stored once
    assert second.snapshot.name == f"links/{hashlib.sha256(copy).hexdigest()[:2]}/" + (
        f"{hashlib.sha256(copy).hexdigest()}.bin"
    )

    item = page_of(client, bench, code="O1")
    assert item.count("<tr>", item.index("link-history")) == 3  # header + two checks
    download = client.get(reverse("oit_snapshot", args=(bench.agency.pk, second.pk)))
    assert b"".join(download.streaming_content) == copy
    assert download["Content-Security-Policy"] == "sandbox"
    other = build(name="เทศบาลตำบลอื่น", prefix="other-")
    client.force_login(other.users["admin"])
    assert client.get(reverse("oit_snapshot", args=(other.agency.pk, second.pk))).status_code == 404


def test_private_addresses_are_refused_unless_the_setting_allows_them(world):
    bench, workspace, _base = world
    job = tasks.start_check(workspace=workspace, user=bench.users["coordinator"], codes=["O1"])
    run_worker()
    check = LinkCheck.objects.get()
    assert check.verdict == "broken" and check.reasons[0]["code"] == "blocked"
    assert "ไม่อนุญาตให้ตรวจ" in check.reasons[0]["thai"] and not check.snapshot
    assert Job.objects.get(pk=job.pk).status == "done"


def test_a_viewer_cannot_start_a_check(client, world):
    bench, _workspace, _base = world
    client.force_login(bench.users["viewer"])
    assert client.post(reverse("oit_links_check", args=(bench.agency.pk, 2567))).status_code == 403
    item = reverse("oit_item_links_check", args=(bench.agency.pk, 2567, "O1"))
    assert client.post(item).status_code == 403
    assert not Job.objects.exists()


# ---------------------------------------------------------------- the nightly re-check


def _waiting_nightly():
    return DBTaskResult.objects.filter(task_path=NIGHTLY_PATH, status="READY")


def test_next_run_is_the_next_configured_time_in_local_time():
    evening = datetime(2026, 12, 1, 22, 30, tzinfo=BANGKOK)
    assert tasks.next_run(evening) == datetime(2026, 12, 2, 2, 0, tzinfo=BANGKOK)
    night = datetime(2026, 12, 2, 1, 59, tzinfo=BANGKOK)
    assert tasks.next_run(night) == datetime(2026, 12, 2, 2, 0, tzinfo=BANGKOK)
    with override_settings(LINK_CHECK_NIGHTLY_AT="23:15"):
        assert tasks.next_run(evening) == datetime(2026, 12, 1, 23, 15, tzinfo=BANGKOK)


def test_ensuring_the_schedule_is_idempotent():
    first = tasks.ensure_nightly_checks()
    assert tasks.ensure_nightly_checks() == first  # a restart adds none
    (waiting,) = _waiting_nightly()
    assert str(waiting.id) == first
    assert waiting.run_after == tasks.next_run()
    # The waiting task was lost (a database restored from a backup): a new one is made.
    waiting.delete()
    again = tasks.ensure_nightly_checks()
    assert again != first and _waiting_nightly().count() == 1
    assert LinkSchedule.objects.get().task_id == again


def test_a_night_checks_this_years_workspaces_and_schedules_the_next(server, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = True
    bench = build()
    base = f"http://127.0.0.1:{server.port}"
    coming = queries.coming_year()
    this_year = services.open_workspace(agency=bench.agency, fiscal_year=coming)
    _fill(this_year, "O1", bench.users["coordinator"], "/ok", base=base)
    earlier = services.open_workspace(agency=bench.agency, fiscal_year=2567)
    _fill(earlier, "O1", bench.users["coordinator"], "/ok", base=base)
    tonight = tasks.ensure_nightly_checks()
    assert tonight is not None

    run_worker()  # before the time: nothing runs
    assert not Job.objects.exists() and _waiting_nightly().get().id.hex == tonight.replace("-", "")

    _waiting_nightly().update(run_after=timezone.now() - timedelta(minutes=1))  # 02:00 came
    run_worker()
    ran = DBTaskResult.objects.get(id=tonight)
    assert ran.status == "SUCCESSFUL" and ran.return_value == 1
    (job,) = Job.objects.all()
    assert (job.kind, job.status, job.user) == (f"oit.links.{coming}", "done", None)
    assert list(LinkCheck.objects.values_list("answer__workspace__fiscal_year", flat=True)) == [
        coming
    ]
    (following,) = _waiting_nightly()
    assert str(following.id) != tonight and following.run_after == tasks.next_run()
    assert LinkSchedule.objects.get().task_id == str(following.id)


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)
def test_a_backend_that_cannot_wait_has_no_schedule():
    assert tasks.ensure_nightly_checks() is None
    assert not LinkSchedule.objects.exists()


# ---------------------------------------------------------------- the workspace's expectations


def test_what_each_url_must_show():
    assert [linkcheck.expected_year(2570, rule) for rule in ("current", "previous", "any")] == [
        2570,
        2569,
        None,
    ]
    assert linkcheck.main_domain("https://www.konnim.go.th/index.php") == "www.konnim.go.th"
    assert linkcheck.main_domain("  ") is None
    assert linkcheck.worst(["ok", "warning", "wrong_year", "ok"]) == "wrong_year"
    assert linkcheck.worst(["soft_404", "timeout", "broken"]) == "timeout"


def test_keywords_and_years_reach_the_checker(world):
    bench, workspace, base = world
    answer = workspace.answers.get(code="O1")
    services.fill(
        answer=answer,
        values={"urls": answer.urls, "link_keywords": "แผนจัดซื้อ, ประกาศ"},
        user=bench.users["coordinator"],
    )
    found = {(t.code, t.item.url.removeprefix(base)): t.item for t in linkcheck.targets(workspace)}
    assert found["O1", "/ok"].keywords == ("แผนจัดซื้อ", "ประกาศ")
    assert found["O1", "/ok"].fiscal_year == 2567  # O1 needs the year's own data
    assert [c for c, _ in found] == ["O1", "O2", "O2", "O5"]


@override_settings(LINK_CHECK_ALLOW_PRIVATE=True)
def test_a_reader_that_stops_early_stops_the_checker(server):
    import threading

    items = [LinkItem(f"http://127.0.0.1:{server.port}/ok?{n}") for n in range(80)]
    found = linkcheck.results(items, linkcheck.options(""))
    assert next(found).url == items[0].url
    found.close()  # e.g. the database failed while recording
    assert not [t for t in threading.enumerate() if t.name == "link-check"]
