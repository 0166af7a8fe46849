"""Plain text for the terminal: an analysis (Thai by default, or English) and an edition."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from prongsai.engine import Analysis, Framework
from prongsai.engine.model import CONFIDENCES, Provenance
from prongsai.engine.numbers import fmt, plain
from prongsai.thai import pad

LABELS: dict[str, dict[str, Any]] = {
    "th": {
        "title": "ผลการประเมิน ITA ปี {year}",
        "framework": "เกณฑ์ {key} (ความเชื่อมั่นของข้อมูลเกณฑ์: {confidence})",
        "overall": "คะแนนภาพรวม {overall}  ระดับ {grade}  {passed}",
        "passed": "ผ่านเกณฑ์ {mark} คะแนน",
        "failed": "ไม่ผ่านเกณฑ์ {mark} คะแนน",
        "unknown": "คำนวณไม่ได้",
        "rating": "ระดับผลการประเมิน (Rating) {rating}",
        "tools": "คะแนนรายเครื่องมือ",
        "header": ("อันดับ", "ตัวชี้วัด", "เครื่องมือ", "คะแนน", "สถานะ (เกณฑ์ {threshold})"),
        "strength": "จุดแข็ง",
        "weakness": "จุดอ่อน",
        "weak_title": "ตัวชี้วัดที่ต่ำกว่าเกณฑ์ {threshold} คะแนน",
        "weak_line": "ตัวชี้วัดที่ {number} {name}: ต่ำกว่าเกณฑ์ {gap} คะแนน "
        "ยกระดับถึงเกณฑ์จะได้คะแนนภาพรวมเพิ่ม {points}",
        "weakest": "ข้อคำถามที่คะแนนต่ำสุด",
        "oit_title": "ข้อ OIT ที่ไม่ผ่าน เรียงตามคะแนนภาพรวมที่จะได้เพิ่มเมื่อแก้ไข",
        "oit_points": "+{points} คะแนน",
        "oit_points_unknown": "(คะแนนที่จะได้เพิ่ม: ไม่ทราบ เกณฑ์ปีนี้ไม่ระบุตัวชี้วัดย่อย)",
        "oit_comment": "ความเห็นผู้ตรวจ",
        "change_title": "เทียบกับปี {year} (คะแนนภาพรวม {overall} ระดับ {grade})",
        "change_overall": "คะแนนภาพรวม",
        "change_indicators": "รายตัวชี้วัด",
        "warnings": "ข้อสังเกต ({count})",
        "no_warnings": "ไม่พบความไม่สอดคล้องของข้อมูล",
        "batch_header": ("หน่วยงาน", "ปี", "คะแนน", "ระดับ", "จุดอ่อน", "ข้อสังเกต"),
    },
    "en": {
        "title": "ITA result {year}",
        "framework": "Framework {key} (confidence of the framework data: {confidence})",
        "overall": "Overall {overall}  grade {grade}  {passed}",
        "passed": "passes the {mark}-point mark",
        "failed": "below the {mark}-point mark",
        "unknown": "cannot be computed",
        "rating": "Rating {rating}",
        "tools": "Tool scores",
        "header": ("Rank", "Indicator", "Tool", "Score", "Status (threshold {threshold})"),
        "strength": "strength",
        "weakness": "weakness",
        "weak_title": "Indicators below the threshold of {threshold}",
        "weak_line": "Indicator {number} {name}: {gap} below the threshold; raising it adds "
        "{points} to the overall score",
        "weakest": "Lowest questions",
        "oit_title": "Failed OIT items, by the overall points that fixing them adds",
        "oit_points": "+{points} points",
        "oit_points_unknown": "(points unknown: the edition does not give sub-indicators)",
        "oit_comment": "assessor's comment",
        "change_title": "Compared with {year} (overall {overall}, grade {grade})",
        "change_overall": "Overall",
        "change_indicators": "By indicator",
        "warnings": "Warnings ({count})",
        "no_warnings": "No inconsistency found",
        "batch_header": ("Agency", "Year", "Score", "Grade", "Weak", "Warnings"),
    },
}


def signed(value: Decimal | None) -> str:
    text = fmt(value)
    return text if text.startswith(("-", "–")) else f"+{text}"


def row(cells: Sequence[str], widths: Sequence[int]) -> str:
    """Cells padded to their widths (Thai marks take no column), two spaces apart."""
    return "  ".join(pad(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()


def render(analysis: Analysis, lang: str = "th") -> str:
    return "\n".join(_lines(analysis, LABELS[lang], lang)) + "\n"


def _lines(analysis: Analysis, t: dict[str, Any], lang: str) -> Iterator[str]:
    s = analysis.scores
    fw = analysis.framework

    def label(key: str) -> str:
        return str(t[key])

    title = label("title").format(year=analysis.fiscal_year)
    yield f"{title} — {analysis.agency}" if analysis.agency else title
    yield label("framework").format(key=fw.key, confidence=fw.provenance.confidence)
    mark = plain(fw.pass_mark)
    passed = label("unknown") if s.passed is None else label("passed" if s.passed else "failed")
    yield label("overall").format(
        overall=fmt(s.overall), grade=s.grade or "–", passed=passed.format(mark=mark)
    )
    if fw.rating:
        yield label("rating").format(rating=s.rating or "–")
    yield label("tools") + ": " + "   ".join(f"{code} {fmt(v)}" for code, v in s.tools.items())
    yield ""
    widths = (6, 34, 10, 7, 0)
    yield row([h.format(threshold=plain(analysis.threshold)) for h in t["header"]], widths)
    for i in sorted(analysis.indicators, key=lambda i: (i.rank or 99, i.number)):
        name = fw.indicator_by_number[i.number].name_en if lang == "en" else i.name
        status = label(i.status) if i.status else "–"
        yield row((str(i.rank or "–"), f"{i.number} {name}", i.tool, fmt(i.score), status), widths)
    weak = analysis.weaknesses
    if weak:
        yield ""
        yield label("weak_title").format(threshold=plain(analysis.threshold))
        for i in weak:
            name = fw.indicator_by_number[i.number].name_en if lang == "en" else i.name
            yield "  " + label("weak_line").format(
                number=i.number, name=name, gap=fmt(i.gap), points=signed(i.points_to_threshold)
            )
            if i.weakest_questions:
                listed = ", ".join(f"{q.code} {fmt(q.score)}" for q in i.weakest_questions)
                yield f"    {label('weakest')}: {listed}"
    if analysis.oit_failed:
        yield ""
        yield label("oit_title")
        for f in analysis.oit_failed:
            points = (
                label("oit_points_unknown")
                if f.points_if_fixed is None
                else label("oit_points").format(points=fmt(f.points_if_fixed))
            )
            yield f"  {f.code} {f.title or ''}  {points}".rstrip()
            if f.comment:
                yield f"    {label('oit_comment')}: {f.comment}"
    if analysis.change is not None:
        c = analysis.change
        yield ""
        yield label("change_title").format(
            year=c.previous_year, overall=fmt(c.previous_overall), grade=c.previous_grade or "–"
        )
        yield f"  {label('change_overall')} {signed(c.overall)}   " + "   ".join(
            f"{code} {signed(v)}" for code, v in c.tools.items()
        )
        yield f"  {label('change_indicators')}: " + ", ".join(
            f"{n} {signed(v)}" for n, v in c.indicators.items()
        )
    yield ""
    if analysis.warnings:
        yield label("warnings").format(count=len(analysis.warnings))
        for w in analysis.warnings:
            yield f"  [{w.code}] {w.message_en if lang == 'en' else w.message}"
    else:
        yield label("no_warnings")


BATCH_WIDTHS = (40, 4, 6, 5, 20, 0)


def render_batch_line(analysis: Analysis) -> str:
    s = analysis.scores
    weak = ",".join(str(i.number) for i in analysis.weaknesses) or "–"
    cells = (
        analysis.agency or "–",
        str(analysis.fiscal_year),
        fmt(s.overall),
        s.grade or "–",
        weak,
        str(len(analysis.warnings)),
    )
    return row(cells, BATCH_WIDTHS)


def render_batch_header(lang: str = "th") -> str:
    return row(LABELS[lang]["batch_header"], BATCH_WIDTHS)


def _weakest(provenances: Sequence[Provenance]) -> str:
    """The least certain confidence among the parts of something."""
    return max((p.confidence for p in provenances), key=CONFIDENCES.index)


def render_framework(fw: Framework) -> str:
    """An edition for `prongsai framework show`: what it holds and how sure each part is."""
    p = fw.provenance
    out = [fw.name, f"key {fw.key}, ปี {fw.fiscal_year}, ความเชื่อมั่น {p.confidence} ({p.source})", ""]
    out += [f"{t.code}  น้ำหนัก {t.weight}  {t.name}  [{t.provenance.confidence}]" for t in fw.tools]
    out.append("")
    for ind in fw.indicators:
        questions = fw.questions_of_indicator[ind.number]
        subs = fw.sub_indicators_of_indicator[ind.number]
        if questions:
            sure = _weakest([q.provenance for q in questions])
            detail = f"ข้อ {questions[0].code}–{questions[-1].code} [{sure}]"
        elif subs and ind.detail_known:
            sizes = ", ".join(
                f"{s.code} ({len(fw.items_of_sub_indicator[s.code])} ข้อ)" for s in subs
            )
            detail = f"{sizes} [{_weakest([s.provenance for s in subs])}]"
        else:
            detail = "ไม่พบรายละเอียด (not found)"
        out.append(
            f"{ind.number:>2}  {ind.tool}  {ind.name} [{ind.provenance.confidence}]  {detail}"
        )
    if fw.oit_items:
        out += ["", "ข้อ OIT" + ("" if fw.oit_items_complete else " (รายการไม่ครบ: not complete)")]
        years = {"current": "  · ข้อมูลปีปัจจุบัน", "previous": "  · ข้อมูลปีที่แล้ว", "any": ""}
        for item in fw.oit_items:
            where = f"{item.sub_indicator}  " if item.sub_indicator else ""
            title = item.title or "ไม่พบ (not found)"
            sure = item.provenance.confidence
            out.append(f"  {item.code:<4} {where}{title}{years[item.data_year]}  [{sure}]")
    out += ["", "ระดับ: " + "  ".join(f"{g.grade} ≥{plain(g.minimum)}" for g in fw.grades)]
    if fw.rating:
        rules = [
            f"{r.label} ≥{plain(r.minimum)}"
            + (f" (ทุกเครื่องมือ ≥{plain(r.tools_minimum)})" if r.tools_minimum else "")
            for r in fw.rating
        ]
        out.append("Rating: " + "  ".join(rules))
    if fw.notes:
        out += ["", "หมายเหตุ:", *(f"  - {note}" for note in fw.notes)]
    return "\n".join(out) + "\n"
