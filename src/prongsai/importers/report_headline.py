"""The headline values of a text: which agency (or agencies), its overall score, grade
and rating. Candidates come from `report_cues` and `report_labels`, agencies from
`report_agency`; `report_decide` attributes and chooses, asking the engine."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from prongsai.engine.model import Framework
from prongsai.importers.report_agency import Mention, find_mentions, starts_like_a_name
from prongsai.importers.report_cues import OWN, Candidate, find_candidates
from prongsai.importers.report_decide import AgencyValues, Attribution, attribute, decide
from prongsai.importers.report_engine import (
    agrees,
    overall_from_indicators,
    overall_from_tools,
    same,
)
from prongsai.importers.report_evidence import Evidence
from prongsai.importers.report_labels import Label, find_labels
from prongsai.importers.report_lines import Line, skeleton, snippet

# Fields whose values the table reader already placed: a number it read there is not
# a candidate for the overall.
_PLACED = ("indicators.", "questions.", "reported.IIT", "reported.EIT", "reported.OIT")


@dataclass
class Headline:
    main: AgencyValues
    multi: bool
    agencies: list[AgencyValues] = field(default_factory=list)
    mentions: dict[str, int] = field(default_factory=dict)
    first_mention: dict[str, Mention] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # name → the word the text uses


def read_headline(
    lines: list[Line],
    evidence: list[Evidence],
    *,
    year: int | None,
    framework: Framework,
    rating_scheme: Framework | None,
    indicators: dict[str, Any],
    year_doubtful: bool = False,
) -> Headline:
    """Decide the agency (or agencies) and each one's overall, grade and rating.
    `evidence` is everything the table reader saw (its numbers are placed already);
    `indicators` are those it read, for the engine to compute the overall from;
    `rating_scheme` is the edition whose rating labels the engine checks against."""
    mentions = find_mentions(lines)
    candidates = _unplaced(find_candidates(lines), lines, evidence)
    _stated_overall(candidates, lines, evidence)
    _after_a_name(candidates, mentions, lines)
    labels = _years_of_labels(
        find_labels(
            lines,
            label_era=(year or 0) >= 2566 or bool(framework.rating),
            english={r.label_en.lower(): r.label for r in (rating_scheme or framework).rating},
        ),
        candidates,
        lines,
        year,
    )
    computed, tools, from_tools = None, None, False
    if indicators:
        given = {int(k): Decimal(str(v)) for k, v in indicators.items()}
        computed, tools = overall_from_indicators(framework, given)
    stated_tools = _stated_tools(evidence, framework)
    if computed is None and stated_tools:
        computed, tools = overall_from_tools(framework, stated_tools), dict(stated_tools)
        from_tools = True
    if computed is not None:
        _confirmed(candidates, computed)
    attribution = attribute(lines, mentions, candidates, labels)
    if not attribution.multi and _group_report(lines, attribution):
        attribution.multi, attribution.main = True, None
    others = tuple(
        f"{c.value} (line {lines[c.line].number}): {c.role} — "
        + "; ".join(x.split(": ", 1)[1] for x in c.cues if x.startswith(c.role))
        for c in candidates
        if c.decimals and c.role not in (OWN, "unknown")
    )
    first: dict[str, Mention] = {}
    for mention in mentions:
        first.setdefault(mention.name, mention)

    def values_of(name: str | None, *, with_unowned: bool, engine: Decimal | None) -> AgencyValues:
        own, own_labels = attribution.owners.get(name, ([], []))
        if with_unowned and name is not None:
            extra, extra_labels = attribution.owners.get(None, ([], []))
            own, own_labels = own + extra, own_labels + extra_labels
        values = AgencyValues(name, attribution.kinds.get(name or "") if name else None)
        own_tools = _table_tools(values, attribution.tools.get(name or "", {}), lines, framework)
        tool_based = from_tools and engine is not None
        if engine is None and own_tools:
            engine, tool_based = overall_from_tools(framework, own_tools), True
        decide(
            values,
            lines,
            own if name is not None or not attribution.multi else [],
            own_labels if name is not None or not attribution.multi else [],
            year=year,
            framework=framework,
            rating_scheme=rating_scheme,
            computed=engine,
            tools=own_tools or (tools if engine is not None else None),
            others=others if name == attribution.main else (),
            year_doubtful=year_doubtful,
            from_tools=tool_based,
        )
        return values

    if attribution.multi:
        main = values_of(attribution.main, with_unowned=True, engine=computed)
        names = [n for n in attribution.owners if n is not None]
        names.sort(key=lambda n: (n != attribution.main, first[n].line, first[n].start))
        agencies = [
            main if n == attribution.main else values_of(n, with_unowned=False, engine=None)
            for n in names
        ]
    else:
        main = values_of(attribution.main, with_unowned=True, engine=computed)
        agencies = []
    return Headline(
        main, attribution.multi, agencies, dict(attribution.mentions), first, _aliases(mentions)
    )


def _aliases(mentions: list[Mention]) -> dict[str, str]:
    """Names the text mostly calls by a word of their own ("ไทยพีบีเอส"), not by an
    abbreviation with dots or by the name itself."""
    written: dict[str, Counter[str]] = {}
    for mention in mentions:
        written.setdefault(mention.name, Counter())[mention.written.strip()] += 1
    aliases = {}
    for name, forms in written.items():
        word, count = forms.most_common(1)[0]
        if (
            word.replace(" ", "") != name.replace(" ", "")
            and "." not in word
            and not word.isascii()
            and not starts_like_a_name(word)
            and count > forms[name]
        ):
            aliases[name] = word
    return aliases


# "ระดับ AA … 50 หน่วยงาน": counts of agencies by level, as reports on a group give.
_COUNT_BY_LEVEL = re.compile(
    r"(?:(?<![A-Za-z])(?:AA|[A-F])(?![A-Za-z])|ผานดีเยียม|ผานดี|ตองปรับปรุง)"
    r".{0,60}?\d[\d,]*\s*(?:หนวยงาน|แหง|agencies)"
)


def _group_report(lines: list[Line], attribution: Attribution) -> bool:
    """A text with no agency's own value that counts agencies by level reports on a
    group (a province, an NACC cluster), not on one agency."""
    if any(c or labels for c, labels in attribution.owners.values()):
        return False
    return any(_COUNT_BY_LEVEL.search(skeleton(line.text)) for line in lines)


def _confirmed(candidates: list[Candidate], computed: Decimal) -> None:
    """A number equal to the overall the engine computes from the indicators is that
    overall, whatever words surround it (a flattened table has none)."""
    for candidate in candidates:
        if agrees(candidate.value, computed) and candidate.role not in ("previous", "mean"):
            candidate.weights = {OWN: candidate.weights.get(OWN, 0.0) + 4.0}
            candidate.cues.append("overall: the engine computes it from the indicators")


def _years_of_labels(
    labels: list[Label], candidates: list[Candidate], lines: list[Line], year: int | None
) -> list[Label]:
    """A label right after last year's score is last year's: "ปี 2567 ได้ 92.43 คะแนน
    ระดับ “ผ่านดี”" says nothing of this year's rating."""
    result = []
    for label in labels:
        before = [
            c
            for c in candidates
            if c.line == label.line and c.end <= label.start and label.start - c.end <= 40
        ]
        last = max(before, key=lambda c: c.end, default=None)
        if last is not None and not re.search(
            r"\d", lines[label.line].plain[last.end : label.start]
        ):
            other_year = last.year is not None and last.year != year
            if last.role == "previous" or (other_year and not label.year):
                label = replace(label, previous=last.role == "previous", year=last.year)
        result.append(label)
    return result


