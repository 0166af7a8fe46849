"""Grades (AA–F) and rating labels (ผ่านดีเยี่ยม … ต้องปรับปรุงโดยด่วน) where a text states them.

A letter is a grade only where a word of level or grade frames it ("ระดับ A",
"grade AA", "(AA)" after "ดีเยี่ยม") or it follows a score; letters listed together
("ระดับ AA และระดับ A") name categories of certificates, not a result. A bare "ผ่าน"
is a rating only when framed as a level ("ระดับ “ผ่าน”") and not "ผ่านเกณฑ์" or
"ผ่านการประเมิน", which say the agency passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prongsai.importers.report_lines import Line

RATINGS = ("ผ่านดีเยี่ยม", "ผ่านดี", "ต้องปรับปรุงโดยด่วน", "ต้องปรับปรุง", "ผ่าน")
# Levels of the assessments before 2562, kept as published.
OLDER_LEVELS = ("สูงมาก", "สูง", "ปานกลาง", "ต่ำมาก", "ต่ำ")

_GRADE = re.compile(r"(?<![A-Za-z])(AA|[A-F])(?![A-Za-z+\-&'’])")
_GRADE_FRAME = re.compile(
    r"(?:ระดับ\S{0,14}|เกรด|grade[ds]?|level|rating(?:\s+score)?\)?|rated|(?:ดีเยี่ยม|ดีมาก|ดี|ผ่าน)\s*"
    r"|ได้|คะแนน|\d\.\d\d\s*(?:คะแนน|points)?)\s*[:=(“\"'‘]?\s*$",
    re.IGNORECASE,
)
_GRADE_LIST = re.compile(
    r"^\s*[)”\"]?\s*(?:และ|หรือ|,|/|ถึง|to|and|or|–|-)\s*(?:ระดับ\s*)?(?:AA|[A-F])(?![A-Za-z])"
)
_GRADE_LISTED = re.compile(
    r"(?:AA|[A-F])\s*[)”\"]?\s*(?:และ|หรือ|,|/|ถึง|to|and|or|–|-)\s*(?:ระดับ\s*)?\(?$"
)
_GRADE_AFTER = re.compile(r"^\s*(?:grade|level|rating)\b", re.IGNORECASE)
_COUNTED = re.compile(r"\s*(?:จำนวน)?\s*\d[\d,]*\s*(?:หน่วยงาน|แห่ง|agencies)")
# A grade word anywhere earlier in the sentence: "ระดับผลการประเมินของเทศบาลในปีนี้คือ A".
_GRADE_WORD = re.compile(r"ระดับ|เกรด|\bgrade|\blevel|\brating|\brated", re.IGNORECASE)
_RATING = re.compile("|".join(RATINGS) + r"|ไม่ผ่าน")
_OLDER = re.compile(r"ระดับ\s*[“\"]?(" + "|".join(OLDER_LEVELS) + r")(?![ก-๎])")
_PASS_FRAME = re.compile(
    r"(?:ระดับ(?:ผล(?:การ)?ประเมิน)?|rating(?:\s+score)?\)?|อยู่ใน|อยู่ที่|ผล(?:การ)?ประเมิน)\s*[:“\"'‘(]?"
    r"\s*\.*\s*$|[“\"‘]\s*$",
    re.IGNORECASE,
)
_PASS_NOT_LABEL = re.compile(r"^\s*(?:เกณฑ์|การ|ครั้ง|ทุก|ตาม|มา|ไป|พ้น|ความ|ระดับ|ร้อย|ค่า)")
_PREVIOUS = re.compile(r"(?:จาก|ปีที่แล้ว|ปีก่อน|เดิม|from|last year)\s*[“\"'‘]?\s*$")
_YEAR_GOT = re.compile(r"(?:ปี|พ\.ศ\.)\s*(25\d\d)\s*(?:ได้|:)\s*(?:ระดับ)?\s*[(“\"]?\s*$")
_YEAR_CELL = re.compile(r"^\s*(?:ปี\s*)?(25\d\d)\s*$")
_ALONE = re.compile(r"^\s*[“\"]?(?:AA|[A-F]|ผ่านดีเยี่ยม|ผ่านดี|ผ่าน|ต้องปรับปรุงโดยด่วน|ต้องปรับปรุง)[”\"]?\s*$")


@dataclass(frozen=True)
class Label:
    """A grade or rating the text states."""

    field: str  # "grade" or "rating"
    value: str
    line: int  # index into the lines
    start: int  # in the line's `plain` text
    previous: bool = False  # framed as last year's ("จาก “ผ่านดี”")
    year: int | None = None  # a year written beside it ("ปี 2564 ได้ระดับ A")


def find_labels(
    lines: list[Line], *, label_era: bool, english: dict[str, str] | None = None
) -> list[Label]:
    """Every grade and rating stated in the lines. `label_era`: the year is one whose
    results carry rating labels, so a bare "ผ่าน" framed as a level is one. `english`
    maps the scheme's English labels ("Good pass") to its Thai ones."""
    found: list[Label] = []
    english_re = _english_labels(english or {})
    for index, line in enumerate(lines):
        text = line.plain
        cells = [c for c in text.split("\t") if c.strip()]
        row_year = _YEAR_CELL.match(cells[0]) if len(cells) > 1 else None
        # a label alone on its line (a card read cell by cell): the line before frames it
        alone = _ALONE.match(text)
        label_line = lines[index - 1].plain.strip() + " " if alone and index else ""
        for match in _GRADE.finditer(text):
            before = (label_line + text[: match.start()])[-40:]
            after = text[match.end() : match.end() + 20]
            in_cell = len(cells) > 1 and any(c.strip() == match.group(1) for c in cells)
            named_after = _GRADE_AFTER.match(after)  # "an A grade"
            framed = _GRADE_FRAME.search(before) or _GRADE_WORD.search(_sentence(before))
            if not (framed or in_cell or named_after):
                continue
            article = match.group(1) == "A" and re.match(r"\s[a-z]", after)
            if article and not (_GRADE_FRAME.search(before) or named_after):
                continue  # "A total of …": the English article
            if _GRADE_LIST.match(after) or _GRADE_LISTED.search(before):
                continue  # "ระดับ AA และระดับ A": categories, not a result
            found.append(_label("grade", match.group(1), index, match.start(), before, row_year))
        for match in _RATING.finditer(text):
            word = match.group(0)
            before = (label_line + text[: match.start()])[-40:]
            after = text[match.end() : match.end() + 12]
            if word == "ไม่ผ่าน":
                continue  # says it failed; not a label of the scheme
            # the last cell of a row after the scores: "… 86.52 ผ่าน"
            row_end = bool(re.search(r"\d\.\d\d[\s\t]+$", before)) and not after.strip(" \t|")
            if word == "ผ่าน" and (
                not label_era
                or not (_PASS_FRAME.search(before) or row_end)
                or _PASS_NOT_LABEL.match(after)
            ):
                continue  # "ผ่านเกณฑ์", "ผ่านการประเมิน": it passed; not the label
            if re.match(r"\s*\(\s*(?:AA|[A-F])\s*\)", after):
                continue  # "ผ่าน (A)": describes the grade
            if _COUNTED.match(text, match.end()):
                continue  # "ผ่านดีเยี่ยม 32 หน่วยงาน": a count of agencies at that level
            found.append(_label("rating", word, index, match.start(), before, row_year))
        for match in english_re.finditer(text) if english_re is not None else ():
            word = " ".join(match.group(1).lower().split())
            before = text[max(0, match.start() - 40) : match.start()]
            if word == "pass" and not _EN_PASS_FRAME.search(before):
                continue  # "passed the assessment": it passed, no label
            thai = (english or {}).get(word)
            if thai:
                found.append(_label("rating", thai, index, match.start(), before, row_year))
        for match in _OLDER.finditer(text):
            before = (label_line + text[: match.start()])[-40:]
            found.append(_label("rating", match.group(1), index, match.start(1), before, row_year))
        if row_year:  # a history table's row: "๒๕๖๑ | ๘๓.๑๐ | สูงมาก"
            for cell in cells[1:]:
                word = cell.strip()
                if (
                    word in OLDER_LEVELS
                    or (word in RATINGS and word != "ผ่าน")
                    or (word == "ผ่าน" and label_era)
                ) and not any(f.line == index and f.value == word for f in found):
                    found.append(_label("rating", word, index, text.find(word), "", row_year))
    return found


_EN_PASS_FRAME = re.compile(r"(?:rating|rated|level|as)\s*(?:of|at)?\s*[\"“‘']?\s*$", re.IGNORECASE)


def _english_labels(english: dict[str, str]) -> re.Pattern[str] | None:
    if not english:
        return None
    words = sorted(english, key=len, reverse=True)
    pattern = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<![A-Za-z])({pattern})(?![A-Za-z])", re.IGNORECASE)


def _sentence(before: str) -> str:
    """The part of `before` in the same sentence: after the last full stop or number."""
    cut = max(before.rfind(". "), before.rfind("\t"), before.rfind("  "))
    for match in re.finditer(r"\d", before):
        cut = max(cut, match.end())
    return before[cut + 1 :] if cut >= 0 else before


def _label(
    field: str, value: str, index: int, start: int, before: str, row_year: re.Match[str] | None
) -> Label:
    year_got = _YEAR_GOT.search(before)
    year = int(year_got.group(1)) if year_got else None
    if row_year:
        year = int(row_year.group(1))
    return Label(field, value, index, start, bool(_PREVIOUS.search(before)), year)
