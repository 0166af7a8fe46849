"""Word: every document is a docxtpl template filled with the content.

The built-in templates are written here with python-docx, with the Thai run properties
Word and LibreOffice need (complex-script font, size and bold, th-TH), table grid
widths and repeated header rows. An agency downloads one, changes logo, fonts and
wording in Word and uploads it; its documents then come out of its own file. Templates
run in Jinja's sandbox: an uploaded file can place the content but not reach Python.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError as JinjaError

from prongsai.documents.chart import indicator_chart
from prongsai.documents.sandbox import LimitedSandbox, TemplateLimit, run_limited
from prongsai.files.zips import ZipLimitError, check_zip

FONT = "TH Sarabun New"
BODY = 16
INDENT = Cm(2.5)


class TemplateProblem(ValueError):
    """An uploaded Word template that cannot be used; the message says why."""


# ---------------------------------------------------------------- Thai runs


def _set_run_properties(rpr: Any, size: float = BODY, bold: bool = False) -> None:
    """Font, size, bold and language for Latin and Thai (complex script) alike."""
    for tag in ("w:rFonts", "w:b", "w:bCs", "w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    elements = [fonts]
    if bold:
        for tag in ("w:b", "w:bCs"):
            element = OxmlElement(tag)
            element.set(qn("w:val"), "1")
            elements.append(element)
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(int(size * 2)))
        elements.append(element)
    # Latin letters are English, Thai (complex script) is Thai: with w:val="th-TH"
    # LibreOffice breaks an English word with the Thai dictionary ("As|sessment").
    lang = OxmlElement("w:lang")
    for attribute, language in (("w:val", "en-US"), ("w:eastAsia", "th-TH"), ("w:bidi", "th-TH")):
        lang.set(qn(attribute), language)
    elements.append(lang)
    # Schema order: rFonts first, b/bCs next, sz/szCs later, lang last.
    for position, element in enumerate(elements[: 1 + 2 * bold]):
        rpr.insert(position, element)
    for element in elements[1 + 2 * bold :]:
        rpr.append(element)


def run(paragraph: Paragraph, text: str, size: float = BODY, bold: bool = False) -> None:
    created = paragraph.add_run(text)
    _set_run_properties(created._r.get_or_add_rPr(), size, bold)


def _defaults(document: DocumentObject) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    _set_run_properties(rpr)
    for name in ("Normal", "Table Grid"):
        style = document.styles[name]
        _set_run_properties(style.element.get_or_add_rPr())
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = Pt(0)
    normal.space_before = Pt(0)
    normal.line_spacing = 1.0


def _page(
    document: DocumentObject, landscape: bool, margins: tuple[float, float, float, float]
) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    top, bottom, left, right = margins
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)


def para(
    document: DocumentObject | Any,
    text: str = "",
    *,
    size: float = BODY,
    bold: bool = False,
    align: str = "left",
    indent: bool = False,
    before: float = 0,
) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "thai": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
    }[align]
    if indent:
        paragraph.paragraph_format.first_line_indent = INDENT
    if before:
        paragraph.paragraph_format.space_before = Pt(before)
    if text:
        run(paragraph, text, size, bold)
    return paragraph


def _repeat_header(table: Table) -> None:
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def loop_table(
    document: DocumentObject,
    headers: list[str],
    widths: list[float],
    loop: str,
    cells: list[str],
    bold_header: bool = True,
    last: list[str] | None = None,
) -> Table:
    """A table with a repeated header row, one templated row per item of `loop` and
    an optional `last` row in bold (a total)."""
    table = document.add_table(rows=5 if last else 4, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, width in enumerate(widths):
        table.columns[index].width = Cm(width)  # w:gridCol: LibreOffice ignores tcW alone
        for row in table.rows:
            row.cells[index].width = Cm(width)
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(cell.paragraphs[0], header, bold=bold_header)
    run(table.rows[1].cells[0].paragraphs[0], "{%tr for " + loop + " %}")
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        run(cell.paragraphs[0], text)
    run(table.rows[3].cells[0].paragraphs[0], "{%tr endfor %}")
    for cell, text in zip(table.rows[4].cells if last else (), last or (), strict=True):
        run(cell.paragraphs[0], text, bold=True)
    _repeat_header(table)
    return table


def signature(document: DocumentObject, who: str) -> None:
    """A signature block centred in the right half: (ลงชื่อ), (name), position lines."""
    for text in (
        "",
        "(ลงชื่อ) ........................................",
        "({{ " + who + ".name or '....................................' }})",
    ):
        paragraph = para(document, text, align="center")
        paragraph.paragraph_format.left_indent = Cm(8)
    paragraph = para(document, "{%p for p in " + who + ".positions %}")
    paragraph = para(document, "{{ p }}", align="center")
    paragraph.paragraph_format.left_indent = Cm(8)
    para(document, "{%p endfor %}")


def bullet_loop(
    document: DocumentObject, items: str, text: str = "{{ loop.index }}. {{ s }}"
) -> None:
    para(document, "{%p for s in " + items + " %}")
    paragraph = para(document, text)
    paragraph.paragraph_format.left_indent = Cm(1.25)
    para(document, "{%p endfor %}")


# ---------------------------------------------------------------- built-in templates


def _cover(document: DocumentObject) -> None:
    for _ in range(4):
        para(document)
    para(document, "{{ logo }}", align="center")  # the agency's logo, 3 cm high, if it has one
    for _ in range(3):
        para(document)
    para(document, "{{ c.title }}", size=24, bold=True, align="center")
    for _ in range(3):
        para(document)
    para(document, "{{ c.agency.name }}", size=22, bold=True, align="center")
    para(document, "{{ c.agency.place }}", size=18, align="center")
    para(document).add_run().add_break(WD_BREAK.PAGE)


def _analysis(document: DocumentObject) -> None:
    a = "c.analysis"
    para(document, "๑. หลักการและเหตุผล", size=18, bold=True)
    para(document, "{{ " + a + ".principles }}", indent=True, align="thai")
    para(document, "๒. ผลการประเมินภาพรวม", size=18, bold=True, before=10)
    para(document, "{{ " + a + ".result_text }} {{ " + a + ".change }}", indent=True, align="thai")
    loop_table(
        document,
        ["เครื่องมือการประเมิน", "คะแนน"],
        [12.5, 3.5],
        "t in " + a + ".tools",
        ["{{ t.name }}", "{{ t.score }}"],
        last=[
            "คะแนนภาพรวม (ระดับ {{ "
            + a
            + ".grade }}{% if "
            + a
            + ".rating %} {{ "
            + a
            + ".rating }}{% endif %})",
            "{{ " + a + ".overall }}",
        ],
    )
    para(document, "{%p if " + a + ".overall_note %}")
    para(document, "{{ " + a + ".overall_note }}", size=14)
    para(document, "{%p endif %}")
    para(document, "๓. ผลการประเมินรายตัวชี้วัด", size=18, bold=True, before=10)
    loop_table(
        document,
        ["อันดับ", "ตัวชี้วัด", "เครื่องมือ", "คะแนน", "เทียบเกณฑ์ {{ " + a + ".threshold }}"],
        [1.6, 7.0, 2.2, 2.4, 2.8],
        "i in " + a + ".indicators",
        [
            "{{ i.rank }}",
            "{{ i.number }}. {{ i.name }}",
            "{{ i.tool }}",
            "{{ i.score }}",
            "{{ i.status }}",
        ],
    )
    para(document, "{{ chart }}", align="center")
    para(document, "๔. จุดแข็งและจุดที่ต้องพัฒนา", size=18, bold=True, before=10)
    para(document, "จุดแข็ง (คะแนนตั้งแต่ {{ " + a + ".threshold }} ขึ้นไป)", bold=True)
    bullet_loop(document, a + ".strengths")
    para(document, "จุดที่ต้องพัฒนา (คะแนนต่ำกว่า {{ " + a + ".threshold }})", bold=True)
    bullet_loop(document, a + ".weaknesses")
    para(document, "๕. ผลการประเมินรายเครื่องมือ", size=18, bold=True, before=10)
    para(document, "{%p for s in " + a + ".tool_notes %}")
    para(document, "{{ s }}", indent=True, align="thai")
    para(document, "{%p endfor %}")
    para(document, "{%p if " + a + ".oit_failed %}")
    para(document, "๖. ข้อ OIT ที่ไม่ผ่าน", size=18, bold=True, before=10)
    loop_table(
        document,
        ["ข้อ", "รายการ", "ข้อสังเกตของผู้ประเมิน", "คะแนน ITA ที่จะได้เพิ่ม"],
        [1.6, 5.4, 6.0, 3.0],
        "f in " + a + ".oit_failed",
        ["{{ f.code }}", "{{ f.title }}", "{{ f.comment }}", "{{ f.points }}"],
    )
    para(document, "{%p if " + a + ".oit_grouping_note %}")
    para(document, "หมายเหตุ: {{ " + a + ".oit_grouping_note }}", size=14)
    para(document, "{%p endif %}")
    para(document, "{%p endif %}")
    para(document, "{%p if " + a + ".weak_questions %}")
    para(document, "ข้อคำถามที่ได้คะแนนต่ำในตัวชี้วัดที่ต้องพัฒนา", size=18, bold=True, before=10)
    loop_table(
        document,
        ["ตัวชี้วัด", "ข้อ", "ข้อคำถาม", "คะแนน"],
        [2.8, 1.6, 9.2, 2.4],
        "q in " + a + ".weak_questions",
        ["{{ q.indicator }}", "{{ q.code }}", "{{ q.title }}", "{{ q.score }}"],
    )
    para(document, "{%p endif %}")
    para(document, "ข้อเสนอแนะ", size=18, bold=True, before=10)
    para(document, "{%p for r in " + a + ".recommendations %}")
    para(document, "{%p if r.indicator %}")
    para(document, "{{ r.indicator }}", bold=True)
    para(document, "{%p endif %}")
    para(document, "{{ r.text }}", indent=True, align="thai")
    para(document, "{%p endfor %}")
    para(document, "ข้อจำกัด", size=18, bold=True, before=10)
    para(document, "{{ " + a + ".limitations }}", indent=True, align="thai")


def _measures(document: DocumentObject, heading: bool = True) -> None:
    if heading:
        para(document, "{{ c.title }}", size=18, bold=True, align="center")
        para(document, "{{ c.agency.name }}", size=18, bold=True, align="center")
    para(
        document,
        "{{ c.agency.name }} กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
        "พ.ศ.\u00a0{{ c.plan_year }} ({{ c.fiscal_range }}) จากผลการวิเคราะห์ผลการประเมิน ITA "
        "ประจำปี {{ c.ita_year }} ดังนี้",
        indent=True,
        align="thai",
        before=6,
    )
    loop_table(
        document,
        [
            "ที่",
            "มาตรการ/แนวทาง",
            "วิธีการดำเนินการ/ขั้นตอน",
            "ผู้รับผิดชอบ",
            "ระยะเวลาดำเนินการ",
            "การติดตามผล",
        ],
        [1.2, 5.2, 8.0, 3.4, 3.2, 4.0],
        "m in c.measures",
        [
            "{{ m.number }}",
            "{{ m.title }}{% if m.answers %}\n({{ m.answers }}){% endif %}",
            "{{ m.steps|join('\\n') }}{% if m.kpi %}\nตัวชี้วัดความสำเร็จ: {{ m.kpi }}{% endif %}",
            "{{ m.units }}",
            "{{ m.period }}",
            "{{ m.follow_up }}",
        ],
    )
    para(document, "{%p if c.executive.given %}")
    signature(document, "c.executive")
    para(document, "{%p endif %}")


def _progress(document: DocumentObject) -> None:
    para(document, "{{ c.title }}", size=18, bold=True, align="center")
    para(document, "{{ c.agency.name }}", size=18, bold=True, align="center")
    para(
        document,
        "ระหว่างวันที่ {{ c.progress.period }} (ข้อมูล ณ วันที่ {{ c.progress.as_of }})",
        align="center",
    )
    para(document, "{{ c.progress.summary }}", indent=True, before=6)
    loop_table(
        document,
        ["ที่", "มาตรการ", "ผลการดำเนินการ", "สถานะ", "หลักฐาน", "ปัญหา/อุปสรรค", "แนวทางแก้ไข"],
        [1.2, 5.0, 5.4, 3.0, 4.0, 3.2, 3.2],
        "r in c.progress.rows",
        [
            "{{ r.number }}",
            "{{ r.title }}\n{{ r.units }} · {{ r.period }}",
            "{{ r.done }}{% if r.reason %}\nเหตุผลที่ยกเลิก: {{ r.reason }}{% endif %}",
            "{{ r.status }}",
            "{{ r.evidence|join('\\n') }}",
            "{{ r.problems }}",
            "{{ r.solutions }}",
        ],
    )
    para(document, "{%p if c.officer.given %}")
    signature(document, "c.officer")
    para(document, "{%p endif %}")


def _memo(document: DocumentObject) -> None:
    # The garuda (1.5 cm high) at the top left and the heading centred on the page, level
    # with its foot: a borderless one-row table, which Word and LibreOffice lay out alike.
    top = document.add_table(rows=1, cols=3)
    top.alignment = WD_TABLE_ALIGNMENT.CENTER
    top.autofit = False
    for index, width in enumerate((3.0, 10.0, 3.0)):
        top.columns[index].width = Cm(width)
        top.rows[0].cells[index].width = Cm(width)
    top.rows[0].height = Cm(1.5)
    emblem = top.rows[0].cells[0].paragraphs[0]
    run(emblem, "{{ emblem }}")
    heading = top.rows[0].cells[1].paragraphs[0]
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.line_spacing = Pt(35)
    run(heading, "บันทึกข้อความ", size=29, bold=True)
    top.rows[0].cells[1].vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM
    for label, value in (
        (
            "ส่วนราชการ",
            "{{ c.agency.unit }} {{ c.agency.name }}"
            "{% if c.agency.phone %} โทร. {{ c.agency.phone }}{% endif %}",
        ),
        ("ที่", "{{ c.agency.prefix }}\t"),
        ("เรื่อง", "{{ c.memo.subject }}"),
    ):
        paragraph = para(document)
        run(paragraph, label, size=20, bold=True)
        run(paragraph, " " + value)
        if label == "ที่":
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(8))
            run(paragraph, "วันที่", size=20, bold=True)
            run(paragraph, " {{ c.date }}")
    para(document, "{{ c.memo.to }}", before=6)
    para(document, "{{ c.memo.body }}", indent=True, align="thai", before=6)
    para(document, "{{ c.memo.closing }}", indent=True, before=6)
    signature(document, "c.officer")
    para(document, "{%p if c.head.given %}")
    para(document, "ความเห็นของ{{ c.head.positions[0] }}", bold=True, before=10)
    para(
        document,
        "......................................................................................",
    )
    signature(document, "c.head")
    para(document, "{%p endif %}")
    para(document, "คำสั่ง/ความเห็นของผู้บริหาร", bold=True, before=10)
    para(
        document,
        "☐ {{ c.memo.decision }}        ☐ อื่น ๆ ..................................................",
    )
    signature(document, "c.executive")


def _announcement(document: DocumentObject) -> None:
    para(document, "{%p if emblem %}")
    para(document, "{{ emblem_large }}", align="center")  # the garuda, 3 cm, centred
    para(document, "{%p endif %}")
    para(document, "{{ c.title }}", size=18, bold=True, align="center")
    para(document, "เรื่อง {{ c.memo.announcement_subject }}", size=18, bold=True, align="center")
    para(document, "*****************************", align="center")
    para(document, "{{ c.memo.announcement_body }}", indent=True, align="thai", before=6)
    para(document, "{%p for m in c.measures %}")
    para(document, "{{ m.number }}. {{ m.title }}", indent=True)
    para(document, "{%p endfor %}")
    para(
        document,
        "ทั้งนี้ รายละเอียดวิธีการดำเนินการ ผู้รับผิดชอบ และระยะเวลาดำเนินการ "
        "เป็นไปตามเอกสารแนบท้ายประกาศนี้ ตั้งแต่บัดนี้เป็นต้นไป",
        indent=True,
        align="thai",
        before=6,
    )
    para(document, "ประกาศ ณ วันที่ {{ c.date }}", align="center", before=12)
    signature(document, "c.executive")


def _analysis_and_measures(document: DocumentObject) -> None:
    _cover(document)
    _analysis(document)
    section = document.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    para(
        document,
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ.\u00a0{{ c.plan_year }}",
        size=18,
        bold=True,
        align="center",
    )
    _measures(document, heading=False)


def _oit_publication(document: DocumentObject) -> None:
    """The memo asking to publish the OIT data, and the list of approved items after it."""
    _memo(document)
    document.add_page_break()
    para(
        document,
        "บัญชีข้อมูลที่ขออนุญาตเผยแพร่บนเว็บไซต์ ตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) "
        "ประจำปีงบประมาณ พ.ศ.\u00a0{{ c.ita_year }}",
        size=18,
        bold=True,
        align="center",
    )
    loop_table(
        document,
        ["ข้อ", "รายการ", "URL", "คำอธิบาย", "ผู้รับผิดชอบ"],
        [1.2, 3.6, 5.6, 3.6, 2.2],
        "i in c['items']",
        [
            "{{ i.code }}",
            "{{ i.title }}",
            "{{ i.urls|join(' ') }}",
            "{{ i.explanation }}",
            "{{ i.unit }}",
        ],
    )


# kind → (landscape, margins top/bottom/left/right in cm, builder)
LAYOUTS: dict[
    str, tuple[bool, tuple[float, float, float, float], Callable[[DocumentObject], None]]
] = {
    "analysis": (False, (2.5, 2, 3, 2), lambda d: (_cover(d), _analysis(d))),
    "measures": (True, (2, 2, 2.5, 2), _measures),
    "analysis+measures": (False, (2.5, 2, 3, 2), _analysis_and_measures),
    "progress": (True, (2, 2, 2.5, 2), _progress),
    "memo": (False, (1.5, 2, 3, 2), _memo),
    "announcement": (False, (2.5, 2, 3, 2), _announcement),
    "oit-publication": (False, (1.5, 2, 3, 2), _oit_publication),
}


def builtin_template(kind: str) -> bytes:
    """The built-in Word template of a document kind, with its Jinja tags."""
    landscape, margins, build = LAYOUTS[kind]
    document = Document()
    _defaults(document)
    _page(document, landscape, margins)
    build(document)
    _page_numbers(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_numbers(document: DocumentObject) -> None:
    """ "- ๒ -" at the top centre from the second page (Word shows Thai digits).
    One header for the whole document: a later section (the landscape measures) links
    to it, so its number is written once, not once more per section."""
    document.sections[0].different_first_page_header_footer = True
    for section in document.sections[1:]:
        section.header.is_linked_to_previous = True
    for section in document.sections[:1]:
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(paragraph, "- ")
        field_run = paragraph.add_run()
        _set_run_properties(field_run._r.get_or_add_rPr())
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            field_run._r.append(element)
        run(paragraph, " -")
    for section in document.sections:
        page_numbers = OxmlElement("w:pgNumType")
        page_numbers.set(qn("w:fmt"), "thaiNumbers")
        section._sectPr.append(page_numbers)


# ---------------------------------------------------------------- rendering


def render_docx(content: dict[str, Any], template: bytes | None = None) -> bytes:
    """Fill a template (the built-in one of the content's kind by default). An agency's
    own template is filled in a separate process with a time and memory limit."""
    if template is None:
        return _render(content, None)
    _check_container(template)  # perhaps stored before the limits
    try:
        return run_limited(_render, content, template)  # type: ignore[no-any-return]
    except TemplateProblem:
        raise
    except TemplateLimit as exc:
        raise TemplateProblem(
            f"แม่แบบ Word ใช้ไม่ได้: {exc.thai} / the Word template cannot be used: {exc.english}"
        ) from exc
    except Exception as exc:  # a tag that fails on the content, e.g. {{ 1 + "a" }}
        raise TemplateProblem(
            f"แม่แบบ Word ใช้ไม่ได้: {exc} / the Word template cannot be used: {exc}"
        ) from exc


def _render(content: dict[str, Any], template: bytes | None) -> bytes:
    document = DocxTemplate(io.BytesIO(template or builtin_template(content["kind"])))
    context: dict[str, Any] = {"c": content, "chart": "", "emblem": "", "emblem_large": ""}
    context["logo"] = ""
    images = content.get("images", {})
    if images.get("emblem"):
        context["emblem"] = InlineImage(document, io.BytesIO(images["emblem"]), height=Cm(1.5))
        context["emblem_large"] = InlineImage(document, io.BytesIO(images["emblem"]), height=Cm(3))
    if images.get("logo"):
        context["logo"] = InlineImage(document, io.BytesIO(images["logo"]), height=Cm(3))
    if "analysis" in content and content["kind"] in ("analysis", "analysis+measures"):
        png = indicator_chart(content["analysis"], content["thai_digits"])
        context["chart"] = InlineImage(document, io.BytesIO(png), width=Cm(16))
    try:
        document.render(context, jinja_env=LimitedSandbox(), autoescape=True)
    except TemplateLimit:
        raise
    except JinjaError as exc:
        raise TemplateProblem(
            f"แม่แบบ Word ใช้ไม่ได้: {exc} (ตรวจคำสั่ง {{{{ }}}} และ {{% %}} ในแม่แบบ) / "
            f"the Word template cannot be used: {exc}"
        ) from exc
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def trial_render(kind: str, template: bytes) -> None:
    """Fill `template` with sample content of its kind: a template that fails here
    is refused at upload, so no agency ever gets half a document from it."""
    from prongsai.documents.sample import sample_content

    render_docx(sample_content(kind), template)


def _check_container(data: bytes) -> None:
    """Refuse an archive over the size limits before docxtpl inflates it (a damaged
    one is left to docxtpl, whose failure says "not a usable template")."""
    try:
        check_zip(data)
    except ZipLimitError as exc:
        if exc.code != "ZIP_DAMAGED":
            raise TemplateProblem(
                f"แม่แบบ Word: {exc.message} / the Word template: {exc.message_en}"
            ) from exc


def check_template(data: bytes) -> None:
    """Raise `TemplateProblem` unless `data` is a Word file docxtpl can open."""
    _check_container(data)
    try:
        DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables(jinja_env=LimitedSandbox())
    except JinjaError as exc:
        raise TemplateProblem(
            f"แม่แบบ Word มีคำสั่งที่ผิด: {exc} / the template has a broken tag: {exc}"
        ) from exc
    except Exception as exc:  # zip, XML and python-docx errors: not a usable .docx
        raise TemplateProblem(
            "ไฟล์นี้ไม่ใช่แม่แบบ Word (.docx) ที่ใช้ได้ / not a usable Word (.docx) template"
        ) from exc
