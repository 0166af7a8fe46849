"""Framework editions as Excel workbooks, so an edition can be added without code.

Layout (README, "Framework workbook"): a sheet `edition` of field/value rows under a header row
(key, fiscal_year, name, previous, pass_mark, confidence, source, note,
oit_items_complete, and one `notes` row per note); a sheet `sources` (id,
description); and one sheet per list (tools, indicators, sub_indicators, scales,
questions, oit_items, grades, rating) whose first row names the fields exactly as
in the YAML files. Cells holding lists (points, labels, previous, reversed) are
comma-separated. Empty cells mean "not given".
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from prongsai.engine.loader import EDITION_FIELDS, PROVENANCE_FIELDS, SECTIONS
from prongsai.files.zips import ZipLimitError, check_zip

LIST_CELLS = {"points", "labels", "previous"}
TEXT_CODES = {("sub_indicators", "code"), ("oit_items", "sub_indicator")}
MAX_ROWS = 5000  # per sheet; a real edition has a few hundred rows at most


class WorkbookError(ValueError):
    pass


def _value(cell: Any) -> Any:
    """Excel numbers as exact decimals (0.3 stays 0.3), whole numbers as int."""
    if isinstance(cell, bool) or cell is None:
        return cell
    if isinstance(cell, float):
        number = Decimal(repr(cell))
        return int(number) if number == number.to_integral_value() else number
    if isinstance(cell, str):
        text = cell.strip()
        return text or None
    return cell


def _split(text: Any) -> list[Any]:
    if isinstance(text, int | Decimal):
        return [text]
    items = [item.strip() for item in str(text).split(",") if item.strip()]
    converted: list[Any] = []
    for item in items:
        try:
            number = Decimal(item)
            converted.append(int(number) if number == number.to_integral_value() else number)
        except ArithmeticError:
            converted.append(item)
    return converted


def _cell(sheet: str, field: str, value: Any) -> Any:
    if value is None:
        return None
    if field in LIST_CELLS:
        return [str(v) if field in ("labels", "previous") else v for v in _split(value)]
    if field == "reversed":
        if isinstance(value, bool):
            return value
        lowered = str(value).lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        return _split(value)
    if (sheet, field) in TEXT_CODES:
        return str(value)
    return value


def read_workbook(path: Path) -> dict[str, Any]:
    """The edition data in the same shape as a YAML edition file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WorkbookError(f"{path.name}: cannot open: {exc.strerror}") from exc
    try:
        check_zip(data)
    except ZipLimitError as exc:
        if exc.code != "ZIP_DAMAGED":  # a damaged file is openpyxl's to describe
            raise WorkbookError(f"{path.name}: {exc}") from exc
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise WorkbookError(f"{path.name}: not an Excel workbook (.xlsx): {exc}") from exc
    if "edition" not in book.sheetnames:
        raise WorkbookError(f"{path.name}: the sheet 'edition' is missing")
    data: dict[str, Any] = {}
    notes: list[str] = []
    for row in _rows(book, "edition", path)[1:]:
        if not row or row[0] is None:
            continue
        name, value = str(row[0]).strip(), _value(row[1] if len(row) > 1 else None)
        if name == "notes":
            if value is not None:
                notes.append(str(value))
        elif value is not None:
            data[name] = value
    if notes:
        data["notes"] = notes
    if "sources" in book.sheetnames:
        rows = _rows(book, "sources", path)[1:]
        data["sources"] = {str(r[0]): str(r[1]) for r in rows if r and r[0] is not None}
    for sheet in SECTIONS:
        if sheet not in book.sheetnames:
            continue
        rows = _rows(book, sheet, path)
        if not rows:
            continue
        header = [str(h).strip() if h is not None else "" for h in rows[0]]
        records = []
        for row in rows[1:]:
            record = {
                field: _cell(sheet, field, _value(value))
                for field, value in zip(header, row, strict=False)
                if field and _value(value) is not None
            }
            if record:
                records.append(record)
        data[sheet] = records
    return data


def _rows(book: Any, sheet: str, path: Path) -> list[tuple[Any, ...]]:
    """A sheet's rows, refused past MAX_ROWS: openpyxl takes about 0.2 ms a row, and a
    few megabytes of workbook can hold hundreds of thousands of rows."""
    rows = []
    for row in book[sheet].iter_rows(values_only=True):
        rows.append(row)
        if len(rows) > MAX_ROWS:
            book.close()
            raise WorkbookError(
                f"{path.name}: แผ่นงาน '{sheet}' มีเกิน {MAX_ROWS:,} แถว ไม่ใช่ไฟล์เกณฑ์การประเมิน"
                f" / the sheet '{sheet}' has more than {MAX_ROWS:,} rows"
            )
    return rows


def write_workbook(data: dict[str, Any], path: Path) -> None:
    """Write edition data (as read from YAML) in the workbook layout."""
    book = Workbook()
    edition = book.active
    edition.title = "edition"
    edition.append(["field", "value"])
    for name in (*EDITION_FIELDS, *PROVENANCE_FIELDS):
        if data.get(name) is not None:
            edition.append([name, _plain(data[name])])
    for note in data.get("notes", []):
        edition.append(["notes", note])
    sources = book.create_sheet("sources")
    sources.append(["id", "description"])
    for key, text in data.get("sources", {}).items():
        sources.append([key, text])
    for sheet, fields in SECTIONS.items():
        columns = [*fields, *PROVENANCE_FIELDS]
        ws = book.create_sheet(sheet)
        ws.append(columns)
        for record in data.get(sheet, []):
            ws.append([_plain(record.get(field)) for field in columns])
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
    book.save(path)


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Decimal):
        return float(value)
    return value
