"""Values the text names: indicator scores (by name, Thai or English, before or after
the number, misspelt or damaged), tool scores, question scores (i1, e12) and OIT items
(O1–O43, with the assessor's comments), from tables flattened to tabs, Markdown pipes,
HTML or prose. Ranks are not indicator numbers and sub-item numbers are not scores.
The headline values (the overall, grade and rating) are decided elsewhere
(`report_headline`), from every number's role.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from prongsai.engine.model import Framework
from prongsai.importers.report_evidence import Doubt, Evidence
from prongsai.importers.report_lines import (
    THAI,
    Line,
    bare,
    canonical,
    snippet,
    tolerant,
)

HUNDRED = Decimal(100)


_NUMBER = r"(\d{1,3}(?:\.\d{1,3})?)(?![\d.]\d)"
# What may stand between a label and its score: "ได้คะแนนเท่ากับร้อยละ", ":", "=".
_FILLER = tolerant(
    r"^(?:โดยรวม|ภาพรวม|ได้รับ|ได้|คะแนน|เท่ากับ|ร้อยละ|อยู่ที่|ที่|มี|ค่าเฉลี่ย|เฉลี่ย|ผลการประเมิน"
    r"|ผลคะแนน|คิดเป็น|ระดับ|ประเมิน|การ|เป็น|รวม|[\s:=()\[\]%\-–—.,;*])*$"
)
_SCORE = tolerant(r"(?<![\d.])" + _NUMBER)
_NOT_A_SCORE_AFTER = tolerant(r"^\s*(?:เดือน|วัน|ปี|ข้อ|ตัวชี้วัด|ครั้ง|ราย|คน|บาท|ประเด็น|ชั่วโมง|ด้าน|ส่วน)")
_INDICATOR_NUMBER = tolerant(r"ตัวชี้วัดที่\s*(\d{1,2})(?![\d.])")
_TOOLS = tolerant(r"(?<![A-Za-z])(IIT|EIT|OIT)(?![A-Za-z])")
_TOOL_NAMES = (
    (tolerant("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน"), "IIT"),
    (tolerant("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก"), "EIT"),
    (tolerant("แบบตรวจการเปิดเผยข้อมูลสาธารณะ"), "OIT"),
)
_OVERALL = tolerant(
    r"คะแนนภาพรวม|โดยภาพรวม|ภาพรวม|โดยรวม|คะแนนที่ได้|คะแนนรวม|ผลคะแนนITA|คะแนนITA|ผลการประเมินITA"
)
_RESULT_WORD = tolerant(
    r"ระดับผล(?:การ)?ประเมิน(?:อยู่(?:ที่|ใน))?(?:ระดับ)?[\s:.=\-…]*"
    r"(ผ่านดีเยี่ยม|ผ่านดี|ไม่ผ่าน|ผ่าน|ต้องปรับปรุงโดยด่วน|ต้องปรับปรุง)"
)
_QUESTION = tolerant(r"(?:ข้อ\s*)?(?<![A-Za-z\d])([iIeE])\s?(\d{1,2})(?![\dA-Za-z])")
_OCR_ITEM = tolerant(r"ข้อ\s*0(\d{1,2})(?!\d)")  # "ข้อ ๐๑๑": a Thai zero written for O
_OCR_IIT = tolerant(r"ข้อ\s*[1lI|](\d{1,2})(?!\d)")  # "ข้อ 110": i10 read as digits
_ITEM = tolerant(r"(?<![A-Za-z\d])[Oo]\s?(\d{1,2})(?![\dA-Za-z])")
_ITEM_VALUE = tolerant(r"^[\s:=]*(?:คะแนน)?\s*(100(?:\.0+)?|0(?:\.0+)?|ไม่ผ่าน|ผ่าน|ไม่มี|มี)(?![\d.])")
_SCORE_GAP = tolerant(r"[\s:=]*(?:คะแนน|ได้)?[\s:=]*" + _NUMBER)


class TableReader:
    """Indicator, tool, question and OIT item values, from tables and prose that name
    them; each value with the line it came from."""

    def __init__(self, framework: Framework, lines: list[Line]) -> None:
        self.framework = framework
        self.lines = lines
        self.evidence: list[Evidence] = []
        self.doubts: list[Doubt] = []
        self.chosen: dict[str, Evidence] = {}
        self.candidates: dict[str, list[Evidence]] = {}
        self.comments: dict[str, Evidence] = {}
        spelled = [canonical(i.name.replace(" ", "")) for i in framework.indicators]
        self.names = {
            bare(name): i.number for name, i in zip(spelled, framework.indicators, strict=True)
        }
        self.name_re = tolerant("|".join(sorted(spelled, key=len, reverse=True)))
        english = {i.name_en.lower(): i.number for i in framework.indicators if i.name_en}
        self.english = english
        self.english_re = (
            re.compile("|".join(re.escape(n) for n in sorted(english, key=len, reverse=True)), re.I)
            if english
            else None
        )
        self.question_codes = {q.code for q in framework.questions}
        self.item_codes = {o.code for o in framework.oit_items}

    # -- bookkeeping

    def found(self, evidence: Evidence) -> None:
        self.candidates.setdefault(evidence.field, []).append(evidence)

    def doubt(self, code: str, message: str, message_en: str) -> None:
        self.doubts.append(Doubt(code, message, message_en))

    # -- the passes

    def read(self) -> None:
        context = ""  # the question family of the table being read: "i", "e" or "O"
        for line in self.lines:
            used: list[tuple[int, int]] = []
            self._indicators(line, used)
            self._tools(line, used)
            context = self._questions(line, used, context)
            self._overall(line, used)
            self._labels(line)
        self._decide()

    def _indicators(self, line: Line, used: list[tuple[int, int]]) -> None:
        text = line.canon
        mentions = [
            (m.start(), m.end(), self.names[bare(m.group())], "high")
            for m in self.name_re.finditer(text)
        ]
        mentions += self._fuzzy_names(text, mentions)
        if self.english_re is not None:
            mentions += [
                (m.start(), m.end(), self.english[m.group().lower()], "high")
                for m in self.english_re.finditer(text)
            ]
        mentions.sort()
        ends = [start for start, *_ in mentions[1:]] + [len(text)] if mentions else []
        previous_end = 0
        for (start, end, number, confidence), next_start in zip(mentions, ends, strict=True):
            score = _score_after(text, end, next_start)
            if score is None:
                score = _score_before(text, previous_end, start)
            previous_end = end
            if score is None or _numbering(text[end : score[1][0]], score[0], number):
                continue
            value, span = score
            how, how_en = "", ""
            claimed = _INDICATOR_NUMBER.search(text[max(0, start - 16) : start])
            if claimed and int(claimed.group(1)) != number:
                said = claimed.group(1)
                how = f"ชื่อเป็นของตัวชี้วัดที่ {number} แม้เอกสารเขียนว่า 'ตัวชี้วัดที่ {said}' (ลำดับ)"
                how_en = (
                    f"the name is indicator {number}'s although the text says "
                    f"'ตัวชี้วัดที่ {said}' (a rank)"
                )
            elif confidence != "high":
                how = "ชื่อตัวชี้วัดสะกดต่างจากเกณฑ์ อ่านโดยเทียบความคล้าย"
                how_en = "the indicator name is misspelt; matched by similarity"
            used.append(span)
            self.found(
                Evidence(
                    f"indicators.{number}",
                    value,
                    line.number,
                    snippet(line, value),
                    confidence,
                    how,
                    how_en,
                )
            )
        if not mentions:  # "ตัวชี้วัดที่ ๖ ได้คะแนน …" with no name
            for match in _INDICATOR_NUMBER.finditer(text):
                number = int(match.group(1))
                score = _score_after(text, match.end(), len(text))
                if score and 1 <= number <= len(self.framework.indicators):
                    used.append(score[1])
                    self.found(
                        Evidence(
                            f"indicators.{number}",
                            score[0],
                            line.number,
                            snippet(line, score[0]),
                            "medium",
                            "อ่านจากเลขตัวชี้วัด ไม่มีชื่อกำกับ",
                            "read by the indicator's number; no name beside it",
                        )
                    )

    def _fuzzy_names(
        self, text: str, exact: list[tuple[int, int, int, str]]
    ) -> list[tuple[int, int, int, str]]:
        """Misspelt names ("การแก้ไขปัญหาคกรทุจริต") where a table cell or a numbered
        item begins one; exact matches are never second-guessed."""
        found = []
        for match in re.finditer(
            rf"(?:^|\t|\d[.)]?\s?|ตัวชี้วัดที่\s?\d{{1,2}}\s?)([{THAI}]{{8,}})", text
        ):
            start = match.start(1)
            if any(s <= start < e for s, e, *_ in exact):
                continue
            run = match.group(1)
            best, best_ratio, best_name = None, 0.0, ""
            for name, number in self.names.items():
                if run[:2] != name[:2] or abs(len(run) - len(name)) > 40:
                    continue
                window = bare(run[: len(name) + 1])
                ratio = SequenceMatcher(None, name, window, autojunk=False).ratio()
                if ratio > best_ratio:
                    best, best_ratio, best_name = number, ratio, name
            if best is not None and best_ratio >= 0.86:
                end = start + min(len(run), len(best_name) + 1)
                found.append((start, end, best, "medium"))
        return found

    def _tools(self, line: Line, used: list[tuple[int, int]]) -> None:
        text = line.canon
        matches = [(m.start(), m.end(), m.group(1)) for m in _TOOLS.finditer(text)]
        matches += [
            (m.start(), m.end(), code)
            for pattern, code in _TOOL_NAMES
            for m in pattern.finditer(text)
        ]
        for start, end, code in matches:
            stop = self._next_name(text, end)
            score = _score_after(text, end, stop, decimal_only=True)
            if score is None:  # "ได้ 95.12 คะแนน ในแบบวัด EIT": the score before the tool
                before = _TOOL_VALUE_FIRST.search(text, max(0, start - 60), start)
                if before:
                    score = Decimal(before.group(1)), (before.start(1), before.end(1))
            if score and not _overlaps(score[1], used):
                used.append(score[1])
                self.found(
                    Evidence(
                        f"reported.{code}", score[0], line.number, snippet(line, score[0]), "high"
                    )
                )

    def _next_name(self, text: str, start: int) -> int:
        match = self.name_re.search(text, start)
        return match.start() if match else len(text)

    def _overall(self, line: Line, used: list[tuple[int, int]]) -> None:
        text = line.canon
        for match in _OVERALL.finditer(text):
            before = text[max(0, match.start() - 80) : match.start()]
            if (
                self.name_re.search(before)
                or _INDICATOR_NUMBER.search(before)
                or _TOOLS.search(before)
            ):
                continue  # "ตัวชี้วัดที่ ๙ … โดยรวมได้คะแนน": that indicator's score, not the ITA's
            stop = min(self._next_name(text, match.end()), match.end() + 80)
            tool = _TOOLS.search(text, match.end(), stop)
            if tool:
                stop = tool.start()
            number = re.search(r"(?<![\d.])" + _NUMBER, text[match.end() : stop])
            if not number or re.search(r"\d", text[match.end() : match.end() + number.start()]):
                continue
            span = (match.end() + number.start(1), match.end() + number.end(1))
            value = _score_value(number.group(1), text[span[1] :], decimal_only=True)
            if value is None or _overlaps(span, used):
                continue
            used.append(span)
            self.found(
                Evidence("reported.overall", value, line.number, snippet(line, value), "high")
            )
            return

    def _labels(self, line: Line) -> None:
        """ "ระดับผลการประเมิน … ผ่าน" in an edition without rating labels, or
        "… ไม่ผ่าน": whether it passed. Grades and ratings are decided with the
        overall (`report_headline`)."""
        word = _RESULT_WORD.search(line.text.replace(" ", ""))
        if not word or word.group(1) in {r.label for r in self.framework.rating}:
            return
        if word.group(1) in ("ผ่าน", "ไม่ผ่าน"):
            self.found(
                Evidence(
                    "reported.passed", word.group(1) == "ผ่าน", line.number, snippet(line), "high"
                )
            )

    def _questions(self, line: Line, used: list[tuple[int, int]], context: str) -> str:
        text = line.text
        for match in _QUESTION.finditer(text):
            family = match.group(1).lower()
            code = f"{family}{int(match.group(2))}"
            context = family
            self._code_score(line, match, f"questions.{code}", used)
        for match in _OCR_ITEM.finditer(text):
            context = "O"
            how = (
                f"'ข้อ 0{match.group(1)}' อ่านเป็น O{int(match.group(1))}",
                f"'0{match.group(1)}' read as O{int(match.group(1))}",
            )
            self._item(line, match, f"O{int(match.group(1))}", how)
        for match in _ITEM.finditer(text):
            context = "O"
            self._item(line, match, f"O{int(match.group(1))}", ("", ""))
        if context == "i":
            for match in _OCR_IIT.finditer(text):
                code = f"i{int(match.group(1))}"
                if code in self.question_codes:
                    how = (
                        f"'{match.group()}' อ่านเป็น {code} (อยู่ในตารางข้อ i)",
                        f"'{match.group()}' read as {code} (in a table of i questions)",
                    )
                    self._code_score(line, match, f"questions.{code}", used, "medium", how)
        return context

    def _code_score(
        self,
        line: Line,
        match: re.Match[str],
        name: str,
        used: list[tuple[int, int]],
        confidence: str = "high",
        how: tuple[str, str] = ("", ""),
    ) -> None:
        text = line.text
        gap = _SCORE_GAP.match(text, match.end())
        if not gap:
            return
        value = _score_value(gap.group(1), text[gap.end() :])
        if value is None:
            return
        used.append((gap.start(1), gap.end(1)))
        self.found(Evidence(name, value, line.number, snippet(line, value), confidence, *how))

    def _item(self, line: Line, match: re.Match[str], code: str, how: tuple[str, str]) -> None:
        rest = line.text[match.end() :]
        value_match = _ITEM_VALUE.match(rest)
        if value_match is None and "\t" in rest:  # a title cell may sit between code and value
            cells = rest.split("\t")
            for index, cell in enumerate(cells[1:4], start=1):
                value_match = _ITEM_VALUE.match(cell.strip())
                if value_match and value_match.end() == len(cell.strip()):
                    rest = "\t".join(cells[index:])
                    value_match = _ITEM_VALUE.match(rest.strip())
                    rest = rest.strip()
                    break
                value_match = None
        if value_match is None:
            return
        word = value_match.group(1)
        passed = word in ("ผ่าน", "มี") or (word[0].isdigit() and Decimal(word) == HUNDRED)
        confidence = "medium" if how[0] else "high"
        self.found(
            Evidence(
                f"oit_items.{code}",
                100 if passed else 0,
                line.number,
                snippet(line),
                confidence,
                *how,
            )
        )
        comment = rest[value_match.end() :].strip(" \t:-–")
        if not passed and len(re.findall(f"[{THAI}]", comment)) >= 6 and code not in self.comments:
            comment = " ".join(comment.replace("\t", " ").split())
            self.comments[code] = Evidence(
                f"oit_comments.{code}", comment, line.number, snippet(line, comment), "medium"
            )

    # -- deciding between what was found

    def _decide(self) -> None:
        for name, found in self.candidates.items():
            counts = Counter(_key(e.value) for e in found)
            if name.startswith("questions.") or name.startswith("oit_items."):
                best = found[0]  # a question table lists each code once; later ones repeat it
            else:
                top = max(counts.values())
                best = next(e for e in found if counts[_key(e.value)] == top)
            self.chosen[name] = best
            self.evidence.append(best)
            if len(counts) > 1:
                others = "; ".join(
                    f"{e.value} (บรรทัด {e.line})"
                    for e in found
                    if _key(e.value) != _key(best.value)
                )
                others_en = "; ".join(
                    f"{e.value} (line {e.line})" for e in found if _key(e.value) != _key(best.value)
                )
                label = name.split(".", 1)[1]
                self.doubt(
                    "VALUES_DIFFER",
                    f"{label}: เอกสารระบุหลายค่า ใช้ {best.value} (บรรทัด {best.line}) ค่าอื่น: {others}",
                    f"{label}: the document gives several values; used {best.value} "
                    f"(line {best.line}), others: {others_en}",
                )
        for code, evidence in self.comments.items():
            if self.chosen.get(f"oit_items.{code}", None) is not None:
                self.chosen[evidence.field] = evidence
                self.evidence.append(evidence)
        self.evidence.sort(key=lambda e: (e.line, e.field))

    def document(self) -> dict[str, Any]:
        sections: dict[str, dict[str, Any]] = {}
        for name, evidence in self.chosen.items():
            section, code = name.split(".", 1)
            sections.setdefault(section, {})[code] = evidence.value
        document: dict[str, Any] = {}
        if "indicators" in sections:
            document["indicators"] = {
                str(n): sections["indicators"][str(n)]
                for n in sorted(int(k) for k in sections["indicators"])
            }
        for section, order in (
            ("questions", _question_order),
            ("oit_items", _item_order),
            ("oit_comments", _item_order),
        ):
            if section in sections:
                document[section] = dict(
                    sorted(sections[section].items(), key=lambda kv: order(kv[0]))
                )
        if "reported" in sections:
            keys = ("overall", "grade", "rating", "passed", "IIT", "EIT", "OIT")
            document["reported"] = {
                k: sections["reported"][k] for k in keys if k in sections["reported"]
            }
        return document


def _question_order(code: str) -> tuple[int, int]:
    return ("ieo".index(code[0]) if code[0] in "ieo" else 9, int(code[1:]))


def _item_order(code: str) -> int:
    return int(code[1:])


def _key(value: Any) -> Any:
    return (
        Decimal(str(value))
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool)
        else value
    )


def _overlaps(span: tuple[int, int], used: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in used)


def _score_after(
    text: str, start: int, stop: int, decimal_only: bool = False
) -> tuple[Decimal, tuple[int, int]] | None:
    """The score that follows a label, if only filler words stand between them."""
    match = _SCORE.search(text, start, stop)
    if not match or not _FILLER.match(text[start : match.start()]):
        return None
    value = _score_value(match.group(1), text[match.end() :], decimal_only)
    if value is None:
        return None
    return value, (match.start(1), match.end(1))


_VALUE_FIRST = tolerant(
    r"(?<![\d.])(\d{1,3}\.\d{1,2}|100)\s*(?:คะแนน|points?)\s*(?:ใน|in|for)?\s*(?:ด้าน|ตัวชี้วัด"
    r"(?:ที่\s*\d{1,2})?)?\s*(?:the\s)?[:\-]?\s*$"
)


_TOOL_VALUE_FIRST = tolerant(
    r"(?<![\d.])(\d{1,3}\.\d{1,2})\s*(?:คะแนน|points?)?\s*(?:ใน|for|in|on)\s*(?:the\s)?"
    r"(?:(?:แบบวัด|แบบตรวจ)\s*)?$"
)


def _score_before(text: str, start: int, stop: int) -> tuple[Decimal, tuple[int, int]] | None:
    """ "ได้ ๙๘.๕๐ คะแนน ในด้านการปฏิบัติหน้าที่": the score written before the name."""
    match = _VALUE_FIRST.search(text, start, stop)
    if not match or Decimal(match.group(1)) > HUNDRED:
        return None
    return Decimal(match.group(1)), (match.start(1), match.end(1))


def _numbering(gap: str, value: Decimal, number: int) -> bool:
    """ "การใช้งบประมาณ 2.1 ศึกษา…": the first sub-item of indicator 2, not a score."""
    return not gap.strip(" \t:") and str(value).startswith(f"{number}.") and len(str(value)) <= 4


def _score_value(written: str, after: str, decimal_only: bool = False) -> Decimal | None:
    value = Decimal(written)
    if value > HUNDRED or _NOT_A_SCORE_AFTER.match(after):
        return None
    bare_integer = "." not in written and value not in (HUNDRED, 0)
    if bare_integer and (decimal_only or not re.match(r"^\s*(?:คะแนน|\t|$)", after)):
        return None  # "ข้อ 6", "อันดับ 3": an integer is a score only where a score stands
    return value
