"""The OIT workspace through the web: the page, an item's round trip, the exports and
the publication memo, with the values a user sees."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils.timezone import now
from openpyxl import load_workbook

from prongsai.agencies.models import Person
from prongsai.oit import queries, services
from prongsai.oit.models import Answer, LinkCheck
from tests.oit_bench import YEAR, open_year
from tests.workbench import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench():
    return build()


@pytest.fixture
def workspace(bench):
    return open_year(bench)


def url(name, bench, *args):
    return reverse(name, args=(bench.agency.pk, *args))


def test_the_default_year_is_the_coming_one_on_the_latest_edition(client, bench):
    client.force_login(bench.users["coordinator"])
    coming = queries.coming_year()
    response = client.get(url("oit_home", bench))
    assert response.status_code == 302 and response["Location"] == url("oit", bench, coming)
    page = client.get(url("oit", bench, 2570)).content.decode()
    assert "nacc-2569" in page and "ยังไม่มีเกณฑ์" in page
    client.post(url("oit_open", bench, 2570))
    workspace = queries.workspace_of(bench.agency, 2570)
    assert workspace.framework == "nacc-2569" and workspace.answers.count() == 26
    page = client.get(url("oit", bench, 2570)).content.decode()
    assert "ข้อมูลช่วง ต.ค. 2569 – มี.ค. 2570" in page  # O1: current-year data
    assert "ข้อมูลช่วง ต.ค. 2568 – ก.ย. 2569" in page  # O12: the year before


def test_workspace_page_shows_readiness_and_last_year(client, bench, workspace):
    client.force_login(bench.users["viewer"])
    page = client.get(url("oit", bench, YEAR)).content.decode()
    assert "59.26" in page  # predicted ITA with no item passing
    assert "ไม่พบแผนดำเนินงาน" not in page  # comments only on the item page
    assert page.count('href="' + url("oit_item", bench, YEAR, "O39")) == 2  # fix-first + table
    item = client.get(url("oit_item", bench, YEAR, "O11")).content.decode()
    assert "ไม่พบแผนดำเนินงานของปีปัจจุบัน" in item and "O10" in item


def test_unit_editor_fills_own_item_and_the_executive_approves(client, bench, workspace):
    answer = workspace.answers.get(code="O21")
    services.assign(
        answer=answer, unit=bench.finance, assignee=bench.users["unit_editor"], due=date(2000, 1, 1)
    )
    client.force_login(bench.users["unit_editor"])
    page = client.get(url("oit", bench, YEAR)).content.decode()
    mine = page.split("ข้อ OIT ของฉัน")[1].split("</table>")[0]
    assert "O21" in mine and 'class="overdue"' in mine and "O22" not in mine
    response = client.post(
        url("oit_item", bench, YEAR, "O21"),
        {
            "available": "yes",
            "urls": "https://konnim.go.th/ita/o21\nhttps://konnim.go.th/ita/o21.xlsx",
            "explanation": "เมนู ITA > O21 ตารางสรุปผลรายเดือน",
            "elements_checked": ["สรุปผลรายเดือน (แบบ สขร.1) ของปีปัจจุบัน"],
            "covers_until": "31/12/2565",
        },
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.status == Answer.Status.FILLED
    assert answer.url_list == ["https://konnim.go.th/ita/o21", "https://konnim.go.th/ita/o21.xlsx"]
    assert answer.covers_until == date(2022, 12, 31)
    # Not their unit's item: refused.
    assert client.post(url("oit_item", bench, YEAR, "O1"), {"available": "no"}).status_code == 403
    client.force_login(bench.users["coordinator"])
    client.post(url("oit_step", bench, YEAR, "O21", "review"))
    client.force_login(bench.users["executive"])
    client.post(url("oit_approve_reviewed", bench, YEAR))
    answer.refresh_from_db()
    assert (
        answer.status == Answer.Status.APPROVED and answer.approved_by == bench.users["executive"]
    )


def test_return_needs_a_comment(client, bench, workspace):
    answer = workspace.answers.get(code="O1")
    services.fill(answer=answer, values={"available": False}, user=bench.users["coordinator"])
    client.force_login(bench.users["coordinator"])
    client.post(url("oit_step", bench, YEAR, "O1", "return"), {"text": ""})
    answer.refresh_from_db()
    assert answer.status == Answer.Status.FILLED
    client.post(url("oit_step", bench, YEAR, "O1", "return"), {"text": "ยังไม่มีแผนผัง"})
    answer.refresh_from_db()
    assert answer.status == Answer.Status.RETURNED


def _answered(bench, workspace):
    for code, available in (("O1", True), ("O2", False)):
        answer = workspace.answers.get(code=code)
        services.fill(
            answer=answer,
            values={
                "available": available,
                "urls": f"https://konnim.go.th/ita/{code.lower()}" if available else "",
                "explanation": "หัวข้อโครงสร้าง ด้านบนของหน้า" if available else "",
            },
            user=bench.users["coordinator"],
        )
        services.review(answer=answer, user=bench.users["coordinator"])
    services.approve(answer=workspace.answers.get(code="O1"), user=bench.users["executive"])


def test_answer_sheet_in_itas_order(client, bench, workspace):
    _answered(bench, workspace)
    client.force_login(bench.users["viewer"])
    response = client.get(url("oit_sheet", bench, YEAR, "csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["ข้อ", "หัวข้อ", "มี/ไม่มี", "URL", "คำอธิบาย"]
    assert rows[1] == [
        "O1",
        "โครงสร้าง",
        "มี",
        "https://konnim.go.th/ita/o1",
        "หัวข้อโครงสร้าง ด้านบนของหน้า",
    ]
    assert rows[2][:3] == ["O2", "ข้อมูลผู้บริหาร", "ไม่มี"]
    assert [r[0] for r in rows[1:]] == [f"O{n}" for n in range(1, 44)]
    response = client.get(url("oit_sheet", bench, YEAR, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == rows[1]
    assert sheet.max_row == 44


def test_publication_memo_lists_the_approved_items(client, bench, workspace):
    from pypdf import PdfReader

    Person.objects.create(
        agency=bench.agency,
        signs_as="executive",
        name="นายสมศักดิ์ รักษ์ถิ่น",
        positions="นายกองค์การบริหารส่วนตำบลคอนนิม",
    )
    _answered(bench, workspace)
    client.force_login(bench.users["executive"])
    response = client.get(url("oit_memo", bench, YEAR, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = "".join(page.extract_text() for page in pages).replace("\n", "")
    assert "ขออนุญาตเผยแพร่ข้อมูลบนเว็บไซต์" in text
    assert "https://konnim.go.th/ita/o1" in text and "ita/o2" not in text  # O2 is only reviewed
    assert "จำนวน ๑ ข้อ" in text and "นายสมศักดิ์ รักษ์ถิ่น" in text
    response = client.get(url("oit_memo", bench, YEAR, "docx"))
    from docx import Document

    document = Document(io.BytesIO(response.content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "https://konnim.go.th/ita/o1" in cells and "O1" in cells


def test_attachment_round_trip(client, bench, workspace):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.workbench import PDF_BYTES

    client.force_login(bench.users["coordinator"])
    client.post(
        url("oit_attach", bench, YEAR, "O1"), {"file": SimpleUploadedFile("ผัง.pdf", PDF_BYTES)}
    )
    attachment = workspace.answers.get(code="O1").attachments.get()
    response = client.get(url("oit_attachment", bench, attachment.pk))
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"


def test_the_api_reads_the_workspace(client, bench, workspace):
    from prongsai.api.tokens import create_token

    _answered(bench, workspace)
    _token, plain = create_token(
        user=bench.users["viewer"], name="read", scope="read", agency_ids=[bench.agency.pk]
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    reply = client.get(f"/api/v1/agencies/{bench.agency.pk}/oit/{YEAR}", **auth)
    assert reply.status_code == 200, reply.content
    data = reply.json()
    assert data["framework"] == "nacc-2566" and len(data["items"]) == 43
    assert data["counts"] == {
        "not_started": 41,
        "returned": 0,
        "filled": 0,
        "reviewed": 1,
        "approved": 1,
    }
    o1 = data["items"][0]
    assert o1["code"] == "O1" and o1["status"] == "approved"
    assert o1["urls"] == ["https://konnim.go.th/ita/o1"]
    assert o1["approved_by"] == "สมศักดิ์ นายก อบต."
    assert o1["period"] == "ข้อมูลช่วง ต.ค. 2565 – มี.ค. 2566"
    assert o1["previous"] == {"year": 2565, "codes": ["O1"], "passed": True, "comment": ""}
    assert data["readiness"]["oit_indicators"] == {"9": 2.0, "10": 0.0}
    assert round(data["readiness"]["overall"], 4) == 59.6598
    again = client.get(
        f"/api/v1/agencies/{bench.agency.pk}/oit/{YEAR}",
        HTTP_IF_NONE_MATCH=reply.headers["ETag"],
        **auth,
    )
    assert again.status_code == 304
    other = client.get(f"/api/v1/agencies/{bench.agency.pk}/oit/{YEAR + 1}", **auth)
    assert other.status_code == 404


def test_the_workspace_page_reads_a_bounded_number_of_queries(
    client, bench, workspace, django_assert_max_num_queries
):
    client.force_login(bench.users["coordinator"])
    client.get(url("oit", bench, YEAR))  # warm the editions cache
    for answer in workspace.answers.all()[:20]:
        services.assign(
            answer=answer, unit=bench.finance, assignee=bench.users["unit_editor"], due=None
        )
        services.fill(
            answer=answer,
            values={"available": True, "urls": "https://konnim.go.th/ita/x"},
            user=bench.users["coordinator"],
        )
        for verdict in ("broken", "ok"):  # a history: the page reads the latest only
            LinkCheck.objects.create(
                answer=answer, url="https://konnim.go.th/ita/x", verdict=verdict, checked=now()
            )
    # 20 before link checks; +1 their latest verdicts, +1 a check in progress, +1 the
    # OIT items in the header's "my work" count.
    with django_assert_max_num_queries(23):
        response = client.get(url("oit", bench, YEAR))
    assert response.status_code == 200
    assert response.content.decode().count('class="link-check link-ok"') == 20


def test_a_year_outside_the_buddhist_era_range_is_not_found(client, bench):
    client.force_login(bench.users["coordinator"])
    assert client.get(url("oit", bench, 99999)).status_code == 404
    assert client.post(url("oit_open", bench, 2023)).status_code == 404
    assert not queries.workspaces(bench.agency).exists()
