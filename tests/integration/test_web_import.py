"""Results in on the web: upload or paste → preview beside the source → save;
manual entry; replacing a year shows the changes first and keeps the old version."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.agencies.models import Agency, AgencyKind, Assessment, AssessmentVersion
from prongsai.agencies.services import save_assessment
from tests.helpers import SEED_000, example
from tests.unit.test_import_text import FIXTURES, SEED_TEXTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return Agency.objects.create(name="องค์การบริหารส่วนตำบลคอนนิม", kind=AgencyKind.SAO)


@pytest.fixture
def staff(member, agency):
    return member(agency, "coordinator", username="malee")


def preview_form_data(response):
    """The values the preview form would send back, as a browser would."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value not in (None, ""):
            data[name] = str(value)
    return data


def test_upload_preview_shows_every_value_beside_its_source(staff, agency):
    upload = SimpleUploadedFile("konnim.pdf", (FIXTURES / "seed-000-konnim.pdf").read_bytes())
    response = staff.post(reverse("import_results", args=[agency.pk]), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "ตรวจสอบผลการประเมินที่นำเข้า" in page
    assert "ปีที่ประเมินไม่ชัดเจน" in page  # the reader's doubt is shown
    assert 'value="84.56"' in page and 'value="92.42"' in page
    assert "บรรทัด" in page and "การเปิดเผยข้อมูล" in page
    assert Assessment.objects.count() == 0  # a preview saves nothing


def test_paste_preview_then_save(staff, agency):
    text = SEED_TEXTS[SEED_000].read_text(encoding="utf-8")
    response = staff.post(reverse("import_results", args=[agency.pk]), {"text": text})
    data = preview_form_data(response)
    assert data["fiscal_year"] == "2565" and data["ind_10"] == "81.25"
    data["ind_9"] = "๘๔.๕๖"  # edited in place, in Thai digits
    response = staff.post(reverse("results_form", args=[agency.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("results_year", args=[agency.pk, 2565])
    assessment = Assessment.objects.get(agency=agency, fiscal_year=2565)
    assert Decimal(str(assessment.analysis["overall"])) == Decimal("92.42")
    assert assessment.analysis["grade"] == "A"
    assert assessment.source == "นำเข้าจาก ข้อความที่วาง"


def test_bad_upload_gets_a_thai_error_and_saves_nothing(staff, agency):
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 broken")
    response = staff.post(reverse("import_results", args=[agency.pk]), {"file": upload})
    assert response.status_code == 200
    assert "ไฟล์ PDF เสียหรืออ่านไม่ได้" in response.content.decode()
    upload = SimpleUploadedFile("virus.exe", b"MZ\x90\x00")
    response = staff.post(reverse("import_results", args=[agency.pk]), {"file": upload})
    assert "อัปโหลดไฟล์" in response.content.decode()
    assert Assessment.objects.count() == 0


def test_template_with_a_text_in_a_score_cell_names_the_cell(staff, agency):
    from openpyxl import load_workbook

    response = staff.get(reverse("results_template") + "?format=xlsx&year=2566")
    assert response["Content-Disposition"] == 'attachment; filename="ita-2566-results.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    workbook["ตัวชี้วัด"]["C4"] = "เก้าสิบ"
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("filled.xlsx", buffer.getvalue())
    response = staff.post(reverse("import_results", args=[agency.pk]), {"file": upload})
    assert "แผ่นงาน &#x27;ตัวชี้วัด&#x27; แถว 4 คอลัมน์ C" in response.content.decode()
    assert Assessment.objects.count() == 0


def test_manual_entry_of_ten_indicators(staff, agency):
    page = staff.get(reverse("results_form", args=[agency.pk]) + "?year=2567")
    assert page.status_code == 200
    assert "ผลการประเมิน (ตั้งแต่" not in page.content.decode()  # web labels come from the form
    data = {"fiscal_year": "2567", "overall": "", "oit_O1": "fail", "oitc_O1": "ไม่พบโครงสร้าง"}
    data |= {f"ind_{n}": "90" for n in range(1, 11)}
    response = staff.post(reverse("results_form", args=[agency.pk]), data)
    assert response.status_code == 302
    assessment = Assessment.objects.get(agency=agency, fiscal_year=2567)
    assert assessment.results["oit_comments"] == {"O1": "ไม่พบโครงสร้าง"}
    assert Decimal(str(assessment.analysis["overall"])) == 90


def test_invalid_score_is_marked_and_nothing_saved(staff, agency):
    data = {"fiscal_year": "2566", "ind_1": "105", "ind_2": "เก้าสิบ"}
    response = staff.post(reverse("results_form", args=[agency.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"ind_1", "ind_2"}
    assert Assessment.objects.count() == 0


def test_replacing_a_year_shows_changes_first_and_keeps_the_old_version(staff, agency):
    save_assessment(agency=agency, document=example(SEED_000), source="seed 000")
    data = {"fiscal_year": "2565"}
    data |= {f"ind_{n}": str(v) for n, v in example(SEED_000)["indicators"].items()}
    data["ind_10"] = "87.50"
    response = staff.post(reverse("results_form", args=[agency.pk]), data)
    assert response.status_code == 200
    changes = {c.field: (c.old, c.new) for c in response.context["changes"]}
    assert [Decimal(str(v)) for v in changes["indicators.10"]] == [
        Decimal("81.25"),
        Decimal("87.5"),
    ]
    assert "reported.overall" in changes  # the form had no overall: it would be dropped
    assert Decimal(Assessment.objects.get().results["indicators"]["10"]) == Decimal("81.25")
    response = staff.post(reverse("results_form", args=[agency.pk]), data | {"confirm": "replace"})
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert Decimal(assessment.results["indicators"]["10"]) == Decimal("87.50")
    version = AssessmentVersion.objects.get()
    assert Decimal(version.results["indicators"]["10"]) == Decimal("81.25")
    assert version.source == "seed 000"
    assert version.replaced_by.username == "malee"


def test_import_pages_need_a_coordinator_or_administrator(client, agency, member):
    url = reverse("import_results", args=[agency.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(get_user_model().objects.create_user("stranger", password="pw-for-tests"))
    assert client.get(url).status_code == 404
    executive = member(agency, "executive")
    assert executive.get(url).status_code == 403
    form = reverse("results_form", args=[agency.pk])
    assert executive.post(form, {"fiscal_year": "2566"}).status_code == 403
    assert Assessment.objects.count() == 0


def test_tampered_import_source_is_refused(staff, agency):
    data = {"fiscal_year": "2566", "ind_1": "90", "source": "forged"}
    response = staff.post(reverse("results_form", args=[agency.pk]), data)
    assert response.status_code == 200
    assert "source" in response.context["form"].errors


def test_admin_shows_earlier_versions(agency, admin_client):
    first = save_assessment(agency=agency, document=example(SEED_000), source="seed 000")
    document = example(SEED_000) | {"indicators": {"10": 90}}
    save_assessment(agency=agency, document=document, source="แก้ไข")
    page = admin_client.get(reverse("admin:agencies_assessment_change", args=[first.pk]))
    assert page.status_code == 200
    assert "ฉบับก่อนหน้า" in page.content.decode() and "seed 000" in page.content.decode()


CSV_HEAD = "ส่วน,รหัส,รายการ,คะแนน/ผล,ความเห็นของผู้ประเมิน\nตัวชี้วัด,fiscal_year,ปี,2567,\n"


def test_a_csv_of_many_bad_cells_shows_the_first_fifty_and_a_count(staff, agency):
    rows = "".join(f"ข้อคำถาม,i{n},x,abc,\n" for n in range(1, 61))
    upload = SimpleUploadedFile("ผลITA.csv", (CSV_HEAD + rows).encode())
    response = staff.post(reverse("import_results", args=[agency.pk]), {"file": upload})
    errors = response.context["errors"]
    assert len(errors) == 51 and errors[-1] == "… และอีก 10 รายการ"
    assert errors[0] == (
        "แผ่นงาน 'ข้อคำถาม' แถว 3 คอลัมน์ คะแนน/ผล: ค่า 'abc' ใช้ไม่ได้ ต้องเป็นคะแนนเป็นตัวเลข 0–100"
    )


def test_a_csv_longer_than_the_three_sheets_is_refused(staff, agency):
    rows = "".join(f"ข้อคำถาม,i{n},x,90,\n" for n in range(1, 15_000))
    upload = SimpleUploadedFile("ผลITA.csv", (CSV_HEAD + rows).encode())
    assert len(upload) < 1024 * 1024  # read in the request
    response = staff.post(reverse("import_results", args=[agency.pk]), {"file": upload})
    assert response.context["errors"] == ["ไฟล์ CSV มีเกิน 15,000 แถว ไม่ใช่แบบฟอร์มผลการประเมิน"]
    assert Assessment.objects.count() == 0
