"""The content of every document, built once from the engine's analysis, the measures
plan and a progress round. Both renderers (Word and PDF) place exactly these strings,
so the two formats never disagree. Digits and dates are formatted here, once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from prongsai.cycle import DOCUMENT_KINDS, STATUSES, is_overdue
from prongsai.documents.inputs import Agency, Person, Plan, Progress, Texts
from prongsai.engine import Analysis
from prongsai.engine.numbers import fmt as fmt_engine
from prongsai.engine.numbers import round2
from prongsai.thai import (
    fiscal_months,
    format_be_date,
    format_be_month,
    month_start,
    to_thai_digits,
)

KINDS = tuple(DOCUMENT_KINDS)
TOOL_NAMES = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
    "OIT": "แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)",
}
# What a weak indicator usually needs, in our own words, from NACC's guidance and the
# measures agencies publish. The analysis report offers it; the agency edits it in Word.
RECOMMENDATIONS = {
    1: "กำหนดขั้นตอนและระยะเวลาการปฏิบัติงานทุกภารกิจให้ชัดเจน เปิดเผยให้ผู้รับบริการทราบ "
    "และปฏิบัติต่อผู้รับบริการทุกคนอย่างเท่าเทียม",
    2: "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี รายงานผลการใช้จ่ายเป็นระยะ "
    "และเปิดให้บุคลากรมีส่วนร่วมตรวจสอบการใช้จ่ายและการจัดซื้อจัดจ้าง",
    3: "ชี้แจงหลักเกณฑ์การมอบหมายงานและการประเมินผลการปฏิบัติงาน "
    "และให้ผู้บังคับบัญชาปฏิบัติต่อบุคลากรอย่างเป็นธรรม ไม่เลือกปฏิบัติ",
    4: "จัดทำแนวปฏิบัติการยืมและใช้ทรัพย์สินของราชการที่ชัดเจน สะดวก และสร้างการรับรู้ให้บุคลากรทั้งภายในและภายนอก",
    5: "ให้ผู้บริหารแสดงเจตนารมณ์ต่อต้านการทุจริตอย่างจริงจัง จัดทำแผนป้องกันการทุจริต "
    "และเปิดช่องทางร้องเรียนที่ผู้ร้องเรียนได้รับความคุ้มครอง",
    6: "จัดทำคู่มือและมาตรฐานการให้บริการ แจ้งขั้นตอนและระยะเวลาให้ผู้รับบริการทราบ "
    "และพัฒนาทักษะของผู้ให้บริการอย่างสม่ำเสมอ",
    7: "เผยแพร่ข้อมูลผ่านช่องทางที่หลากหลายและเข้าถึงง่าย และเปิดช่องทางสื่อสารสองทางเพื่อตอบข้อสงสัยของผู้รับบริการ",
    8: "รับฟังความคิดเห็นของผู้รับบริการ นำมาปรับปรุงขั้นตอนการทำงาน "
    "และนำเทคโนโลยีมาใช้ให้การให้บริการสะดวกรวดเร็วขึ้น",
    9: "มอบหมายผู้รับผิดชอบข้อมูลแต่ละหัวข้อ ตรวจสอบให้ข้อมูลบนเว็บไซต์ครบถ้วน เป็นปัจจุบัน "
    "และเข้าถึงได้จาก URL ของหน่วยงานโดยตรง",
    10: "จัดทำและเผยแพร่มาตรการป้องกันการทุจริต แผนบริหารความเสี่ยง "
    "และรายงานผลการดำเนินการตามมาตรการภายในรอบปีอย่างเป็นรูปธรรม",
}


# A URL or a file name is quoted as it is: "มี.ค.67.pdf" is a file, never "มี.ค.๖๗.pdf".
_LITERAL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+"
    r"|[^\s<>\"()]+\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|csv|txt|jpe?g|png|gif|zip|rar)\b",
    re.IGNORECASE,
)


def thai_digits_except_literals(text: str) -> str:
    """Thai digits everywhere but inside URLs and file names."""
    parts, last = [], 0
    for match in _LITERAL.finditer(text):
        parts += [to_thai_digits(text[last : match.start()]), match.group()]
        last = match.end()
    return "".join(parts) + to_thai_digits(text[last:])


@dataclass(frozen=True)
class Options:
    thai_digits: bool = True
    abbreviated_dates: bool = False
    today: date | None = None
    memo_about: str = "measures"  # which document the memo sends: analysis, measures, progress


class _Format:
    def __init__(self, options: Options) -> None:
        self.options = options

    def text(self, value: object) -> str:
        text = "" if value is None else str(value)
        return thai_digits_except_literals(text) if self.options.thai_digits else text

    def score(self, value: Decimal | None) -> str:
        return "–" if value is None else self.text(f"{round2(value):.2f}")

    def signed(self, value: Decimal) -> str:
        return self.text(f"{'+' if value > 0 else ''}{round2(value):.2f}")

    def date(self, day: date | None) -> str:
        if day is None:
            return ""
        return self.text(format_be_date(day, abbreviated=self.options.abbreviated_dates))

    def month(self, month: tuple[int, int]) -> str:
        """(BE year, month) → "ต.ค. ๖๕", the two kept on one line."""
        year, number = month
        return self.text(
            format_be_month(month_start((year, number)), short_year=True, space="\u00a0")
        )

    def period(self, start: tuple[int, int], end: tuple[int, int]) -> str:
        return self.month(start) if start == end else f"{self.month(start)} – {self.month(end)}"


def person(fmt: _Format, who: Person | None) -> dict[str, Any]:
    if who is None:
        return {"name": "", "positions": [], "given": False}
    return {"name": who.name, "positions": [fmt.text(p) for p in who.positions], "given": True}


def build_content(
    kind: str,
    *,
    analysis: Analysis | None,
    agency: Agency | None,
    plan: Plan | None = None,
    progress: Progress | None = None,
    options: Options | None = None,
    texts: Texts | None = None,
) -> dict[str, Any]:
    """Everything a document of `kind` shows, as ready-to-place strings."""
    options = options or Options()
    fmt = _Format(options)
    today = options.today or date.today()
    name = (agency.name if agency else None) or (analysis.agency if analysis else None) or ""
    ita_year = analysis.fiscal_year if analysis else (plan.fiscal_year - 1 if plan else 0)
    plan_year = plan.fiscal_year if plan else ita_year + 1
    place = ""
    if agency and (agency.district or agency.province):
        place = " ".join(
            part
            for part in (
                f"อำเภอ{agency.district}" if agency.district else "",
                f"จังหวัด{agency.province}" if agency.province else "",
            )
            if part
        )
    content: dict[str, Any] = {
        "kind": kind,
        "thai_digits": options.thai_digits,
        "agency": {
            "name": name,
            "place": place,
            "unit": fmt.text(agency.unit if agency else "สำนักปลัด"),
            "phone": fmt.text(agency.phone if agency else ""),
            "prefix": fmt.text(agency.document_prefix if agency else ""),
        },
        "images": {
            "emblem": agency.emblem if agency else b"",
            "logo": agency.logo if agency else b"",
        },
        "ita_year": fmt.text(ita_year),
        "plan_year": fmt.text(plan_year),
        "date": fmt.date(today),
        "fiscal_range": f"{fmt.month((plan_year - 1, 10))} – {fmt.month((plan_year, 9))}",
        "officer": person(fmt, agency.officer if agency else None),
        "head": person(fmt, agency.head if agency else None),
        "executive": person(fmt, agency.executive if agency else None),
    }
    if analysis is not None:
        content["analysis"] = _analysis(fmt, analysis, agency, texts or Texts())
    if plan is not None:
        content["measures"] = _measures(fmt, plan, analysis)
    if progress is not None and plan is not None:
        content["progress"] = _progress(fmt, progress, plan)
    content["title"] = _title(kind, content)
    content["memo"] = _memo(kind, content, options.memo_about)
    return _keep_year_together(content)


_NUMBER_UNIT = re.compile("(รอบ) (?=[0-9๐-๙])|([0-9๐-๙]) (?=เดือน)")


def _keep_year_together(value: Any) -> Any:
    """ "พ.ศ. ๒๕๖๖", "รอบ ๖ เดือน" and "๑๒ เดือน" never split across lines (no orphan
    "เดือน"): a no-break space joins them."""
    if isinstance(value, str):
        value = value.replace("พ.ศ. ", "พ.ศ.\u00a0")
        return (
            _NUMBER_UNIT.sub(lambda m: (m[1] or m[2]) + "\u00a0", value) if " " in value else value
        )
    if isinstance(value, dict):
        return {k: _keep_year_together(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keep_year_together(v) for v in value]
    return value


def _title(kind: str, c: dict[str, Any]) -> str:
    analysis = (
        "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
        f"(ITA) ประจำปีงบประมาณ พ.ศ. {c['ita_year']}"
    )
    measures = f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {c['plan_year']}"
    titles = {
        "analysis": analysis,
        "measures": measures,
        "analysis+measures": f"{measures} และ{analysis.replace('รายงาน', '', 1)}",
        "progress": (
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {c['plan_year']}"
            + (f" {c['progress']['round_label']}" if "progress" in c else "")
        ),
        "memo": "บันทึกข้อความ",
        "announcement": f"ประกาศ{c['agency']['name']}",
    }
    return titles[kind]


DEFAULT_LIMITATIONS = (
    "การวิเคราะห์นี้ใช้คะแนนตามที่สำนักงาน ป.ป.ช. ประกาศผลการประเมิน ซึ่งไม่ได้แสดงจำนวนผู้ตอบแบบวัด"
    "และความคิดเห็นของผู้ตอบแต่ละราย หน่วยงานจึงวิเคราะห์ได้ในระดับตัวชี้วัดและข้อคำถามเท่านั้น "
    "และการเทียบคะแนนกับปีก่อนควรคำนึงว่าเกณฑ์การประเมินมีการปรับทุกปี"
)
ALL_PASSED = "ทุกตัวชี้วัดผ่านเกณฑ์ ควรรักษามาตรฐานและพัฒนาการดำเนินงานอย่างต่อเนื่อง"


def _label(i: Any) -> str:
    return f"ตัวชี้วัดที่ {i.number} {i.name} ({round2(i.score):.2f} คะแนน)"


def default_texts(analysis: Analysis, agency: Agency | None = None) -> Texts:
    """The free-text parts as the report words them when the agency has not: what the
    web form starts from. Digits are Arabic here; the documents make them Thai."""
    threshold = f"{round2(analysis.threshold):.2f}".removesuffix(".00")
    introduction = (
        "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ประเมินคุณธรรม"
        "และความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
        "(Integrity and Transparency Assessment: ITA) "
        "ทุกปี เพื่อให้หน่วยงานรู้สถานะการดำเนินงานของตนและนำผลไปปรับปรุงให้ดีขึ้น "
        f"เป้าหมายของประเทศคือหน่วยงานผ่านเกณฑ์ {threshold} คะแนนขึ้นไป "
        f"หน่วยงานจึงวิเคราะห์ผลการประเมินปี {analysis.fiscal_year} "
        "เพื่อหาจุดแข็งที่ควรรักษา จุดอ่อนที่ต้องแก้ไข และกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
        f"ภายในหน่วยงานสำหรับปีงบประมาณ {analysis.fiscal_year + 1}"
    )
    recommendations = "\n\n".join(
        f"{_label(i)}\n{RECOMMENDATIONS.get(i.number, '')}".strip()
        for i in analysis.weaknesses
        if i.score is not None
    )
    return Texts(
        introduction=introduction,
        recommendations=recommendations or ALL_PASSED,
        limitations=(agency.limitations if agency and agency.limitations else DEFAULT_LIMITATIONS),
    )


def _paragraphs(fmt: _Format, text: str) -> list[dict[str, str]]:
    """Blocks separated by a blank line; a block of several lines starts with its heading."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    result = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        heading, body = (lines[0], " ".join(lines[1:])) if len(lines) > 1 else ("", lines[0])
        result.append({"indicator": fmt.text(heading), "text": fmt.text(body)})
    return result


