"""Read ITA results out of the text of a real report.

Reports, news items, agency posts and NACC tables are written by hand: Thai and Arabic
digits mixed, tables flattened to tabs, pipes or HTML, names in many spellings, years
that belong to the document rather than to the assessment, and many numbers near the
score that are not the agency's own. The reader works in passes: the lines are
normalised (`report_lines`), the year chosen (`report_year`), the values that tables
and prose name read (`report_tables`), a flattened row checked (`report_flat`), then
every number weighed for its role and the agency's score, grade and rating decided
with the engine's help (`report_headline`). It keeps every value with the line it
came from and how sure it is, and says what it doubts instead of guessing silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from prongsai.engine.model import Framework
from prongsai.importers.report_decide import AgencyValues
from prongsai.importers.report_evidence import Doubt, Evidence
from prongsai.importers.report_flat import find_flat_row
from prongsai.importers.report_headline import Headline, read_headline
from prongsai.importers.report_lines import Line, report_lines, snippet
from prongsai.importers.report_tables import TableReader
from prongsai.importers.report_year import YearChoice, choose_year

__all__ = ["AgencyReading", "Doubt", "Evidence", "Reading", "read_report"]

# ---------------------------------------------------------------- what was found


@dataclass
class AgencyReading:
    """One agency's values in a text that reports several."""

    document: dict[str, Any]  # agency, fiscal_year, reported
    evidence: list[Evidence]
    doubts: list[Doubt]
    agency_kind: str | None


@dataclass
class Reading:
    """What the reader took from the document: a results document and its evidence.

    `multi` says the text reports several agencies; `agencies` then holds one reading
    per agency with values of its own (the main agency, if the text has one, first).
    `document` is the text's main agency, or carries no agency and no overall when the
    text reports several agencies on an equal footing.
    """

    document: dict[str, Any]
    evidence: list[Evidence]
    doubts: list[Doubt]
    year: YearChoice
    agency_kind: str | None
    multi: bool = False
    agencies: list[AgencyReading] = field(default_factory=list)


# ---------------------------------------------------------------- reading


def read_report(
    text: str,
    framework_for_year: Any,
    *,
    wrapped: bool = False,
    check: Callable[[], None] = lambda: None,
) -> Reading:
    """Read a report's text. `framework_for_year(year | None)` gives the edition to
    match names and codes against (the latest when the year is unknown). `wrapped`
    text (a PDF's) breaks lines anywhere, even inside a word or before a score.
    `check()` is called between the passes (each takes time in proportion to the
    text): it raises to stop a reading that has run too long."""
    lines = report_lines(text, wrapped=wrapped)
    check()
    year = choose_year(lines)
    framework: Framework = framework_for_year(year.year)
    reader = TableReader(framework, lines)
    reader.read()
    check()
    found = reader.document()
    if len(found.get("indicators", {})) < len(framework.indicators):
        _flat_row(lines, framework, reader, found)
    scheme = framework if framework.rating else framework_for_year(max(2567, year.year or 0))
    headline = read_headline(
        lines,
        [*reader.evidence, *(e for found in reader.candidates.values() for e in found)],
        year=year.year,
        framework=framework,
        rating_scheme=scheme if scheme.rating else None,
        indicators=found.get("indicators", {}),
        year_doubtful=year.ambiguous,
    )
    check()
    main = headline.main
    if main.name is not None:
        evidence_of_name = _agency_evidence(lines, main, headline)
        main.name = _with_alias(main.name, headline)
        main.evidence["agency"] = replace(evidence_of_name, value=main.name)
    elif not headline.multi:
        reader.doubt(
            "AGENCY_NOT_FOUND", "ไม่พบชื่อหน่วยงานในเอกสาร", "the document does not name the agency"
        )
    document: dict[str, Any] = {}
    if main.name:
        document["agency"] = main.name
    if year.year is not None:
        document["fiscal_year"] = year.year
    document.update(found)
    reported = {
        k: v
        for k, v in document.pop("reported", {}).items()
        if k not in ("overall", "grade", "rating")
    }
    reported.update(main.reported())
    if reported:
        order = ("overall", "grade", "rating", "passed", "IIT", "EIT", "OIT")
        document["reported"] = {k: reported[k] for k in order if k in reported}
    # the table reader's values, and the headline's decisions in place of its guesses
    evidence = [e for e in reader.evidence if e.field not in _DECIDED]
    evidence += main.evidence.values()
    evidence.sort(key=lambda e: (e.line, e.field))
    reader.doubts.extend(main.doubts)
    _year_doubts(reader, year, framework)
    if wrapped and _marks_lost(text):
        reader.doubt(
            "MARKS_LOST",
            "ข้อความใน PDF นี้ไม่มีวรรณยุกต์บางตัว (ไม้เอก ไม้โท) ตัวเลขอ่านได้ตามปกติ "
            "แต่ชื่อหน่วยงานอาจสะกดไม่ครบ โปรดตรวจสอบ",
            "this PDF's text layer lost tone marks: numbers read normally, "
            "but check the agency's name",
        )
    if headline.multi:
        reader.doubt(
            "SEVERAL_AGENCIES",
            f"ข้อความนี้รายงานผลของหลายหน่วยงาน ({len(headline.agencies)} หน่วยงานที่มีคะแนนหรือระดับ)",
            f"this text reports several agencies ({len(headline.agencies)} with a score or grade)",
        )
    agencies = [
        AgencyReading(
            document=_agency_document(values, year.year),
            evidence=sorted(values.evidence.values(), key=lambda e: (e.line, e.field)),
            doubts=values.doubts,
            agency_kind=values.kind,
        )
        for values in headline.agencies
    ]
    return Reading(
        document=document,
        evidence=evidence,
        doubts=reader.doubts,
        year=year,
        agency_kind=main.kind if main.name else None,
        multi=headline.multi,
        agencies=agencies,
    )


