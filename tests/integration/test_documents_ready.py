"""Documents ready to sign and pages usable on every screen (issue 10, sections 3–4)."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.templatetags.static import static
from django.urls import reverse
from pypdf import PdfReader

from prongsai.agencies import services as agency_services
from prongsai.agencies.models import Unit
from prongsai.plans import services
from tests.workbench import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench():
    return build()


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_public_document_title_is_plain_text(client, bench):
    services.publish_plan(plan=bench.plan, published=True)
    page = client.get(reverse("public_measures", args=[bench.agency.pk, 2566])).content.decode()
    assert title_of(page) == (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
    )


def test_public_document_pages_fit_a_phone(client, bench):
    services.publish_plan(plan=bench.plan, published=True)
    agency_services.publish_assessment(assessment=bench.agency.assessments.get(), published=True)
    for url in (
        reverse("public_measures", args=[bench.agency.pk, 2566]),
        reverse("public_analysis", args=[bench.agency.pk, 2565]),
    ):
        page = client.get(url).content.decode()
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
        tables = page.count("<table")
        assert tables and page.count('<div class="scroll"><table') == page.count("<table")


def test_signed_in_pages_load_the_vendored_sarabun(client, bench):
    client.force_login(bench.users["viewer"])
    for url in (reverse("home"), reverse("agency", args=[bench.agency.pk])):
        page = client.get(url).content.decode()
        for weight in ("Regular", "Bold"):
            assert f'url("{static(f"fonts/Sarabun-{weight}.ttf")}")' in page
    assert 'font-family: "Sarabun"' in page


# ---------------------------------------------------------------- issuing unit (item 1)


def memo_text(client, bench, about_url):
    data = client.get(about_url).content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_the_memo_is_issued_by_the_unit_the_agency_chose(client, bench):
    agency = bench.agency
    catch_all = Unit.objects.create(agency=agency, name="ทุกส่วนราชการ", order=0)  # first in list
    assert agency.units.first() == catch_all
    client.force_login(bench.users["admin"])
    memo = reverse("plan_document", args=[agency.pk, 2566, "memo", "docx"])
    text = memo_text(client, bench, memo)
    # nothing chosen: สำนักปลัด, never the catch-all that comes first
    assert "ส่วนราชการ สำนักปลัด องค์การบริหารส่วนตำบลคอนนิม" in text
    assert "ทุกส่วนราชการ" not in text
    office, finance = (agency.units.get(name=n) for n in ("สำนักปลัด", "กองคลัง"))
    page = reverse("document_settings", args=[agency.pk])
    form = {f"{kind}-unit": "" for kind in ("memo", "analysis", "measures", "progress")}
    form |= {"memo-unit": str(office.pk), "memo-phone": "0 4300 1235"}
    form |= {"measures-unit": str(finance.pk), "measures-phone": "0 4300 1240"}
    assert client.post(page, form).status_code == 302
    # the memo that sends the measures: the unit chosen for the measures, and its body
    text = memo_text(client, bench, memo)
    assert "ส่วนราชการ กองคลัง องค์การบริหารส่วนตำบลคอนนิม โทร. ๐ ๔๓๐๐ ๑๒๔๐" in text
    assert "กองคลังจึงได้จัดทำมาตรการส่งเสริม" in text
    # the memo that sends the analysis: none chosen for it, so the memos' unit
    year_memo = reverse("year_document", args=[agency.pk, 2565, "memo", "docx"])
    text = memo_text(client, bench, year_memo)
    assert "ส่วนราชการ สำนักปลัด องค์การบริหารส่วนตำบลคอนนิม โทร. ๐ ๔๓๐๐ ๑๒๓๕" in text
    assert "แล้ว สำนักปลัดได้วิเคราะห์ผลการประเมินขององค์การบริหารส่วนตำบลคอนนิม" in text
    settings_page = client.get(page).content.decode()
    assert f'<option value="{finance.pk}" selected>กองคลัง</option>' in settings_page


def test_an_issuer_from_another_agency_is_refused(client, bench):
    other = build("เทศบาลตำบลโนนหัน", prefix="other-")
    client.force_login(bench.users["admin"])
    page = reverse("document_settings", args=[bench.agency.pk])
    foreign = other.agency.units.first()
    response = client.post(page, {"memo-unit": str(foreign.pk)})
    assert response.status_code == 200  # the form shows the error
    assert not bench.agency.issuers.exists()


# ---------------------------------------------------------------- report texts (item 2)

PLACEHOLDER = "(หน่วยงานระบุ"


def pdf_text(data):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_report_texts_are_prefilled_editable_per_year_and_never_placeholders(client, bench):
    agency = bench.agency
    client.force_login(bench.users["coordinator"])
    pdf_url = reverse("year_document", args=[agency.pk, 2565, "analysis", "pdf"])
    before = re.sub(r"\s", "", pdf_text(client.get(pdf_url).content))
    assert PLACEHOLDER not in before
    assert "การวิเคราะห์นี้ใช้คะแนนตามที่สำนักงานป.ป.ช.ประกาศผลการประเมิน" in before
    page_url = reverse("document_texts", args=[agency.pk, 2565])
    page = client.get(page_url).content.decode()
    assert "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล (84.56 คะแนน)\nมอบหมายผู้รับผิดชอบข้อมูล" in page
    assert "หน่วยงานจึงวิเคราะห์ผลการประเมินปี 2565" in page
    response = client.post(
        page_url,
        {
            "introduction": "อบต.คอนนิมวิเคราะห์ผลการประเมินปี 2565 เพื่อปรับปรุงการทำงาน",
            "recommendations": "ข้อ O12 ต้องเผยแพร่\nเผยแพร่รายงานผลการใช้จ่ายทุกไตรมาส\n\n"
            "จัดอบรมเจ้าหน้าที่ปีละ 2 ครั้ง",
            "limitations": "ผู้ตอบแบบวัด EIT มีเพียง 40 คน",
        },
    )
    assert response.status_code == 302
    after = re.sub(r"\s", "", pdf_text(client.get(pdf_url).content))
    assert "อบต.คอนนิมวิเคราะห์ผลการประเมินปี๒๕๖๕เพื่อปรับปรุงการทำงาน" in after
    assert "ข้อO๑๒ต้องเผยแพร่เผยแพร่รายงานผลการใช้จ่ายทุกไตรมาสจัดอบรมเจ้าหน้าที่ปีละ๒ครั้ง" in after
    assert "ผู้ตอบแบบวัดEITมีเพียง๔๐คน" in after
    assert "มอบหมายผู้รับผิดชอบข้อมูล" not in after
    stored = bench.agency.assessments.get().texts
    assert stored.limitations == "ผู้ตอบแบบวัด EIT มีเพียง 40 คน"


def test_a_default_text_sent_back_unchanged_is_stored_empty(client, bench):
    client.force_login(bench.users["coordinator"])
    page_url = reverse("document_texts", args=[bench.agency.pk, 2565])
    form = client.get(page_url).context["form"]
    client.post(page_url, {name: form.initial[name] for name in form.fields})
    stored = bench.agency.assessments.get().texts
    assert (stored.introduction, stored.recommendations, stored.limitations) == ("", "", "")


def test_viewers_cannot_edit_report_texts(client, bench):
    client.force_login(bench.users["viewer"])
    assert client.get(reverse("document_texts", args=[bench.agency.pk, 2565])).status_code == 403


# ---------------------------------------------------------------- emblem and logo (item 3)


def image_bytes(fmt, size=(300, 330)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "#b8860b").save(buffer, fmt)
    return buffer.getvalue()


def upload(client, bench, kind, data, name="x.png"):
    url = reverse("upload_image", args=[bench.agency.pk, kind])
    return client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)


EMU_PER_CM = 360000


def test_emblem_and_logo_are_placed_in_word_and_pdf(client, bench):
    client.force_login(bench.users["admin"])
    upload(client, bench, "emblem", image_bytes("PNG"))
    upload(client, bench, "logo", image_bytes("JPEG", (400, 400)), "logo.jpg")
    agency = bench.agency.pk
    memo = client.get(reverse("plan_document", args=[agency, 2566, "memo", "docx"])).content
    extents = re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', docx_xml(memo))
    assert [int(cy) for _cx, cy in extents] == [int(1.5 * EMU_PER_CM)]
    announcement = client.get(
        reverse("plan_document", args=[agency, 2566, "announcement", "docx"])
    ).content
    extents = re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', docx_xml(announcement))
    assert [int(cy) for _cx, cy in extents] == [3 * EMU_PER_CM]
    report = client.get(reverse("year_document", args=[agency, 2565, "analysis", "docx"])).content
    heights = [
        int(cy) for _cx, cy in re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', docx_xml(report))
    ]
    assert heights[0] == 3 * EMU_PER_CM  # the logo on the cover, then the chart
    for url, count in (
        (reverse("plan_document", args=[agency, 2566, "memo", "pdf"]), 1),
        (reverse("plan_document", args=[agency, 2566, "announcement", "pdf"]), 1),
    ):
        first = PdfReader(io.BytesIO(client.get(url).content)).pages[0]
        assert len(first.images) == count


def test_images_are_checked_by_their_content(client, bench):
    client.force_login(bench.users["admin"])
    gif = image_bytes("GIF")
    page = upload(client, bench, "emblem", gif, "garuda.png").content.decode()
    assert "ใช้ได้เฉพาะภาพ PNG หรือ JPEG (ไฟล์นี้เป็น GIF)" in page
    page = upload(client, bench, "emblem", b"%PDF-1.4 not an image", "garuda.png").content.decode()
    assert "ไฟล์นี้ไม่ใช่ภาพ PNG หรือ JPEG" in page
    page = upload(client, bench, "emblem", image_bytes("PNG", (20, 20))).content.decode()
    assert "ขนาดภาพต้องอยู่ระหว่าง 64 ถึง 4000 พิกเซลต่อด้าน (ภาพนี้ 20×20)" in page
    assert not bench.agency.images.exists()
    upload(client, bench, "emblem", image_bytes("JPEG"), "garuda.gif")  # a JPEG, whatever its name
    image = bench.agency.images.get()
    assert (image.content_type, image.width, image.height) == ("image/jpeg", 300, 330)


def test_only_administrators_manage_document_settings(client, bench):
    for role, expected in (("coordinator", 403), ("viewer", 403), ("admin", 200)):
        client.force_login(bench.users[role])
        assert (
            client.get(reverse("document_settings", args=[bench.agency.pk])).status_code == expected
        )
        response = upload(client, bench, "logo", image_bytes("PNG"))
        assert bench.agency.images.exists() == (role == "admin")
    other = build("เทศบาลตำบลโนนหัน", prefix="other-")
    client.force_login(other.users["admin"])
    assert client.get(reverse("agency_image", args=[bench.agency.pk, "logo"])).status_code == 404
    assert response


def docx_xml(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode()


# ---------------------------------------------------------------- audit trail (item 11)


def test_the_audit_trail_names_people_and_hides_raw_json(client, bench):
    from datetime import UTC, datetime

    from django.utils import timezone

    from tests.helpers import SEED_000, example

    services.reopen(plan=bench.plan)
    services.submit(plan=bench.plan, user=bench.users["coordinator"])
    moment = datetime(2023, 3, 31, 20, 15, tzinfo=UTC)  # 1 เม.ย. 2566, 03:15 in Bangkok
    with timezone.override("Asia/Bangkok"):
        services.approve(plan=bench.plan, user=bench.users["executive"])
    bench.plan.approved = moment
    bench.plan.save(update_fields=["approved"])
    document = example(SEED_000) | {"agency": bench.agency.name}
    document["indicators"] = dict(document["indicators"], **{"1": 99.0})
    agency_services.save_assessment(agency=bench.agency, document=document)
    client.force_login(bench.users["admin"])
    page = client.get(reverse("audit", args=[bench.agency.pk])).content.decode()
    assert "<b>อนุมัติโดย</b>: – → สมศักดิ์ นายก อบต.</div>" in page
    assert "<b>เสนอโดย</b>: – → สมศรี ผู้ประสานงาน ITA</div>" in page
    assert "→ 1/4/2566 03:15</div>" in page
    assert "<b>เอกสารผลการประเมิน</b>: … → เปลี่ยน: indicators</div>" in page
    assert "{&#x27;" not in page and '{"' not in page  # no raw JSON
    assert ".None</div>" not in page and "<b>ID</b>" not in page