def _analysis(
    fmt: _Format, analysis: Analysis, agency: Agency | None, texts: Texts
) -> dict[str, Any]:
    default = default_texts(analysis, agency)
    scores = analysis.scores
    threshold = fmt.score(analysis.threshold).removesuffix(fmt.text(".00"))
    indicators = [
        {
            "rank": fmt.text(i.rank),
            "number": fmt.text(i.number),
            "name": i.name,
            "tool": i.tool,
            "score": fmt.score(i.score),
            "status": "จุดแข็ง" if i.status == "strength" else "ต้องพัฒนา",
            "weak": i.status == "weakness",
        }
        for i in analysis.ranked
    ]
    label = lambda i: fmt.text(f"ตัวชี้วัดที่ {i.number} {i.name} ({fmt.score(i.score)} คะแนน)")  # noqa: E731
    tool_notes = []
    for tool in analysis.framework.tools:
        own = [i for i in analysis.ranked if i.tool == tool.code]
        if not own or scores.tools.get(tool.code) is None:
            continue
        best, worst = own[0], own[-1]
        name = TOOL_NAMES.get(tool.code, tool.code)
        sentence = f"{name} ได้คะแนน {fmt.score(scores.tools[tool.code])} คะแนน"
        if best is not worst:
            sentence += f" ตัวชี้วัดที่ได้คะแนนสูงสุดคือ {label(best)} ต่ำสุดคือ {label(worst)}"
        weak = [i for i in own if i.status == "weakness"]
        sentence += (
            f" มีตัวชี้วัดที่ต่ำกว่าเกณฑ์ {threshold} คะแนน {fmt.text(len(weak))} ตัวชี้วัด"
            if weak
            else f" ทุกตัวชี้วัดผ่านเกณฑ์ {threshold} คะแนน"
        )
        tool_notes.append(sentence)
    change = ""
    if analysis.change and analysis.change.overall is not None:
        difference = analysis.change.overall  # the engine's change from the year before
        direction = "เพิ่มขึ้น" if difference > 0 else "ลดลง" if difference < 0 else "เท่าเดิม"
        change = (
            f"เทียบกับปี {fmt.text(analysis.change.previous_year)} "
            f"({fmt.score(analysis.change.previous_overall)} คะแนน) {direction}"
            + (f" {fmt.score(abs(difference))} คะแนน" if difference else "")
        )
    weak_questions = [
        {
            "indicator": fmt.text(f"ตัวชี้วัดที่ {i.number}"),
            "code": q.code,
            "title": q.title,
            "score": fmt.score(q.score),
        }
        for i in analysis.weaknesses
        for q in i.weakest_questions
    ]
    published, overall_note = _published_overall(fmt, analysis)
    return {
        "overall": published,
        "overall_note": overall_note,
        "grade": scores.grade or "–",
        "rating": scores.rating or "",
        "passed": scores.passed,
        "threshold": threshold,
        "result_text": _result_text(fmt, analysis, threshold, published),
        "change": change,
        "tools": [
            {
                "code": t.code,
                "name": TOOL_NAMES.get(t.code, t.code),
                "score": fmt.score(scores.tools.get(t.code)),
            }
            for t in analysis.framework.tools
        ],
        "indicators": indicators,
        "strengths": [label(i) for i in analysis.strengths],
        "weaknesses": [label(i) for i in analysis.weaknesses],
        "tool_notes": tool_notes,
        "oit_failed": [
            {
                "code": f.code,
                "title": f.title or "",
                "comment": f.comment or "",
                "points": "–" if f.points_if_fixed is None else fmt.score(f.points_if_fixed),
            }
            for f in analysis.oit_failed
        ],
        # points-if-fixed rest on the edition's grouping: say when it is a hypothesis
        "oit_grouping_note": next(
            (
                fmt.text(w.message)
                for w in analysis.warnings
                if w.code == "OIT_GROUPING_UNCONFIRMED"
            ),
            "",
        ),
        "weak_questions": weak_questions,
        "recommendations": _paragraphs(
            fmt, texts.recommendations.strip() or default.recommendations
        ),
        "principles": fmt.text(
            " ".join((texts.introduction.strip() or default.introduction).split())
        ),
        "limitations": fmt.text(
            " ".join((texts.limitations.strip() or default.limitations).split())
        ),
    }