def _table_tools(
    values: AgencyValues, found: dict[str, Candidate], lines: list[Line], framework: Framework
) -> dict[str, Decimal | None]:
    """An agency's tool scores from the IIT/EIT/OIT columns of a table of agencies."""
    for code, candidate in found.items():
        line = lines[candidate.line]
        values.evidence[f"reported.{code}"] = Evidence(
            f"reported.{code}",
            candidate.value,
            line.number,
            snippet(line, candidate.written),
            "high",
            role="tool",
            cues=tuple(candidate.cues),
        )
    if {t.code for t in framework.tools} <= set(found):
        return {code: c.value for code, c in found.items()}
    return {}


def _stated_tools(evidence: list[Evidence], framework: Framework) -> dict[str, Decimal | None]:
    """Tool scores the text states, when it states every tool of the edition."""
    stated = {
        e.field.split(".", 1)[1]: Decimal(str(e.value))
        for e in evidence
        if e.field in {f"reported.{t.code}" for t in framework.tools}
    }
    if len(stated) < len(framework.tools):
        return {}
    return dict(stated)


def _unplaced(
    candidates: list[Candidate], lines: list[Line], evidence: list[Evidence]
) -> list[Candidate]:
    placed = {
        (e.line, Decimal(str(e.value)))
        for e in evidence
        if e.field.startswith(_PLACED) and not isinstance(e.value, bool | str)
    }
    return [c for c in candidates if (lines[c.line].number, c.value) not in placed]


def _after_a_name(candidates: list[Candidate], mentions: list[Mention], lines: list[Line]) -> None:
    """ "เทศบาลตำบลปราสาท 99.10 คะแนน": a number right after an agency's name (a list,
    a table row) is that agency's score as much as one after "ได้คะแนน"."""
    ends: dict[int, set[int]] = {}
    for mention in mentions:
        ends.setdefault(mention.line, set()).add(mention.end)
    for candidate in candidates:
        gap = lines[candidate.line].plain[: candidate.start]
        stripped = gap.rstrip(" :=\t")
        if len(stripped) in ends.get(candidate.line, ()) and len(gap) - len(stripped) <= 3:
            candidate.weights[OWN] = candidate.weights.get(OWN, 0.0) + 1.5
            candidate.cues.append("overall: right after an agency's name")


def _stated_overall(
    candidates: list[Candidate], lines: list[Line], evidence: list[Evidence]
) -> None:
    """A value the table reader found after "คะแนนภาพรวม", "โดยรวมได้คะแนน" is strong
    evidence of the role: it weighs on the candidate, it does not decide alone."""
    stated = [e for e in evidence if e.field == "reported.overall"]
    for candidate in candidates:
        number = lines[candidate.line].number
        if any(e.line == number and same(Decimal(str(e.value)), candidate.value) for e in stated):
            candidate.weights[OWN] = candidate.weights.get(OWN, 0.0) + 3.0
            candidate.cues.append("overall: after an overall label (ภาพรวม, คะแนนรวม)")
