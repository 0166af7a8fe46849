"""In a real Chromium: two people edit the same measure, the second is shown both
versions and keeps theirs; an invited user accepts from the home page."""

import os

import pytest
from django.urls import reverse

from prongsai.agencies.services import invite_member
from prongsai.plans import services
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, UserFactory
from tests.workbench import build

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("E2E_SCREENSHOTS")  # a folder: save what each step looked like


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def bench():
    workbench = build()
    services.reopen(plan=workbench.plan)
    UserFactory(username="somjai", first_name="สมใจ รักงาน")
    invite_member(
        agency=workbench.agency, username="somjai", role="viewer", by=workbench.users["admin"]
    )
    return workbench


@pytest.mark.parametrize("width", [1366, 390])
def test_the_second_editor_sees_both_versions_and_keeps_theirs(live_server, bench, browser, width):
    base = live_server.url
    url = base + reverse("measure", args=[bench.agency.pk, 2566, 1])
    pages = []
    for role in ("coordinator", "admin"):
        page = browser.new_context(viewport={"width": width, "height": 768}).new_page()
        page.set_default_timeout(20_000)
        log_in(page, base, role, PASSWORD)
        page.goto(url)
        pages.append(page)
    first, second = pages
    first.fill("#id_title", "ประกาศเจตจำนงสุจริตของผู้บริหาร")
    first.click("button:has-text('บันทึก')")
    first.wait_for_url(f"{base}/agencies/{bench.agency.pk}/plans/2566/")
    second.fill("#id_title", "อบรมคุณธรรมให้ผู้บริหาร")
    second.fill("#id_kpi", "ร้อยละ ๙๐ ของผู้บริหารเข้าร่วม")
    second.click("#edit-form button[type=submit]")
    conflict = second.locator(".conflict")
    assert "ยังไม่ได้บันทึก" in conflict.inner_text()
    assert "สมศรี ผู้ประสานงาน ITA" in conflict.inner_text()  # who saved in between
    assert second.input_value("#id_title") == "อบรมคุณธรรมให้ผู้บริหาร"  # nothing typed lost
    shot(second, f"conflict-{width}")
    # What is saved is read through the pages: an ORM query made here, once Playwright's
    # loop runs, would open a second connection PostgreSQL then refuses to drop.
    saved = conflict.locator("tr.differs").first.inner_text()
    assert "ประกาศเจตจำนงสุจริตของผู้บริหาร" in saved  # the first save stands
    second.click("button:has-text('ใช้ของฉัน')")
    second.wait_for_url(f"{base}/agencies/{bench.agency.pk}/plans/2566/")
    plan_page = second.content()
    assert "อบรมคุณธรรมให้ผู้บริหาร" in plan_page
    assert "ประกาศเจตจำนงสุจริตของผู้บริหาร" not in plan_page


def test_an_invited_user_accepts_on_the_home_page(live_server, bench, browser):
    base = live_server.url
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.set_default_timeout(20_000)
    log_in(page, base, "somjai", PASSWORD)
    shot(page, "invitation-390")
    page.click(".invitations button:has-text('ตอบรับ')")
    page.wait_for_url(f"{base}/agencies/{bench.agency.pk}/")
    assert "ท่านเป็นสมาชิกของ" in page.content()
    admin = browser.new_page(viewport={"width": 1366, "height": 768})
    log_in(admin, base, "admin", PASSWORD)
    admin.goto(base + reverse("members", args=[bench.agency.pk]))
    assert "somjai" in admin.locator("table").first.inner_text()
    shot(admin, "members-1366")
