"""Read and validate framework editions.

`build_framework` turns the parsed data of one edition into a `Framework`, or
raises `FrameworkError` listing every problem found (file, path, reason), never
just the first: an officer fixing an imported workbook wants the whole list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar, cast

from prongsai.engine.model import (
    CONFIDENCES,
    Confidence,
    DataYear,
    Framework,
    GradeBand,
    Indicator,
    OitItem,
    Provenance,
    Question,
    RatingRule,
    Scale,
    SubIndicator,
    Tool,
    ToolKind,
)
from prongsai.engine.yamlio import YamlError, load_yaml

T = TypeVar("T")

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
QUESTION_RE = re.compile(r"^[a-z]+[0-9]+$")
ITEM_RE = re.compile(r"^O[0-9]+$")
SUB_INDICATOR_RE = re.compile(r"^[0-9]+\.[0-9]+$")
NOT_FOUND = "not_found"

TOP_KEYS = {
    "key",
    "fiscal_year",
    "name",
    "previous",
    "pass_mark",
    "confidence",
    "source",
    "sources",
    "notes",
    "tools",
    "indicators",
    "sub_indicators",
    "scales",
    "questions",
    "oit_items",
    "oit_items_complete",
    "grades",
    "rating",
}
PROVENANCE_KEYS = {"confidence", "source", "note"}


@dataclass(frozen=True)
class Problem:
    file: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.reason}"


class FrameworkError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Checker:
    """Collects problems while reading one edition."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, path: str, reason: str) -> None:
        self.problems.append(Problem(self.file, path, reason))

    def text(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(f"{path}.{key}", "required text is missing")
            return ""
        if not isinstance(value, str | int | Decimal):
            self.fail(f"{path}.{key}", f"expected text, got {value!r}")
            return ""
        return str(value).strip()

    def integer(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        *,
        default: int | None = None,
        low: int = 0,
        high: int = 10**6,
    ) -> int:
        value = data.get(key, default)
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{path}.{key}", f"expected a whole number, got {value!r}")
            return default or 0
        if not low <= value <= high:
            self.fail(f"{path}.{key}", f"{value} is outside {low}–{high}")
        return value

    def number(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        low: Decimal = Decimal(0),
        high: Decimal = Decimal(100),
    ) -> Decimal | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "required number is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            self.fail(f"{path}.{key}", f"expected a number, got {value!r}")
            return None
        number = Decimal(value)
        if not low <= number <= high:
            self.fail(f"{path}.{key}", f"{number} is outside {low}–{high}")
        return number

    def records(
        self, data: Mapping[str, Any], key: str, *, required: bool = True
    ) -> list[tuple[str, Mapping[str, Any]]]:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(key, "required list is missing")
            return []
        if not isinstance(value, list):
            self.fail(key, "expected a list")
            return []
        result: list[tuple[str, Mapping[str, Any]]] = []
        for index, record in enumerate(value):
            path = f"{key}[{index}]"
            if isinstance(record, dict):
                result.append((path, record))
            else:
                self.fail(path, f"expected a mapping, got {record!r}")
        return result

    def known_keys(self, record: Mapping[str, Any], path: str, allowed: Iterable[str]) -> None:
        allowed = set(allowed) | PROVENANCE_KEYS
        for key in record:
            if key not in allowed:
                self.fail(f"{path}.{key}", f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def unique(self, items: Iterable[tuple[str, T]], what: str, key: Callable[[T], object]) -> None:
        seen: dict[object, str] = {}
        for path, item in items:
            value = key(item)
            if value in seen:
                self.fail(path, f"duplicate {what} {value!r} (first at {seen[value]})")
            else:
                seen[value] = path


def _provenance(
    check: _Checker, record: Mapping[str, Any], path: str, default: Provenance | None
) -> Provenance:
    confidence = record.get("confidence", default.confidence if default else None)
    source = record.get("source", default.source if default else None)
    if confidence not in CONFIDENCES:
        check.fail(
            f"{path}.confidence", f"expected one of {', '.join(CONFIDENCES)}, got {confidence!r}"
        )
        confidence = "inferred"
    if not isinstance(source, str) or not source.strip():
        check.fail(f"{path}.source", "every element needs a source")
        source = ""
    note = record.get("note", "")
    if not isinstance(note, str):
        check.fail(f"{path}.note", "expected text")
        note = ""
    return Provenance(cast(Confidence, confidence), source.strip(), note.strip())


def build_framework(data: Any, *, file: str = "<data>") -> Framework:
    """Validate parsed edition data and build the `Framework`; raise `FrameworkError`."""
    check = _Checker(file)
    if not isinstance(data, dict):
        raise FrameworkError([Problem(file, "(top)", "an edition must be a YAML mapping")])
    check.known_keys(data, "(top)", TOP_KEYS - PROVENANCE_KEYS)

    key = check.text(data, "key", "(top)")
    if key and not KEY_RE.match(key):
        check.fail("key", f"{key!r} must be lower-case letters, digits and dashes")
    fiscal_year = check.integer(data, "fiscal_year", "(top)", low=2500, high=2700)
    edition_provenance = None
    if "confidence" in data or "source" in data:
        edition_provenance = _provenance(check, data, "(top)", None)
    default = edition_provenance
    pass_mark = check.number(data, "pass_mark", "(top)") or Decimal(85)

    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        check.fail("sources", "expected a mapping of source ids to descriptions")
        sources = {}
    notes = data.get("notes") or []
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        check.fail("notes", "expected a list of texts")
        notes = []

    tools = _tools(check, data, default)
    indicators = _indicators(check, data, default, {t.code: t for t in tools})
    tool_kind = {t.code: t.kind for t in tools}
    kind_of = {i.number: tool_kind.get(i.tool) for i in indicators}
    by_number = {i.number: i for i in indicators}
    sub_indicators = _sub_indicators(check, data, default, kind_of)
    scales = _scales(check, data, default)
    questions = _questions(check, data, default, kind_of, {s.code for s in scales})
    oit_items = _oit_items(check, data, default, sub_indicators, by_number)
    _check_membership(check, indicators, tool_kind, sub_indicators, questions, oit_items)
    grades = _grades(check, data, default)
    rating = _rating(check, data, default)

    complete = data.get("oit_items_complete", True)
    if not isinstance(complete, bool):
        check.fail("oit_items_complete", "expected true or false")
        complete = True
    previous = data.get("previous")
    if previous is not None and (not isinstance(previous, str) or not KEY_RE.match(previous)):
        check.fail("previous", f"expected the key of the previous edition, got {previous!r}")
        previous = None

    name = check.text(data, "name", "(top)")
    if check.problems:
        raise FrameworkError(check.problems)
    return Framework(
        key=key,
        fiscal_year=fiscal_year,
        name=name,
        previous=previous,
        pass_mark=pass_mark,
        provenance=edition_provenance or Provenance("inferred", file),
        tools=tools,
        indicators=indicators,
        sub_indicators=sub_indicators,
        scales=scales,
        questions=questions,
        oit_items=oit_items,
        grades=grades,
        rating=rating,
        sources={str(k): str(v) for k, v in sources.items()},
        notes=tuple(notes),
        oit_items_complete=complete,
    )


def _tools(
    check: _Checker, data: Mapping[str, Any], default: Provenance | None
) -> tuple[Tool, ...]:
    tools = []
    for path, record in check.records(data, "tools"):
        check.known_keys(record, path, {"code", "name", "weight", "kind"})
        kind = record.get("kind")
        if kind not in ("survey", "disclosure"):
            check.fail(f"{path}.kind", f"expected survey or disclosure, got {kind!r}")
        weight = check.number(record, "weight", path, low=Decimal(0), high=Decimal(1))
        tools.append(
            (
                path,
                Tool(
                    code=check.text(record, "code", path),
                    name=check.text(record, "name", path),
                    weight=weight if weight is not None else Decimal(0),
                    kind=cast(ToolKind, kind),
                    provenance=_provenance(check, record, path, default),
                ),
            )
        )
    check.unique(tools, "tool code", lambda t: t.code)
    if tools and sum(t.weight for _, t in tools) != 1:
        total = sum(t.weight for _, t in tools)
        check.fail("tools", f"tool weights must sum to 1, they sum to {total}")
    return tuple(t for _, t in tools)


def _indicators(
    check: _Checker, data: Mapping[str, Any], default: Provenance | None, tools: Mapping[str, Tool]
) -> tuple[Indicator, ...]:
    indicators = []
    for path, record in check.records(data, "indicators"):
        check.known_keys(record, path, {"number", "name", "name_en", "tool", "detail"})
        tool = check.text(record, "tool", path)
        if tool and tool not in tools:
            check.fail(f"{path}.tool", f"unknown tool {tool!r}")
        detail = record.get("detail", "listed")
        if detail not in ("listed", NOT_FOUND):
            check.fail(f"{path}.detail", f"expected listed or {NOT_FOUND}, got {detail!r}")
        indicators.append(
            (
                path,
                Indicator(
                    number=check.integer(record, "number", path, low=1, high=99),
                    name=check.text(record, "name", path),
                    name_en=check.text(record, "name_en", path, required=False),
                    tool=tool,
                    detail_known=detail != NOT_FOUND,
                    provenance=_provenance(check, record, path, default),
                ),
            )
        )
    check.unique(indicators, "indicator number", lambda i: i.number)
    for code in tools:
        if not any(i.tool == code for _, i in indicators):
            check.fail("indicators", f"tool {code} has no indicator")
    return tuple(i for _, i in indicators)


def _sub_indicators(
    check: _Checker,
    data: Mapping[str, Any],
    default: Provenance | None,
    kind_of: Mapping[int, str | None],
) -> tuple[SubIndicator, ...]:
    subs = []
    for path, record in check.records(data, "sub_indicators", required=False):
        check.known_keys(record, path, {"code", "indicator", "name"})
        code = check.text(record, "code", path)
        if code and not SUB_INDICATOR_RE.match(code):
            check.fail(f"{path}.code", f"{code!r} is not a sub-indicator code like 9.1")
        indicator = check.integer(record, "indicator", path, low=1, high=99)
        if kind_of.get(indicator) != "disclosure":
            check.fail(f"{path}.indicator", f"{indicator} is not an indicator of a disclosure tool")
        subs.append(
            (
                path,
                SubIndicator(
                    code=code,
                    indicator=indicator,
                    name=check.text(record, "name", path),
                    provenance=_provenance(check, record, path, default),
                ),
            )
        )
    check.unique(subs, "sub-indicator code", lambda s: s.code)
    return tuple(s for _, s in subs)


def _scales(
    check: _Checker, data: Mapping[str, Any], default: Provenance | None
) -> tuple[Scale, ...]:
    scales = []
    for path, record in check.records(data, "scales", required=False):
        check.known_keys(record, path, {"code", "points", "labels"})
        points = record.get("points")
        labels = record.get("labels")
        if not isinstance(points, list) or not all(
            isinstance(p, int | Decimal) and not isinstance(p, bool) and 0 <= p <= 100
            for p in points
        ):
            check.fail(f"{path}.points", "expected a list of points between 0 and 100")
            points = []
        if not isinstance(labels, list) or len(labels) != len(points):
            check.fail(f"{path}.labels", "expected one label for every point")
            labels = [""] * len(points)
        scales.append(
            (
                path,
                Scale(
                    code=check.text(record, "code", path),
                    points=tuple(Decimal(p) for p in points),
                    labels=tuple(str(label) for label in labels),
                    provenance=_provenance(check, record, path, default),
                ),
            )
        )
    check.unique(scales, "scale code", lambda s: s.code)
    return tuple(s for _, s in scales)


def _questions(
    check: _Checker,
    data: Mapping[str, Any],
    default: Provenance | None,
    kind_of: Mapping[int, str | None],
    scales: set[str],
) -> tuple[Question, ...]:
    questions = []
    for path, record in check.records(data, "questions", required=False):
        check.known_keys(
            record, path, {"code", "indicator", "title", "sub_items", "scale", "reversed"}
        )
        code = check.text(record, "code", path)
        if code and not QUESTION_RE.match(code):
            check.fail(f"{path}.code", f"{code!r} is not a question code like i1 or e12")
        indicator = check.integer(record, "indicator", path, low=1, high=99)
        if kind_of.get(indicator) != "survey":
            check.fail(f"{path}.indicator", f"{indicator} is not an indicator of a survey tool")
        sub_items = check.integer(record, "sub_items", path, default=1, low=1, high=20)
        scale = check.text(record, "scale", path)
        if scale and scale not in scales:
            check.fail(f"{path}.scale", f"unknown scale {scale!r}")
        reversed_value = record.get("reversed", False)
        if reversed_value is True:
            reversed_sub_items = tuple(range(1, sub_items + 1))
        elif reversed_value is False:
            reversed_sub_items = ()
        elif isinstance(reversed_value, list) and all(
            isinstance(n, int) and 1 <= n <= sub_items for n in reversed_value
        ):
            reversed_sub_items = tuple(reversed_value)
        else:
            check.fail(f"{path}.reversed", "expected true, false or a list of sub-item numbers")
            reversed_sub_items = ()
        questions.append(
            (
                path,
                Question(
                    code=code,
                    indicator=indicator,
                    title=check.text(record, "title", path),
                    sub_items=sub_items,
                    scale=scale,
                    reversed_sub_items=reversed_sub_items,
                    provenance=_provenance(check, record, path, default),
                ),
            )
        )
    check.unique(questions, "question code", lambda q: q.code)
    return tuple(q for _, q in questions)


def _oit_items(
    check: _Checker,
    data: Mapping[str, Any],
    default: Provenance | None,
    subs: tuple[SubIndicator, ...],
    indicators: Mapping[int, Indicator],
) -> tuple[OitItem, ...]:
    sub_by_code = {s.code: s for s in subs}
    items = []
    for path, record in check.records(data, "oit_items", required=False):
        check.known_keys(
            record, path, {"code", "title", "sub_indicator", "elements", "data_year", "previous"}
        )
        code = check.text(record, "code", path)
        if code and not ITEM_RE.match(code):
            check.fail(f"{path}.code", f"{code!r} is not an OIT item code like O12")
        sub = record.get("sub_indicator")
        if sub is not None:
            sub = str(sub)
            if sub not in sub_by_code:
                check.fail(f"{path}.sub_indicator", f"unknown sub-indicator {sub!r}")
            elif not indicators[sub_by_code[sub].indicator].detail_known:
                check.fail(
                    f"{path}.sub_indicator",
                    f"indicator {sub_by_code[sub].indicator} "
                    "says its items were not found, yet this item is placed in it",
                )
        data_year = record.get("data_year", "any")
        if data_year not in ("current", "previous", "any"):
            check.fail(f"{path}.data_year", f"expected current, previous or any, got {data_year!r}")
        previous = record.get("previous", [])
        if isinstance(previous, str):
            previous = [previous]
        if not isinstance(previous, list) or not all(
            isinstance(p, str) and ITEM_RE.match(p) for p in previous
        ):
            check.fail(f"{path}.previous", "expected a list of item codes like [O10, O18]")
            previous = []
        items.append(
            (
                path,
                OitItem(
                    code=code,
                    title=check.text(record, "title", path, required=False) or None,
                    sub_indicator=sub,
                    elements=check.text(record, "elements", path, required=False),
                    data_year=cast(DataYear, data_year),
                    previous_codes=tuple(previous),
                    provenance=_provenance(check, record, path, default),
                ),
            )
        )
    check.unique(items, "OIT item code", lambda o: o.code)
    return tuple(o for _, o in items)


def _check_membership(
    check: _Checker,
    indicators: tuple[Indicator, ...],
    tool_kind: Mapping[str, str],
    subs: tuple[SubIndicator, ...],
    questions: tuple[Question, ...],
    items: tuple[OitItem, ...],
) -> None:
    """Every indicator has its questions or items, unless it says they were not found."""
    for indicator in indicators:
        kind = tool_kind.get(indicator.tool)
        where = f"indicators[number={indicator.number}]"
        if not indicator.detail_known:
            continue
        if kind == "survey" and not any(q.indicator == indicator.number for q in questions):
            check.fail(where, "has no questions (list them, or say detail: not_found)")
        if kind == "disclosure":
            own = [s for s in subs if s.indicator == indicator.number]
            if not own:
                check.fail(where, "has no sub-indicators (list them, or say detail: not_found)")
            for sub in own:
                if not any(o.sub_indicator == sub.code for o in items):
                    check.fail(f"sub_indicators[code={sub.code}]", "has no OIT items")
    unplaced = [o.code for o in items if o.sub_indicator is None and o.title is not None]
    placed_everywhere = all(
        i.detail_known for i in indicators if tool_kind.get(i.tool) == "disclosure"
    )
    if unplaced and placed_everywhere:
        check.fail("oit_items", f"items without a sub-indicator: {', '.join(unplaced)}")


def _grades(
    check: _Checker, data: Mapping[str, Any], default: Provenance | None
) -> tuple[GradeBand, ...]:
    grades = []
    for path, record in check.records(data, "grades"):
        check.known_keys(record, path, {"grade", "min"})
        grades.append(
            (
                path,
                GradeBand(
                    grade=check.text(record, "grade", path),
                    minimum=check.number(record, "min", path) or Decimal(0),
                    provenance=_provenance(check, record, path, default),
                ),
            )
        )
    check.unique(grades, "grade", lambda g: g.grade)
    minimums = [g.minimum for _, g in grades]
    if minimums and (
        minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums)
    ):
        check.fail("grades", "grade bands must go from the highest minimum to the lowest")
    if minimums and minimums[-1] != 0:
        check.fail("grades", "the lowest grade band must start at 0")
    return tuple(g for _, g in grades)


def _rating(
    check: _Checker, data: Mapping[str, Any], default: Provenance | None
) -> tuple[RatingRule, ...]:
    rules = []
    for path, record in check.records(data, "rating", required=False):
        check.known_keys(record, path, {"label", "label_en", "min", "tools_min"})
        rules.append(
            (
                path,
                RatingRule(
                    label=check.text(record, "label", path),
                    label_en=check.text(record, "label_en", path),
                    minimum=check.number(record, "min", path) or Decimal(0),
                    tools_minimum=check.number(record, "tools_min", path, required=False),
                    provenance=_provenance(check, record, path, default),
                ),
            )
        )
    check.unique(rules, "rating label", lambda r: r.label)
    ordered = [r for _, r in rules]
    for (path, rule), before in zip(rules[1:], ordered, strict=False):
        if rule.minimum > before.minimum:
            check.fail(path, "rating rules must go from the strictest to the loosest")
        elif rule.minimum == before.minimum and (
            rule.tools_minimum is not None
            and (before.tools_minimum is None or rule.tools_minimum >= before.tools_minimum)
        ):
            check.fail(path, "a rule with the same minimum must ask less of the tools")
    if ordered and ordered[-1].minimum != 0:
        check.fail("rating", "the loosest rating rule must start at 0")
    return tuple(ordered)


def read_framework(path: Path) -> Framework:
    """Read one edition file (YAML) and validate it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError([Problem(str(path), "(file)", f"cannot read: {exc}")]) from exc
    try:
        data = load_yaml(text)
    except YamlError as exc:
        raise FrameworkError([Problem(str(path), "(yaml)", str(exc))]) from exc
    return build_framework(data, file=str(path))
