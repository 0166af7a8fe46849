"""The files a document is made from besides the results: the agency, its measures plan
and a progress round, each a documented YAML file (examples/*.yaml). Every problem is
reported at once, by field, in Thai and English; nothing is guessed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from prongsai.cycle import ROUNDS, STATUSES
from prongsai.engine.yamlio import YamlError, load_yaml
from prongsai.thai import (
    fiscal_year_of,
    month_start,
    parse_be_date,
    parse_be_year,
    to_arabic_digits,
)

_MONTH = re.compile(r"^(25\d\d)-(0?[1-9]|1[0-2])$")


class InputError(ValueError):
    def __init__(self, name: str, problems: list[str]) -> None:
        self.name = name
        self.problems = problems
        super().__init__("\n".join(f"{name}: {p}" for p in problems))


@dataclass(frozen=True)
class Person:
    name: str
    positions: tuple[str, ...]  # "นายก…", then acting lines such as "รักษาราชการแทน…"


@dataclass(frozen=True)
class Agency:
    name: str
    district: str = ""
    province: str = ""
    unit: str = "สำนักปลัด"
    phone: str = ""
    document_prefix: str = ""
    officer: Person | None = None  # who writes the memo
    head: Person | None = None  # ปลัด: comments on the memo
    executive: Person | None = None  # นายก: approves, signs the announcement
    limitations: str = ""
    emblem: bytes = b""  # ครุฑ, PNG or JPEG: top left of a memo, centred on an announcement
    logo: bytes = b""  # PNG or JPEG: on the report's cover


@dataclass(frozen=True)
class Texts:
    """The free-text parts of an analysis report as the agency wrote them for one ITA
    year; an empty one takes the built-in default, never a placeholder."""

    introduction: str = ""
    recommendations: str = ""  # paragraphs, one per blank-line-separated block
    limitations: str = ""


@dataclass(frozen=True)
class Measure:
    number: int
    title: str
    steps: tuple[str, ...]
    units: tuple[str, ...]
    start: tuple[int, int]  # (BE year, month)
    end: tuple[int, int]
    follow_up: str
    kpi: str = ""
    indicators: tuple[int, ...] = ()
    oit_items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    fiscal_year: int
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class ProgressEntry:
    measure: int
    status: str
    done: str = ""
    when: date | None = None
    evidence: tuple[str, ...] = ()
    problems: str = ""
    solutions: str = ""
    reason: str = ""  # why it was cancelled


@dataclass(frozen=True)
class Progress:
    fiscal_year: int
    round: int
    as_of: date
    entries: tuple[ProgressEntry, ...] = field(default_factory=tuple)


class _InputReader:
    def __init__(self, data: object, name: str) -> None:
        self.name = name
        self.problems: list[str] = []
        if not isinstance(data, Mapping):
            raise InputError(name, ["ต้องเป็นรายการแบบ ช่อง: ค่า / must be a YAML mapping"])
        self.data = data

    def fail(self, path: str, thai: str, english: str) -> None:
        self.problems.append(f"{path}: {thai} / {english}")

    def text(self, data: Mapping[str, Any], key: str, path: str, required: bool = False) -> str:
        value = data.get(key)
        if value is None or str(value).strip() == "":
            if required:
                self.fail(f"{path}{key}", "ต้องระบุ", "required")
            return ""
        if isinstance(value, Mapping | list):
            self.fail(f"{path}{key}", "ต้องเป็นข้อความ", "must be text")
            return ""
        return " ".join(str(value).split())

    def texts(
        self, data: Mapping[str, Any], key: str, path: str, required: bool = False
    ) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(f"{path}{key}", "ต้องระบุ", "required")
            return ()
        items = value if isinstance(value, list) else [value]
        result = tuple(" ".join(str(v).split()) for v in items if str(v).strip())
        if required and not result:
            self.fail(f"{path}{key}", "ต้องมีอย่างน้อยหนึ่งรายการ", "needs at least one entry")
        return result

    def year(self, data: Mapping[str, Any], key: str) -> int:
        try:
            return parse_be_year(str(data.get(key, "")))
        except ValueError:
            self.fail(key, "ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2568", "must be a BE fiscal year such as 2568")
            return 0

    def month(self, value: object, path: str) -> tuple[int, int]:
        match = _MONTH.match(to_arabic_digits(str(value or "")).strip())
        if not match:
            self.fail(
                path,
                f"'{value}' ต้องเป็น ปี-เดือน พ.ศ. เช่น 2567-10",
                "must be a BE year-month like 2567-10",
            )
            return (0, 0)
        return int(match.group(1)), int(match.group(2))

    def day(self, value: object, path: str, required: bool = False) -> date | None:
        if value in (None, ""):
            if required:
                self.fail(path, "ต้องระบุวันที่", "a date is required")
            return None
        try:
            return parse_be_date(str(value))
        except ValueError:
            self.fail(
                path,
                f"'{value}' ต้องเป็นวันที่ พ.ศ. เช่น 2567-03-31",
                "must be a BE date like 2567-03-31",
            )
            return None

    def person(self, data: Mapping[str, Any], key: str) -> Person | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.fail(key, "ต้องมี name และ position", "needs name and position")
            return None
        name = self.text(value, "name", f"{key}.", required=True)
        positions = self.texts(value, "position", f"{key}.", required=True)
        return Person(name, positions)

    def done(self) -> None:
        if self.problems:
            raise InputError(self.name, self.problems)


def read_yaml_file(path: Path) -> Any:
    try:
        return load_yaml(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(str(path), [f"เปิดไฟล์ไม่ได้ / cannot open: {exc.strerror}"]) from exc
    except (YamlError, UnicodeDecodeError) as exc:
        raise InputError(str(path), [f"อ่าน YAML ไม่ได้ / not valid YAML: {exc}"]) from exc


def read_agency(data: object, name: str = "agency") -> Agency:
    reader = _InputReader(data, name)
    d = reader.data
    agency = Agency(
        name=reader.text(d, "name", "", required=True),
        district=reader.text(d, "district", ""),
        province=reader.text(d, "province", ""),
        unit=reader.text(d, "unit", "") or "สำนักปลัด",
        phone=reader.text(d, "phone", ""),
        document_prefix=reader.text(d, "document_prefix", ""),
        officer=reader.person(d, "officer"),
        head=reader.person(d, "head"),
        executive=reader.person(d, "executive"),
        limitations=str(d.get("limitations") or "").strip(),
    )
    reader.done()
    return agency


def read_plan(data: object, name: str = "measures") -> Plan:
    reader = _InputReader(data, name)
    year = reader.year(reader.data, "fiscal_year")
    items = reader.data.get("measures")
    if not isinstance(items, list) or not items:
        reader.fail("measures", "ต้องมีรายการมาตรการอย่างน้อยหนึ่งข้อ", "needs at least one measure")
        items = []
    measures = []
    for index, item in enumerate(items, start=1):
        path = f"measures[{index}]."
        if not isinstance(item, Mapping):
            reader.fail(path[:-1], "ต้องเป็นรายการแบบ ช่อง: ค่า", "must be a mapping")
            continue
        start = reader.month(item.get("start"), f"{path}start")
        end = reader.month(item.get("end"), f"{path}end")
        if start > end and all(start + end):
            reader.fail(f"{path}end", "สิ้นสุดก่อนเริ่ม", "ends before it starts")
        for name, (be, month) in (("start", start), ("end", end)):
            if year and be and fiscal_year_of(month_start((be, month))) != year:
                reader.fail(
                    f"{path}{name}", f"อยู่นอกปีงบประมาณ {year}", f"is outside fiscal year {year}"
                )
        indicators = []
        for value in reader.texts(item, "indicators", path):
            number = to_arabic_digits(value)
            if number.isdigit() and 1 <= int(number) <= 10:
                indicators.append(int(number))
            else:
                reader.fail(f"{path}indicators", f"'{value}' ต้องเป็นเลข 1–10", "must be 1–10")
        items_ = []
        for value in reader.texts(item, "oit_items", path):
            code = to_arabic_digits(value).upper().replace(" ", "")
            if re.fullmatch(r"O\d{1,2}", code):
                items_.append(f"O{int(code[1:])}")
            else:
                reader.fail(
                    f"{path}oit_items", f"'{value}' ต้องเป็นรหัส เช่น O12", "must be a code like O12"
                )
        measures.append(
            Measure(
                number=index,
                title=reader.text(item, "title", path, required=True),
                steps=reader.texts(item, "steps", path, required=True),
                units=reader.texts(item, "units", path, required=True),
                start=start,
                end=end,
                follow_up=reader.text(item, "follow_up", path, required=True),
                kpi=reader.text(item, "kpi", path),
                indicators=tuple(indicators),
                oit_items=tuple(items_),
            )
        )
    reader.done()
    return Plan(year, tuple(measures))


def read_progress(data: object, plan: Plan, name: str = "progress") -> Progress:
    reader = _InputReader(data, name)
    d = reader.data
    year = reader.year(d, "fiscal_year")
    if year and plan.fiscal_year and year != plan.fiscal_year:
        reader.fail(
            "fiscal_year",
            f"ไม่ตรงกับปีของมาตรการ ({plan.fiscal_year})",
            f"differs from the plan's ({plan.fiscal_year})",
        )
    round_ = to_arabic_digits(str(d.get("round", ""))).strip()
    if not round_.isdigit() or int(round_) not in ROUNDS:
        reader.fail("round", "ต้องเป็นรอบ 3, 6, 9 หรือ 12 เดือน", "must be 3, 6, 9 or 12 months")
    as_of = reader.day(d.get("as_of"), "as_of", required=True)
    entries = []
    raw = d.get("items")
    if not isinstance(raw, list) or not raw:
        reader.fail("items", "ต้องมีผลการดำเนินการอย่างน้อยหนึ่งมาตรการ", "needs at least one entry")
        raw = []
    seen = set()
    for index, item in enumerate(raw, start=1):
        path = f"items[{index}]."
        if not isinstance(item, Mapping):
            reader.fail(path[:-1], "ต้องเป็นรายการแบบ ช่อง: ค่า", "must be a mapping")
            continue
        number = to_arabic_digits(str(item.get("measure", ""))).strip()
        if not number.isdigit() or not 1 <= int(number) <= len(plan.measures):
            reader.fail(
                f"{path}measure",
                f"ต้องเป็นลำดับมาตรการ 1–{len(plan.measures)}",
                f"must be a measure number 1–{len(plan.measures)}",
            )
            continue
        if int(number) in seen:
            reader.fail(
                f"{path}measure", f"มาตรการที่ {number} ซ้ำ", f"measure {number} is given twice"
            )
        seen.add(int(number))
        status = str(item.get("status", "")).strip()
        if status not in STATUSES:
            reader.fail(
                f"{path}status",
                f"ต้องเป็น {', '.join(STATUSES)}",
                f"must be one of {', '.join(STATUSES)}",
            )
        reason = reader.text(item, "reason", path)
        if status == "cancelled" and not reason:
            reader.fail(
                f"{path}reason", "มาตรการที่ยกเลิกต้องระบุเหตุผล", "a cancelled measure needs a reason"
            )
        entries.append(
            ProgressEntry(
                measure=int(number),
                status=status,
                done=reader.text(item, "done", path),
                when=reader.day(item.get("when"), f"{path}when"),
                evidence=reader.texts(item, "evidence", path),
                problems=reader.text(item, "problems", path),
                solutions=reader.text(item, "solutions", path),
                reason=reason,
            )
        )
    reader.done()
    return Progress(
        year, int(round_) if round_.isdigit() else 0, as_of or date.today(), tuple(entries)
    )
