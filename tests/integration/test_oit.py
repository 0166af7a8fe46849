"""The OIT evidence workspace end to end: open a year from last year's results, assign,
fill, review, send back, approve, reopen on change; readiness through the engine."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.oit import linkcheck, queries, services
from prongsai.oit.models import Answer
from prongsai.oit.rules import element_checklist, expired_since, period_label
from tests.oit_bench import YEAR, open_year
from tests.workbench import PDF_BYTES, build

pytestmark = pytest.mark.django_db
TODAY = date(2023, 1, 15)


@pytest.fixture
def bench():
    return build()


@pytest.fixture
def workspace(bench):
    return open_year(bench)


def fill(answer, user, url="https://konnim.go.th/ita/o1"):
    services.fill(
        answer=answer,
        values={"available": True, "urls": url, "explanation": "หัวข้อ โครงสร้าง ด้านขวาของหน้า"},
        user=user,
    )


def test_data_year_rule_as_concrete_dates():
    assert period_label(2570, "current") == "ข้อมูลช่วง ต.ค. 2569 – มี.ค. 2570"
    assert period_label(2570, "previous") == "ข้อมูลช่วง ต.ค. 2568 – ก.ย. 2569"
    assert period_label(2570, "any") == "ข้อมูลที่เป็นปัจจุบัน (ไม่กำหนดช่วง)"
    assert expired_since(2570, "current", date(2026, 3, 31)) == date(2026, 3, 31)
    assert expired_since(2570, "current", date(2026, 10, 31)) is None
    assert expired_since(2570, "any", date(2020, 1, 1)) is None


def test_elements_become_a_checklist():
    assert element_checklist("ที่อยู่ หมายเลขโทรศัพท์ โทรสาร อีเมล และแผนที่ตั้ง") == [
        "ที่อยู่",
        "หมายเลขโทรศัพท์",
        "โทรสาร",
        "อีเมล",
        "แผนที่ตั้ง",
    ]
    assert element_checklist("ความก้าวหน้าของแผนในรอบ 6 เดือน") == ["ความก้าวหน้าของแผนในรอบ 6 เดือน"]


def test_opening_a_year_carries_last_years_result_through_the_renumbering(bench, workspace):
    assert workspace.framework == "nacc-2566"
    assert workspace.answers.count() == 43
    # 2566's O11 merged 2565's O10 and O18 (plan and budget); O10 failed with a comment.
    o11 = workspace.answers.get(code="O11")
    assert o11.previous == {
        "year": 2565,
        "codes": ["O10", "O18"],
        "passed": False,
        "comment": "ไม่พบแผนดำเนินงานของปีปัจจุบัน",
    }
    assert workspace.answers.get(code="O10").previous is None  # new in 2566
    assert workspace.answers.get(code="O1").previous["passed"] is True
    # Opening twice gives the same workspace.
    assert services.open_workspace(agency=bench.agency, fiscal_year=YEAR) == workspace


def test_the_next_year_starts_from_this_years_answers(bench, workspace):
    answer = workspace.answers.get(code="O13")  # previous-year data
    fill(answer, bench.users["coordinator"], "https://konnim.go.th/ita/report-2565")
    nxt = services.open_workspace(agency=bench.agency, fiscal_year=2567)
    carried = nxt.answers.filter(urls__contains="report-2565")
    # 2567's (reconstructed) map sends 2566's O12–O13 to its O9, the annual report.
    assert nxt.framework == "nacc-2567"
    assert [a.code for a in carried] == ["O9"]


def test_workflow_fill_review_return_approve_and_reopen(bench, workspace):
    coordinator, executive = bench.users["coordinator"], bench.users["executive"]
    answer = workspace.answers.get(code="O1")
    with pytest.raises(services.OitError):
        services.review(answer=answer, user=coordinator)
    with pytest.raises(services.OitError, match="URL"):
        services.fill(answer=answer, values={"available": True, "urls": ""}, user=coordinator)
    fill(answer, bench.users["unit_editor"])
    assert answer.status == Answer.Status.FILLED and answer.filled_by == bench.users["unit_editor"]
    services.send_back(answer=answer, user=coordinator, comment="ใส่แผนผังของฝ่ายการเมืองด้วย")
    assert answer.status == Answer.Status.RETURNED
    assert list(answer.comments.values_list("text", flat=True)) == ["ใส่แผนผังของฝ่ายการเมืองด้วย"]
    fill(answer, bench.users["unit_editor"], "https://konnim.go.th/ita/o1-v2")
    services.review(answer=answer, user=coordinator)
    with pytest.raises(services.OitError):
        services.approve(answer=workspace.answers.get(code="O2"), user=executive)
    services.approve(answer=answer, user=executive)
    answer.refresh_from_db()
    assert answer.status == Answer.Status.APPROVED and answer.approved_by == executive
    assert answer.approved_state["urls"] == ["https://konnim.go.th/ita/o1-v2"]
    assert answer.approved_state["available"] is True
    # Saving the same answer again changes nothing; a real change reopens it.
    assert (
        services.fill(
            answer=answer,
            values={
                "available": True,
                "urls": "https://konnim.go.th/ita/o1-v2",
                "explanation": "หัวข้อ โครงสร้าง ด้านขวาของหน้า",
            },
            user=coordinator,
        )
        is False
    )
    assert answer.status == Answer.Status.APPROVED
    assert (
        services.fill(
            answer=answer,
            values={"available": True, "urls": "https://konnim.go.th/x"},
            user=coordinator,
        )
        is True
    )
    answer.refresh_from_db()
    assert answer.status == Answer.Status.FILLED
    assert answer.approved is None and answer.approved_state is None


def test_bulk_approval_takes_only_reviewed_items(bench, workspace):
    for code in ("O1", "O2", "O3"):
        answer = workspace.answers.get(code=code)
        fill(answer, bench.users["coordinator"])
        if code != "O3":
            services.review(answer=answer, user=bench.users["coordinator"])
    assert services.approve_reviewed(workspace=workspace, user=bench.users["executive"]) == 2
    statuses = dict(
        workspace.answers.filter(code__in=["O1", "O2", "O3"]).values_list("code", "status")
    )
    assert statuses == {"O1": "approved", "O2": "approved", "O3": "filled"}


def test_readiness_through_the_engine(bench, workspace):
    before = queries.readiness(workspace, today=TODAY)
    # IIT (99.116) and EIT (98.4166…) from 2565; nothing passes yet: OIT 0.
    assert before.survey_year == 2565
    assert before.tools["IIT"] == Decimal("99.116")
    assert before.oit_indicators == {9: Decimal(0), 10: Decimal(0)}
    assert round(before.overall, 4) == Decimal("59.2598")
    # Fix these first: the five items of 10.2 are worth 2 ITA points each, 10.1's 1.25.
    assert [(f["code"], f["points"]) for f in before.fix_first[:6]] == [
        ("O39", Decimal(2)),
        ("O40", Decimal(2)),
        ("O41", Decimal(2)),
        ("O42", Decimal(2)),
        ("O43", Decimal(2)),
        ("O31", Decimal("1.25")),
    ]
    answer = workspace.answers.get(code="O1")
    fill(answer, bench.users["coordinator"])
    assert queries.readiness(workspace, today=TODAY).overall == before.overall  # not reviewed
    services.review(answer=answer, user=bench.users["coordinator"])
    after = queries.readiness(workspace, today=TODAY)
    # O1 is one of 10 items of 9.1, one of 5 sub-indicators of indicator 9: 9 = 2, OIT = 1.
    assert after.oit_indicators[9] == Decimal(2)
    assert round(after.overall - before.overall, 4) == Decimal("0.4000")
    assert "O1" not in [f["code"] for f in after.fix_first]


def test_carried_evidence_for_an_ended_period_is_flagged(bench, workspace):
    answer = workspace.answers.get(code="O7")  # current-year data
    services.fill(
        answer=answer,
        values={
            "available": True,
            "urls": "https://konnim.go.th/news",
            "covers_until": date(2022, 3, 31),
        },
        user=bench.users["coordinator"],
    )
    rows = {r.answer.code: r for r in queries.rows(workspace, _access(bench, "admin"), today=TODAY)}
    assert rows["O7"].expired == "ข้อมูลถึง 31 มี.ค. 65 หมดช่วงแล้ว"
    assert rows["O7"].period == "ข้อมูลช่วง ต.ค. 2565 – มี.ค. 2566"
    assert rows["O5"].elements[0] == ("ที่อยู่", False)
    readiness = queries.readiness(workspace, today=TODAY)
    assert readiness.expiring == [
        {"code": "O7", "title": "ข่าวประชาสัมพันธ์", "until": date(2022, 3, 31)}
    ]


def test_overdue_and_unit_filter(bench, workspace):
    answer = workspace.answers.get(code="O21")
    services.assign(
        answer=answer,
        unit=bench.finance,
        assignee=bench.users["unit_editor"],
        due=date(2023, 1, 10),
    )
    access = _access(bench, "unit_editor")
    mine = queries.rows(workspace, access, today=TODAY, unit_id=bench.finance.pk)
    assert [(r.answer.code, r.overdue, r.editable) for r in mine] == [("O21", True, True)]
    others = queries.rows(workspace, access, today=TODAY)
    assert {r.answer.code for r in others if r.editable} == {"O21"}


def test_attachments_are_checked_by_content(bench, workspace):
    answer = workspace.answers.get(code="O1")
    attachment = services.add_attachment(
        answer=answer,
        user=bench.users["coordinator"],
        upload=SimpleUploadedFile("ผัง.pdf", PDF_BYTES),
    )
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF_BYTES)
    with pytest.raises(services.OitError, match="รับเฉพาะไฟล์"):
        services.add_attachment(
            answer=answer, user=None, upload=SimpleUploadedFile("ผัง.pdf", b"<html>not a pdf")
        )


def test_the_link_checker_hook(bench, workspace):
    answer = workspace.answers.get(code="O1")
    fill(answer, bench.users["coordinator"], "https://konnim.go.th/a\nhttps://konnim.go.th/b")
    assert [(t.answer_id, t.code, t.item.url) for t in linkcheck.targets(workspace)] == [
        (answer.pk, "O1", "https://konnim.go.th/a"),
        (answer.pk, "O1", "https://konnim.go.th/b"),
    ]
    services.record_link_check(answer=answer, verdict="ok 200")
    answer.refresh_from_db()
    assert answer.link_verdict == "ok 200" and answer.link_checked is not None


def _access(bench, role):
    from prongsai.agencies.access import access_for

    return access_for(bench.users[role], bench.agency.pk)


def test_demo_opens_the_coming_year_from_last_year():
    from prongsai.agencies.models import Agency
    from prongsai.cli.demo_data import load_demo

    load_demo()
    agency = Agency.objects.get(name="องค์การบริหารส่วนตำบลคอนนิม")
    coming = queries.coming_year()
    workspace = queries.workspace_of(agency, coming)
    assert workspace.framework == queries.edition_for(coming)[0].key
    o5 = workspace.answers.get(code="O5")  # carried over, not yet touched this year
    assert o5.status == "not_started"
    assert o5.url_list == [f"https://www.konnim.go.th/ita/{coming - 1}/o5"]
    assert o5.previous["year"] == coming - 1 and o5.previous["status"] == "approved"
    statuses = dict(workspace.answers.values_list("code", "status"))
    assert (statuses["O1"], statuses["O3"], statuses["O12"]) == ("reviewed", "filled", "filled")
    o11 = workspace.answers.get(code="O11")
    assert o11.unit.name == "กองคลัง" and o11.assignee.username == "kongkhlang"
    assert queries.is_overdue(o11, date.today())
    load_demo()  # again: nothing duplicated or refilled
    assert queries.workspace_of(agency, coming).answers.filter(status="filled").count() == 2


def test_the_publication_memo_is_issued_by_the_office_not_a_catch_all_unit(bench, workspace):
    from prongsai.agencies.models import Unit
    from prongsai.oit.documents import agency_input

    bench.agency.units.update(order=5)
    Unit.objects.create(agency=bench.agency, name="ทุกส่วนราชการ", order=0)  # listed first
    assert bench.agency.units.first().name == "ทุกส่วนราชการ"
    assert agency_input(workspace).unit == "สำนักปลัด"
