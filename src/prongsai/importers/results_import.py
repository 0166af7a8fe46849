"""Results in: any file an agency has → a results document the engine has checked.

Report text (.txt, .md, .docx, .pdf) goes through the report reader; a filled-in
results template (.xlsx, or its CSV) is read cell by cell. Either way the document
is then parsed and analysed by the engine, and its consistency warnings travel with
it in `source`, so the CLI and the web preview show the same doubts.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from prongsai.engine import Registry, ResultsError, analyze, framework_for, parse_results
from prongsai.engine.findings import Finding
from prongsai.importers.budget import UNLIMITED, Budget, NeedsMoreTime
from prongsai.importers.document_text import (
    MAX_TEXT_CHARS,
    DocumentTextError,
    document_text,
    within_budget,
)
from prongsai.importers.report_text import Reading, read_report
from prongsai.importers.results_template import (
    TemplateError,
    is_template_csv,
    read_template_csv,
    read_template_xlsx,
)
from prongsai.thai.agencies import agency_kind as local_kind

__all__ = [
    "Budget",
    "DocumentTextError",
    "ImportedResults",
    "NeedsMoreTime",
    "TemplateError",
    "import_results",
    "import_results_many",
    "import_text",
    "import_text_many",
]


@dataclass
class ImportedResults:
    document: dict[str, Any]  # the results document, `source` included
    reading: Reading | None  # None for a template: every value came from a named cell
    warnings: list[Finding] = field(default_factory=list)  # the engine's
    problems: list[Finding] = field(default_factory=list)  # why the engine cannot analyse it

    @property
    def ok(self) -> bool:
        return not self.problems


def import_results(
    data: bytes,
    name: str,
    registry: Registry,
    *,
    year: int | None = None,
    explain: bool = False,
    budget: Budget = UNLIMITED,
) -> ImportedResults:
    """Read any supported file. Raises `DocumentTextError` or `TemplateError` for a
    file that cannot be read at all (or not within `budget`); a readable one comes
    back with its problems."""
    if data.startswith(b"PK\x03\x04") and _is_workbook(data):
        return _checked(read_template_xlsx(data), None, name, "xlsx", registry, year, explain)
    if not data.startswith((b"%PDF", b"PK\x03\x04")):
        text = document_text(data, name).text
        if is_template_csv(text):
            return _checked(read_template_csv(text), None, name, "csv", registry, year, explain)
    extracted = document_text(data, name, budget)
    return import_text(
        extracted.text,
        name,
        registry,
        year=year,
        explain=explain,
        kind=extracted.kind,
        budget=budget,
    )


def import_results_many(
    data: bytes,
    name: str,
    registry: Registry,
    *,
    year: int | None = None,
    explain: bool = False,
    budget: Budget = UNLIMITED,
) -> list[ImportedResults]:
    """`import_results` for any supported file, one document per agency: a results
    template (.xlsx, its CSV) is one agency, so it gives a list of one; report text
    (.txt, .md, .docx, .pdf) goes through `import_text_many`. Raises what
    `import_results` raises for a file that cannot be read at all."""
    if data.startswith(b"PK\x03\x04") and _is_workbook(data):
        return [import_results(data, name, registry, year=year, explain=explain)]
    extracted = document_text(data, name, budget)
    if data[:4] not in (b"%PDF", b"PK\x03\x04") and is_template_csv(extracted.text):
        return [import_results(data, name, registry, year=year, explain=explain)]
    return import_text_many(
        extracted.text,
        name,
        registry,
        year=year,
        explain=explain,
        kind=extracted.kind,
        budget=budget,
    )


def import_text(
    text: str,
    name: str,
    registry: Registry,
    *,
    year: int | None = None,
    explain: bool = False,
    kind: str = "text",
    budget: Budget = UNLIMITED,
) -> ImportedResults:
    """Read the text of a report (a file's, or text pasted into the web form). Raises
    `DocumentTextError` for a text too long to read, or not read within `budget`;
    `NeedsMoreTime` for one longer than `budget.max_chars`."""
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentTextError("TEXT_TOO_LONG", name)
    budget.text(len(text))
    with within_budget(name):
        reading = read_report(
            text,
            lambda y: registry.edition_or_latest(year or y),
            wrapped=kind == "pdf",
            check=budget.check,
        )
    document = dict(reading.document)
    if year is not None:
        document["fiscal_year"] = year
    return _checked(document, reading, name, kind, registry, year, explain)


def import_text_many(
    text: str,
    name: str,
    registry: Registry,
    *,
    year: int | None = None,
    explain: bool = False,
    kind: str = "text",
    budget: Budget = UNLIMITED,
) -> list[ImportedResults]:
    """One results document per agency the text reports.

    A text about one agency gives a list of one: exactly what `import_text` gives.
    A text reporting several (a province's list, a news item on several agencies, an
    NACC table) gives one `ImportedResults` per agency that has a value of its own
    (score, grade or rating), in the text's order with its main agency (if it has
    one) first. Each document holds `agency`, `fiscal_year` and `reported`, and its
    `source` carries `agency_kind` (and `agency_type` for agencies other than local
    government), `year`, the doubts about that agency and, with
    `explain`, the evidence; `source["multi"]` is True for every document of a
    multi-agency text, with `source["index"]` and `source["of"]` giving its place. The
    main agency's document is the one `import_text` gives (with any indicators, tool
    scores and questions the text states, and `source["agencies"]` naming them all).
    The CLI prints the list as a JSON list, JSONL (one document a line) or a YAML
    list; a single-agency text stays one object. Nothing is written anywhere.
    """
    single = import_text(text, name, registry, year=year, explain=explain, kind=kind, budget=budget)
    reading = single.reading
    if reading is None or not reading.multi or not reading.agencies:
        return [single]
    results = []
    for index, agency in enumerate(reading.agencies, start=1):
        if agency.document.get("agency") == single.document.get("agency"):
            # the text's main agency: its full document (indicators, tools, …)
            single.document["source"].update({"index": index, "of": len(reading.agencies)})
            results.append(single)
            continue
        part = Reading(
            document=dict(agency.document),
            evidence=agency.evidence,
            doubts=[*agency.doubts, *(d for d in reading.doubts if d.code.startswith("YEAR"))],
            year=reading.year,
            agency_kind=agency.agency_kind,
            multi=True,
        )
        imported = _checked(dict(agency.document), part, name, kind, registry, year, explain)
        imported.document["source"].update(
            {"multi": True, "index": index, "of": len(reading.agencies)}
        )
        results.append(imported)
    return results


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _checked(
    document: dict[str, Any],
    reading: Reading | None,
    name: str,
    kind: str,
    registry: Registry,
    year: int | None,
    explain: bool,
) -> ImportedResults:
    if year is not None:
        document["fiscal_year"] = year
    imported = ImportedResults(document, reading)
    try:
        results = parse_results(document)
        imported.warnings = list(analyze(framework_for(registry, results), results).warnings)
    except ResultsError as exc:
        # A year with no edition in the library is read and reported, not refused:
        # the engine's NO_EDITION says scoring waits for that edition.
        no_edition = [p for p in exc.problems if p.code == "NO_EDITION"]
        if reading is not None and no_edition and len(no_edition) == len(exc.problems):
            imported.warnings = no_edition
        else:
            imported.problems = exc.problems
    document["source"] = _source(imported, name, kind, year, explain)
    return imported


def _source(
    imported: ImportedResults, name: str, kind: str, year: int | None, explain: bool
) -> dict[str, Any]:
    source: dict[str, Any] = {"file": name, "format": kind}
    reading = imported.reading
    if reading is not None:
        if reading.multi:
            source["multi"] = True
            source["agencies"] = [a.document.get("agency") for a in reading.agencies]
        if reading.agency_kind:
            # `agency_kind` keeps the keys the agencies app knows (local kinds, "other");
            # `agency_type` names the others' kind (department, university, court, …)
            local = local_kind(reading.document.get("agency") or "")
            source["agency_kind"] = local
            if local == "other":
                source["agency_type"] = reading.agency_kind
        if year is not None:
            source["year"] = {
                "chosen": year,
                "reason": "ระบุโดยผู้นำเข้า",
                "reason_en": "given by the user",
            }
        else:
            source["year"] = reading.year.as_dict()
        if reading.doubts:
            source["doubts"] = [d.as_dict() for d in reading.doubts]
    if imported.warnings:
        source["warnings"] = [w.as_dict() for w in imported.warnings]
    if imported.problems:
        source["problems"] = [p.as_dict() for p in imported.problems]
    if explain and reading is not None:
        source["found"] = [e.as_dict() for e in reading.evidence]
    return source
