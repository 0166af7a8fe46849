"""The provincial officer of the demo, end to end in a real Chromium: log in → import
the province's list (upload, preview, confirm) → the dashboard → one agency, read only
→ the provincial summary report in Word and PDF."""

import io
import tempfile
from pathlib import Path

import pytest

from prongsai.cli.demo_data import load_demo
from prongsai.library import examples_dir
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
PROVINCE_LIST = examples_dir() / "province-satitburi-2567.csv"
SHOTS = Path(tempfile.gettempdir())  # screenshots of the pages, to look at


@pytest.fixture
def officer():
    """The demo as `prongsai demo` loads it: the officer's username and password."""
    username, _role, password = load_demo().overseers[0]
    return username, password


# `officer` before `browser`: data made once Playwright's loop runs would open a second
# database connection in this thread, which PostgreSQL then refuses to drop at teardown.
def test_a_provincial_officer_imports_and_reads_the_province(live_server, officer, browser):
    import docx
    from pypdf import PdfReader

    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.set_default_timeout(30_000)
    log_in(page, base, *officer)

    page.click("ul.bodies a:has-text('จังหวัดสาธิตบุรี')")
    page.click("text=นำเข้าผลการประเมินของหลายหน่วยงาน")
    page.set_input_files("#id_file", str(PROVINCE_LIST))
    page.click("button:has-text('ตรวจดูก่อนบันทึก')")
    notice = page.inner_text(".notice.ok")
    assert "เพิ่มผลการประเมิน 12 รายการ" in notice and "สร้างหน่วยงานใหม่ 2 แห่ง" in notice, notice
    page.screenshot(path=str(SHOTS / "oversight-preview.png"))
    refused = page.inner_text(".notice.error")
    assert "องค์การบริหารส่วนตำบลคอนนิม: หน่วยงานนี้ไม่อยู่ในความดูแลของจังหวัดสาธิตบุรี" in refused
    page.click("button:has-text('บันทึกทั้งหมด')")

    page.wait_for_url(f"{base}/oversight/**/2567/")
    assert "ผลใหม่ 12 รายการ" in page.inner_text("[role=status]")
    figures = page.inner_text(".summary")
    assert "หน่วยงานที่มีผลการประเมิน\n12" in figures and "ผ่าน (85 ขึ้นไป)\n11" in figures
    page.screenshot(path=str(SHOTS / "oversight-dashboard.png"), full_page=False)
    chart = page.locator("img.chart")  # drawn by the server: a broken image is 0 wide
    assert chart.evaluate("img => img.complete && img.naturalWidth") >= 640
    row = page.locator("table.agencies tr:has-text('เทศบาลตำบลคำบัวโคก')")
    assert "98.12" in row.inner_text() and "AA" in row.inner_text()
    assert "84.78" in page.inner_text("table.agencies tr:has-text('หนองสาธิต')")

    row.locator("a").first.click()
    page.wait_for_url(f"{base}/agencies/*/results/2567/")
    assert "98.12" in page.inner_text(".summary")
    main = page.locator("main")
    # read only: nothing on the page posts, and no link leads to a form that edits
    assert main.locator("form[method=post]").count() == 0
    edits = main.locator("a[href$='/results/import/'], a[href*='/results/?'], a:has-text('แก้ไข')")
    assert edits.count() == 0
    page.screenshot(path=str(SHOTS / "oversight-agency.png"), full_page=True)
    agency = page.url.split("/agencies/")[1].split("/")[0]
    refused = page.goto(f"{base}/agencies/{agency}/results/import/")
    assert refused.status == 403
    page.go_back()

    page.goto(f"{base}/oversight/")
    page.click("text=จังหวัดสาธิตบุรี")
    with page.expect_download() as word:
        page.click("a:has-text('Word')")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(_read(word.value))).paragraphs)
    assert "จังหวัดสาธิตบุรี" in text
    assert "มีผลการประเมิน ๑๒ แห่ง" in text and "ผ่านเกณฑ์ ๘๕ คะแนน ๑๑ แห่ง" in text
    with page.expect_download() as pdf:
        page.click("a:has-text('PDF')")
    first = PdfReader(io.BytesIO(_read(pdf.value))).pages[0].extract_text()
    assert "จังหวัดสาธิตบุรี" in first and "๑๒" in first
    page.set_viewport_size({"width": 390, "height": 844})  # the officer's phone
    page.screenshot(path=str(SHOTS / "oversight-dashboard-390.png"), full_page=True)


def _read(download) -> bytes:
    with open(download.path(), "rb") as f:
        return f.read()
