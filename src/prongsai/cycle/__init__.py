"""Rules of the yearly ITA cycle, in plain Python: what a measure's progress can be,
which progress rounds there are, when a measure is overdue, and which official
documents the cycle produces. The web models, the documents and the CLI all read
these; nothing here knows about Django or YAML."""

from __future__ import annotations

import calendar
from datetime import date

from prongsai.thai import ce_from_be, fiscal_months, fiscal_year_of, format_be_date

# Progress of a measure in a round: key → (Thai, English).
STATUSES: dict[str, tuple[str, str]] = {
    "not_started": ("ยังไม่ดำเนินการ", "not started"),
    "in_progress": ("อยู่ระหว่างดำเนินการ", "in progress"),
    "done": ("ดำเนินการแล้ว", "done"),
    "delayed": ("ล่าช้ากว่ากำหนด", "delayed"),
    "cancelled": ("ยกเลิก", "cancelled"),
}
FINISHED = ("done", "cancelled")
# Progress rounds, in months since the start of the fiscal year (รอบ ๓/๖/๙/๑๒ เดือน).
ROUNDS = (3, 6, 9, 12)
# The rounds every agency reports (quarterly ones are its own choice).
REQUIRED_ROUNDS = (6, 12)

# The official documents of the cycle: key → (Thai, English).
DOCUMENT_KINDS: dict[str, tuple[str, str]] = {
    "analysis": ("รายงานการวิเคราะห์ผลการประเมิน ITA", "ITA analysis report"),
    "measures": ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "Measures"),
    "analysis+measures": ("รายงานการวิเคราะห์ผลและมาตรการ", "Analysis and measures"),
    "progress": ("รายงานผลการดำเนินการตามมาตรการ", "Progress report"),
    "memo": ("บันทึกข้อความ", "Memo"),
    "announcement": ("ประกาศ", "Announcement"),
}
# Which documents come from an ITA year's results alone, and which from a plan.
YEAR_DOCUMENTS = ("analysis", "memo")
PLAN_DOCUMENTS = ("measures", "analysis+measures", "announcement", "memo")


def is_overdue(status: str, end: date, as_of: date) -> bool:
    """Unfinished, and its end month (`end`, any day in it) is over by `as_of`."""
    return status not in FINISHED and (end.year, end.month) < (as_of.year, as_of.month)


def fiscal_year_bounds(fiscal_year: int) -> tuple[date, date]:
    """The first and the last day of a fiscal year (1 ต.ค. of the year before – 30 ก.ย.)."""
    end_ce = ce_from_be(fiscal_year)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def as_of_problem(fiscal_year: int, months: int, as_of: date) -> str | None:
    """Why `as_of` cannot be the date of a round of `months` in `fiscal_year` (in Thai),
    or None. A date outside the fiscal year would mark every measure overdue (or none)."""
    if fiscal_year_of(as_of) == fiscal_year:
        return None
    start, end = fiscal_year_bounds(fiscal_year)
    return (
        f"วันที่ข้อมูล ณ {format_be_date(as_of)} ของรอบ {months} เดือน อยู่นอกปีงบประมาณ {fiscal_year}"
        f" ต้องอยู่ระหว่าง {format_be_date(start)} ถึง {format_be_date(end)}"
    )


def round_end(fiscal_year: int, months: int) -> date:
    """The last day a round of `months` covers: 31 มี.ค. for the 6-month round."""
    first = fiscal_months(fiscal_year)[months - 1]
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])
