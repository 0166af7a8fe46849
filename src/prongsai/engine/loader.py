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
from itertools import pairwise
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

# The fields of each list in an edition, in the order files and workbooks show them.
SECTIONS: dict[str, tuple[str, ...]] = {
    "tools": ("code", "name", "weight", "kind"),
    "indicators": ("number", "name", "name_en", "tool", "detail"),
    "sub_indicators": ("code", "indicator", "name"),
    "scales": ("code", "points", "labels"),
    "questions": ("code", "indicator", "title", "sub_items", "scale", "reversed"),
    "oit_items": ("code", "title", "sub_indicator", "elements", "data_year", "previous"),
    "grades": ("grade", "min"),
    "rating": ("label", "label_en", "min", "tools_min"),
}
UNIQUE = {
    "tools": "tool code",
    "indicators": "indicator number",
    "sub_indicators": "sub-indicator code",
    "scales": "scale code",
    "questions": "question code",
    "oit_items": "OIT item code",
    "grades": "grade",
    "rating": "rating label",
}
PROVENANCE_FIELDS = ("confidence", "source", "note")
EDITION_FIELDS = ("key", "fiscal_year", "name", "previous", "pass_mark", "oit_items_complete")
TOP_FIELDS = (*EDITION_FIELDS, *PROVENANCE_FIELDS, "sources", "notes", *SECTIONS)

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
QUESTION_RE = re.compile(r"^[a-z]+[0-9]+$")
ITEM_RE = re.compile(r"^O[0-9]+$")
SUB_INDICATOR_RE = re.compile(r"^[0-9]+\.[0-9]+$")
NOT_FOUND = "not_found"
TOP = "(top)"


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


class _EditionReader:
    """Reads one edition, collecting every problem on the way."""

    def __init__(self, data: Mapping[str, Any], file: str) -> None:
        self.data = data
        self.file = file
        self.problems: list[Problem] = []
        self.default: Provenance | None = None  # the edition's own, inherited by elements

    def fail(self, path: str, reason: str) -> None:
        self.problems.append(Problem(self.file, path, reason))

    # --- values -------------------------------------------------------------------

    def text(self, record: Mapping[str, Any], key: str, path: str, required: bool = True) -> str:
        value = record.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(f"{path}.{key}", "required text is missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            self.fail(f"{path}.{key}", f"expected text, got {value!r}")
            return ""
        return str(value).strip()

    def integer(
        self, record: Mapping[str, Any], key: str, path: str, low: int, high: int, default: int = 0
    ) -> int:
        value = record.get(key, default or None)
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{path}.{key}", f"expected a whole number, got {value!r}")
            return default
        if not low <= value <= high:
            self.fail(f"{path}.{key}", f"{value} is outside {low}–{high}")
        return value

    def number(
        self, record: Mapping[str, Any], key: str, path: str, high: int = 100, required: bool = True
    ) -> Decimal | None:
        value = record.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "required number is missing")
            return None
        if isinstance(value, float):
            value = Decimal(repr(value))
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            self.fail(f"{path}.{key}", f"expected a number, got {value!r}")
            return None
        number = Decimal(value)
        if not 0 <= number <= high:
            self.fail(f"{path}.{key}", f"{number} is outside 0–{high}")
        return number

    def code(
        self, record: Mapping[str, Any], path: str, pattern: re.Pattern[str], like: str
    ) -> str:
        """A required code that must have a given shape (`like` shows one)."""
        code = self.text(record, "code", path)
        if code and not pattern.match(code):
            self.fail(f"{path}.code", f"{code!r} is not {like}")
        return code

    def indicator(
        self, record: Mapping[str, Any], path: str, kind_of: Mapping[int, str | None], kind: str
    ) -> int:
        """The number of an existing indicator whose tool is of the given kind."""
        number = self.integer(record, "indicator", path, low=1, high=99)
        if kind_of.get(number) != kind:
            self.fail(f"{path}.indicator", f"{number} is not an indicator of a {kind} tool")
        return number

    def provenance(self, record: Mapping[str, Any], path: str) -> Provenance:
        default = self.default
        confidence = record.get("confidence", default.confidence if default else None)
        source = record.get("source", default.source if default else None)
        note = record.get("note", "")
        if confidence not in CONFIDENCES:
            choices = ", ".join(CONFIDENCES)
            self.fail(f"{path}.confidence", f"expected one of {choices}, got {confidence!r}")
            confidence = "inferred"
        if not isinstance(source, str) or not source.strip():
            self.fail(f"{path}.source", "every element needs a source")
            source = ""
        if not isinstance(note, str):
            self.fail(f"{path}.note", "expected text")
            note = ""
        return Provenance(cast(Confidence, confidence), source.strip(), note.strip())

    def known_fields(self, record: Mapping[str, Any], path: str, allowed: Iterable[str]) -> None:
        allowed = {*allowed, *PROVENANCE_FIELDS}
        for key in record:
            if key not in allowed:
                listed = ", ".join(sorted(allowed))
                self.fail(f"{path}.{key}", f"unknown field (allowed: {listed})")

    # --- lists --------------------------------------------------------------------

    def section(
        self,
        name: str,
        build: Callable[[str, Mapping[str, Any]], T],
        code: Callable[[T], object],
        required: bool = False,
    ) -> tuple[T, ...]:
        """Build every record of a list; codes must be unique within it."""
        value = self.data.get(name)
        if value is None:
            if required:
                self.fail(name, "required list is missing")
            return ()
        if not isinstance(value, list):
            self.fail(name, "expected a list")
            return ()
        built: list[tuple[str, T]] = []
        for index, record in enumerate(value):
            path = f"{name}[{index}]"
            if not isinstance(record, dict):
                self.fail(path, f"expected a mapping, got {record!r}")
                continue
            self.known_fields(record, path, SECTIONS[name])
            built.append((path, build(path, record)))
        first: dict[object, str] = {}
        for path, item in built:
            key = code(item)
            if key in first:
                self.fail(path, f"duplicate {UNIQUE[name]} {key!r} (first at {first[key]})")
            first.setdefault(key, path)
        return tuple(item for _, item in built)


