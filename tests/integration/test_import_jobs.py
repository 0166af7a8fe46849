"""A large results file is read by a background job: the upload is stored until the
worker has read it, the job page shows the pages read, and the result opens the same
preview the immediate path shows. A file too big or too slow to read ends the job with
a Thai message and nothing kept; only the user who uploaded it sees the job."""

from __future__ import annotations

import io
import os
import re
import time
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape
from openpyxl import Workbook
from pypdf import PdfWriter

from prongsai.agencies.models import Agency, AgencyKind, Assessment, Membership
from prongsai.agencies.results_reading import STORE
from prongsai.importers.results_template import INDICATORS_SHEET
from prongsai.jobs.models import Job
from tests.factories import PASSWORD, UserFactory
from tests.helpers import SEED_000
from tests.integration.test_import_many import LIST
from tests.integration.test_web_import import preview_form_data
from tests.unit.test_import_text import FIXTURES, SEED_TEXTS

# transaction=True: the worker closes its connection after each task, as in production.
pytestmark = pytest.mark.django_db(transaction=True)
SEED_PDF = FIXTURES / "seed-000-konnim.pdf"  # the agency's real 7-page analysis report
KONNIM = "องค์การบริหารส่วนตำบลคอนนิม"


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def stored_uploads() -> list[str]:
    return default_storage.listdir(STORE)[1] if default_storage.exists(STORE) else []


def log_in(client, user) -> None:
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def member(agency, role="coordinator"):
    user = UserFactory()
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def agency():
    return Agency.objects.create(name=KONNIM, kind=AgencyKind.SAO)


@pytest.fixture
def somsri(client, agency):
    user = member(agency)
    log_in(client, user)
    return client


