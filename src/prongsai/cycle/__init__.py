"""Rules of the yearly ITA cycle, in plain Python: what a measure's progress can be,
which progress rounds there are, when a measure is overdue, and which official
documents the cycle produces. The web models, the documents and the CLI all read
these; nothing here knows about Django or YAML."""

from __future__ import annotations

from datetime import date

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
