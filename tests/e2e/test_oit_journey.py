"""The OIT preparation of an agency, end to end in a real Chromium: the officer opens the
coming year's workspace (2570's) pre-filled from last year and assigns an item → the unit
fills it (a URL on the agency's website, here a test server on loopback) → the coordinator
reviews it → the executive approves it and downloads the publication memo → the links are
checked with a progress bar, a dead link and a wrong-year page flagged with their reasons →
the answer sheet opens in Excel → the readiness figure rises as an item is fixed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from prongsai.agencies.models import Agency, AgencyKind, Membership
from prongsai.agencies.services import ensure_default_units
from prongsai.oit import queries, services
from tests.e2e.conftest import log_in, log_out, run_worker
from tests.link_server import serve

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def year():
    """The ITA year being prepared today (2570 from October 2569), as the app opens it."""
    return queries.coming_year()


@pytest.fixture
def site():
    with serve() as server:
        yield f"http://127.0.0.1:{server.port}"


@pytest.fixture
def agency(site, settings, year):
    """The demo's อบต. with its website on the test server and last year's answers
    approved: O1 on a page that has since gone, O2 on last year's page (O2 needs this
    year's data), O3 on a page of any year."""
    settings.LINK_CHECK_ALLOW_PRIVATE = True  # the test website is on loopback
    agency = Agency.objects.create(
        name="องค์การบริหารส่วนตำบลคอนนิม",
        kind=AgencyKind.SAO,
        province="ขอนแก่น",
        district="เวียงใหญ่",
        website=site + "/",
    )
    ensure_default_units(agency=agency)
    finance = agency.units.get(name="กองคลัง")
    users = {}
    for username, role, unit, name in (
        ("somsri", "coordinator", None, "สมศรี"),
        ("nayok", "executive", None, "สมศักดิ์"),
        ("wichai", "unit_editor", finance, "วิชัย"),
    ):
        user = get_user_model().objects.create_user(
            username, password="pw-for-e2e", first_name=name
        )
        Membership.objects.create(user=user, agency=agency, role=role, unit=unit)
        users[role] = user
    last = services.open_workspace(agency=agency, fiscal_year=year - 1)
    for code, path in (("O1", "/gone"), ("O2", f"/fy{year - 1}/o2"), ("O3", f"/fy{year - 1}/o3")):
        answer = last.answers.get(code=code)
        values = {"available": True, "urls": site + path, "explanation": "เมนู ITA"}
        services.fill(answer=answer, values=values, user=users["coordinator"])
        services.review(answer=answer, user=users["coordinator"])
    services.approve_reviewed(workspace=last, user=users["executive"])
    return agency


def readiness(page) -> str:
    return page.inner_text("p:has-text('หากตรวจตอนนี้จะผ่าน')")


