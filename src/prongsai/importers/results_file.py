"""Results documents from files: one YAML or JSON document, or a CSV of many agencies.

A CSV has one agency per row: `agency,fiscal_year,ind1,…,ind10`, optionally
`framework`, `overall` and `grade`. Every row becomes a results-document mapping so
one checker (`engine.parse_results`) judges them all.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from prongsai.engine.yamlio import YamlError, load_yaml

CSV_COLUMNS = (
    "agency",
    "fiscal_year",
    "framework",
    *(f"ind{n}" for n in range(1, 11)),
    "overall",
    "grade",
)
ENCODINGS = ("utf-8-sig", "cp874")  # Excel on Thai Windows saves CSV as cp874 (TIS-620)


class ResultsFileError(ValueError):
    """The file cannot be read as results; the message says why, in Thai and English."""


@dataclass(frozen=True)
class Document:
    label: str  # where it came from, for messages: the file, or "แถวที่ 12" of a CSV
    data: Mapping[str, Any]


def read_results_file(path: Path) -> tuple[list[Document], bool]:
    """The documents in the file, and whether it was a batch (CSV)."""
    text = _read_text(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_documents(text, path.name), True
    if suffix == ".json":
        return [Document(path.name, _json(text, path.name))], False
    if suffix in (".yaml", ".yml", ".txt", ""):
        try:
            return [Document(path.name, load_yaml(text))], False
        except YamlError as exc:
            raise ResultsFileError(f"{path.name}: อ่าน YAML ไม่ได้ / not valid YAML: {exc}") from exc
    raise ResultsFileError(
        f"{path.name}: ไม่รองรับไฟล์ชนิด {suffix} (ใช้ .yaml .json หรือ .csv) / "
        f"unsupported file type {suffix} (use .yaml, .json or .csv)"
    )


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ResultsFileError(f"{path}: เปิดไฟล์ไม่ได้ / cannot open: {exc.strerror}") from exc
    if b"\x00" in raw[:4096]:
        raise ResultsFileError(f"{path.name}: เป็นไฟล์ไบนารี ไม่ใช่ข้อความ / a binary file, not text")
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ResultsFileError(f"{path.name}: อ่านอักขระไม่ได้ / not UTF-8 or TIS-620 text")


def _json(text: str, name: str) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ResultsFileError(f"{name}: ช่อง {key!r} ซ้ำ / duplicate key {key!r}")
            result[key] = value
        return result

    try:
        return json.loads(text, parse_float=Decimal, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise ResultsFileError(
            f"{name}: อ่าน JSON ไม่ได้ บรรทัด {exc.lineno} / not valid JSON at line {exc.lineno}: "
            f"{exc.msg}"
        ) from exc


def _csv_documents(text: str, name: str) -> list[Document]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if not header or "fiscal_year" not in header or unknown:
        raise ResultsFileError(
            f"{name}: หัวตารางต้องมี fiscal_year และใช้ได้เฉพาะ {', '.join(CSV_COLUMNS)}"
            + (f" (ไม่รู้จัก: {', '.join(unknown)})" if unknown else "")
            + f" / the header needs fiscal_year and may only use {', '.join(CSV_COLUMNS)}"
        )
    reader.fieldnames = header
    documents = []
    for row in reader:
        cells = {k: v.strip() for k, v in row.items() if k is not None and v and v.strip()}
        if not cells:
            continue
        data: dict[str, Any] = {
            key: cells[key] for key in ("agency", "fiscal_year", "framework") if key in cells
        }
        data["indicators"] = {
            key[3:]: value for key, value in cells.items() if key.startswith("ind")
        }
        reported = {key: cells[key] for key in ("overall", "grade") if key in cells}
        if reported:
            data["reported"] = reported
        documents.append(Document(f"{name} แถวที่ {reader.line_num}", data))
    if not documents:
        raise ResultsFileError(f"{name}: ไม่มีข้อมูลหน่วยงานสักแถว / the CSV has no data rows")
    return documents
