"""Files too big to read safely are refused before parsing, with a Thai message: zip
bombs in .docx/.xlsx (declared and actual sizes, compression ratio), PDFs with too many
pages, workbooks with too many rows; and evidence that starts like a zip must really be
a Word or Excel file."""

import io
import random
import re
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from pypdf import PdfWriter

from prongsai.agencies.models import Agency, AgencyKind, DocumentTemplate
from prongsai.cli import main
from prongsai.documents.docx import TemplateProblem, builtin_template, check_template
from prongsai.files import zips as safe_zip
from prongsai.files.zips import ZipLimitError, check_zip, office_kind
from prongsai.importers.document_text import DocumentTextError, document_text
from prongsai.importers.results_template import (
    INDICATORS_SHEET,
    TemplateError,
    read_template_xlsx,
    write_template_xlsx,
)
from prongsai.plans import services
from prongsai.plans.services import PlanError
from tests.helpers import EXAMPLES, SEED_000
from tests.workbench import build

MB = 1024 * 1024
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def archive(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)
    return buffer.getvalue()


def word_bomb(inflated: int = 30 * MB) -> bytes:
    """A .docx of about 30 KB whose document.xml inflates to 30 MB."""
    return archive(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(main=WORD_MAIN).encode(),
            "word/document.xml": b"<w:document>" + b" " * inflated,
        }
    )


def lying(data: bytes, declared: int) -> bytes:
    """The archive with its one member's sizes rewritten to `declared` in both headers."""
    data = bytearray(data)
    local = data.index(b"PK\x03\x04")
    data[local + 22 : local + 26] = struct.pack("<I", declared)
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", declared)
    return bytes(data)


# ---------------------------------------------------------------- the zip check itself


def test_a_small_file_that_inflates_to_30_mb_is_refused_from_its_declared_sizes():
    bomb = word_bomb()
    assert len(bomb) < 100_000
    with pytest.raises(ZipLimitError) as caught:
        check_zip(bomb)
    assert caught.value.code == "ZIP_MEMBER_TOO_LARGE"
    assert caught.value.message == "ส่วนประกอบหนึ่งของไฟล์เมื่อแตกออกแล้วใหญ่เกิน 20 MB จึงไม่อ่าน"


def random_parts(count: int, size: int) -> dict[str, bytes]:
    return {f"xl/part{n}.bin": random.Random(n).randbytes(size) for n in range(count)}


def test_ratio_member_and_total_limits(monkeypatch):
    with pytest.raises(ZipLimitError) as caught:
        check_zip(word_bomb(2 * MB))  # 2 MB from about 2 KB: over 100 times
    assert caught.value.code == "ZIP_RATIO"
    monkeypatch.setattr(safe_zip, "MAX_TOTAL_BYTES", 3 * MB)  # 50 MB of test data is slow
    check_zip(archive(random_parts(3, MB - 1000), zipfile.ZIP_STORED))
    with pytest.raises(ZipLimitError) as caught:
        check_zip(archive(random_parts(4, MB), zipfile.ZIP_STORED))
    assert caught.value.code == "ZIP_TOO_LARGE"
    monkeypatch.undo()
    with pytest.raises(ZipLimitError) as caught:
        check_zip(archive({f"p{n}": b"" for n in range(2001)}))
    assert caught.value.code == "ZIP_TOO_MANY_MEMBERS"


def test_declared_sizes_that_lie_are_caught_by_inflating():
    honest = archive({"word/document.xml": b"<w:document>" + b" " * (30 * MB)})
    with pytest.raises(ZipLimitError) as caught:
        check_zip(lying(honest, 1000))  # says 1,000 bytes: within every declared limit
    assert caught.value.code == "ZIP_DAMAGED"  # inflating stops at 1,000 bytes: bad CRC