def _published_overall(fmt: _Format, analysis: Analysis) -> tuple[str, str]:
    """The overall as published, and a footnote when ours differs: which figure the
    document prints is never decided silently."""
    computed, reported = analysis.scores.overall, analysis.reported.overall
    mismatch = next((w for w in analysis.warnings if w.code == "OVERALL_MISMATCH"), None)
    if computed is None or reported is None or mismatch is None:
        return fmt.score(computed), ""
    computed_text = f"= {fmt_engine(computed)}"
    reason = mismatch.message.partition(computed_text)[2].strip()
    note = (
        f"* คะแนนภาพรวมตามที่สำนักงาน ป.ป.ช. ประกาศ คะแนนที่คำนวณจากคะแนนรายตัวชี้วัดในผลการประเมิน"
        f"ได้ {fmt.score(computed)} คะแนน "
        + (reason if reason else "ความต่างนี้อาจมาจากการปัดเศษหรือคะแนนรายตัวชี้วัดที่ระบุไม่ตรงกับรายละเอียด")
    )
    return fmt.score(reported) + "*", fmt.text(note)


def _result_text(fmt: _Format, analysis: Analysis, threshold: str, published: str) -> str:
    scores = analysis.scores
    if scores.overall is None:
        return "ยังคำนวณคะแนนภาพรวมไม่ได้ เนื่องจากผลการประเมินไม่ครบ"
    text = (
        f"ผลการประเมิน ITA ประจำปี {fmt.text(analysis.fiscal_year)} ได้คะแนนภาพรวม "
        f"{published} คะแนน ระดับ {scores.grade}"
    )
    if scores.rating:
        text += f" ผลการประเมิน{scores.rating}"
    if analysis.meets_threshold:
        return text + f" ผ่านเกณฑ์ {threshold} คะแนน"
    return text + f" ยังไม่ผ่านเกณฑ์ {threshold} คะแนน"


