"""What the engine tells a user about their input: errors that stop it, warnings that don't.

Each finding has a stable English code (scripts rely on it) and a precise message in
Thai and in English. The wording lives here, in one table, so the two languages
stay in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    # Errors: the input cannot be analysed.
    "MISSING_FIELD": (
        "ไม่มีช่อง {field} ซึ่งต้องระบุ",
        "required field {field} is missing",
    ),
    "UNKNOWN_FIELD": (
        "ไม่รู้จักช่อง {field} (ช่องที่ใช้ได้: {allowed})",
        "unknown field {field} (allowed: {allowed})",
    ),
    "BAD_VALUE": (
        "ช่อง {field}: ค่า {value!r} ใช้ไม่ได้ ต้องเป็น {expected}",
        "{field}: {value!r} is not valid, expected {expected_en}",
    ),
    "OUT_OF_RANGE": (
        "ช่อง {field}: คะแนน {value} อยู่นอกช่วง 0–100",
        "{field}: score {value} is outside 0–100",
    ),
    "BAD_CODE": (
        "ช่อง {field}: รหัส {value!r} ไม่ถูกรูปแบบ ต้องเป็น {expected}",
        "{field}: code {value!r} is malformed, expected {expected_en}",
    ),
    "CHRISTIAN_ERA_YEAR": (
        "ช่อง {field}: ปี {value} เป็นปีคริสต์ศักราช ให้ใช้ปีพุทธศักราช ({be})",
        "{field}: {value} is a Christian-era year; give the Buddhist-era year ({be})",
    ),
    "DUPLICATE_CONFLICT": (
        "ช่อง {field}: รหัส {code} มีมากกว่าหนึ่งค่า ({values}) ไม่ทราบว่าค่าใดถูก",
        "{field}: code {code} has conflicting values ({values})",
    ),
    "NO_EDITION": (
        "ไม่มีเกณฑ์การประเมินของปี {value} (มีของปี {known})",
        "no framework edition for ITA year {value} (editions exist for {known})",
    ),
    "UNKNOWN_FRAMEWORK": (
        "ช่อง framework: ไม่มีเกณฑ์ {value!r} (มี {known})",
        "framework: no edition {value!r} (known: {known})",
    ),
    # Warnings: the analysis goes on, and says what it doubts.
    "DUPLICATE_CODE": (
        "รหัส {code} ระบุซ้ำ ({forms}) ด้วยค่าเดียวกัน จึงใช้ค่าเดียว",
        "code {code} is given more than once ({forms}) with the same value",
    ),
    "UNKNOWN_CODE": (
        "ไม่มี{what} {code} ในเกณฑ์ {framework} จึงไม่นำมาคำนวณ",
        "{framework} has no {what_en} {code}; it was left out",
    ),
    "QUESTIONS_NOT_IN_EDITION": (
        "เกณฑ์ {framework} ไม่มีรายการข้อคำถามของตัวชี้วัดที่ {indicators} จึงไม่นำคะแนนรายข้อ {codes} มาคำนวณ",
        "{framework} does not list the questions of indicators {indicators}; "
        "question scores {codes} were not used",
    ),
    "ITEMS_NOT_PLACED": (
        "เกณฑ์ {framework} ไม่มีข้อมูลว่าข้อ OIT ใดอยู่ในตัวชี้วัดย่อยใด จึงคำนวณตัวชี้วัด OIT "
        "จากผลรายข้อ และคะแนนที่จะได้เพิ่มเมื่อแก้ไขแต่ละข้อไม่ได้",
        "{framework} does not say which sub-indicator each OIT item belongs to: OIT "
        "indicators cannot be computed from items, nor the points of fixing an item",
    ),
    "SUB_ITEMS_COUNT": (
        "ข้อ {code} มีข้อย่อย {expected} ข้อ แต่ให้คะแนนมา {given} ข้อ",
        "question {code} has {expected} sub-items but {given} scores were given",
    ),
    "INDICATOR_QUESTIONS_MISMATCH": (
        "ตัวชี้วัดที่ {number} {name}: คะแนนที่ระบุ {given} ไม่ตรงกับค่าเฉลี่ยของข้อคำถาม "
        "{first}–{last} = {computed}{copied}{caveat}",
        "indicator {number} {name_en}: the given score {given} differs from the mean of "
        "questions {first}–{last} = {computed}{copied_en}{caveat_en}",
    ),
    "INDICATOR_ITEMS_MISMATCH": (
        "ตัวชี้วัดที่ {number} {name}: คะแนนที่ระบุ {given} ไม่ตรงกับคะแนนที่คำนวณจากผลรายข้อ OIT "
        "= {computed}{caveat}",
        "indicator {number} {name_en}: the given score {given} differs from the score of "
        "its OIT items = {computed}{caveat_en}",
    ),
    "TOOL_MISMATCH": (
        "คะแนน {tool} ที่ระบุ {reported} ไม่ตรงกับค่าเฉลี่ยของตัวชี้วัด = {computed}",
        "the reported {tool} score {reported} differs from the mean of its indicators = {computed}",
    ),
    "OVERALL_MISMATCH": (
        "คะแนนภาพรวมที่ระบุ {reported} ไม่ตรงกับที่คำนวณจากคะแนนตัวชี้วัด = {computed}{explained}",
        "the reported overall score {reported} differs from the one computed from the "
        "indicators = {computed}{explained_en}",
    ),
    "GRADE_MISMATCH": (
        "ระดับผลการประเมินที่ระบุ {reported} ไม่ตรงกับคะแนน {overall} ซึ่งอยู่ในระดับ {computed}",
        "the reported grade {reported} does not match the score {overall}, "
        "which is grade {computed}",
    ),
    "UNKNOWN_GRADE": (
        "ระดับ {reported} ไม่ใช่ระดับผลการประเมินของเกณฑ์ {framework} ({grades})",
        "{reported} is not a grade of {framework} ({grades})",
    ),
    "RATING_MISMATCH": (
        "ระดับ Rating ที่ระบุ {reported} ไม่ตรงกับที่คำนวณ = {computed}",
        "the reported rating {reported} differs from the computed one = {computed_en}",
    ),
    "RATING_NOT_IN_EDITION": (
        "เกณฑ์ {framework} ไม่มีระดับ Rating แต่เอกสารระบุ {reported}",
        "{framework} has no rating scheme, yet {reported} is reported",
    ),
    "PASSED_MISMATCH": (
        "เอกสารระบุว่า{reported}เกณฑ์ แต่คะแนน {overall} {computed}เกณฑ์ {pass_mark} คะแนน",
        "the document says {reported_en}, but the score {overall} {computed_en} "
        "the pass mark {pass_mark}",
    ),
    "UNKNOWN_TOOL": (
        "ไม่มีเครื่องมือ {tool} ในเกณฑ์ {framework} จึงไม่ได้ตรวจสอบคะแนน {value}",
        "{framework} has no tool {tool}; the reported {value} was not checked",
    ),
    "INDICATORS_MISSING": (
        "ไม่มีคะแนนตัวชี้วัดที่ {numbers} จึงคำนวณคะแนน {tools} และคะแนนภาพรวมไม่ได้",
        "indicators {numbers} have no score, so {tools} and the overall score cannot be computed",
    ),
    "OIT_GROUPING_UNCONFIRMED": (
        "การจัดข้อ OIT เข้าตัวชี้วัดย่อย ({codes}) ของเกณฑ์ {framework} ยังไม่ได้ยืนยันจากคู่มือของ "
        "สำนักงาน ป.ป.ช. (เป็นข้อสันนิษฐานจากแหล่งข้อมูลรอง) คะแนนตัวชี้วัด OIT ที่คำนวณจากรายข้อ "
        "และคะแนนที่จะได้เพิ่มเมื่อแก้ไขแต่ละข้อจึงเป็นค่าประมาณ",
        "the OIT sub-indicator membership ({codes}) of {framework} is not confirmed from NACC's "
        "manual (a hypothesis from secondary sources); OIT indicators computed from items and "
        "the points each "
        "fix would add are estimates",
    ),
    "NO_SCORES": (
        "เอกสารนี้ไม่มีคะแนนให้คำนวณ",
        "the document contains no scores to compute",
    ),
}


# Parts of messages that appear only when they apply, in the same two languages.
FRAGMENTS: dict[str, tuple[str, str]] = {
    "copied": (
        " (เท่ากับคะแนนตัวชี้วัดที่ {other} อาจคัดลอกมาผิดช่อง)",
        " (it equals indicator {other}'s score: probably copied)",
    ),
    "inferred": (
        " (การจัดกลุ่มของเกณฑ์ปีนี้เป็นข้อสันนิษฐาน ยังไม่ยืนยันจากคู่มือ)",
        " (this edition's grouping is inferred, not confirmed from the manual)",
    ),
    "explained": (
        " หากใช้คะแนนตัวชี้วัดที่ {numbers} ที่คำนวณจาก{detail} จะได้ {alternative} ตรงกับที่ระบุ",
        "; with indicator {numbers} computed from its {detail_en} it is {alternative}, "
        "which matches",
    ),
}


def fragment(name: str, **values: Any) -> tuple[str, str]:
    """A conditional part of a message, in Thai and English."""
    thai, english = FRAGMENTS[name]
    return thai.format(**values), english.format(**values)


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    message_en: str
    field: str | None = None

    def as_dict(self) -> dict[str, str]:
        result = {"code": self.code, "message": self.message, "message_en": self.message_en}
        if self.field:
            result["field"] = self.field
        return result


def finding(code: str, /, *, field: str | None = None, **values: Any) -> Finding:
    thai, english = MESSAGES[code]
    if field is not None:
        values.setdefault("field", field)
    return Finding(code, thai.format(**values), english.format(**values), field)


class ResultsError(ValueError):
    """A results document that cannot be analysed; `problems` says every reason."""

    def __init__(self, problems: list[Finding]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.message for p in problems))
