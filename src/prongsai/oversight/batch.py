"""An import of many agencies' results, planned before anything is written.

`plan_lines` (a read: `queries.import_preview`) matches every line's agency by name,
has the engine check and analyse every line (once, with one registry: building a
registry reads every edition's YAML again, 50 ms a line), and says what saving would
create or update. An import through an oversight body stays inside the body's `Scope`.
`services.apply_import` then writes the plan in one transaction with bulk operations.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from prongsai.engine import (
    Registry,
    ResultsError,
    analysis_to_dict,
    analyze,
    framework_for,
    parse_results,
)
from prongsai.engine.serialize import results_to_document
from prongsai.importers.results_batch import BatchRow
from prongsai.oversight.standing import standing_values
from prongsai.thai.agencies import KIND_LABELS, agency_kind, agency_match_key, place_key


@dataclass
class Line:
    label: str  # "file.csv แถวที่ 12"
    name: str
    kind: str
    province: str
    district: str
    document: dict[str, Any]
    agency_id: int | None = None  # the matched agency; None: it will be created
    agency_name: str = ""  # the matched agency's name as stored
    year: int | None = None
    replaces: int | None = None  # the assessment this line replaces
    assessment_id: int | None = None  # the assessment saving wrote
    framework: str = ""
    # What saving writes, as JSON text: thousands of lines kept as dicts would be
    # millions of objects for the garbage collector to walk again and again.
    results_json: str = ""
    analysis_json: str = ""
    standing: dict[str, Any] = field(default_factory=dict)  # standing_values of the analysis
    overall: Any = None  # as the analysis says (the engine's or the published figure)
    grade: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Scope:
    """Where an import through an oversight body may write: the agencies the body
    oversees, and new agencies only where the body's rule (province, district, kinds)
    places them. A body without a rule lists the agencies its import creates."""

    body_id: int
    name: str
    overseen: frozenset[int]
    province: str = ""
    district: str = ""
    kinds: tuple[str, ...] = ()

    @property
    def lists_new(self) -> bool:
        return not (self.province or self.district or self.kinds)

    def check(self, line: Line) -> None:
        """Leave the line as it is, place a new agency in the body's province and
        district, or say why the line falls outside the body."""
        if line.agency_id is not None:
            if line.agency_id not in self.overseen:
                line.problems.append(
                    f"หน่วยงานนี้ไม่อยู่ในความดูแลของ{self.name} / "
                    f"the agency is not overseen by {self.name}"
                )
            return
        for attribute, rule, word in (
            ("province", self.province, "จังหวัด"),
            ("district", self.district, "อำเภอ"),
        ):
            given = getattr(line, attribute)
            if rule and given and place_key(given) != place_key(rule):
                line.problems.append(
                    f"{word}{place_key(given)} อยู่นอกความดูแลของ{self.name} / "
                    f"{attribute} {given} is outside {self.name}"
                )
            elif rule:
                setattr(line, attribute, rule)
        if self.kinds and line.kind not in self.kinds:
            kind = KIND_LABELS.get(line.kind, KIND_LABELS["other"])
            line.problems.append(
                f"{self.name} ไม่ได้ดูแลหน่วยงานประเภท{kind[0]} / "
                f"{self.name} does not oversee agencies of this kind ({kind[1]})"
            )


@dataclass
class ImportPlan:
    source: str
    lines: list[Line]
    scope: Scope | None = None

    @property
    def good(self) -> list[Line]:
        return [line for line in self.lines if line.ok]

    @property
    def bad(self) -> list[Line]:
        return [line for line in self.lines if not line.ok]

    @property
    def counts(self) -> dict[str, int]:
        good = self.good
        return {
            "new_agencies": sum(1 for line in good if line.agency_id is None),
            "matched_agencies": sum(1 for line in good if line.agency_id is not None),
            "new_results": sum(1 for line in good if line.replaces is None),
            "replaced_results": sum(1 for line in good if line.replaces is not None),
            "problems": len(self.bad),
        }


def lines_from_rows(rows: Iterable[BatchRow], source: str) -> list[Line]:
    return [
        Line(
            f"{source} แถวที่ {row.line}",
            row.name,
            row.kind,
            row.province,
            row.district,
            row.document,
            problems=list(row.problems),
        )
        for row in rows
    ]


def lines_from_text(imported: Iterable[Any], source: str, province: str = "") -> list[Line]:
    """Lines from `import_text_many`: one per agency the text reports."""
    lines = []
    for index, item in enumerate(imported, start=1):
        document = {k: v for k, v in item.document.items() if k != "source"}
        name = str(document.get("agency") or "")
        kind = item.document.get("source", {}).get("agency_kind") or agency_kind(name)
        line = Line(f"{source} รายการที่ {index}", name, kind, province, "", document)
        line.problems += [p.message for p in item.problems] if item.problems else []
        if not name:
            line.problems.append("ไม่พบชื่อหน่วยงาน / no agency name")
        lines.append(line)
    return lines


def plan_lines(
    lines: list[Line],
    registry: Registry,
    agencies: Iterable[tuple[int, str]],
    assessments: Iterable[tuple[int, int, int]],
    *,
    provenance: dict[str, Any],
    scope: Scope | None = None,
) -> None:
    """Match, check and analyse every line in place. `agencies` is (id, name) of every
    stored agency; `assessments` (agency id, year, id) of the years the lines name;
    `scope` the body the import goes through (None: anywhere)."""
    by_key = {agency_match_key(name): (pk, name) for pk, name in agencies}
    stored = {(agency, year): pk for agency, year, pk in assessments}
    seen: Counter[tuple[str, int | None]] = Counter()
    keys = [agency_match_key(line.name) for line in lines]
    for line, key in zip(lines, keys, strict=True):
        if key in by_key:
            line.agency_id, line.agency_name = by_key[key]
        else:
            line.agency_name = line.name
        if scope is not None:
            scope.check(line)
        try:
            results = parse_results(line.document)
            framework = framework_for(registry, results)
            analysis = analyze(framework, results)
        except ResultsError as exc:
            line.problems += [p.message for p in exc.problems]
            continue
        line.year = results.fiscal_year
        line.framework = framework.key
        document = results_to_document(results) | {
            "agency": line.agency_name,
            "source": provenance | {"line": line.label},
        }
        line.results_json = to_json(document)
        figures = analysis_to_dict(analysis)
        line.analysis_json = to_json(figures)
        line.standing = standing_values(figures)
        reported = figures["reported"]
        line.overall = figures["overall"] if figures["overall"] is not None else reported["overall"]
        line.grade = figures["grade"] or reported["grade"] or ""
        if line.agency_id is not None:
            line.replaces = stored.get((line.agency_id, line.year))
        seen[(key, line.year)] += 1
    for line, key in zip(lines, keys, strict=True):
        if line.ok and seen[(key, line.year)] > 1:
            line.problems.append("หน่วยงานนี้ซ้ำในปีเดียวกัน / the agency appears twice for one year")


def to_json(value: Any) -> str:
    """JSON text as a JSONField stores it (Decimals as strings, as Django's encoder)."""
    return json.dumps(value, default=_decimal_text)


def _decimal_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def lines_from_upload(
    data: bytes, name: str, text: str, year: int | None, province: str, registry: Registry
) -> list[Line]:
    """Lines from an uploaded table (CSV/xlsx, one agency a row) or from a report text
    about many agencies (a file's text or pasted). Raises `BatchError` or
    `DocumentTextError` for what cannot be read at all."""
    from prongsai.importers.document_text import document_text
    from prongsai.importers.results_batch import read_batch
    from prongsai.importers.results_import import import_text_many

    if data:
        if data.startswith(b"PK\x03\x04") and name.lower().endswith(".xlsx"):
            lines = lines_from_rows(read_batch(data, name), name)
        else:
            extracted = document_text(data, name)
            first = extracted.text.lstrip("\ufeff").split("\n", 1)[0]
            if _is_table_header(first):
                lines = lines_from_rows(read_batch(data, name), name)
            else:
                many = import_text_many(
                    extracted.text, name, registry, year=year, kind=extracted.kind
                )
                lines = lines_from_text(many, name, province)
    else:
        name = "ข้อความที่วาง"
        lines = lines_from_text(import_text_many(text, name, registry, year=year), name, province)
    if year is not None:
        for line in lines:
            line.document["fiscal_year"] = year
    for line in lines:
        if not line.province:
            line.province = province
    return lines


def _is_table_header(line: str) -> bool:
    import csv

    from prongsai.importers.results_batch import is_batch_table

    return is_batch_table(next(csv.reader([line]), []))