def upload(name: str = "konnim.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SEED_PDF.read_bytes() if data is None else data)


def without_stamps(page: str) -> str:
    """The page without what differs on every response: the CSRF token, and the signed
    (timestamped) source; `unsigned_source` compares the latter."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r'name="source" value="[^"]+"', "", page)


def unsigned_source(response) -> dict:
    from django.core import signing

    from prongsai.web.forms.results import SIGNING_SALT

    return signing.loads(response.context["form"].initial["source"], salt=SIGNING_SALT)


def test_a_large_pdf_is_read_by_a_job_and_opens_the_same_preview(somsri, agency):
    url = reverse("import_results", args=[agency.pk])
    at_once = somsri.post(url, {"file": upload()})
    assert at_once.status_code == 200 and not Job.objects.exists()

    with override_settings(IMPORT_BACKGROUND_PAGES=5):  # the report has 7 pages
        response = somsri.post(url, {"file": upload()})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("job", args=[job.pk])
    assert (job.kind, job.agency, job.status) == ("results.import", agency, "queued")
    assert job.title == "อ่านผลการประเมิน ITA จากไฟล์ konnim.pdf"
    (stored,) = stored_uploads()
    assert os.stat(default_storage.path(f"{STORE}/{stored}")).st_mode & 0o777 == 0o600
    page = somsri.get(response["Location"]).content.decode()
    assert "อ่านผลการประเมิน ITA จากไฟล์ konnim.pdf" in page and "รอเริ่ม" in page
    preview_url = reverse("import_results_job", args=[agency.pk, job.pk])
    assert somsri.get(preview_url)["Location"] == reverse("job", args=[job.pk])  # not yet

    run_worker()
    status = somsri.get(reverse("job_status", args=[job.pk])).json()
    assert status == {
        "status": "done",
        "label": "เสร็จแล้ว",
        "done": 7,  # pages read
        "total": 7,
        "percent": 100,
        "message": "อ่านเสร็จแล้ว พร้อมให้ตรวจสอบ",
        "result_url": preview_url,
        "ended": True,
    }
    assert stored_uploads() == []
    preview = somsri.get(preview_url)
    page = preview.content.decode()
    assert "ตรวจสอบผลการประเมินที่นำเข้า" in page and "konnim.pdf" in page
    assert "ปีที่ประเมินไม่ชัดเจน" in page  # the reader's doubt travels with the job
    assert 'value="84.56"' in page and 'value="92.42"' in page
    # the same page, but for the language switch's way back (this URL)
    same = without_stamps(page).replace(preview_url, url)
    assert same == without_stamps(at_once.content.decode())
    assert unsigned_source(preview) == unsigned_source(at_once)
    assert unsigned_source(preview)["file"] == "konnim.pdf"
    assert Assessment.objects.count() == 0  # a preview saves nothing

    data = preview_form_data(preview)
    assert (data["fiscal_year"], data["ind_9"], data["ind_10"]) == ("2565", "84.56", "81.25")
    saved = somsri.post(reverse("results_form", args=[agency.pk]), data)
    assert saved["Location"] == reverse("results_year", args=[agency.pk, 2565])
    assessment = Assessment.objects.get(agency=agency, fiscal_year=2565)
    assert Decimal(str(assessment.analysis["overall"])) == Decimal("92.42")
    assert assessment.source == "นำเข้าจาก konnim.pdf"


@override_settings(IMPORT_REQUEST_CHARS=1000)
def test_a_small_file_with_a_long_text_is_moved_to_a_job(somsri, agency):
    text = SEED_TEXTS[SEED_000].read_bytes()
    assert len(text) < 100_000  # far below the size that goes to a job at once
    response = somsri.post(
        reverse("import_results", args=[agency.pk]), {"file": upload("konnim.txt", text)}
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("job", args=[job.pk])
    run_worker()
    preview = somsri.get(reverse("import_results_job", args=[agency.pk, job.pk]))
    data = preview_form_data(preview)
    assert (data["fiscal_year"], data["ind_9"], data["ind_10"]) == ("2565", "84.56", "81.25")
    assert stored_uploads() == []


@override_settings(IMPORT_BACKGROUND_PAGES=5, IMPORT_JOB_SECONDS=0.001)
def test_a_job_past_its_time_stops_with_a_thai_message_and_keeps_nothing(somsri, agency):
    response = somsri.post(reverse("import_results", args=[agency.pk]), {"file": upload()})
    job = Job.objects.get()
    run_worker()
    job.refresh_from_db()
    message = (
        "อ่านไฟล์นานเกินเวลาที่กำหนด จึงหยุดอ่าน ให้ใช้เฉพาะหน้าที่เป็นรายงานผลการประเมิน หรือกรอกคะแนนในแบบฟอร์ม"
    )
    assert (job.status, job.message, job.result, job.result_url) == ("failed", message, None, "")
    assert (job.done, job.total) == (1, 7)  # stopped after the first page
    page = somsri.get(response["Location"]).content.decode()
    assert message in page and "ไม่สำเร็จ" in page
    assert stored_uploads() == [] and Assessment.objects.count() == 0
    preview_url = reverse("import_results_job", args=[agency.pk, job.pk])
    assert somsri.get(preview_url)["Location"] == reverse("job", args=[job.pk])


def workbook_rows(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(INDICATORS_SHEET)
    for _ in range(rows):
        sheet.append(["1", "ตัวชี้วัดที่ 1", 90])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@override_settings(IMPORT_BACKGROUND_BYTES=10_000)
def test_a_workbook_with_too_many_rows_fails_its_job_with_a_thai_message(somsri, agency):
    data = workbook_rows(5001)
    assert len(data) > 10_000
    response = somsri.post(
        reverse("import_results", args=[agency.pk]), {"file": upload("ผลITA.xlsx", data)}
    )
    run_worker()
    job = Job.objects.get()
    assert job.status == "failed" and job.result is None
    assert job.message == (f"แผ่นงาน '{INDICATORS_SHEET}' มีเกิน 5,000 แถว ไม่ใช่แบบฟอร์มผลการประเมิน")
    assert escape(job.message) in somsri.get(response["Location"]).content.decode()
    assert stored_uploads() == []


def blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_what_is_too_big_to_read_at_all_is_refused_in_the_request(somsri, agency):
    url = reverse("import_results", args=[agency.pk])
    response = somsri.post(url, {"file": upload("รายงาน.pdf", blank_pdf(301))})
    assert "ไฟล์ PDF มีเกิน 300 หน้า ให้ใช้เฉพาะหน้าที่เป็นรายงานผลการประเมิน" in (response.content.decode())
    response = somsri.post(url, {"text": "ผลการประเมิน " * 200_000})
    assert "ข้อความยาวเกิน 2,000,000 ตัวอักษร" in response.content.decode()
    assert not Job.objects.exists() and stored_uploads() == []


@override_settings(IMPORT_BACKGROUND_BYTES=100)
def test_a_large_pasted_list_of_agencies_is_read_by_a_job_then_picked(somsri, agency):
    url = reverse("import_results", args=[agency.pk])
    response = somsri.post(url, {"text": LIST})
    job = Job.objects.get()
    assert response["Location"] == reverse("job", args=[job.pk])
    assert job.title == "อ่านผลการประเมิน ITA จากไฟล์ ข้อความที่วาง"
    run_worker()
    picked = somsri.get(reverse("import_results_job", args=[agency.pk, job.pk]))
    rows = picked.context["rows"]
    assert [(r["document"]["agency"], r["mine"]) for r in rows] == [
        (KONNIM, True),
        ("เทศบาลตำบลโนนหัน", False),
        ("องค์การบริหารส่วนตำบลอีเซ", False),
    ]
    assert f'action="{url}"' in picked.content.decode()  # the choice goes to the import page
    preview = somsri.post(url, {"chosen": rows[1]["chosen"]})
    assert preview.context["form"].initial["overall"] == "88.10"
    assert preview.context["other_agency"] == "เทศบาลตำบลโนนหัน"


@override_settings(IMPORT_BACKGROUND_PAGES=5)
def test_only_the_uploader_sees_the_job_and_its_preview(client, somsri, agency):
    somsri.post(reverse("import_results", args=[agency.pk]), {"file": upload()})
    job = Job.objects.get()
    run_worker()
    preview_url = reverse("import_results_job", args=[agency.pk, job.pk])
    assert somsri.get(preview_url).status_code == 200
    other_agency = Agency.objects.create(name="เทศบาลตำบลโนนหัน", kind=AgencyKind.SAO)
    for outsider, agency_id, refused in [
        (member(agency), agency.pk, 404),  # a colleague: the job is the uploader's
        (member(agency, "admin"), agency.pk, 404),
        (member(agency, "viewer"), agency.pk, 403),  # may not import at all
        (member(other_agency), other_agency.pk, 404),  # under their own agency's URL
        (member(other_agency), agency.pk, 404),  # an agency not theirs does not exist for them
    ]:
        somsri.logout()
        log_in(client, outsider)
        assert client.get(reverse("job", args=[job.pk])).status_code == 404
        assert client.get(reverse("job_status", args=[job.pk])).status_code == 404
        url = reverse("import_results_job", args=[agency_id, job.pk])
        assert client.get(url).status_code == refused
    client.logout()
    assert client.get(preview_url)["Location"].startswith(reverse("login"))


@override_settings(IMPORT_BACKGROUND_PAGES=5)
def test_an_upload_whose_job_never_ran_is_removed_a_day_later(somsri, agency):
    url = reverse("import_results", args=[agency.pk])
    somsri.post(url, {"file": upload()})
    (forgotten,) = stored_uploads()
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(default_storage.path(f"{STORE}/{forgotten}"), (two_days_ago, two_days_ago))
    somsri.post(url, {"file": upload()})
    (fresh,) = stored_uploads()
    assert fresh != forgotten
    run_worker()
    assert stored_uploads() == []
    ended = Job.objects.order_by("created").values_list("status", "message")
    assert list(ended) == [
        ("failed", "ไม่มีไฟล์ที่อัปโหลดไว้แล้ว ให้อัปโหลดใหม่อีกครั้ง"),
        ("done", "อ่านเสร็จแล้ว พร้อมให้ตรวจสอบ"),
    ]
