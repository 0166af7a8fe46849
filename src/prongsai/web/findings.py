"""The engine's findings as the web shows them: in Thai, naming what an officer sees on
the page ("ปีที่ประเมิน", "ตัวชี้วัดที่ 3"), not the document's field codes
("fiscal_year", "indicators.3") that files and the CLI use."""

from __future__ import annotations

from prongsai.engine import Finding

SECTIONS = {
    "agency": "ชื่อหน่วยงาน",
    "fiscal_year": "ปีที่ประเมิน ITA (พ.ศ.)",
    "framework": "เกณฑ์การประเมิน",
    "indicators": "คะแนนตัวชี้วัด",
    "questions": "คะแนนข้อคำถาม",
    "oit_items": "ผลข้อ OIT",
    "oit_comments": "ความเห็นของผู้ประเมิน",
    "reported": "คะแนนที่ประกาศ",
}
ITEMS = {
    "indicators": "ตัวชี้วัดที่ {code}",
    "questions": "ข้อคำถาม {code}",
    "oit_items": "ข้อ {code}",
    "oit_comments": "ความเห็นของผู้ประเมินข้อ {code}",
}
REPORTED = {
    "overall": "คะแนนภาพรวมที่ประกาศ",
    "grade": "ระดับผลการประเมินที่ประกาศ",
    "rating": "ระดับ Rating ที่ประกาศ",
    "passed": "ผลผ่าน/ไม่ผ่านที่ประกาศ",
}


def field_label(field: str) -> str:
    """The Thai name of a results document's field ("indicators.3" → "ตัวชี้วัดที่ 3")."""
    section, _sep, code = field.partition(".")
    if not code:
        return SECTIONS.get(section, field)
    if section == "reported":
        return REPORTED.get(code, f"คะแนน {code} ที่ประกาศ")
    if section in ITEMS:
        return ITEMS[section].format(code=code)
    return field


def thai_message(problem: Finding) -> str:
    """A finding's Thai message with its field named as the page names it."""
    field = problem.field
    if not field or field.startswith("("):
        return problem.message
    label = field_label(field)
    if problem.code == "MISSING_FIELD":
        return f"ยังไม่มี{label} ซึ่งต้องระบุ"
    return problem.message.replace(f"ช่อง {field}", label).replace(field, label)
