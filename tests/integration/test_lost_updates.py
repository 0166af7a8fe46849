"""Two people editing the same measure or progress entry: the second save, made from
the version both read, is refused (nothing saved, nothing typed lost), on the pages and
in the API; optimistic locking with a version number checked in one UPDATE."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.plans import services
from prongsai.plans.models import Measure, ProgressEntry, ProgressRound
from tests.factories import PASSWORD
from tests.integration.test_api import token_for
from tests.workbench import build

pytestmark = pytest.mark.django_db
VERSION = re.compile(r'name="version" value="(\d+)"')


@pytest.fixture
def bench():
    workbench = build()
    services.reopen(plan=workbench.plan)  # measures are edited in a draft plan
    return workbench


def signed_in(bench, role):
    """A person's own browser session, logged in through the login page."""
    browser = Client()
    answer = browser.post(
        reverse("login"), {"username": bench.users[role].username, "password": PASSWORD}
    )
    assert answer.status_code == 302
    return browser


def measure_form(bench, **changes):
    measure = Measure.objects.get(plan=bench.plan, number=1)
    data = {
        "title": measure.title,
        "steps": measure.steps,
        "units": [u.pk for u in measure.units.all()],
        "start": measure.start.isoformat(),
        "end": measure.end.isoformat(),
        "follow_up": measure.follow_up,
        "kpi": measure.kpi,
        "indicators": [str(n) for n in measure.indicators],
        "oit_items": ", ".join(measure.oit_items),
    }
    return data | changes


def test_two_sessions_edit_a_measure_the_second_sees_both_versions(bench):
    url = reverse("measure", args=[bench.agency.pk, 2566, 1])
    somsri, somchai = signed_in(bench, "coordinator"), signed_in(bench, "admin")
    read_by_somsri = VERSION.search(somsri.get(url).content.decode())[1]
    read_by_somchai = VERSION.search(somchai.get(url).content.decode())[1]
    assert read_by_somsri == read_by_somchai == "1"

    first = somsri.post(url, measure_form(bench, title="ประกาศเจตจำนงสุจริต", version=read_by_somsri))
    assert first.status_code == 302
    second = somchai.post(
        url, measure_form(bench, title="อบรมคุณธรรมผู้บริหาร", kpi="ร้อยละ ๙๐", version=read_by_somchai)
    )

    measure = Measure.objects.get(plan=bench.plan, number=1)
    assert (measure.title, measure.kpi, measure.version) == ("ประกาศเจตจำนงสุจริต", "", 2)
    assert second.status_code == 200
    page = second.content.decode()
    assert "ยังไม่ได้บันทึก: มีผู้อื่นบันทึกรายการนี้ระหว่างที่ท่านแก้ไข" in page
    conflict = second.context["conflict"]
    rows = {row.label: (row.typed, row.saved) for row in conflict.rows if row.differs}
    assert rows == {
        "มาตรการ/แนวทาง": ("อบรมคุณธรรมผู้บริหาร", "ประกาศเจตจำนงสุจริต"),
        "ตัวชี้วัดความสำเร็จ/เป้าหมาย": ("ร้อยละ ๙๐", "–"),
    }
    assert conflict.by == bench.users["coordinator"]  # who saved in between, from the trail
    # What Somchai typed is still in the form, now carrying the saved version ...
    assert 'value="อบรมคุณธรรมผู้บริหาร"' in page and VERSION.search(page)[1] == "2"
    # ... so that "keep mine" saves it over the new version.
    kept = somchai.post(url, measure_form(bench, title="อบรมคุณธรรมผู้บริหาร", version="2"))
    assert kept.status_code == 302
    assert Measure.objects.get(plan=bench.plan, number=1).title == "อบรมคุณธรรมผู้บริหาร"


def test_a_stale_progress_save_keeps_the_first_and_adds_no_evidence(bench):
    services.submit(plan=bench.plan, user=bench.users["coordinator"])
    services.approve(plan=bench.plan, user=bench.users["executive"])
    url = reverse("entry", args=[bench.agency.pk, 2566, 6, 2])
    editor, coordinator = signed_in(bench, "unit_editor"), signed_in(bench, "coordinator")
    version = VERSION.search(editor.get(url).content.decode())[1]
    assert VERSION.search(coordinator.get(url).content.decode())[1] == version
    saved = editor.post(url, {"status": "done", "done": "ประกาศแล้ว", "version": version})
    assert saved.status_code == 302
    entry = ProgressEntry.objects.get(round__plan=bench.plan, measure__number=2)
    evidence_before = entry.evidence.count()
    refused = coordinator.post(
        url,
        {
            "status": "in_progress",
            "done": "กำลังจัดทำร่างประกาศ",
            "evidence_url": "https://konnim.go.th/ita/o1",
            "version": version,
        },
    )
    entry.refresh_from_db()
    assert (entry.status, entry.done, entry.version) == ("done", "ประกาศแล้ว", 2)
    assert entry.evidence.count() == evidence_before  # nothing of the refused save
    assert (
        refused.status_code == 200 and refused.context["conflict"].by == bench.users["unit_editor"]
    )
    page = refused.content.decode()
    assert "กำลังจัดทำร่างประกาศ" in page and "https://konnim.go.th/ita/o1" in page


