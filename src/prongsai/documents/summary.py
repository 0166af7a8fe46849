"""The provincial summary report: a body's ITA year over all its agencies, as Word and
PDF. Its own kind beside the agency documents (which it does not change): the content
comes in as plain figures the oversight dashboard counted, and goes out through the
same fonts, chart and Thai typesetting as every other document."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from prongsai.thai import to_thai_digits

KIND = "oversight-summary"


@dataclass
class SummaryInput:
    body: str
    year: int
    count: int
    passed: int
    mean: Decimal | None
    grades: list[tuple[str, int]]
    ratings: list[tuple[str, int]]
    bins: list[tuple[str, int]]
    weak: list[tuple[str, int]]  # "9. การเปิดเผยข้อมูล", agencies weak in it
    failed: list[tuple[str, int]]  # "O12 …", agencies failing it
    risers: list[tuple[str, Decimal]]
    fallers: list[tuple[str, Decimal]]
    below: list[tuple[str, str, Decimal | None, str]]  # name, district, score, grade
    plans_approved: int = 0
    rounds_reported: int = 0
    generated: int = 0
    notes: list[str] = field(default_factory=list)


def _n(value: Any, digits: bool) -> str:
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        value = value.quantize(Decimal("0.01"), ROUND_HALF_UP)
        text = f"{value:.2f}"
    else:
        text = str(value)
    return to_thai_digits(text) if digits else text


def summary_content(data: SummaryInput, *, thai_digits: bool = True) -> dict[str, Any]:
    """Ready-to-place strings of the report."""
    d = thai_digits
    share = (
        None
        if not data.count
        else (Decimal(100 * data.passed) / data.count).quantize(Decimal("0.01"))
    )
    year = _n(data.year, d)
    text = (
        f"ในการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
        f"ประจำปีงบประมาณ พ.ศ.\u00a0{year} หน่วยงานในความดูแลของ{data.body} "
        f"มีผลการประเมิน {_n(data.count, d)} แห่ง คะแนนเฉลี่ย {_n(data.mean, d)} คะแนน "
        f"ผ่านเกณฑ์ ๘๕ คะแนน {_n(data.passed, d)} แห่ง คิดเป็นร้อยละ {_n(share, d)}"
        if d
        else f"ในการประเมิน ITA ปี {year} หน่วยงานในความดูแลของ{data.body} มีผลการประเมิน "
        f"{data.count} แห่ง คะแนนเฉลี่ย {_n(data.mean, d)} ผ่านเกณฑ์ 85 คะแนน {data.passed} แห่ง "
        f"(ร้อยละ {_n(share, d)})"
    )
    return {
        "kind": KIND,
        "thai_digits": d,
        "title": f"รายงานสรุปผลการประเมิน ITA ประจำปี พ.ศ.\u00a0{year}",
        "body": data.body,
        "text": text,
        "cycle": f"แผนมาตรการที่ผู้บริหารอนุมัติแล้ว {_n(data.plans_approved, d)} แห่ง "
        f"รายงานผลการดำเนินการแล้ว {_n(data.rounds_reported, d)} แห่ง",
        "generated": (
            f"หมายเหตุ: ผลการประเมิน {_n(data.generated, d)} รายการในรายงานนี้สร้างขึ้นเพื่อการสาธิต "
            "ไม่ใช่ผลที่ ป.ป.ช. ประกาศ"
            if data.generated
            else ""
        ),
        "grades": [(g, _n(n, d)) for g, n in data.grades],
        "ratings": [(r, _n(n, d)) for r, n in data.ratings],
        "weak": [(w, _n(n, d)) for w, n in data.weak],
        "failed": [(f, _n(n, d)) for f, n in data.failed],
        "risers": [(name, "+" + _n(v, d)) for name, v in data.risers],
        "fallers": [(name, _n(v, d)) for name, v in data.fallers],
        "below": [
            (name, district, _n(score, d), grade) for name, district, score, grade in data.below
        ],
        "bins": data.bins,
    }


def _chart(content: dict[str, Any]) -> bytes:
    from prongsai.documents.chart import distribution_chart

    return distribution_chart(content["bins"], 85, content["body"], content["thai_digits"])


def summary_pdf(content: dict[str, Any]) -> bytes:
    from prongsai.documents.pdf import FONT_FILES, FONTS, HERE, PdfUnavailable, _environment
    from prongsai.documents.pdf_text import fix_thai_text_layer

    chart = "data:image/png;base64," + base64.b64encode(_chart(content)).decode("ascii")
    fonts = {weight: (FONTS / name).as_uri() for weight, name in FONT_FILES.items()}
    html = _environment.get_template(f"{KIND}.html").render(c=content, chart=chart, fonts=fonts)
    try:
        from weasyprint import HTML
    except OSError as exc:
        raise PdfUnavailable(str(exc).splitlines()[0]) from exc
    return fix_thai_text_layer(bytes(HTML(string=html, base_url=str(HERE)).write_pdf()))


def summary_docx(content: dict[str, Any]) -> bytes:
    from docx import Document
    from docx.shared import Cm

    from prongsai.documents.docx import _defaults, _page, para, run

    document = Document()
    _defaults(document)
    _page(document, False, (2.5, 2.0, 3.0, 2.0))
    para(document, content["title"], size=20, bold=True, align="center")
    para(document, content["body"], size=18, bold=True, align="center")
    para(document, content["text"], align="thai", indent=True, before=12)
    para(document, content["cycle"], align="thai", indent=True)
    if content["generated"]:
        para(document, content["generated"], size=14)
    document.add_picture(io.BytesIO(_chart(content)), width=Cm(15.5))

    def table(heading: str, header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        para(document, heading, size=18, bold=True, before=10)
        if not rows:
            para(document, "–")
            return
        grid = document.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header, strict=True):
            run(cell.paragraphs[0], text, bold=True)
        for row in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                run(cell.paragraphs[0], str(text))

    table("ระดับผลการประเมิน", ("ระดับ", "จำนวนหน่วยงาน"), content["grades"])
    if content["ratings"]:
        table("ผลการประเมิน", ("ผลการประเมิน", "จำนวนหน่วยงาน"), content["ratings"])
    table("ตัวชี้วัดที่ต่ำกว่าเกณฑ์บ่อยที่สุด", ("ตัวชี้วัด", "จำนวนหน่วยงาน"), content["weak"])
    table("ข้อ OIT ที่ไม่ผ่านบ่อยที่สุด", ("ข้อ", "จำนวนหน่วยงาน"), content["failed"])
    table(
        "คะแนนเปลี่ยนแปลงมากที่สุดจากปีก่อน",
        ("หน่วยงาน", "เปลี่ยนแปลง"),
        content["risers"] + content["fallers"],
    )
    table(
        "หน่วยงานที่ยังไม่ผ่านเกณฑ์",
        ("หน่วยงาน", "อำเภอ", "คะแนน", "ระดับ"),
        content["below"],
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
