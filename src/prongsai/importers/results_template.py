"""The results template: an Excel workbook (or one CSV) an officer fills in by hand.

The workbook has three sheets in Thai: indicators with the agency, year, tool and
overall scores; questions; OIT items with the assessor's comments. Every row carries
its code in column A, so rows may be reordered or deleted. Reading checks every cell
and reports each bad one by sheet, row, column and value; it returns a results
document only when all of them are valid.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from prongsai.engine.model import Framework
from prongsai.files.zips import ZipLimitError, check_zip
from prongsai.thai import to_arabic_digits

INDICATORS_SHEET = "ตัวชี้วัด"
QUESTIONS_SHEET = "ข้อคำถาม"
OIT_SHEET = "OIT"
CSV_HEADER = ("ส่วน", "รหัส", "รายการ", "คะแนน/ผล", "ความเห็นของผู้ประเมิน")
PASS_WORDS = {"ผ่าน": True, "มี": True, "100": True, "ไม่ผ่าน": False, "ไม่มี": False, "0": False}
MAX_ROWS = 5000  # per sheet; the template has at most about 60
MAX_CSV_ROWS = 3 * MAX_ROWS  # the CSV form holds the three sheets
# Rows of the indicators sheet that are not indicators: code → (Thai label, kind).
INFO_ROWS = (
    ("agency", "ชื่อหน่วยงาน", "text"),
    ("fiscal_year", "ปีที่ประเมิน (พ.ศ.)", "year"),
)
REPORTED_ROWS = (
    ("overall", "คะแนนรวม ITA ตามที่ประกาศ", "score"),
    ("grade", "ระดับผลการประเมิน (AA–F)", "grade"),
    ("rating", "ผลการประเมิน (ตั้งแต่ปี 2567 เช่น ผ่านดีเยี่ยม)", "text"),
)


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    row: int
    column: str
    value: object
    expected: str

    @property
    def message(self) -> str:
        return (
            f"แผ่นงาน '{self.sheet}' แถว {self.row} คอลัมน์ {self.column}: "
            f"ค่า {self.value!r} ใช้ไม่ได้ ต้องเป็น{self.expected}"
        )


@dataclass(frozen=True)
class FileProblem:
    """A workbook refused as a whole (too large, damaged), before any cell is read."""

    thai: str
    english: str

    @property
    def message(self) -> str:
        return f"{self.thai} / {self.english}"


class TemplateError(ValueError):
    def __init__(self, problems: list[CellProblem | FileProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.message for p in problems))


@dataclass(frozen=True)
class _Row:
    sheet: str
    number: int
    code: str
    title: str
    value: object
    comment: object = None


def template_rows(framework: Framework) -> dict[str, list[tuple[str, str, str]]]:
    """Sheet → rows of (code, Thai label, kind of value)."""
    indicators = [*((c, label, kind) for c, label, kind in INFO_ROWS)]
    indicators += [
        (str(i.number), f"ตัวชี้วัดที่ {i.number} {i.name} ({i.tool})", "score")
        for i in framework.indicators
    ]
    indicators += [(t.code, f"คะแนนเครื่องมือ {t.code} ตามที่ประกาศ", "score") for t in framework.tools]
    indicators += (
        [*REPORTED_ROWS] if framework.rating else [r for r in REPORTED_ROWS if r[0] != "rating"]
    )
    questions = [
        (q.code, f"{q.title} (ตัวชี้วัดที่ {q.indicator})", "score") for q in framework.questions
    ]
    items = [(o.code, o.title or "", "pass") for o in framework.oit_items]
    return {INDICATORS_SHEET: indicators, QUESTIONS_SHEET: questions, OIT_SHEET: items}


# ---------------------------------------------------------------- writing


def write_template_xlsx(framework: Framework) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    workbook.remove(workbook.active)
    header_font = Font(name="TH Sarabun New", size=16, bold=True)
    body_font = Font(name="TH Sarabun New", size=16)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for sheet_name, rows in template_rows(framework).items():
        sheet = workbook.create_sheet(sheet_name)
        value_header = "ผล (ผ่าน/ไม่ผ่าน)" if sheet_name == OIT_SHEET else "คะแนน"
        header = ["รหัส", "รายการ", value_header]
        if sheet_name == OIT_SHEET:
            header.append("ความเห็นของผู้ประเมิน")
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = header_font
        validations = {
            "score": DataValidation(
                type="decimal",
                operator="between",
                formula1="0",
                formula2="100",
                error="คะแนนต้องเป็นตัวเลข 0–100",
                errorTitle="คะแนนไม่ถูกต้อง",
            ),
            "year": DataValidation(
                type="whole",
                operator="between",
                formula1="2560",
                formula2="2700",
                error="ปีพุทธศักราช เช่น 2568",
                errorTitle="ปีไม่ถูกต้อง",
            ),
            "grade": DataValidation(
                type="list", formula1='"' + ",".join(g.grade for g in framework.grades) + '"'
            ),
            "pass": DataValidation(type="list", formula1='"ผ่าน,ไม่ผ่าน"'),
        }
        for validation in validations.values():
            validation.showErrorMessage = True
            sheet.add_data_validation(validation)
        for index, (code, label, kind) in enumerate(rows, start=2):
            sheet.append([code, label])
            for cell in sheet[index]:
                cell.font = body_font
            sheet.cell(index, 3).fill = fill
            if kind in validations:
                validations[kind].add(f"C{index}")
        if framework.key and sheet_name == INDICATORS_SHEET:
            sheet.cell(3, 3).value = framework.fiscal_year
        sheet.column_dimensions["A"].width = 10
        sheet.column_dimensions["B"].width = 70
        sheet.column_dimensions["C"].width = 16
        sheet.column_dimensions["D"].width = 60
        for row in sheet.iter_rows(min_row=2):
            row[1].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_template_csv(framework: Framework) -> bytes:
    """One CSV for all three sheets, in UTF-8 with a BOM so Excel shows the Thai."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for sheet, rows in template_rows(framework).items():
        for code, label, _kind in rows:
            value = framework.fiscal_year if code == "fiscal_year" else ""
            writer.writerow([sheet, code, label, value, ""])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# ---------------------------------------------------------------- reading


