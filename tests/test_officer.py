"""An officer's daily work (issue 10): results for a year without an edition, progress
with evidence in one save, round dates, removing evidence, Thai error pages and
messages, refused values, returning a plan, and "my work"."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.agencies.models import Assessment
from prongsai.plans.models import ProgressEntry
from tests.workbench import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench():
    return build()


def login(client, bench, role):
    client.force_login(bench.users[role])
    return client


# ---------------------------------------------------------------- 1. a year without an edition


def test_results_for_a_year_without_an_edition_keep_the_typed_values(client, bench):
    login(client, bench, "coordinator")
    data = {"fiscal_year": "2570", "ind_1": "91.5", "ind_9": "๘๔.๕๖", "overall": "88.2"}
    response = client.post(reverse("results_form", args=[bench.agency.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ไม่มีเกณฑ์การประเมินของปี 2570 (มีของปี 2563, 2564, 2565, 2566, 2567, 2568, 2569)" in page
    assert "prongsai framework import" in page
    assert 'value="2570"' in page and 'value="91.5"' in page and 'value="88.2"' in page
    assert not Assessment.objects.filter(fiscal_year=2570).exists()


# ---------------------------------------------------------------- 2. progress and evidence at once


def entry_data(**values):
    data = {"status": "not_started", "done": "", "done_on": "", "problems": "", "solutions": ""}
    return data | {"reason": ""} | values


def test_progress_and_evidence_are_saved_by_one_save(client, bench):
    login(client, bench, "unit_editor")
    url = reverse("entry", args=[bench.agency.pk, 2566, 6, 2])
    data = entry_data(
        status="done",
        done="ประกาศแผนการใช้จ่ายงบประมาณบนเว็บไซต์แล้ว",
        done_on="๑๕/๑๒/๒๕๖๕",
        evidence_file=SimpleUploadedFile("ภาพหน้าเว็บ.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
        evidence_url="",
    )
    response = client.post(url, data, follow=True)
    entry = ProgressEntry.objects.get(round__plan=bench.plan, measure__number=2)
    assert entry.status == "done" and entry.done == "ประกาศแผนการใช้จ่ายงบประมาณบนเว็บไซต์แล้ว"
    assert entry.done_on == date(2022, 12, 15)
    assert [e.name for e in entry.evidence.order_by("pk")] == ["ประกาศแผน.pdf", "ภาพหน้าเว็บ.png"]
    assert "บันทึกความก้าวหน้าพร้อมหลักฐาน ภาพหน้าเว็บ.png แล้ว" in response.content.decode()
    data = entry_data(status="in_progress", done="เพิ่มลิงก์", evidence_url="https://konnim.go.th/o7")
    client.post(url, data)
    entry.refresh_from_db()
    assert entry.status == "in_progress" and entry.evidence.last().url == "https://konnim.go.th/o7"


def test_refused_evidence_saves_nothing_and_keeps_what_was_typed(client, bench):
    login(client, bench, "unit_editor")
    url = reverse("entry", args=[bench.agency.pk, 2566, 6, 2])
    data = entry_data(
        status="in_progress",
        done="จัดทำร่างประกาศแล้ว",
        evidence_file=SimpleUploadedFile("virus.pdf", b"MZ\x90\x00"),
    )
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "รับเฉพาะไฟล์ PDF, JPG, PNG" in page
    assert "จัดทำร่างประกาศแล้ว</textarea>" in page
    assert '<option value="in_progress" selected>' in page
    entry = ProgressEntry.objects.get(round__plan=bench.plan, measure__number=2)
    assert entry.status == "not_started" and entry.done == "" and entry.evidence.count() == 1