_DECIDED = ("reported.overall", "reported.grade", "reported.rating")


def _agency_document(values: AgencyValues, year: int | None) -> dict[str, Any]:
    document: dict[str, Any] = {}
    if values.name:
        document["agency"] = values.name
    if year is not None:
        document["fiscal_year"] = year
    if reported := values.reported():
        document["reported"] = reported
    return document


def _flat_row(
    lines: list[Line], framework: Framework, reader: TableReader, found: dict[str, Any]
) -> None:
    row = find_flat_row(lines, framework)
    if row is None:
        return
    line = lines[row.first_line]
    found["indicators"] = {str(n): v for n, v in row.indicators.items()}
    reader.evidence = [e for e in reader.evidence if not e.field.startswith("indicators.")]
    for number, value in row.indicators.items():
        reader.evidence.append(
            Evidence(
                f"indicators.{number}",
                value,
                line.number,
                snippet(line, value),
                "high",
                "แถวตัวเลขสิบค่าที่เครื่องคำนวณได้คะแนนภาพรวมตรงกับค่าที่สิบเอ็ด",
                "a row of ten numbers whose engine overall is the eleventh",
                role="indicator",
            )
        )


def _with_alias(name: str, headline: Headline) -> str:
    """ "องค์การกระจายเสียง… (ไทยพีบีเอส)": a name the text mostly calls by a word of its
    own (not a dotted abbreviation) keeps that word beside it."""
    alias = headline.aliases.get(name)
    return f"{name} ({alias})" if alias else name


def _agency_evidence(lines: list[Line], main: AgencyValues, headline: Headline) -> Evidence:
    mention = headline.first_mention.get(main.name or "")
    if mention is None:
        return Evidence("agency", main.name, 0, "", "low")
    line = lines[mention.line]
    count = headline.mentions.get(main.name or "", 0)
    others = [n for n, c in headline.mentions.items() if n != main.name and c >= count]
    # "high": named twice or more, and more often than any other agency
    return Evidence(
        "agency",
        main.name,
        line.number,
        snippet(line, mention.written),
        "high" if count > 1 and not others else "medium",
        role="agency",
        cues=(f"named {count} times",),
    )


def _year_doubts(reader: TableReader, year: YearChoice, framework: Framework) -> None:
    if year.ambiguous:
        reader.doubt(
            "YEAR_AMBIGUOUS",
            f"ปีที่ประเมินไม่ชัดเจน: เอกสารอ้างถึงหลายปี ({_years(year.candidates)}) "
            f"เลือก {year.year} เพราะ{year.reason} โปรดตรวจสอบ",
            f"the ITA year is ambiguous: the document points to several years "
            f"({_years(year.candidates)}); chose {year.year} because {year.reason_en}; "
            "please check",
        )
    if year.year is None:
        reader.doubt(
            "YEAR_NOT_FOUND",
            "ไม่พบปีที่ประเมินในเอกสาร โปรดระบุปี",
            "the document does not say which ITA year it is; give the year",
        )
    elif framework.fiscal_year != year.year:
        reader.doubt(
            "NO_EDITION_FOR_YEAR",
            f"อ่านค่าของปี {year.year} ได้ แต่ยังไม่มีเกณฑ์การประเมินของปีนี้ในคลัง "
            "จึงยังคำนวณและตรวจคะแนนไม่ได้ (นำเข้าเกณฑ์ของปีนั้นก่อน)",
            f"the values of {year.year} were read, but the library has no edition for that "
            "year, so they cannot be scored or checked until one is added",
        )


def _marks_lost(text: str) -> bool:
    """True when a text layer has far fewer tone marks than Thai prose always has."""
    thai = sum(1 for c in text if "\u0e01" <= c <= "\u0e5b")
    return thai > 500 and sum(text.count(m) for m in "\u0e48\u0e49") < thai // 100


def _years(candidates: dict[int, int]) -> str:
    return ", ".join(str(y) for y in sorted(candidates))
