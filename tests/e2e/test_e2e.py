"""The year of an agency, end to end in a real Chromium (Debian's, through Playwright):
log in → import results → read the analysis → suggest and edit measures → approve →
record a progress round → publish → read it on the public page without logging in."""

import pytest
from django.contrib.auth import get_user_model

from prongsai.agencies.models import Agency, AgencyKind, Membership
from prongsai.agencies.services import ensure_default_units
from tests.e2e.conftest import PASSWORD, log_in
from tests.helpers import SEED_000
from tests.unit.test_import_text import SEED_TEXTS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agency():
    agency = Agency.objects.create(
        name="องค์การบริหารส่วนตำบลคอนนิม", kind=AgencyKind.SAO, province="ขอนแก่น", district="เวียงใหญ่"
    )
    ensure_default_units(agency=agency)
    office = agency.units.get(name="สำนักปลัด")
    for username, role, unit in (
        ("somsri", "coordinator", None),
        ("nayok", "executive", None),
        ("sompong", "unit_editor", office),  # the suggested measures are สำนักปลัด's
    ):
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        Membership.objects.create(user=user, agency=agency, role=role, unit=unit)
    return agency


# `agency` before `browser`: data made once Playwright's loop runs would open a second
# database connection in this thread, which PostgreSQL then refuses to drop at teardown.
def test_the_year_of_an_agency(live_server, agency, browser):
    base = live_server.url
    a = agency.pk
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.set_default_timeout(20_000)

    log_in(page, base, "somsri")
    page.click(f"a[href='/agencies/{a}/']")
    page.click("text=นำเข้าผลการประเมิน ITA")
    page.fill("#id_text", SEED_TEXTS[SEED_000].read_text(encoding="utf-8"))
    page.click("button:has-text('อ่านและแสดงตัวอย่าง')")
    assert page.input_value("#id_ind_9") == "84.56"
    assert "ปีที่ประเมินไม่ชัดเจน" in page.content()
    page.click("button:has-text('บันทึกผลการประเมิน')")
    page.wait_for_url(f"{base}/agencies/{a}/results/2565/")
    assert "92.42" in page.inner_text(".summary")

    page.click("text=แผนมาตรการปีงบประมาณ 2566")
    page.click("button:has-text('เสนอมาตรการจากผลการประเมิน ITA ปี 2565')")
    assert page.locator("table.grid tbody tr").count() == 2
    page.click("table.grid tbody tr:first-child a:has-text('แก้ไข')")
    page.fill("#id_title", "เผยแพร่ข้อมูลสาธารณะบนเว็บไซต์ครบทุกหัวข้อภายในเดือนธันวาคม")
    page.click("button:has-text('บันทึก')")
    assert "ภายในเดือนธันวาคม" in page.inner_text("table.grid")
    page.click("button:has-text('เสนอขออนุมัติ')")
    page.click("button:has-text('ออกจากระบบ')")

    # The executive's "my work": the header counts the plan, the page links to it.
    log_in(page, base, "nayok")
    assert page.inner_text(".my-work .badge") == "1"
    page.click(".my-work")
    assert "แผนที่รอการอนุมัติ\nแผนมาตรการ ปี 2566 ขององค์การบริหารส่วนตำบลคอนนิม" in page.inner_text("main")
    page.click("ul.work a")
    page.wait_for_url(f"{base}/agencies/{a}/plans/2566/")
    page.click("button:has-text('อนุมัติแผนมาตรการ')")
    assert "อนุมัติแล้ว" in page.inner_text("main")
    page.click("button:has-text('ออกจากระบบ')")

    log_in(page, base, "somsri")
    page.goto(f"{base}/agencies/{a}/plans/2566/")
    page.select_option("#id_months", "6")
    page.fill("#id_as_of", "31/03/2566")
    page.click("button:has-text('เปิดรอบรายงานผล')")
    page.wait_for_url(f"{base}/agencies/{a}/plans/2566/rounds/6/")
    page.click("button:has-text('ออกจากระบบ')")

    # The unit editor's "my work": its unit's measures in the round just opened.
    log_in(page, base, "sompong")
    page.click(".my-work")
    work = page.inner_text("main")
    assert "ภายในเดือนธันวาคม" in work and "รอบ" in work
    assert page.locator("main table.grid tbody tr").count() == 2
    page.click("button:has-text('ออกจากระบบ')")

    log_in(page, base, "somsri")
    page.goto(f"{base}/agencies/{a}/plans/2566/rounds/6/")
    page.click("table.grid tbody tr:first-child a:has-text('บันทึกผล')")
    page.select_option("#id_status", "done")
    page.fill("#id_done", "ปรับปรุงข้อมูลบนเว็บไซต์ครบ ๓๒ หัวข้อ")
    page.fill("#id_done_on", "15/02/2566")
    page.click("button:has-text('บันทึก')")
    assert "ดำเนินการแล้ว" in page.inner_text("table.grid")
    page.click("button:has-text('เผยแพร่รอบนี้')")
    page.goto(f"{base}/agencies/{a}/plans/2566/")
    page.click("button:has-text('เผยแพร่มาตรการ')")

    public = browser.new_context().new_page()  # nobody logged in
    public.goto(f"{base}/p/{a}/")
    public.click("text=มาตรการ ปีงบประมาณ 2566")
    assert "ภายในเดือนธันวาคม" in public.content()
    public.goto(f"{base}/p/{a}/")
    public.click("text=ปีงบประมาณ 2566 รอบ 6 เดือน")
    assert "ปรับปรุงข้อมูลบนเว็บไซต์ครบ ๓๒ หัวข้อ" in public.inner_text("body")
    with public.expect_download() as download:
        public.click("text=ดาวน์โหลด PDF")
    assert download.value.suggested_filename == "progress-2566-6.pdf"