def _measures(fmt: _Format, plan: Plan, analysis: Analysis | None) -> list[dict[str, Any]]:
    names = {i.number: i.name for i in analysis.framework.indicators} if analysis else {}
    rows = []
    for m in plan.measures:
        answers = [
            fmt.text(f"ตัวชี้วัดที่ {n}") + (f" {names[n]}" if n in names else "") for n in m.indicators
        ]
        if m.oit_items:
            answers.append("ข้อ " + ", ".join(m.oit_items))
        rows.append(
            {
                "number": fmt.text(m.number),
                "title": fmt.text(m.title),
                "answers": "; ".join(answers),
                "steps": [fmt.text(f"{n}. {s}") for n, s in enumerate(m.steps, start=1)],
                "units": ", ".join(m.units),
                "period": fmt.period(m.start, m.end),
                "follow_up": fmt.text(m.follow_up),
                "kpi": fmt.text(m.kpi),
            }
        )
    return rows


def _progress(fmt: _Format, progress: Progress, plan: Plan) -> dict[str, Any]:
    months = fiscal_months(progress.fiscal_year)
    start, end = months[0], _last_day(months[progress.round - 1])
    entries = {e.measure: e for e in progress.entries}
    rows, counts = [], dict.fromkeys(STATUSES, 0)
    for m in plan.measures:
        entry = entries.get(m.number)
        status = entry.status if entry else "not_started"
        counts[status] += 1
        overdue = is_overdue(status, month_start(m.end), progress.as_of)
        rows.append(
            {
                "number": fmt.text(m.number),
                "title": fmt.text(m.title),
                "status": STATUSES[status][0] + (" (เกินกำหนด)" if overdue else ""),
                "done": fmt.text(entry.done if entry else "")
                + (f" ({fmt.date(entry.when)})" if entry and entry.when else ""),
                "evidence": [fmt.text(e) for e in (entry.evidence if entry else ())],
                "problems": fmt.text(entry.problems if entry else ""),
                "solutions": fmt.text(entry.solutions if entry else ""),
                "reason": fmt.text(entry.reason if entry else ""),
                "period": fmt.period(m.start, m.end),
                "units": ", ".join(m.units),
            }
        )
    total = len(plan.measures)
    summary = [fmt.text(f"{STATUSES[s][0]} {n} มาตรการ") for s, n in counts.items() if n]
    return {
        "round_label": fmt.text(f"รอบ {progress.round} เดือน"),
        "period": f"{fmt.date(start)} – {fmt.date(end)}",
        "as_of": fmt.date(progress.as_of),
        "rows": rows,
        "summary": fmt.text(f"มาตรการทั้งหมด {total} มาตรการ: ") + " ".join(summary),
    }