def test_real_documents_pass_and_say_what_they_are():
    docx, xlsx = builtin_template("memo"), write_template_xlsx_latest()
    check_zip(docx)
    check_zip(xlsx)
    assert (office_kind(docx), office_kind(xlsx)) == ("docx", "xlsx")
    assert office_kind(archive({"a.txt": b"x"})) is None
    macro = CONTENT_TYPES.format(main="application/vnd.ms-word.document.macroEnabled.main+xml")
    assert (
        office_kind(archive({"[Content_Types].xml": macro.encode(), "word/document.xml": b""}))
        is None
    )
    word = CONTENT_TYPES.format(main=WORD_MAIN)
    assert office_kind(archive({"[Content_Types].xml": word.encode()})) is None  # no main part


def write_template_xlsx_latest() -> bytes:
    from prongsai.engine import Registry

    return write_template_xlsx(Registry().get("nacc-2566"))


# ---------------------------------------------------------------- where files come in


def test_report_reader_refuses_a_bomb_and_too_many_pdf_pages():
    with pytest.raises(DocumentTextError) as caught:
        document_text(word_bomb(), "รายงาน.docx")
    assert caught.value.code == "ZIP_MEMBER_TOO_LARGE"
    assert "20 MB" in caught.value.message and "inflates" in caught.value.message_en
    writer = PdfWriter()
    for _ in range(301):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DocumentTextError) as caught:
        document_text(buffer.getvalue(), "รายงาน.pdf")
    assert caught.value.code == "TOO_MANY_PAGES"
    assert caught.value.message.startswith("ไฟล์ PDF มีเกิน 300 หน้า")