def build_framework(data: Any, *, file: str = "<data>") -> Framework:
    """Validate parsed edition data and build the `Framework`; raise `FrameworkError`."""
    if not isinstance(data, dict):
        raise FrameworkError([Problem(file, TOP, "an edition must be a YAML mapping")])
    r = _EditionReader(data, file)
    r.known_fields(data, TOP, TOP_FIELDS)
    if "confidence" in data or "source" in data:
        r.default = r.provenance(data, TOP)

    key = r.text(data, "key", TOP)
    if key and not KEY_RE.match(key):
        r.fail("key", f"{key!r} must be lower-case letters, digits and dashes")
    previous = data.get("previous")
    if previous is not None and (not isinstance(previous, str) or not KEY_RE.match(previous)):
        r.fail("previous", f"expected the key of the previous edition, got {previous!r}")
    complete = data.get("oit_items_complete", True)
    if not isinstance(complete, bool):
        r.fail("oit_items_complete", "expected true or false")
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        r.fail("sources", "expected a mapping of source ids to descriptions")
        sources = {}
    notes = data.get("notes") or []
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        r.fail("notes", "expected a list of texts")
        notes = []

    tools = r.section("tools", lambda p, rec: _tool(r, p, rec), lambda t: t.code, required=True)
    total = sum((t.weight for t in tools), Decimal(0))
    if tools and total != 1:
        r.fail("tools", f"tool weights must sum to 1, they sum to {total}")
    kinds = {t.code: t.kind for t in tools}
    indicators = r.section(
        "indicators", lambda p, rec: _indicator(r, p, rec, kinds), lambda i: i.number, True
    )
    kind_of = {i.number: kinds.get(i.tool) for i in indicators}
    subs = r.section(
        "sub_indicators", lambda p, rec: _sub_indicator(r, p, rec, kind_of), lambda s: s.code
    )
    scales = r.section("scales", lambda p, rec: _scale(r, p, rec), lambda s: s.code)
    scale_codes = {s.code for s in scales}
    questions = r.section(
        "questions", lambda p, rec: _question(r, p, rec, kind_of, scale_codes), lambda q: q.code
    )
    by_number = {i.number: i for i in indicators}
    items = r.section(
        "oit_items", lambda p, rec: _oit_item(r, p, rec, subs, by_number), lambda o: o.code
    )
    _check_membership(r, indicators, kinds, subs, questions, items)
    grades = r.section("grades", lambda p, rec: _grade(r, p, rec), lambda g: g.grade, True)
    _check_grades(r, grades)
    rating = r.section("rating", lambda p, rec: _rating_rule(r, p, rec), lambda x: x.label)
    _check_rating(r, rating)

    fiscal_year = r.integer(data, "fiscal_year", TOP, low=2500, high=2700)
    name = r.text(data, "name", TOP)
    pass_mark = r.number(data, "pass_mark", TOP) or Decimal(85)
    if r.problems:
        raise FrameworkError(r.problems)
    return Framework(
        key=key,
        fiscal_year=fiscal_year,
        name=name,
        previous=previous,
        pass_mark=pass_mark,
        provenance=r.default or Provenance("inferred", file),
        tools=tools,
        indicators=indicators,
        sub_indicators=subs,
        scales=scales,
        questions=questions,
        oit_items=items,
        grades=grades,
        rating=rating,
        sources={str(k): str(v) for k, v in sources.items()},
        notes=tuple(notes),
        oit_items_complete=complete,
    )


