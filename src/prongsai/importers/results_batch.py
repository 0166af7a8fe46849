"""Results of many agencies in one table (CSV or Excel): one agency per row.

Columns (English or Thai headers, any order, only `name` and `year` required):
name, kind, province, district, year, ind1…ind10, IIT, EIT, OIT, overall, grade,
rating. Each row becomes a results document (the engine checks it later) with the
agency's kind, province and district beside it. Thai digits are read anywhere.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from prongsai.thai import to_arabic_digits
from prongsai.thai.agencies import agency_kind, full_agency_name

ALIASES = {
    "name": ("name", "agency", "ชื่อหน่วยงาน", "หน่วยงาน"),
    "kind": ("kind", "ประเภท", "ประเภทหน่วยงาน"),
    "province": ("province", "จังหวัด"),
    "district": ("district", "อำเภอ"),
    "year": ("year", "fiscal_year", "ปี", "ปีที่ประเมิน"),
    "overall": ("overall", "คะแนน", "คะแนนรวม", "คะแนน ita"),
    "grade": ("grade", "ระดับ", "ระดับผลการประเมิน"),
    "rating": ("rating", "ผลการประเมิน"),
    "IIT": ("iit",),
    "EIT": ("eit",),
    "OIT": ("oit",),
    **{f"ind{n}": (f"ind{n}", f"ตัวชี้วัดที่ {n}", f"ตัวชี้วัดที่{n}") for n in range(1, 11)},
}
_HEADER = {alias: key for key, aliases in ALIASES.items() for alias in aliases}
KIND_WORDS = {
    "อบต.": "sao",
    "อบต": "sao",
    "องค์การบริหารส่วนตำบล": "sao",
    "ทต.": "subdistrict_municipality",
    "เทศบาลตำบล": "subdistrict_municipality",
    "ทม.": "town_municipality",
    "เทศบาลเมือง": "town_municipality",
    "ทน.": "city_municipality",
    "เทศบาลนคร": "city_municipality",
    "อบจ.": "pao",
    "องค์การบริหารส่วนจังหวัด": "pao",
    "ส่วนราชการ": "government",
}
KINDS = (
    "sao",
    "subdistrict_municipality",
    "town_municipality",
    "city_municipality",
    "pao",
    "government",
    "other",
)
ENCODINGS = ("utf-8-sig", "cp874")


class BatchError(ValueError):
    """The table cannot be read; the message says why in Thai and English."""


@dataclass
class BatchRow:
    line: int  # the row number in the file (the header is row 1)
    name: str
    kind: str
    province: str
    district: str
    document: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def is_batch_table(header: list[str]) -> bool:
    keys = {_HEADER.get(_clean(h)) for h in header}
    return "name" in keys and "year" in keys


def read_batch(data: bytes, name: str) -> list[BatchRow]:
    """Every agency row of a CSV or .xlsx file. Raises `BatchError` for a file that is
    not such a table."""
    if data.startswith(b"PK\x03\x04"):
        table = _xlsx_rows(data, name)
    else:
        table = list(csv.reader(io.StringIO(_decode(data, name))))
    if not table or not is_batch_table([str(h or "") for h in table[0]]):
        raise BatchError(
            f"{name}: หัวตารางต้องมีชื่อหน่วยงาน (name) และปี (year) / "
            "the header needs at least name and year"
        )
    header = [_HEADER.get(_clean(str(h or ""))) for h in table[0]]
    unknown = [str(h) for h, key in zip(table[0], header, strict=True) if h and key is None]
    if unknown:
        raise BatchError(
            f"{name}: ไม่รู้จักคอลัมน์ {', '.join(unknown)} / unknown columns; use {', '.join(ALIASES)}"
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {
            key: to_arabic_digits(str(cell)).strip()
            for key, cell in zip(header, cells, strict=False)
            if key and cell is not None and str(cell).strip()
        }
        if values:
            rows.append(_row(number, values))
    if not rows:
        raise BatchError(f"{name}: ไม่มีข้อมูลหน่วยงานสักแถว / no agency rows")
    return rows


def _row(number: int, values: dict[str, str]) -> BatchRow:
    name = full_agency_name(values.get("name", ""))
    kind_text = values.get("kind", "")
    kind = kind_text if kind_text in KINDS else KIND_WORDS.get(kind_text, agency_kind(name))
    document: dict[str, Any] = {"agency": name, "fiscal_year": values.get("year", "")}
    indicators = {key[3:]: values[key] for key in values if key.startswith("ind")}
    if indicators:
        document["indicators"] = indicators
    reported = {
        k: values[k] for k in ("overall", "grade", "rating", "IIT", "EIT", "OIT") if k in values
    }
    if reported:
        document["reported"] = reported
    row = BatchRow(
        number, name, kind, values.get("province", ""), values.get("district", ""), document
    )
    if not name:
        row.problems.append("ไม่มีชื่อหน่วยงาน / no agency name")
    return row


def _clean(header: str) -> str:
    return " ".join(header.split()).casefold()


def _decode(data: bytes, name: str) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BatchError(f"{name}: อ่านอักขระไม่ได้ / not UTF-8 or TIS-620 text")


def _xlsx_rows(data: bytes, name: str) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise BatchError(f"{name}: เปิดไฟล์ Excel ไม่ได้ / cannot open the workbook") from exc
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]