def _last_day(first: date) -> date:
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _memo(kind: str, c: dict[str, Any], about: str) -> dict[str, Any]:
    """The memo that sends a document to the executive, and the announcement's wording."""
    name = c["agency"]["name"]
    executive = c["executive"]["positions"][0] if c["executive"]["positions"] else f"นายก{name}"
    subjects = {
        "analysis": (
            f"ขอรายงานผลการวิเคราะห์ผลการประเมิน ITA ประจำปี {c['ita_year']}",
            f"ตามที่สำนักงาน ป.ป.ช. ได้ประกาศผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของ"
            f"หน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {c['ita_year']} แล้ว {c['agency']['unit']}"
            f"ได้วิเคราะห์ผลการประเมินของ{name} เพื่อหาจุดแข็งและจุดอ่อนที่ต้องพัฒนา รายละเอียดตามรายงานที่แนบมานี้",
            "จึงเรียนมาเพื่อโปรดทราบ",
            "ทราบ",
        ),
        "measures": (
            "ขออนุมัติมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {c['plan_year']}",
            f"ตามที่{name}ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
            f"(ITA) ประจำปีงบประมาณ พ.ศ. {c['ita_year']} แล้ว "
            f"{c['agency']['unit']}จึงได้จัดทำมาตรการส่งเสริม"
            f"คุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {c['plan_year']} "
            "พร้อมผู้รับผิดชอบ ระยะเวลา และการติดตามผล รายละเอียดตามเอกสารที่แนบมานี้ "
            "และเห็นควรประกาศใช้และเผยแพร่บนเว็บไซต์ของหน่วยงาน",
            "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ",
            "เห็นชอบ / อนุมัติ",
        ),
        "progress": (
            "ขอรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {c['plan_year']}"
            + (f" {c['progress']['round_label']}" if "progress" in c else ""),
            f"ตามที่{name}ได้ประกาศใช้มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
            f"พ.ศ. {c['plan_year']} แล้ว {c['agency']['unit']}ได้ติดตามผลการดำเนินการตามมาตรการ"
            + (
                f" ณ วันที่ {c['progress']['as_of']} {c['progress']['summary']}"
                if "progress" in c
                else ""
            )
            + " รายละเอียดตามรายงานที่แนบมานี้",
            "จึงเรียนมาเพื่อโปรดทราบ",
            "ทราบ",
        ),
    }
    subject, body, closing, decision = subjects[about if about in subjects else "measures"]
    return {
        "subject": subject,
        "to": f"เรียน {executive}",
        "body": body,
        "closing": closing,
        "decision": decision,
        "announcement_subject": (
            f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {c['plan_year']}"
        ),
        "announcement_body": (
            f"ตามที่{name}ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
            f"(ITA) ประจำปีงบประมาณ พ.ศ. {c['ita_year']} แล้ว เพื่อให้การดำเนินงานของหน่วยงานเป็นไปด้วย"
            "ความโปร่งใส ตรวจสอบได้ และยกระดับคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"จึงประกาศมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
            f"พ.ศ. {c['plan_year']} ให้บุคลากรทุกคนถือปฏิบัติ ดังนี้"
        ),
    }
