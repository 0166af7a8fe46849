"""A body's year as an Excel workbook: one agency a row, as the dashboard lists them."""

from __future__ import annotations

import io
from typing import Any

HEADER = (
    "หน่วยงาน", "ประเภท", "อำเภอ", "คะแนน ITA", "ระดับ", "ผลการประเมิน", "ผ่าน (85)",
    "คะแนนปีก่อน", "เปลี่ยนแปลง", "ตัวชี้วัดที่ต่ำกว่าเกณฑ์", "ข้อ OIT ที่ไม่ผ่าน", "แผนมาตรการ",
    "รายงานผล (เดือน)", "ข้อมูลสาธิต",
)  # fmt: skip
WIDTHS = (42, 22, 18, 10, 7, 16, 9, 11, 11, 18, 24, 18, 12, 10)


def dashboard_xlsx(
    dashboard: Any, kind_labels: dict[str, str], plan_labels: dict[str, str]
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)  # thousands of rows: streamed, not kept as cells
    sheet = book.create_sheet(f"ITA {dashboard.year}")
    for column, width in zip("ABCDEFGHIJKLMN", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "B2"
    bold = Font(bold=True)
    header = []
    for text in HEADER:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for r in dashboard.rows:
        sheet.append(
            [
                r.name,
                kind_labels.get(r.kind, r.kind),
                r.district,
                r.overall,
                r.grade,
                r.rating,
                None if r.passed is None else ("ผ่าน" if r.passed else "ไม่ผ่าน"),
                r.previous,
                r.change,
                r.weak,
                r.failed,
                plan_labels.get(r.plan, r.plan),
                ", ".join(str(m) for m in r.rounds),
                "ใช่" if r.generated else "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
