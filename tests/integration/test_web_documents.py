"""Documents on the web: an ITA year's documents as Word and PDF; the agency's own
Word template, tried before it is kept and used from then on."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from prongsai.agencies.models import Agency, AgencyKind, DocumentTemplate
from prongsai.agencies.services import save_assessment
from prongsai.documents import KINDS
from prongsai.documents.docx import builtin_template
from tests.helpers import SEED_000, example

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    agency = Agency.objects.create(
        name="องค์การบริหารส่วนตำบลคอนนิม", kind=AgencyKind.SAO, district="เวียงใหญ่", province="ขอนแก่น"
    )
    save_assessment(agency=agency, document=example(SEED_000))
    return agency


@pytest.fixture
def staff(member, agency):
    return member(agency, "admin", username="malee")


def word_text(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode()


def test_template_kinds_match_the_documents():
    assert tuple(key for key, _label in DocumentTemplate.KINDS) == KINDS


def test_documents_page_and_downloads(staff, agency):
    page = staff.get(reverse("documents", args=[agency.pk]))
    assert page.status_code == 200
    assert "แม่แบบ Word" in page.content.decode()
    pdf = staff.get(reverse("year_document", args=[agency.pk, 2565, "analysis", "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "องค์การบริหารส่วนตำบลคอนนิม" in text and "๙๒.๔๒" in text
    word = staff.get(reverse("year_document", args=[agency.pk, 2565, "memo", "docx"]))
    assert "ขอรายงานผลการวิเคราะห์ผลการประเมิน ITA" in word_text(word.content)
    assert (
        staff.get(reverse("year_document", args=[agency.pk, 2564, "memo", "docx"])).status_code
        == 404
    )
    assert (
        staff.get(reverse("year_document", args=[agency.pk, 2565, "memo", "exe"])).status_code
        == 404
    )


def test_own_template_is_tried_kept_and_used(staff, agency):
    from docx import Document

    document = Document(io.BytesIO(builtin_template("memo")))
    document.paragraphs[0].insert_paragraph_before("หัวกระดาษของ อบต.คอนนิม")
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("memo-konnim.docx", buffer.getvalue())
    staff.post(reverse("upload_template", args=[agency.pk, "memo"]), {"file": upload})
    assert DocumentTemplate.objects.get(agency=agency, kind="memo").name == "memo-konnim.docx"
    word = staff.get(reverse("year_document", args=[agency.pk, 2565, "memo", "docx"]))
    assert "หัวกระดาษของ อบต.คอนนิม" in word_text(word.content)
    staff.post(reverse("remove_template", args=[agency.pk, "memo"]))
    word = staff.get(reverse("year_document", args=[agency.pk, 2565, "memo", "docx"]))
    assert "หัวกระดาษของ" not in word_text(word.content)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("memo.docx", b"not a zip", "ไม่ใช่แม่แบบ Word"),
        ("memo.pdf", b"%PDF-1.4", "เลือกไฟล์ Word"),
    ],
)
def test_a_bad_template_is_refused_and_nothing_kept(staff, agency, name, data, message):
    response = staff.post(
        reverse("upload_template", args=[agency.pk, "memo"]),
        {"file": SimpleUploadedFile(name, data)},
        follow=True,
    )
    assert message in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_a_template_that_fails_on_real_content_is_refused(staff, agency):
    from docx import Document

    document = Document()
    document.add_paragraph("{{ c.analysis.nothing.deeper }}")  # fine to parse, fails to fill
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("bad.docx", buffer.getvalue())
    response = staff.post(
        reverse("upload_template", args=[agency.pk, "memo"]), {"file": upload}, follow=True
    )
    assert "แม่แบบ Word ใช้ไม่ได้" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_documents_need_a_member_and_templates_an_administrator(client, agency, member):
    url = reverse("year_document", args=[agency.pk, 2565, "analysis", "pdf"])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(get_user_model().objects.create_user("stranger", password="pw"))
    assert client.get(url).status_code == 404  # another agency's data does not exist for them
    viewer = member(agency, "viewer")
    assert viewer.get(url).status_code == 200
    upload = reverse("upload_template", args=[agency.pk, "memo"])
    assert (
        viewer.post(
            upload, {"file": SimpleUploadedFile("m.docx", builtin_template("memo"))}
        ).status_code
        == 403
    )
    assert not DocumentTemplate.objects.exists()
