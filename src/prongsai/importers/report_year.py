"""Which ITA year a report's scores belong to, told apart from the document's own year."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from prongsai.importers.report_lines import Line, tolerant
from prongsai.thai import MONTHS_ABBREV, MONTHS_FULL, be_from_ce, fiscal_year_of, month_start

_YEAR = tolerant(
    r"(?:ปี(?:งบประมาณ)?|พ\.ศ\.|ITA(?=\s*(?:25)?[5-7]\d(?![\d.,])))\s*(?:พ\.ศ\.)?\s*(25\d\d|[5-7]\d)(?![\d.,])"
)
# Christian-era years: "fiscal 2022", "FY 2024", "ITA Awards 2021" (awards are named by the
# calendar year in which the fiscal year ends, so +543 gives the ITA year).
_CE_YEAR = re.compile(
    r"(?:fiscal(?:\s+year)?|FY|ITA(?:\s+AWARDS?|\s+DAY)?|ปี\s?ค\.ศ\.|ค\.ศ\.)\s*(20[0-4]\d)(?!\d)"
    r"|(?<!\d)(20[0-4]\d)\s+(?:fiscal\s+year\s+)?(?:ITA|Integrity)",  # "the 2024 ITA results"
    re.IGNORECASE,
)
_ASSESSMENT_KEYS = tolerant(r"ผลการประเมิน|ITA|การประเมินคุณธรรมและความโปร่งใส|Integrity|integrity")
_ABOUT_ITA = tolerant(r"ITA|คุณธรรมและความโปร่ง|Integrity and Transparency|ป\.ป\.ช|ปปช")
_PLAN_KEYS = tolerant(r"มาตรการ|รายงานผลการดำเนินการ|รายงานผลการดำเนินงาน|ไปสู่การปฏิบัติ|แผนปฏิบัติ")
_SCORE = re.compile(r"(?<![\d.])\d{1,2}\.\d{2}(?![\d.])")
# A table of results by year: the first cell a year, a score after it.
_YEAR_ROW = re.compile(r"^\s*(?:ปี\s*)?(25\d\d)\s*\t\s*\d{1,3}\.\d")
_PAST = tolerant(r"ปีที่ผ่านมา|ปีก่อน|ปีที่แล้ว")
YEAR_REACH = 90  # characters between a key word and the year it names
_MONTH = tolerant(
    "("
    + "|".join(re.escape(m) for m in (*MONTHS_FULL, *MONTHS_ABBREV))
    + r")\s*(?:พ\.ศ\.)?\s*(25\d\d|\d\d)(?![\d.])"
)


@dataclass(frozen=True)
class YearChoice:
    year: int | None
    reason: str
    reason_en: str
    ambiguous: bool
    candidates: dict[int, int]  # year → weight of the evidence for it

    def as_dict(self) -> dict[str, Any]:
        return {
            "chosen": self.year,
            "reason": self.reason,
            "reason_en": self.reason_en,
            "ambiguous": self.ambiguous,
            "candidates": dict(sorted(self.candidates.items())),
        }


def choose_year(lines: list[Line]) -> YearChoice:
    """The ITA year the scores belong to, told apart from the document's own year.

    A year next to "ผลการประเมิน/ITA" is the assessment year; one next to "มาตรการ" or
    a progress report is the plan's fiscal year, which acts on the previous ITA;
    the measures' own schedule (ต.ค. ๖๕ – ก.ย. ๖๖) dates the plan too.
    """
    weights: Counter[int] = Counter()
    reasons: dict[int, list[tuple[int, str, str]]] = {}
    # The rule "measures for year N act on ITA N-1" holds for measures and progress
    # documents only; an announcement or news item of the ITA N results is about N.
    measures = sum(len(_PLAN_KEYS.findall(line.text)) for line in lines) >= 3
    about_ita = any(_ABOUT_ITA.search(line.text) for line in lines)

    def vote(year: int, weight: int, reason: str, reason_en: str) -> None:
        weights[year] += weight
        reasons.setdefault(year, []).append((_CLEAREST[weight], reason, reason_en))

    for index, line in enumerate(lines):
        text = line.text
        window = " ".join(other.text for other in [*lines[max(0, index - 2) : index], line])
        offset = len(window) - len(text)
        for match in _YEAR.finditer(text):
            year = int(match.group(1))
            year += 2500 if year < 100 else 0
            before = window[: offset + match.start()]
            if match.group(0).startswith("ITA"):
                before += "ITA "  # "ITA 2566": the year names the assessment itself
            if re.search(r"\(\s*$", before):
                # "(ปี 2565 ได้ 90.01)": an aside comparing with another year
                vote(
                    year,
                    1,
                    f"ปีในวงเล็บ {year} (บรรทัด {line.number})",
                    f"{year} in brackets (line {line.number})",
                )
                continue
            assessment = _last(_ASSESSMENT_KEYS, before)
            plan = _last(_PLAN_KEYS, before) if measures else None
            if assessment is not None and _PAST.search(before[assessment:]):
                assessment = None  # "ผลการประเมินของปีที่ผ่านมา … ปีงบประมาณ N" is not about N
            if assessment is None and plan is None:
                if about_ita and not measures and not _PAST.search(before[-30:]):
                    vote(
                        year,
                        1,
                        f"ข้อความเกี่ยวกับ ITA ระบุปี {year} (บรรทัด {line.number})",
                        f"a text about the ITA names {year} (line {line.number})",
                    )
                continue
            if plan is None or (assessment is not None and assessment > plan):
                vote(
                    year,
                    3,
                    f"เอกสารระบุ 'ผลการประเมิน … ปี {year}' (บรรทัด {line.number})",
                    f"the document says 'ผลการประเมิน … {year}' (line {line.number})",
                )
            else:
                vote(
                    year - 1,
                    2,
                    f"มาตรการ/รายงานของปีงบประมาณ {year} ใช้ผลการประเมินปี {year - 1} "
                    f"(บรรทัด {line.number})",
                    f"measures or a report for fiscal year {year} act on ITA {year - 1} "
                    f"(line {line.number})",
                )
    for line in lines if about_ita and not measures else ():
        # "ผลการประเมิน ITA ปี 2567 … ได้ 95.12": the year written before a score in
        # its sentence outweighs one mentioned elsewhere ("ITA 2568 จะเริ่ม…")
        scores = _SCORE.findall(line.text)
        score = _SCORE.search(line.text) if len(scores) == 1 else None
        if score:  # one score in the sentence: a history of several says nothing
            for match in _YEAR.finditer(line.text, 0, score.start()):
                year = int(match.group(1))
                year += 2500 if year < 100 else 0
                vote(
                    year,
                    1,
                    f"ปี {year} นำหน้าคะแนนในประโยคเดียวกัน (บรรทัด {line.number})",
                    f"{year} stands before a score in its sentence (line {line.number})",
                )
    for line in lines:
        for match in _CE_YEAR.finditer(line.text):
            written = match.group(1) or match.group(2)
            year = be_from_ce(int(written))
            vote(
                year,
                2,
                f"ปี ค.ศ. {written} คือปีงบประมาณ {year} (บรรทัด {line.number})",
                f"the Christian-era year {written} is fiscal year {year} (line {line.number})",
            )
    rows = [_YEAR_ROW.match(line.text) for line in lines]
    table_years = [int(row.group(1)) for row in rows if row]
    if about_ita and not measures and len(table_years) >= 2:
        latest = max(table_years)
        vote(
            latest,
            2,
            f"ปีล่าสุดในตารางผลการประเมินรายปี ({latest})",
            f"the latest year of a table of yearly results ({latest})",
        )
    schedule: Counter[int] = Counter()
    for line in lines if measures else ():
        for match in _MONTH.finditer(line.text):
            schedule[_fiscal_year(match.group(1), match.group(2))] += 1
    if schedule:
        plan_year, count = schedule.most_common(1)[0]
        if count >= 2:
            vote(
                plan_year - 1,
                4,
                f"ระยะเวลาดำเนินการตามมาตรการอยู่ในปีงบประมาณ {plan_year} ({count} แห่ง)",
                f"the measures are scheduled in fiscal year {plan_year} ({count} places)",
            )
    if not weights:
        return YearChoice(None, "ไม่พบปีในเอกสาร", "no year found in the document", False, {})
    ranked = weights.most_common()
    year, weight = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == weight:  # a tie: the later ITA year is the likelier
        year = max(y for y, w in ranked if w == weight)
    ambiguous = any(w * 2 >= weight for y, w in ranked if y != year)
    best = max(reasons[year], key=lambda r: r[0])
    return YearChoice(year, best[1], best[2], ambiguous, dict(weights))


_CLEAREST = {3: 3, 4: 2, 2: 1, 1: 0}  # which evidence explains a year best: a statement, a schedule


def _last(pattern: re.Pattern[str], text: str) -> int | None:
    """Where the last key before a year begins, if it is close enough to name it."""
    position = None
    for match in pattern.finditer(text, max(0, len(text) - YEAR_REACH)):
        position = match.start()
    return position


def _fiscal_year(month: str, written: str) -> int:
    index = MONTHS_FULL.index(month) if month in MONTHS_FULL else MONTHS_ABBREV.index(month)
    year = int(written) + (2500 if len(written) == 2 else 0)
    return fiscal_year_of(month_start((year, index + 1)))
