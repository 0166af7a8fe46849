"""An officer's daily work (issue 10): results for a year without an edition, progress
with evidence in one save, round dates, removing evidence, Thai error pages and
messages, refused values, returning a plan, and "my work"."""

from datetime import date
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.agencies.models import Assessment
from prongsai.plans import services
from prongsai.plans.models import Evidence, Measure, Plan, ProgressEntry
from prongsai.plans.services import PlanError
from tests.workbench import PERSONAS, build

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
    assert "prongsai framework import" in page and "prongsai framework export 2569 -o" in page
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
    assert "ยังไม่ได้บันทึกข้อมูลใด กรุณาเลือกไฟล์อีกครั้ง" in page
    assert "จัดทำร่างประกาศแล้ว</textarea>" in page
    assert '<option value="in_progress" selected>' in page
    entry = ProgressEntry.objects.get(round__plan=bench.plan, measure__number=2)
    assert entry.status == "not_started" and entry.done == "" and entry.evidence.count() == 1


# ---------------------------------------------------------------- 3. a round's date


def test_a_round_date_outside_its_fiscal_year_is_refused(client, bench):
    login(client, bench, "coordinator")
    plan_page = client.get(reverse("plan", args=[bench.agency.pk, 2566])).content.decode()
    assert 'name="as_of" value="31/03/2566"' in plan_page  # the 6-month round's usual date
    url = reverse("round_open", args=[bench.agency.pk, 2566])
    page = client.post(url, {"months": "12", "as_of": "31/03/2570"}, follow=True)
    assert (
        "วันที่ข้อมูล ณ 31 มีนาคม 2570 ของรอบ 12 เดือน อยู่นอกปีงบประมาณ 2566"
        " ต้องอยู่ระหว่าง 1 ตุลาคม 2565 ถึง 30 กันยายน 2566"
    ) in page.content.decode()
    assert not bench.plan.rounds.filter(months=12).exists()
    page = client.post(url, {"months": "12", "as_of": "30/09/2566"}, follow=True)
    assert bench.plan.rounds.get(months=12).as_of == date(2023, 9, 30)
    assert "เปิดรอบรายงาน 12 เดือนแล้ว" in page.content.decode()
    with pytest.raises(PlanError, match="อยู่นอกปีงบประมาณ 2566"):
        services.open_round(plan=bench.plan, months=9, as_of=date(2023, 10, 1))


def test_a_round_date_can_be_corrected(client, bench):
    login(client, bench, "coordinator")
    progress_round = bench.plan.rounds.get(months=6)
    url = reverse("round_date", args=[bench.agency.pk, 2566, 6])
    page = client.post(url, {"as_of": "31/03/2570"}, follow=True)
    assert "อยู่นอกปีงบประมาณ 2566" in page.content.decode()
    progress_round.refresh_from_db()
    assert progress_round.as_of == date(2023, 3, 31)
    page = client.post(url, {"as_of": "๑๕/๐๓/๒๕๖๖"}, follow=True)
    assert "แก้ไขวันที่ข้อมูลของรอบแล้ว" in page.content.decode()
    progress_round.refresh_from_db()
    assert progress_round.as_of == date(2023, 3, 15)
    change = LogEntry.objects.get_for_object(progress_round).filter(action=LogEntry.Action.UPDATE)
    assert change.get().changes_dict["as_of"] == ["2023-03-31", "2023-03-15"]
    assert change.get().actor == bench.users["coordinator"]


def test_an_unpublished_round_can_be_deleted_with_its_evidence_files(
    client, bench, django_capture_on_commit_callbacks
):
    login(client, bench, "coordinator")
    progress_round = bench.plan.rounds.get(months=6)
    stored = Evidence.objects.get(entry__round=progress_round).file
    path = Path(stored.path)
    assert path.exists()
    url = reverse("round_delete", args=[bench.agency.pk, 2566, 6])
    page = client.post(url, {}, follow=True)  # not confirmed
    assert "กรุณาทำเครื่องหมายยืนยันก่อนลบรอบ" in page.content.decode()
    services.publish_round(progress_round=progress_round, published=True)
    page = client.post(url, {"confirm": "yes"}, follow=True)
    assert "รอบนี้เผยแพร่แล้ว ข้อมูลความก้าวหน้าและหลักฐานที่เผยแพร่แก้ไขหรือลบไม่ได้" in page.content.decode()
    assert bench.plan.rounds.filter(months=6).exists()
    services.publish_round(progress_round=progress_round, published=False)
    round_id = progress_round.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "yes"})
    assert response["Location"] == reverse("plan", args=[bench.agency.pk, 2566])
    assert not bench.plan.rounds.exists() and not Evidence.objects.exists()
    assert not path.exists()
    deleted = LogEntry.objects.filter(action=LogEntry.Action.DELETE)
    assert deleted.filter(object_pk=str(round_id), content_type__model="progressround").exists()
    assert deleted.filter(content_type__model="evidence").count() == 1