def test_the_service_refuses_a_stale_version_and_changes_nothing(bench):
    measure = Measure.objects.get(plan=bench.plan, number=1)
    values = {
        "title": "ชื่อใหม่",
        "steps": measure.steps,
        "start": measure.start,
        "end": measure.end,
        "follow_up": measure.follow_up,
        "kpi": "",
        "indicators": [9],
        "oit_items": [],
    }
    units = list(measure.units.all())
    services.save_measure(plan=bench.plan, values=values, units=units, measure=measure, version=1)
    stale = Measure.objects.get(pk=measure.pk)
    stale.version = 1  # as the second editor read it
    with pytest.raises(services.EditConflict) as refused:
        services.save_measure(
            plan=bench.plan,
            values=values | {"title": "ชื่อของคนที่สอง"},
            units=units,
            measure=stale,
            version=1,
        )
    assert refused.value.current.title == "ชื่อใหม่" and refused.value.current.version == 2
    assert Measure.objects.get(pk=measure.pk).title == "ชื่อใหม่"


def test_the_api_refuses_a_stale_write_with_409(client, bench):
    auth = token_for(bench, "coordinator")
    base = f"/api/v1/agencies/{bench.agency.pk}/plans/2566"
    plan = client.get(base, **auth).json()
    assert [m["version"] for m in plan["measures"]] == [1, 1]
    body = {
        "title": "ประชุมชี้แจงแนวทางการเปิดเผยข้อมูล",
        "steps": ["จัดประชุม"],
        "units": ["สำนักปลัด"],
        "start": "2565-10",
        "end": "2566-03",
        "follow_up": "รายงานรอบ ๖ เดือน",
        "version": 1,
    }
    first = client.put(f"{base}/measures/1", body, content_type="application/json", **auth)
    assert first.status_code == 200 and first.json()["version"] == 2
    assert (
        first.headers["ETag"] == f'"measure-{Measure.objects.get(plan=bench.plan, number=1).pk}-2"'
    )
    stale = client.put(
        f"{base}/measures/1", body | {"title": "ชื่อเก่า"}, content_type="application/json", **auth
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_version" and stale.json()["details"][0]["version"] == 2
    assert Measure.objects.get(plan=bench.plan, number=1).title == body["title"]
    # The ETag of the last write in If-Match instead of a version in the body.
    without = {k: v for k, v in body.items() if k != "version"}
    matched = client.put(
        f"{base}/measures/1",
        without | {"title": "ตาม ETag"},
        content_type="application/json",
        HTTP_IF_MATCH=first.headers["ETag"],
        **auth,
    )
    assert matched.status_code == 200 and matched.json()["version"] == 3
    replayed = client.put(
        f"{base}/measures/1",
        without,
        content_type="application/json",
        HTTP_IF_MATCH=first.headers["ETag"],
        **auth,
    )
    other = client.put(  # the tag of another measure never matches
        f"{base}/measures/2",
        without,
        content_type="application/json",
        HTTP_IF_MATCH=matched.headers["ETag"].replace("-3", "-1"),
        **auth,
    )
    assert (replayed.status_code, other.status_code) == (409, 409)
    assert Measure.objects.get(plan=bench.plan, number=1).title == "ตาม ETag"


def test_the_api_refuses_stale_progress_with_409(client):
    bench = build()
    auth = token_for(bench, "coordinator")
    url = f"/api/v1/agencies/{bench.agency.pk}/plans/2566/rounds/6/entries/2"
    first = client.put(
        url,
        {"status": "done", "done": "เสร็จ", "version": 1},
        content_type="application/json",
        **auth,
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.put(
        url, {"status": "delayed", "version": 1}, content_type="application/json", **auth
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    entry = ProgressEntry.objects.get(round__plan=bench.plan, measure__number=2)
    assert (entry.status, entry.done) == ("done", "เสร็จ")


def test_an_edit_opened_before_a_renumbering_does_not_overwrite_another_measure(bench):
    # Only a plan that was never approved renumbers its measures (an approved plan's
    # numbers may have been published): this one as if it had just been written.
    ProgressRound.objects.filter(plan=bench.plan).delete()
    Measure.objects.filter(plan=bench.plan).update(approved_once=False)
    url = reverse("measure", args=[bench.agency.pk, 2566, 1])
    somsri, somchai = signed_in(bench, "coordinator"), signed_in(bench, "admin")
    read = VERSION.search(somchai.get(url).content.decode())[1]  # measure 1, version 1
    somsri.post(reverse("measure_delete", args=[bench.agency.pk, 2566, 1]))
    second = Measure.objects.get(plan=bench.plan)  # was measure 2, now number 1
    assert (second.number, second.version) == (1, 2)
    refused = somchai.post(url, measure_form(bench, title="แก้มาตรการเดิม", version=read))
    assert refused.status_code == 200 and refused.context["conflict"] is not None
    assert Measure.objects.get(pk=second.pk).title == "เผยแพร่แผนการใช้จ่ายงบประมาณ"