def test_results_workbook_refuses_a_bomb_and_too_many_rows():
    bomb = archive({"xl/workbook.xml": b" " * (30 * MB)})
    with pytest.raises(TemplateError) as caught:
        read_template_xlsx(bomb)
    assert str(caught.value) == (
        "ส่วนประกอบหนึ่งของไฟล์เมื่อแตกออกแล้วใหญ่เกิน 20 MB จึงไม่อ่าน"
        " / a part of the file inflates to more than 20 MB"
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(INDICATORS_SHEET)
    for _ in range(5001):
        sheet.append(["1", "ตัวชี้วัดที่ 1", 90])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(TemplateError) as caught:
        read_template_xlsx(buffer.getvalue())
    assert str(caught.value).startswith(f"แผ่นงาน '{INDICATORS_SHEET}' มีเกิน 5,000 แถว")


def test_word_template_bomb_is_refused(tmp_path, capsys):
    with pytest.raises(TemplateProblem, match="แม่แบบ Word: ส่วนประกอบหนึ่งของไฟล์"):
        check_template(word_bomb())
    path = tmp_path / "ประกาศ.docx"
    path.write_bytes(word_bomb())
    output = tmp_path / "out.docx"
    code = main(
        [
            *("report", "memo", "--format", "docx", "--results", str(EXAMPLES / SEED_000)),
            *("--template", str(path), "-o", str(output)),
        ]
    )
    assert code == 2 and not output.exists()
    assert "ใหญ่เกิน 20 MB" in capsys.readouterr().err


def test_framework_workbook_bomb_exits_2(tmp_path, capsys):
    path = tmp_path / "nacc-2570.xlsx"
    path.write_bytes(archive({"xl/workbook.xml": b" " * (30 * MB)}))
    assert main(["framework", "validate", str(path)]) == 2
    assert "nacc-2570.xlsx: ส่วนประกอบหนึ่งของไฟล์" in capsys.readouterr().err


def framework_workbook(questions: int) -> bytes:
    workbook = Workbook(write_only=True)
    edition = workbook.create_sheet("edition")
    edition.append(["field", "value"])
    edition.append(["key", "nacc-2570"])
    sheet = workbook.create_sheet("questions")
    sheet.append(["code", "text"])
    for number in range(questions):
        sheet.append([f"i{number}", "ข้อคำถาม"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_framework_workbook_with_too_many_rows_is_refused_before_it_is_all_read(tmp_path, capsys):
    path = tmp_path / "nacc-2570.xlsx"
    path.write_bytes(framework_workbook(5000))  # the header and 5,000 rows: one too many
    assert main(["framework", "validate", str(path)]) == 2
    assert (
        "nacc-2570.xlsx: แผ่นงาน 'questions' มีเกิน 5,000 แถว ไม่ใช่ไฟล์เกณฑ์การประเมิน"
        in capsys.readouterr().err
    )


@pytest.mark.django_db
def test_framework_workbook_upload_with_too_many_rows_is_a_message(client):
    from prongsai.editions.models import EditionDraft
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="sysadmin", is_staff=True))
    upload = SimpleUploadedFile("nacc-2570.xlsx", framework_workbook(5000))
    page = client.post(reverse("edition_upload"), {"file": upload}, follow=True)
    assert "แผ่นงาน &#x27;questions&#x27; มีเกิน 5,000 แถว" in page.content.decode()
    assert not EditionDraft.objects.exists()


def test_import_text_command_exits_2_on_a_bomb(tmp_path, capsys):
    path = tmp_path / "รายงาน.docx"
    path.write_bytes(word_bomb())
    assert main(["import-text", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "ใหญ่เกิน 20 MB" in err
    path = tmp_path / "ผลITA.xlsx"
    path.write_bytes(archive({"xl/workbook.xml": b" " * (30 * MB)}))
    assert main(["import-text", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "ผลITA.xlsx:\nส่วนประกอบหนึ่งของไฟล์เมื่อแตกออกแล้วใหญ่เกิน 20 MB" in err


@pytest.mark.django_db
def test_web_upload_of_a_bomb_is_a_message_not_an_error(member):
    agency = Agency.objects.create(name="องค์การบริหารส่วนตำบลคอนนิม", kind=AgencyKind.SAO)
    client = member(agency, "admin")
    response = client.post(
        reverse("upload_template", args=[agency.pk, "memo"]),
        {"file": SimpleUploadedFile("memo.docx", word_bomb())},
        follow=True,
    )
    assert "ใหญ่เกิน 20 MB" in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    response = client.post(
        reverse("import_results", args=[agency.pk]),
        {"file": SimpleUploadedFile("รายงาน.docx", word_bomb())},
    )
    assert response.status_code == 200
    assert "ใหญ่เกิน 20 MB" in response.content.decode()


# ---------------------------------------------------------------- evidence


@pytest.mark.django_db
def test_evidence_that_starts_like_a_zip_must_really_be_word_or_excel():
    bench = build()
    entry = bench.plan.rounds.get(months=6).entries.get(measure__number=1)
    user = bench.users["coordinator"]

    def add(name, data):
        return services.add_evidence(entry=entry, user=user, upload=SimpleUploadedFile(name, data))

    word = add("คำสั่ง.docx", builtin_template("memo"))
    assert (word.content_type, word.file.name[-5:]) == (services.OFFICE_TYPES[".docx"], ".docx")
    excel = add("สรุป", write_template_xlsx_latest())  # no suffix: told from the content
    assert (excel.content_type, excel.file.name[-5:]) == (services.OFFICE_TYPES[".xlsx"], ".xlsx")
    refused = re.escape("รับเฉพาะไฟล์ PDF, JPG, PNG, Word (.docx) หรือ Excel (.xlsx)")
    for name, data in [
        ("ภาพ.docx", archive({"a.txt": b"any zip"})),
        ("ตาราง.docx", write_template_xlsx_latest()),  # Excel named as Word
        (
            "มาโคร.docx",
            archive(
                {
                    "[Content_Types].xml": CONTENT_TYPES.format(
                        main="application/vnd.ms-word.document.macroEnabled.main+xml"
                    ).encode(),
                    "word/document.xml": b"<w:document/>",
                }
            ),
        ),
    ]:
        with pytest.raises(PlanError, match=refused):
            add(name, data)
    with pytest.raises(PlanError, match="ไฟล์หลักฐานใช้ไม่ได้: ส่วนประกอบหนึ่งของไฟล์"):
        add("ระเบิด.docx", word_bomb())
    assert entry.evidence.count() == 2  # nothing else was kept