def is_template_csv(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return first.strip().startswith(CSV_HEADER[0] + ",") and CSV_HEADER[1] in first


def read_template_xlsx(data: bytes) -> dict[str, Any]:
    from openpyxl import load_workbook

    try:
        check_zip(data)
    except ZipLimitError as exc:
        raise TemplateError([FileProblem(exc.message, exc.message_en)]) from exc
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    missing = [
        s for s in (INDICATORS_SHEET, QUESTIONS_SHEET, OIT_SHEET) if s not in workbook.sheetnames
    ]
    if INDICATORS_SHEET in missing:
        raise TemplateError(
            [
                CellProblem(
                    INDICATORS_SHEET,
                    1,
                    "-",
                    ", ".join(workbook.sheetnames),
                    f"แบบฟอร์มผลการประเมินที่มีแผ่นงาน '{INDICATORS_SHEET}'",
                )
            ]
        )
    rows: list[_Row] = []
    for sheet_name in (INDICATORS_SHEET, QUESTIONS_SHEET, OIT_SHEET):
        if sheet_name in missing:
            continue
        for number, cells in enumerate(
            workbook[sheet_name].iter_rows(min_row=2, max_col=4, values_only=True), start=2
        ):
            if number > MAX_ROWS:
                workbook.close()
                raise TemplateError(
                    [
                        FileProblem(
                            f"แผ่นงาน '{sheet_name}' มีเกิน {MAX_ROWS:,} แถว ไม่ใช่แบบฟอร์มผลการประเมิน",
                            f"sheet '{sheet_name}' has more than {MAX_ROWS:,} rows",
                        )
                    ]
                )
            cells = (*cells, None, None, None, None)
            if cells[0] is None or str(cells[0]).strip() == "":
                continue
            rows.append(
                _Row(
                    sheet_name,
                    number,
                    str(cells[0]).strip(),
                    str(cells[1] or ""),
                    cells[2],
                    cells[3],
                )
            )
    workbook.close()
    return _document(rows, columns=("C", "D"))


def read_template_csv(text: str) -> dict[str, Any]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    next(reader, None)
    rows = []
    for number, cells in enumerate(reader, start=2):
        if number > MAX_CSV_ROWS:  # each bad row would be one more message on the page
            raise TemplateError(
                [
                    FileProblem(
                        f"ไฟล์ CSV มีเกิน {MAX_CSV_ROWS:,} แถว ไม่ใช่แบบฟอร์มผลการประเมิน",
                        f"the CSV file has more than {MAX_CSV_ROWS:,} rows",
                    )
                ]
            )
        if len(cells) > 1 and cells[1].strip():
            rows.append(
                _Row(
                    cells[0].strip(),
                    number,
                    cells[1].strip(),
                    cells[2] if len(cells) > 2 else "",
                    cells[3] if len(cells) > 3 else None,
                    cells[4] if len(cells) > 4 else None,
                )
            )
    return _document(rows, columns=(CSV_HEADER[3], CSV_HEADER[4]))


def _document(rows: Iterable[_Row], columns: tuple[str, str]) -> dict[str, Any]:
    problems: list[CellProblem] = []
    document: dict[str, Any] = {}
    sections = {
        "indicators": {},
        "questions": {},
        "oit_items": {},
        "oit_comments": {},
        "reported": {},
    }

    def bad(row: _Row, expected: str, column: str = columns[0]) -> None:
        problems.append(CellProblem(row.sheet, row.number, column, row.value, expected))

    for row in _known(rows, problems):
        if _empty(row.value):
            if row.code == "fiscal_year":
                bad(row, "ปีพุทธศักราชที่ประเมิน เช่น 2568")
            continue
        if row.sheet == OIT_SHEET:
            passed = PASS_WORDS.get(_text(row.value))
            if passed is None:
                bad(row, " 'ผ่าน' หรือ 'ไม่ผ่าน'")
                continue
            sections["oit_items"][row.code] = 100 if passed else 0
            if not passed and not _empty(row.comment):
                sections["oit_comments"][row.code] = _text(row.comment)
        elif row.code == "agency" or row.code == "rating":
            target = document if row.code == "agency" else sections["reported"]
            target[row.code] = _text(row.value)
        elif row.code == "fiscal_year":
            year = _number(row.value)
            if year is None or year != year.to_integral_value() or not 2500 <= year <= 2700:
                bad(row, "ปีพุทธศักราช เช่น 2568")
            else:
                document["fiscal_year"] = int(year)
        elif row.code == "grade":
            # the engine checks the letter against the edition's grade bands
            sections["reported"]["grade"] = _text(row.value).upper()
        else:
            score = _number(row.value)
            if score is None or not 0 <= score <= 100:
                bad(row, "คะแนนเป็นตัวเลข 0–100")
                continue
            if row.sheet == QUESTIONS_SHEET:
                sections["questions"][row.code] = score
            elif row.code.isdigit():
                sections["indicators"][row.code] = score
            else:
                sections["reported"][row.code] = score
    if problems:
        raise TemplateError(problems)
    document.update({name: values for name, values in sections.items() if values})
    return document


def _known(rows: Iterable[_Row], problems: list[CellProblem]) -> Iterator[_Row]:
    info = {code for code, _label, _kind in (*INFO_ROWS, *REPORTED_ROWS)} | {"IIT", "EIT", "OIT"}
    for row in rows:
        code = to_arabic_digits(row.code)
        valid = {
            INDICATORS_SHEET: code in info or (code.isdigit() and 1 <= int(code) <= 10),
            QUESTIONS_SHEET: len(code) > 1 and code[0] in "ieIE" and code[1:].isdigit(),
            OIT_SHEET: len(code) > 1 and code[0] in "oO" and code[1:].isdigit(),
        }.get(row.sheet)
        if not valid:
            problems.append(
                CellProblem(row.sheet, row.number, "A", row.code, "รหัสในแบบฟอร์ม (อย่าแก้คอลัมน์รหัส)")
            )
            continue
        yield _Row(row.sheet, row.number, code, row.title, row.value, row.comment)


def _empty(value: object) -> bool:
    return value is None or str(value).strip() == ""


def _text(value: object) -> str:
    return " ".join(to_arabic_digits(str(value)).split())


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    try:
        return Decimal(_text(value).replace(",", ""))
    except InvalidOperation:
        return None