def test_the_oit_preparation_of_an_agency(live_server, agency, site, year, browser):
    base = live_server.url
    workspace_url = f"{base}/agencies/{agency.pk}/oit/{year}/"
    item_url = workspace_url + "items/{}/"
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.set_default_timeout(30_000)

    # The officer opens the year: every item of the edition, last year's answers in.
    log_in(page, base, "somsri")
    page.goto(workspace_url)
    page.click(f"button:has-text('เปิดการเตรียมข้อมูล OIT ปี {year}')")
    assert f"{site}/fy{year - 1}/o2" in page.inner_text("main")
    assert "หากตรวจตอนนี้จะผ่าน 0 จาก" in readiness(page)
    period = f"ข้อมูลช่วง ต.ค. {year - 1} – มี.ค. {year}"
    assert period in page.inner_text("main")  # Arabic digits, as on every page
    assert "ออกได้เมื่อผู้บริหารอนุมัติอย่างน้อยหนึ่งข้อ" in page.inner_text(".workflow")

    # … and gives O11 to กองคลัง, วิชัย, with a due date.
    page.goto(item_url.format("O11"))
    page.select_option("#id_unit", label="กองคลัง")
    page.select_option("#id_assignee", label="วิชัย")
    page.fill("#id_due", f"31/03/{year}")
    page.click("button:has-text('มอบหมาย')")
    log_out(page)

    # The unit finds it in "my work" and fills it.
    log_in(page, base, "wichai")
    assert page.inner_text(".my-work .badge") == "1"
    page.click(".my-work")
    page.click("table.oit-work a:has-text('O11')")
    page.select_option("#id_available", "yes")
    page.fill("#id_urls", f"{site}/fy{year}/o11")
    page.fill("#id_explanation", "เมนู ITA > O11 ตารางด้านบน")
    page.click("form.panel button:has-text('บันทึก')")
    assert "กรอกแล้ว" in page.inner_text(".pill")
    log_out(page)

    # The coordinator reviews it from "my work".
    log_in(page, base, "somsri")
    page.click(".my-work")
    page.click("h2:has-text('ข้อ OIT ที่รอการตรวจทาน') + div a:has-text('O11')")
    page.click("button:has-text('ตรวจทานแล้ว')")
    log_out(page)

    # The executive approves it and downloads the publication memo.
    log_in(page, base, "nayok")
    page.click(".my-work")
    page.click("h2:has-text('ข้อ OIT ที่รอการอนุมัติ') + div a:has-text('O11')")
    page.click(".workflow button:has-text('อนุมัติ')")
    page.goto(workspace_url)
    assert "หากตรวจตอนนี้จะผ่าน 1 จาก" in readiness(page)
    for label, name, magic in (("Word", "docx", b"PK"), ("PDF", "pdf", b"%PDF")):
        with page.expect_download() as download:
            page.click(f".workflow a:text-is('{label}')")
        assert download.value.suggested_filename == f"oit-{year}-publication-memo.{name}"
        assert Path(download.value.path()).read_bytes().startswith(magic)
    log_out(page)

    # The coordinator checks every link: the bar runs, then the verdicts show.
    log_in(page, base, "somsri")
    page.goto(workspace_url)
    page.click("button:has-text('ตรวจลิงก์ทั้งหมด')")
    assert page.inner_text(".link-job [data-job-label]") == "รอเริ่ม"
    assert page.get_attribute(".link-job progress", "value") == "0"
    run_worker()
    page.wait_for_selector(".link-check", timeout=30_000)  # the page reloads itself when done
    assert page.locator(".link-job").count() == 0
    main = page.inner_text("main")
    o1, o2, o11 = (
        page.inner_text(f"#all-items tr:has(a:text-is('{c}'))") for c in ("O1", "O2", "O11")
    )
    assert "เปิดไม่ได้" in o1 and "เซิร์ฟเวอร์ตอบ 404" in o1
    assert "ไม่ตรงปีงบประมาณ" in o2 and f"ไม่พบปีงบประมาณ {year} (พบ: {year - 1})" in o2
    assert "✓ ผ่าน" in o11 and "ตรวจล่าสุด" in main

    # The answer sheet opens with openpyxl: a header, then every item in ITAS's order.
    with page.expect_download() as download:
        page.click(".workflow a:text-is('Excel')")
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("ข้อ", "หัวข้อ", "มี/ไม่มี", "URL", "คำอธิบาย")
    assert [r[0] for r in rows[1:4]] == ["O1", "O2", "O3"]
    o11_row = next(r for r in rows if r[0] == "O11")
    assert o11_row[2:] == ("มี", f"{site}/fy{year}/o11", "เมนู ITA > O11 ตารางด้านบน")

    # O1 is fixed: a page of this year, reviewed, its link checked again → it passes and
    # the readiness figure rises.
    page.goto(item_url.format("O1"))
    page.fill("#id_urls", f"{site}/fy{year}/o1")
    page.click("form.panel button:has-text('บันทึก')")
    page.click("button:has-text('ตรวจทานแล้ว')")
    page.click("button:has-text('ตรวจลิงก์ของข้อนี้')")
    page.wait_for_selector(".job progress")  # the job's own page
    run_worker()
    page.wait_for_url(item_url.format("O1"), timeout=30_000)  # … follows to the item when done
    history = page.inner_text("table.link-history")
    assert "✓ ผ่าน" in history and "✗ เปิดไม่ได้" in history
    page.goto(workspace_url)
    assert "หากตรวจตอนนี้จะผ่าน 2 จาก" in readiness(page)
