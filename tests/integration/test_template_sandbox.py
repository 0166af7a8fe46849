"""An agency's own Word template cannot exhaust the server: big strings, numbers and
ranges are refused as they are made, and the whole fill has a time and memory limit.
Each is refused at upload with a Thai message, never a server error."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from prongsai.agencies.models import Agency, AgencyKind, DocumentTemplate
from prongsai.documents import sandbox
from prongsai.documents.docx import TemplateProblem, builtin_template, trial_render


def template(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


TOO_LONG = "ข้อความหรือรายการที่สร้างในแม่แบบยาวเกิน 100,000 ตัวอักษร/รายการ"
TOO_BIG = "ตัวเลขที่คำนวณในแม่แบบใหญ่เกินไป"


@pytest.mark.parametrize(
    ("tag", "thai"),
    [
        ("{{ ('x' * 200000000)|length }}", TOO_LONG),
        ("{% for i in range(10**9) %}{{ i }}{% endfor %}", "range() ในแม่แบบยาวเกิน 10,000 รอบ"),
        ("{{ range(10**9)|length }}", "range() ในแม่แบบยาวเกิน 10,000 รอบ"),
        ("{{ 'x'.ljust(10**9) }}", TOO_LONG),
        ("{{ '{:>999999999}'.format(1) }}", TOO_LONG),
        ("{{ '%*d' % (10**9, 1) }}", TOO_LONG),
        ("{{ [1] * 10**8 }}", TOO_LONG),
        ("{{ 9**9**9 }}", TOO_BIG),
        ("{{ 10**100 * 10**100 * 10**100 }}", TOO_BIG),
    ],
)
def test_big_values_are_refused_as_they_are_made(tag, thai):
    with pytest.raises(TemplateProblem) as caught:
        trial_render("memo", template(tag))
    assert str(caught.value).startswith(f"แม่แบบ Word ใช้ไม่ได้: {thai} / ")


def test_a_template_that_runs_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 1)
    loops = "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}"
    with pytest.raises(TemplateProblem) as caught:
        trial_render("memo", template(loops))
    assert str(caught.value) == (
        "แม่แบบ Word ใช้ไม่ได้: แม่แบบใช้เวลาสร้างเอกสารเกิน 1 วินาที"
        " / the Word template cannot be used: the template takes more than 1 seconds to fill"
    )


def test_a_template_that_needs_too_much_memory_is_stopped():
    with pytest.raises(TemplateProblem) as caught:
        trial_render("memo", template("{{ 'x'|center(2000000000) }}"))  # a filter: no call check
    assert "แม่แบบใช้หน่วยความจำเกิน 512 MB" in str(caught.value)


def test_a_tag_that_fails_on_the_content_is_a_problem_not_a_crash():
    with pytest.raises(TemplateProblem, match="แม่แบบ Word ใช้ไม่ได้"):
        trial_render("memo", template("{{ 1 + 'a' }}"))
    trial_render("memo", template("{{ c.title }} {{ range(3)|list }} {{ 'ab' * 3 }} {{ 2**10 }}"))
    trial_render("memo", template("งบประมาณ {{ '{:,}'.format(2500000) }} บาท"))  # a big number
    trial_render("analysis+measures", builtin_template("analysis+measures"))


@pytest.mark.django_db
def test_upload_of_a_bomb_template_is_a_thai_message(member):
    agency = Agency.objects.create(name="องค์การบริหารส่วนตำบลคอนนิม", kind=AgencyKind.SAO)
    client = member(agency, "admin")
    for tag, thai in [
        ("{{ ('x' * 200000000)|length }}", TOO_LONG),
        ("{% for i in range(10**9) %}{{ i }}{% endfor %}", "range() ในแม่แบบยาวเกิน 10,000 รอบ"),
    ]:
        response = client.post(
            reverse("upload_template", args=[agency.pk, "memo"]),
            {"file": SimpleUploadedFile("memo.docx", template(tag))},
            follow=True,
        )
        assert response.status_code == 200
        assert thai in response.content.decode()
    assert not DocumentTemplate.objects.exists()
