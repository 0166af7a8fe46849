"""The results document: what an agency's ITA result says, checked field by field.

`parse_results` takes the parsed YAML/JSON mapping (the format in the README) and
returns `Results`, or raises `ResultsError` naming every bad field and value.
Thai digits are accepted anywhere. Codes are normalised ("I๑๙" → "i19",
"o05" → "O5"); a code given twice in different forms is a duplicate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from prongsai.engine.findings import Finding, ResultsError, finding
from prongsai.engine.numbers import HUNDRED, mean
from prongsai.thai import be_from_ce, to_arabic_digits

FIELDS = (
    "agency",
    "fiscal_year",
    "framework",
    "indicators",
    "questions",
    "oit_items",
    "oit_comments",
    "reported",
    "source",  # where the results were read from (an import's provenance); not checked
)
REPORTED_FIELDS = ("overall", "grade", "rating", "passed")
INDICATOR_RE = re.compile(r"^(?:ind(?:icator)?\s*)?0*([1-9][0-9]?)$", re.IGNORECASE)
QUESTION_RE = re.compile(r"^([a-zA-Z])\s*0*([1-9][0-9]*)$")
ITEM_RE = re.compile(r"^[oO]\s*0*([1-9][0-9]*)$")
TOOL_RE = re.compile(r"^[A-Z]{2,5}$")
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PASS_WORDS = {
    "true": True,
    "false": False,
    "ผ่าน": True,
    "ไม่ผ่าน": False,
    "มี": True,
    "ไม่มี": False,
    "yes": True,
    "no": False,
}
FIRST_BE_YEAR = 2500
LAST_BE_YEAR = 2700


@dataclass(frozen=True)
class Reported:
    """Figures as the agency or NACC published them, kept only to be checked."""

    overall: Decimal | None = None
    grade: str | None = None
    rating: str | None = None
    passed: bool | None = None
    tools: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Results:
    fiscal_year: int
    agency: str | None = None
    framework: str | None = None
    indicators: dict[int, Decimal] = field(default_factory=dict)
    questions: dict[str, Decimal] = field(default_factory=dict)
    sub_items: dict[str, tuple[Decimal, ...]] = field(default_factory=dict)
    oit_items: dict[str, bool] = field(default_factory=dict)
    oit_comments: dict[str, str] = field(default_factory=dict)
    reported: Reported = field(default_factory=Reported)
    # Same code in two forms with the same value ("i1" and "I1"): noted, not fatal.
    duplicates: tuple[Finding, ...] = ()

    def has_scores(self) -> bool:
        return bool(self.indicators or self.questions or self.oit_items)


class _ResultsReader:
    def __init__(self) -> None:
        self.problems: list[Finding] = []
        self.duplicates: list[Finding] = []

    def error(self, kind: str, /, **values: Any) -> None:
        self.problems.append(finding(kind, **values))

    def bad(self, field_name: str, value: object, expected: str, expected_en: str) -> None:
        self.error(
            "BAD_VALUE",
            field=field_name,
            value=value,
            expected=expected,
            expected_en=expected_en,
        )

    def score(self, field_name: str, value: object) -> Decimal | None:
        number = _number(value)
        if number is None:
            self.bad(field_name, value, "ตัวเลขคะแนน 0–100", "a score from 0 to 100")
        elif not 0 <= number <= HUNDRED:
            self.error("OUT_OF_RANGE", field=field_name, value=number)
            return None
        return number

    def mapping(self, data: Mapping[str, Any], name: str) -> Mapping[Any, Any]:
        value = data.get(name)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.bad(name, value, "รายการแบบ รหัส: ค่า", "a mapping of code: value")
            return {}
        return value

    def codes(
        self,
        data: Mapping[str, Any],
        name: str,
        pattern: re.Pattern[str],
        normalise: Any,
        expected: tuple[str, str],
    ) -> dict[Any, tuple[str, Any]]:
        """Normalised code → (code as written, value); malformed codes are errors."""
        result: dict[Any, tuple[str, Any]] = {}
        for raw_key, value in self.mapping(data, name).items():
            written = str(raw_key)
            match = _code_match(pattern, written)
            if not match:
                self.error(
                    "BAD_CODE",
                    field=name,
                    value=written,
                    expected=expected[0],
                    expected_en=expected[1],
                )
                continue
            code = normalise(match)
            if code in result:
                first_written, first_value = result[code]
                if _same(first_value, value):
                    self.duplicates.append(
                        finding("DUPLICATE_CODE", code=code, forms=f"{first_written}, {written}")
                    )
                else:
                    self.error(
                        "DUPLICATE_CONFLICT",
                        field=name,
                        code=code,
                        values=f"{first_value}, {value}",
                    )
                continue
            result[code] = (written, value)
        return result


@lru_cache(maxsize=4096)
def _code_match(pattern: re.Pattern[str], written: str) -> re.Match[str] | None:
    """A code as written matched against its pattern: the same few dozen codes come
    back in every line of a batch, so each spelling is read once."""
    return pattern.match(to_arabic_digits(written).strip())


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            number = Decimal(value)  # the common case, tried first: batches have 100,000s
        except InvalidOperation:
            try:
                number = Decimal(to_arabic_digits(value).replace(" ", "").replace(",", ""))
            except InvalidOperation:
                return None
        return number if number.is_finite() else None
    return None


def _same(a: object, b: object) -> bool:
    na, nb = _number(a), _number(b)
    if na is not None and nb is not None:
        return na == nb
    return a == b


def _year(reader: _ResultsReader, value: object) -> int:
    number = _number(value)
    if number is None or number != number.to_integral_value():
        reader.bad("fiscal_year", value, "ปีพุทธศักราช เช่น 2566", "a Buddhist-era year such as 2566")
        return 0
    year = int(number)
    if 1900 <= year <= 2200:
        reader.error("CHRISTIAN_ERA_YEAR", field="fiscal_year", value=year, be=be_from_ce(year))
    elif not FIRST_BE_YEAR <= year <= LAST_BE_YEAR:
        reader.bad(
            "fiscal_year",
            value,
            f"ปีพุทธศักราช {FIRST_BE_YEAR}–{LAST_BE_YEAR}",
            f"a Buddhist-era year {FIRST_BE_YEAR}–{LAST_BE_YEAR}",
        )
    return year


def _passed_flag(reader: _ResultsReader, field_name: str, value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    number = _number(value)
    if number is not None and number in (HUNDRED, 0):
        return number == HUNDRED
    text = str(value).strip().lower()
    if number is None and text in PASS_WORDS:
        return PASS_WORDS[text]
    reader.bad(field_name, value, "100 หรือ 0 (true/false, ผ่าน/ไม่ผ่าน)", "100 or 0 (true/false)")
    return None


def _text(reader: _ResultsReader, field_name: str, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str | int | Decimal) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    reader.bad(field_name, value, "ข้อความ", "text")
    return None


def parse_results(data: object) -> Results:
    """Check a parsed results document and return `Results`; raise `ResultsError`."""
    if not isinstance(data, Mapping):
        raise ResultsError(
            [
                finding(
                    "BAD_VALUE",
                    field="(document)",
                    value=type(data).__name__,
                    expected="รายการแบบ ช่อง: ค่า (YAML หรือ JSON)",
                    expected_en="a YAML or JSON mapping",
                )
            ]
        )
    reader = _ResultsReader()
    for key in data:
        if key not in FIELDS:
            reader.error("UNKNOWN_FIELD", field=str(key), allowed=", ".join(FIELDS))
    if data.get("fiscal_year") is None:
        reader.error("MISSING_FIELD", field="fiscal_year")
        year = 0
    else:
        year = _year(reader, data["fiscal_year"])

    framework = _text(reader, "framework", data.get("framework"))
    if framework is not None and not KEY_RE.match(framework):
        reader.bad("framework", framework, "ชื่อเกณฑ์ เช่น nacc-2566", "an edition key like nacc-2566")

    indicators: dict[int, Decimal] = {}
    for number, (written, value) in reader.codes(
        data,
        "indicators",
        INDICATOR_RE,
        lambda m: int(m.group(1)),
        ("เลขตัวชี้วัด 1–10", "an indicator number 1–10"),
    ).items():
        score = reader.score(f"indicators.{written}", value)
        if score is not None:
            indicators[number] = score

    questions: dict[str, Decimal] = {}
    sub_items: dict[str, tuple[Decimal, ...]] = {}
    for code, (written, value) in reader.codes(
        data,
        "questions",
        QUESTION_RE,
        lambda m: m.group(1).lower() + m.group(2),
        ("รหัสข้อคำถาม เช่น i1 หรือ e12", "a question code like i1 or e12"),
    ).items():
        if isinstance(value, list):
            scores = [reader.score(f"questions.{written}[{i}]", v) for i, v in enumerate(value)]
            if value and all(s is not None for s in scores):
                sub_items[code] = tuple(s for s in scores if s is not None)
                questions[code] = mean(sub_items[code])
            elif not value:
                reader.bad(
                    f"questions.{written}",
                    value,
                    "คะแนนหรือรายการคะแนนข้อย่อย",
                    "a score or a list of sub-item scores",
                )
        else:
            score = reader.score(f"questions.{written}", value)
            if score is not None:
                questions[code] = score

    item_expected = ("รหัสข้อ OIT เช่น O1 หรือ O43", "an OIT item code like O1 or O43")
    oit_items: dict[str, bool] = {}
    for code, (written, value) in reader.codes(
        data, "oit_items", ITEM_RE, lambda m: "O" + m.group(1), item_expected
    ).items():
        passed = _passed_flag(reader, f"oit_items.{written}", value)
        if passed is not None:
            oit_items[code] = passed
    oit_comments: dict[str, str] = {}
    for code, (written, value) in reader.codes(
        data, "oit_comments", ITEM_RE, lambda m: "O" + m.group(1), item_expected
    ).items():
        comment = _text(reader, f"oit_comments.{written}", value)
        if comment:
            oit_comments[code] = comment

    reported = _reported(reader, reader.mapping(data, "reported"))
    if reader.problems:
        raise ResultsError(reader.problems)
    return Results(
        fiscal_year=year,
        agency=_text(reader, "agency", data.get("agency")),
        framework=framework,
        indicators=indicators,
        questions=questions,
        sub_items=sub_items,
        oit_items=oit_items,
        oit_comments=oit_comments,
        reported=reported,
        duplicates=tuple(reader.duplicates),
    )


def _reported(reader: _ResultsReader, data: Mapping[Any, Any]) -> Reported:
    overall = None
    if data.get("overall") is not None:
        overall = reader.score("reported.overall", data["overall"])
    passed = None
    if data.get("passed") is not None:
        passed = _passed_flag(reader, "reported.passed", data["passed"])
    tools: dict[str, Decimal] = {}
    for key, value in data.items():
        if key in REPORTED_FIELDS or value is None:
            continue
        if isinstance(key, str) and TOOL_RE.match(key):
            score = reader.score(f"reported.{key}", value)
            if score is not None:
                tools[key] = score
        else:
            reader.error(
                "UNKNOWN_FIELD",
                field=f"reported.{key}",
                allowed=", ".join([*REPORTED_FIELDS, "IIT", "EIT", "OIT"]),
            )
    return Reported(
        overall=overall,
        grade=_text(reader, "reported.grade", data.get("grade")),
        rating=_text(reader, "reported.rating", data.get("rating")),
        passed=passed,
        tools=tools,
    )
