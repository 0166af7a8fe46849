"""A large report in a real Chromium: the upload opens the job's page, its progress bar
follows the worker without a reload and opens the preview when the reading is done."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

from prongsai.agencies.models import Agency, AgencyKind, Membership
from prongsai.jobs.models import Job
from tests.e2e.conftest import log_in
from tests.unit.test_import_text import FIXTURES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agency():
    agency = Agency.objects.create(name="องค์การบริหารส่วนตำบลคอนนิม", kind=AgencyKind.SAO)
    user = get_user_model().objects.create_user("somsri", password="pw-for-e2e")
    Membership.objects.create(user=user, agency=agency, role="coordinator")
    return agency


@override_settings(IMPORT_BACKGROUND_PAGES=5)  # the report has 7 pages
def test_a_large_report_is_read_in_the_background_then_previewed(live_server, agency, browser):
    try:
        read_in_the_browser(live_server.url, agency, browser)
    finally:
        # The ORM calls made while Playwright's loop runs opened a second connection in
        # this thread; PostgreSQL would refuse to drop the test database while it is open.
        connections.close_all()


def read_in_the_browser(base, agency, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.set_default_timeout(20_000)
    log_in(page, base, "somsri")
    page.goto(f"{base}/agencies/{agency.pk}/results/import/")
    page.set_input_files("#id_file", str(FIXTURES / "seed-000-konnim.pdf"))
    page.click("button:has-text('อ่านและแสดงตัวอย่าง')")
    job = Job.objects.get()
    page.wait_for_url(f"{base}/jobs/{job.pk}/")
    assert page.inner_text("h1") == "อ่านผลการประเมิน ITA จากไฟล์ seed-000-konnim.pdf"
    assert page.inner_text("[data-job-label]") == "รอเริ่ม"

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    # the page polls each second and follows the job to its result without a click
    page.wait_for_url(f"{base}/agencies/{agency.pk}/results/import/{job.pk}/")
    assert page.inner_text("h1") == "ตรวจสอบผลการประเมินที่นำเข้า"
    assert page.input_value("#id_ind_9") == "84.56"
    assert page.input_value("#id_fiscal_year") == "2565"
    page.click("button:has-text('บันทึกผลการประเมิน')")
    page.wait_for_url(f"{base}/agencies/{agency.pk}/results/2565/")
    assert "92.42" in page.inner_text(".summary")