# ---------------------------------------------------------------- 4. evidence added by mistake


def test_evidence_can_be_deleted_by_the_entrys_editors(
    client, bench, django_capture_on_commit_callbacks
):
    evidence = Evidence.objects.get(entry__measure__number=2)
    path = Path(evidence.file.path)
    url = reverse("evidence_delete", args=[bench.agency.pk, evidence.pk])
    entry_url = reverse("entry", args=[bench.agency.pk, 2566, 6, 2])
    login(client, bench, "unit_editor")  # กองคลัง: measure 2 is theirs
    assert f'action="{url}"' in client.get(entry_url).content.decode()
    services.publish_round(progress_round=bench.plan.rounds.get(), published=True)
    page = client.post(url, follow=True)
    assert "รอบนี้เผยแพร่แล้ว ข้อมูลความก้าวหน้าและหลักฐานที่เผยแพร่แก้ไขหรือลบไม่ได้" in page.content.decode()
    assert f'action="{url}"' not in page.content.decode()
    assert Evidence.objects.filter(pk=evidence.pk).exists() and path.exists()
    services.publish_round(progress_round=bench.plan.rounds.get(), published=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == entry_url
    assert not Evidence.objects.filter(pk=evidence.pk).exists() and not path.exists()
    page = client.get(entry_url).content.decode()
    assert "ลบหลักฐาน ประกาศแผน.pdf แล้ว" in page
    deleted = LogEntry.objects.get(action=LogEntry.Action.DELETE, content_type__model="evidence")
    assert deleted.actor == bench.users["unit_editor"] and deleted.object_repr == "ประกาศแผน.pdf"


def test_another_units_editor_cannot_delete_evidence(client, bench):
    entry = ProgressEntry.objects.get(round__plan=bench.plan, measure__number=1)
    link = services.add_evidence(entry=entry, user=None, url="https://konnim.go.th/o1")
    login(client, bench, "unit_editor")  # measure 1 is สำนักปลัด's
    assert (
        client.post(reverse("evidence_delete", args=[bench.agency.pk, link.pk])).status_code == 403
    )
    assert Evidence.objects.filter(pk=link.pk).exists()


# ---------------------------------------------------------------- 5. Thai error pages, messages


def test_403_and_404_pages_are_thai_inside_the_layout(client, bench):
    login(client, bench, "unit_editor")
    refused = client.get(reverse("entry", args=[bench.agency.pk, 2566, 6, 1]))
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "ไม่มีสิทธิ์ใช้งานส่วนนี้" in page and 'class="brand"' in page
    assert f'href="{reverse("home")}">กลับหน้าหลัก</a>' in page
    missing = client.get("/agencies/999/plans/2566/")
    assert missing.status_code == 404
    page = missing.content.decode()
    assert "ไม่พบหน้าที่ต้องการ" in page and 'class="brand"' in page and "กลับหน้าหลัก" in page


def test_500_page_is_thai_and_needs_no_request_context():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "ระบบขัดข้อง" in page and "ข้อมูลที่ยังไม่ได้บันทึกอาจต้องกรอกใหม่" in page
    assert 'class="brand"' in page and 'href="/">กลับหน้าหลัก</a>' in page


def test_csrf_failure_page_is_thai(bench):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(bench.users["coordinator"])
    response = client.post(reverse("suggest", args=[bench.agency.pk, 2566]))
    assert response.status_code == 403
    assert "แบบฟอร์มหมดอายุ" in response.content.decode()


def test_results_messages_name_fields_in_thai(client, bench):
    login(client, bench, "coordinator")
    text = "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 95.5"  # no year anywhere
    page = client.post(reverse("import_results", args=[bench.agency.pk]), {"text": text})
    html = page.content.decode()
    assert "ยังไม่มีปีที่ประเมิน ITA (พ.ศ.) ซึ่งต้องระบุ" in html and "ช่อง fiscal_year" not in html
    data = {"fiscal_year": "๒๕๖x", "ind_1": "85.12345", "ind_2": "abc"}
    page = client.post(reverse("results_form", args=[bench.agency.pk]), data)
    errors = page.context["form"].errors
    assert errors["fiscal_year"] == ["กรอกปีที่ประเมินเป็นปีพุทธศักราช เช่น 2568"]
    assert (
        errors["ind_1"]
        == errors["ind_2"]
        == ["กรอกคะแนนเป็นตัวเลข 0–100 เช่น 85.5 (ทศนิยมไม่เกิน 3 ตำแหน่ง)"]
    )


def test_round_form_errors_name_the_field(client, bench):
    login(client, bench, "coordinator")
    url = reverse("round_open", args=[bench.agency.pk, 2566])
    page = client.post(url, {"months": "12", "as_of": "31/02/2566"}, follow=True)
    assert "ข้อมูล ณ วันที่: " in page.content.decode()


# ---------------------------------------------------------------- 6. invalid values refused


@pytest.mark.parametrize("typed", ["abc", "105", "-5"])
def test_a_bad_threshold_is_refused_and_kept(client, bench, typed):
    login(client, bench, "viewer")
    page = client.get(reverse("results_year", args=[bench.agency.pk, 2565]), {"threshold": typed})
    html = page.content.decode()
    assert "เกณฑ์ต้องเป็นคะแนน 0–100 เช่น 85 หรือ 90 การวิเคราะห์ด้านล่างยังใช้เกณฑ์ 85" in html
    assert f'name="threshold" value="{typed}"' in html
    good = client.get(reverse("results_year", args=[bench.agency.pk, 2565]), {"threshold": "๙๘"})
    assert good.context["threshold"] == 98 and "เกณฑ์ต้องเป็นคะแนน" not in good.content.decode()


def test_an_oit_code_the_edition_does_not_have_is_refused(client, bench):
    services.reopen(plan=bench.plan)
    login(client, bench, "coordinator")
    data = {
        "title": "เผยแพร่ข้อมูลพื้นฐาน",
        "steps": "ขั้นที่หนึ่ง",
        "units": [bench.finance.pk],
        "start": "2022-10-01",
        "end": "2023-03-01",
        "follow_up": "รายงานรอบ ๖ เดือน",
        "oit_items": "O7, O99",
    }
    page = client.post(reverse("measure", args=[bench.agency.pk, 2566, 1]), data)
    assert page.context["form"].errors["oit_items"] == [
        "เกณฑ์การประเมิน ITA ปี 2566 ไม่มีข้อ O99 (มีข้อ O1–O43)"
    ]
    assert 'value="O7, O99"' in page.content.decode()
    assert Measure.objects.get(plan=bench.plan, number=1).oit_items == ["O1"]
    data["oit_items"] = "O7, O43"
    assert client.post(reverse("measure", args=[bench.agency.pk, 2566, 1]), data).status_code == 302
    assert Measure.objects.get(plan=bench.plan, number=1).oit_items == ["O7", "O43"]


# ---------------------------------------------------------------- 7. a message after each action


def said(response):
    return [str(m) for m in response.context["messages"]]


def test_every_action_says_what_it_did_in_thai(client, bench):
    agency = bench.agency.pk
    login(client, bench, "coordinator")
    step = lambda name: reverse("plan_step", args=[agency, 2566, name])  # noqa: E731
    assert said(client.post(step("reopen"), follow=True)) == ["เปิดแผนกลับเป็นฉบับร่างแล้ว"]
    measure = {
        "title": "เผยแพร่ข้อมูลพื้นฐาน",
        "steps": "ขั้นที่หนึ่ง",
        "units": [bench.finance.pk],
        "start": "2022-10-01",
        "end": "2023-03-01",
        "follow_up": "รายงานรอบ ๖ เดือน",
    }
    url = reverse("measure_new", args=[agency, 2566])
    assert said(client.post(url, measure, follow=True)) == ["บันทึกมาตรการที่ 3 แล้ว"]
    url = reverse("measure_delete", args=[agency, 2566, 3])
    # the plan was approved before: deleted, and the numbers of the others stay
    assert said(client.post(url, follow=True)) == ["ลบมาตรการที่ 3 แล้ว"]
    assert said(client.post(step("submit"), follow=True)) == ["ส่งแผนขออนุมัติผู้บริหารแล้ว"]
    login(client, bench, "executive")
    assert said(client.post(step("approve"), follow=True)) == ["อนุมัติแผนแล้ว"]
    login(client, bench, "coordinator")
    assert said(client.post(step("publish"), follow=True)) == ["เผยแพร่มาตรการบนหน้าเผยแพร่แล้ว"]
    assert said(client.post(step("unpublish"), follow=True)) == ["นำมาตรการออกจากหน้าเผยแพร่แล้ว"]
    url = reverse("round_publish", args=[agency, 2566, 6])
    response = client.post(url, {"publish": "1"}, follow=True)
    assert said(response) == ["เผยแพร่รายงานรอบ 6 เดือนบนหน้าเผยแพร่แล้ว"]
    url = reverse("results_publish", args=[agency, 2565])
    response = client.post(url, {"publish": "1"}, follow=True)
    assert said(response) == ["เผยแพร่ผลการวิเคราะห์ ITA ปี 2565 บนหน้าเผยแพร่แล้ว"]
    login(client, bench, "admin")
    viewer = bench.agency.memberships.get(role="viewer")
    url = reverse("remove_member", args=[agency, viewer.pk])
    assert said(client.post(url, follow=True)) == ["นำสมาชิกออกจากหน่วยงานแล้ว"]


# ---------------------------------------------------------------- 8. a plan sent back for revision


def test_the_executive_sends_a_plan_back_with_a_comment(client, bench):
    services.reopen(plan=bench.plan)
    services.submit(plan=bench.plan, user=bench.users["coordinator"])
    url = reverse("plan_return", args=[bench.agency.pk, 2566])
    plan_url = reverse("plan", args=[bench.agency.pk, 2566])
    login(client, bench, "coordinator")
    assert client.post(url, {"comment": "ขอแก้"}).status_code == 403
    login(client, bench, "executive")
    assert 'name="comment"' in client.get(plan_url).content.decode()
    page = client.post(url, {"comment": "  "}, follow=True)
    assert said(page) == ["กรุณาระบุความเห็นว่าต้องแก้ไขอะไร เพื่อให้ผู้ประสานงานปรับแผนได้ถูกต้อง"]
    bench.plan.refresh_from_db()
    assert bench.plan.status == "submitted"
    comment = "มาตรการที่ ๒ ขอให้ระบุกำหนดเวลาเผยแพร่ให้ชัดเจน\nและเพิ่มมาตรการเรื่องการรับสินบน"
    page = client.post(url, {"comment": comment}, follow=True)
    assert said(page) == ["ส่งแผนกลับให้ผู้ประสานงานแก้ไขแล้ว"]
    bench.plan.refresh_from_db()
    assert bench.plan.status == "draft" and bench.plan.submitted is None
    returned = bench.plan.returns.get()
    assert returned.comment == comment and returned.returned_by == bench.users["executive"]
    assert LogEntry.objects.get_for_object(returned).get().actor == bench.users["executive"]
    login(client, bench, "coordinator")
    page = client.get(plan_url).content.decode()
    assert f"ผู้บริหาร ({PERSONAS['executive']}) ส่งแผนกลับให้แก้ไขเมื่อ" in page
    assert "มาตรการที่ ๒ ขอให้ระบุกำหนดเวลาเผยแพร่ให้ชัดเจน<br>และเพิ่มมาตรการเรื่องการรับสินบน" in page
    client.post(reverse("plan_step", args=[bench.agency.pk, 2566, "submit"]))
    assert "ส่งแผนกลับให้แก้ไขเมื่อ" not in client.get(plan_url).content.decode()
    returned.refresh_from_db()
    assert returned.resolved == Plan.objects.get(pk=bench.plan.pk).submitted
    client.post(reverse("plan_step", args=[bench.agency.pk, 2566, "reopen"]))  # a later draft
    assert "ส่งแผนกลับให้แก้ไขเมื่อ" not in client.get(plan_url).content.decode()


# ---------------------------------------------------------------- 9. my work


def test_my_work_shows_the_executive_the_plans_to_approve(client, bench):
    services.reopen(plan=bench.plan)
    services.submit(plan=bench.plan, user=bench.users["coordinator"])
    login(client, bench, "executive")
    page = client.get(reverse("my_work"))
    assert [p.fiscal_year for p in page.context["work"].approvals] == [2566]
    html = page.content.decode()
    assert "แผนที่รอการอนุมัติ" in html and "แผนมาตรการ ปี 2566 ขององค์การบริหารส่วนตำบลคอนนิม" in html
    assert "2 มาตรการ" in html
    assert '<span class="badge" aria-label="รอดำเนินการ 1 รายการ">1</span>' in html
    other = build("เทศบาลตำบลโนนหัน", prefix="other-")
    client.force_login(other.users["executive"])  # another agency's executive sees nothing
    assert client.get(reverse("my_work")).context["work"].count == 0
    services.approve(plan=bench.plan, user=bench.users["executive"])
    login(client, bench, "executive")
    html = client.get(reverse("home")).content.decode()
    assert 'class="badge"' not in html and "งานของฉัน" in html


def test_my_work_shows_a_unit_editor_its_measures_in_open_rounds(client, bench):
    progress_round = bench.plan.rounds.get()
    services.change_round_date(progress_round=progress_round, as_of=date(2023, 5, 1))
    login(client, bench, "unit_editor")
    page = client.get(reverse("my_work"))
    work = page.context["work"]
    assert [(e.measure.number, e.overdue) for e in work.entries] == [(2, True)]  # กองคลัง's only
    assert work.count == 1
    html = page.content.decode()
    assert "มาตรการที่ยังต้องรายงาน: 1" in html and "เกินกำหนด" in html
    assert reverse("entry", args=[bench.agency.pk, 2566, 6, 2]) in html
    entry = work.entries[0]
    services.record_progress(
        entry=entry, values={"status": "done"}, user=bench.users["unit_editor"]
    )
    assert client.get(reverse("my_work")).context["work"].count == 0
    services.publish_round(progress_round=progress_round, published=True)  # no longer open
    assert client.get(reverse("my_work")).context["work"].entries == []


def test_the_coordinators_checklist_for_the_fiscal_year(client, bench):
    from prongsai.plans.queries import my_work

    work = my_work(bench.users["coordinator"], date(2023, 4, 15))  # fiscal year 2566
    (checklist,) = work.checklists
    assert checklist.fiscal_year == 2566
    steps = [(s.kind, s.months, s.state) for s in checklist.steps]
    assert steps == [
        ("results", None, "done"),  # ITA 2565 imported
        ("analysis", None, "due"),  # not published yet
        ("plan", None, "done"),
        ("approval", None, "done"),
        ("round", 6, "due"),  # opened as of 31 มี.ค. 2566, not published
        ("round", 12, "later"),  # as of 30 ก.ย. 2566
    ]
    assert checklist.steps[5].as_of == date(2023, 9, 30) and not checklist.steps[5].opened
    assert work.count == 2
    login(client, bench, "coordinator")
    html = client.get(reverse("my_work")).content.decode()
    assert "องค์การบริหารส่วนตำบลคอนนิม: ปีงบประมาณ" in html and "นำเข้าผลการประเมิน ITA ปี" in html
    assert my_work(bench.users["viewer"], date(2023, 4, 15)).count == 0


def test_my_work_reads_a_fixed_number_of_queries(bench, django_assert_max_num_queries):
    from prongsai.agencies.models import Agency, AgencyKind, Membership
    from prongsai.plans.queries import my_work

    officer = bench.users["coordinator"]
    for n in range(10):  # a provincial officer coordinating eleven agencies
        agency = Agency.objects.create(name=f"อบต.ทดสอบ {n}", kind=AgencyKind.SAO)
        Membership.objects.create(user=officer, agency=agency, role="coordinator")
        services.plan_for(agency=agency, fiscal_year=2566)
    with django_assert_max_num_queries(6):
        work = my_work(officer, date(2023, 4, 15))
        assert len(work.checklists) == 11
    assert work.count == 2 + 10 * 5  # results, analysis, plan, approval, the 6-month round


def test_agency_settings_errors_are_thai_and_name_no_model_field(client, bench):
    login(client, bench, "admin")
    url = reverse("agency_settings", args=[bench.agency.pk])
    page = client.get(url)
    data = {name: getattr(bench.agency, name) for name in ("kind", "province", "district")}
    data["name"] = "ก" * 250
    for prefix in ("units", "people"):
        formset = page.context[prefix]
        data[f"{prefix}-TOTAL_FORMS"] = str(len(formset.forms))
        data[f"{prefix}-INITIAL_FORMS"] = str(formset.initial_form_count())
        for i, form in enumerate(formset.forms):
            if form.instance.pk:
                data[f"{prefix}-{i}-id"] = form.instance.pk
                data[f"{prefix}-{i}-name"] = form.instance.name
                data[f"{prefix}-{i}-order"] = form.instance.order
    extra = page.context["units"].initial_form_count()
    data |= {f"units-{extra}-name": "กองคลัง", f"units-{extra}-order": "9"}
    html = client.post(url, data).content.decode()
    assert "ต้องยาวไม่เกิน 200 ตัวอักษร (ตอนนี้มี 250 ตัวอักษร)" in html
    assert "มีสองแถวที่ส่วนราชการซ้ำกัน แต่ละแถวต้องไม่ซ้ำกัน" in html
    assert "Ensure this value" not in html and "ใน name" not in html