def _tool(r: _EditionReader, path: str, record: Mapping[str, Any]) -> Tool:
    kind = record.get("kind")
    if kind not in ("survey", "disclosure"):
        r.fail(f"{path}.kind", f"expected survey or disclosure, got {kind!r}")
    return Tool(
        code=r.text(record, "code", path),
        name=r.text(record, "name", path),
        weight=r.number(record, "weight", path, high=1) or Decimal(0),
        kind=cast(ToolKind, kind),
        provenance=r.provenance(record, path),
    )


def _indicator(
    r: _EditionReader, path: str, record: Mapping[str, Any], kinds: Mapping[str, str]
) -> Indicator:
    tool = r.text(record, "tool", path)
    if tool and tool not in kinds:
        r.fail(f"{path}.tool", f"unknown tool {tool!r}")
    detail = record.get("detail", "listed")
    if detail not in ("listed", NOT_FOUND):
        r.fail(f"{path}.detail", f"expected listed or {NOT_FOUND}, got {detail!r}")
    return Indicator(
        number=r.integer(record, "number", path, low=1, high=99),
        name=r.text(record, "name", path),
        name_en=r.text(record, "name_en", path, required=False),
        tool=tool,
        detail_known=detail != NOT_FOUND,
        provenance=r.provenance(record, path),
    )


def _sub_indicator(
    r: _EditionReader, path: str, record: Mapping[str, Any], kind_of: Mapping[int, str | None]
) -> SubIndicator:
    return SubIndicator(
        code=r.code(record, path, SUB_INDICATOR_RE, "a sub-indicator code like 9.1"),
        indicator=r.indicator(record, path, kind_of, "disclosure"),
        name=r.text(record, "name", path),
        provenance=r.provenance(record, path),
    )


def _scale(r: _EditionReader, path: str, record: Mapping[str, Any]) -> Scale:
    points = record.get("points")
    labels = record.get("labels")
    if not isinstance(points, list) or not all(
        isinstance(p, int | Decimal) and not isinstance(p, bool) and 0 <= p <= 100 for p in points
    ):
        r.fail(f"{path}.points", "expected a list of points between 0 and 100")
        points = []
    if not isinstance(labels, list) or len(labels) != len(points):
        r.fail(f"{path}.labels", "expected one label for every point")
        labels = [""] * len(points)
    return Scale(
        code=r.text(record, "code", path),
        points=tuple(Decimal(p) for p in points),
        labels=tuple(str(label) for label in labels),
        provenance=r.provenance(record, path),
    )


def _question(
    r: _EditionReader,
    path: str,
    record: Mapping[str, Any],
    kind_of: Mapping[int, str | None],
    scales: set[str],
) -> Question:
    sub_items = r.integer(record, "sub_items", path, low=1, high=20, default=1)
    scale = r.text(record, "scale", path)
    if scale and scale not in scales:
        r.fail(f"{path}.scale", f"unknown scale {scale!r}")
    flag = record.get("reversed", False)
    reversed_sub_items: tuple[int, ...] = ()
    if flag is True:
        reversed_sub_items = tuple(range(1, sub_items + 1))
    elif isinstance(flag, list) and all(isinstance(n, int) and 1 <= n <= sub_items for n in flag):
        reversed_sub_items = tuple(flag)
    elif flag is not False:
        r.fail(f"{path}.reversed", "expected true, false or a list of sub-item numbers")
    return Question(
        code=r.code(record, path, QUESTION_RE, "a question code like i1 or e12"),
        indicator=r.indicator(record, path, kind_of, "survey"),
        title=r.text(record, "title", path),
        sub_items=sub_items,
        scale=scale,
        reversed_sub_items=reversed_sub_items,
        provenance=r.provenance(record, path),
    )


