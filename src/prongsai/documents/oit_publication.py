"""The memo an executive signs to let the agency publish its OIT data on its website
(บันทึกข้อความ "ขออนุญาตเผยแพร่ข้อมูลบนเว็บไซต์"), with the approved items attached:
item, title, URLs and where on the page the data is. Word and PDF from one content."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from prongsai.documents.content import Options, _Format, _keep_year_together, person
from prongsai.documents.inputs import Agency

KIND = "oit-publication"


@dataclass(frozen=True)
class PublishedItem:
    code: str
    title: str
    urls: tuple[str, ...]
    explanation: str = ""
    unit: str = ""


def publication_content(
    *,
    agency: Agency,
    ita_year: int,
    items: Sequence[PublishedItem],
    website: str = "",
    options: Options | None = None,
) -> dict[str, Any]:
    options = options or Options()
    fmt = _Format(options)
    executive = person(fmt, agency.executive)
    to = executive["positions"][0] if executive["positions"] else f"นายก{agency.name}"
    unit = fmt.text(agency.unit)
    site = f" ({website})" if website else ""
    body = (
        "ตามที่สำนักงาน ป.ป.ช. กำหนดให้หน่วยงานภาครัฐเปิดเผยข้อมูลสาธารณะบนเว็บไซต์หลักของหน่วยงาน "
        "ตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) ของการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
        f"ของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {fmt.text(ita_year)} นั้น "
        f"{unit}ได้รวบรวมข้อมูลจากส่วนราชการผู้รับผิดชอบและตรวจทานความครบถ้วนแล้ว "
        f"จำนวน {fmt.text(len(items))} ข้อ รายละเอียดตามบัญชีแนบท้าย "
        f"จึงขออนุญาตเผยแพร่ข้อมูลดังกล่าวบนเว็บไซต์ของ{agency.name}{site}"
    )
    content = {
        "kind": KIND,
        "thai_digits": options.thai_digits,
        "title": "บันทึกข้อความ",
        "agency": {
            "name": agency.name,
            "unit": unit,
            "phone": fmt.text(agency.phone),
            "prefix": fmt.text(agency.document_prefix),
        },
        "ita_year": fmt.text(ita_year),
        "date": fmt.date(options.today or date.today()),
        "officer": person(fmt, agency.officer),
        "head": person(fmt, agency.head),
        "executive": executive,
        "memo": {
            "subject": "ขออนุญาตเผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงาน",
            "to": f"เรียน {to}",
            "body": body,
            "closing": "จึงเรียนมาเพื่อโปรดพิจารณาอนุญาต",
            "decision": "อนุญาต",
        },
        "items": [
            {
                "code": i.code,
                "title": fmt.text(i.title),
                "urls": list(i.urls),
                "explanation": i.explanation,
                "unit": i.unit,
            }
            for i in items
        ],
    }
    return _keep_year_together(content)


def make_publication(fmt: str, **values: Any) -> bytes:
    content = publication_content(**values)
    if fmt == "pdf":
        from prongsai.documents.pdf import render_pdf

        return render_pdf(content)
    from prongsai.documents.docx import render_docx

    return render_docx(content)