def _oit_item(
    r: _EditionReader,
    path: str,
    record: Mapping[str, Any],
    subs: tuple[SubIndicator, ...],
    indicators: Mapping[int, Indicator],
) -> OitItem:
    sub = record.get("sub_indicator")
    sub = None if sub is None else str(sub)
    owner = next((s.indicator for s in subs if s.code == sub), None)
    if sub is not None and owner is None:
        r.fail(f"{path}.sub_indicator", f"unknown sub-indicator {sub!r}")
    elif owner is not None and not indicators[owner].detail_known:
        reason = f"indicator {owner} says its items were not found, yet this item is placed in it"
        r.fail(f"{path}.sub_indicator", reason)
    data_year = record.get("data_year", "any")
    if data_year not in ("current", "previous", "any"):
        r.fail(f"{path}.data_year", f"expected current, previous or any, got {data_year!r}")
    previous = record.get("previous", [])
    previous = [previous] if isinstance(previous, str) else previous
    if not isinstance(previous, list) or not all(
        isinstance(p, str) and ITEM_RE.match(p) for p in previous
    ):
        r.fail(f"{path}.previous", "expected a list of item codes like [O10, O18]")
        previous = []
    return OitItem(
        code=r.code(record, path, ITEM_RE, "an OIT item code like O12"),
        title=r.text(record, "title", path, required=False) or None,
        sub_indicator=sub,
        elements=r.text(record, "elements", path, required=False),
        data_year=cast(DataYear, data_year),
        previous_codes=tuple(previous),
        provenance=r.provenance(record, path),
    )


def _grade(r: _EditionReader, path: str, record: Mapping[str, Any]) -> GradeBand:
    return GradeBand(
        grade=r.text(record, "grade", path),
        minimum=r.number(record, "min", path) or Decimal(0),
        provenance=r.provenance(record, path),
    )


def _rating_rule(r: _EditionReader, path: str, record: Mapping[str, Any]) -> RatingRule:
    return RatingRule(
        label=r.text(record, "label", path),
        label_en=r.text(record, "label_en", path),
        minimum=r.number(record, "min", path) or Decimal(0),
        tools_minimum=r.number(record, "tools_min", path, required=False),
        provenance=r.provenance(record, path),
    )


def _check_membership(
    r: _EditionReader,
    indicators: tuple[Indicator, ...],
    kinds: Mapping[str, str],
    subs: tuple[SubIndicator, ...],
    questions: tuple[Question, ...],
    items: tuple[OitItem, ...],
) -> None:
    """Every indicator has its questions or items, unless it says they were not found."""
    for indicator in (i for i in indicators if i.detail_known):
        kind = kinds.get(indicator.tool)
        where = f"indicators[number={indicator.number}]"
        if kind == "survey" and not any(q.indicator == indicator.number for q in questions):
            r.fail(where, "has no questions (list them, or say detail: not_found)")
        if kind == "disclosure":
            own = [s for s in subs if s.indicator == indicator.number]
            if not own:
                r.fail(where, "has no sub-indicators (list them, or say detail: not_found)")
            for sub in own:
                if not any(o.sub_indicator == sub.code for o in items):
                    r.fail(f"sub_indicators[code={sub.code}]", "has no OIT items")
    placed_everywhere = all(i.detail_known for i in indicators if kinds.get(i.tool) == "disclosure")
    unplaced = [o.code for o in items if o.sub_indicator is None and o.title is not None]
    if unplaced and placed_everywhere:
        r.fail("oit_items", f"items without a sub-indicator: {', '.join(unplaced)}")


def _check_grades(r: _EditionReader, grades: tuple[GradeBand, ...]) -> None:
    minimums = [g.minimum for g in grades]
    if minimums != sorted(set(minimums), reverse=True):
        r.fail("grades", "grade bands must go from the highest minimum to the lowest")
    if minimums and minimums[-1] != 0:
        r.fail("grades", "the lowest grade band must start at 0")


def _check_rating(r: _EditionReader, rules: tuple[RatingRule, ...]) -> None:
    for index, (before, rule) in enumerate(pairwise(rules), start=1):
        if rule.minimum > before.minimum:
            r.fail(f"rating[{index}]", "rating rules must go from the strictest to the loosest")
        elif rule.minimum == before.minimum and (
            rule.tools_minimum is not None
            and (before.tools_minimum is None or rule.tools_minimum >= before.tools_minimum)
        ):
            r.fail(f"rating[{index}]", "a rule with the same minimum must ask less of the tools")
    if rules and rules[-1].minimum != 0:
        r.fail("rating", "the loosest rating rule must start at 0")


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
