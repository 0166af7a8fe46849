"""Deciding: which agency each value belongs to, which agency the text is about (or
that it is about several), and which candidate is each agency's score, grade and rating.

Values go to the agency named last before them on their line (a table row names its
agency anywhere in the row); a ministry or a province only when nothing else is
named there, since "กรม… กระทรวง…" names the department's parent, and not one named
after "จาก" or "ณ" (the giver of an award, the place). A grade stated for a list
("ระดับ AA ประกอบด้วย อบต.ก, อบต.ข") goes to each listed agency when no agency of
its own stands before it.

A text reports several agencies when two or more have values of their own, or when
many are named once each beside group means; its main agency, if any, is the one
named more often than any other and with values of its own.

Between candidates the engine arbitrates: an overall the indicators (or the tool
scores) reproduce wins; otherwise one whose grade band and rating agree with the
stated grade and rating; otherwise the one the cues weigh most. Other plausible
values are never dropped silently: they go into the doubts, and confidence is "high"
only when the engine confirmed the value, or when its agency is named, nothing else
was plausible, the cues were strong and no stated grade or rating contradicts it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from prongsai.engine.model import Framework
from prongsai.engine.numbers import round2
from prongsai.importers.report_agency import Mention
from prongsai.importers.report_cues import OWN, Candidate
from prongsai.importers.report_engine import (
    agrees,
    grade_for,
    rating_with_tools,
    ratings_for,
    same,
)
from prongsai.importers.report_evidence import Doubt, Evidence
from prongsai.importers.report_labels import Label
from prongsai.importers.report_lines import Line, snippet

_LIST_CUE = re.compile(r"ประกอบด้วย|ได้แก่|including|namely")
_PARENT_KINDS = ("ministry", "province")
_OBJECT = re.compile(r"(?:จาก|ณ|from|at)\s?$")
STRONG, PLAUSIBLE = 6.0, 4.5


@dataclass
class AgencyValues:
    """What was decided for one agency (or for the text's one agency)."""

    name: str | None
    kind: str | None
    evidence: dict[str, Evidence] = field(default_factory=dict)  # "agency", "reported.overall", …
    doubts: list[Doubt] = field(default_factory=list)

    def reported(self) -> dict[str, Any]:
        return {
            key.split(".", 1)[1]: e.value
            for key, e in self.evidence.items()
            if key.startswith("reported.")
        }


@dataclass
class Attribution:
    main: str | None
    multi: bool
    owners: dict[str | None, tuple[list[Candidate], list[Label]]]
    mentions: Counter[str]
    kinds: dict[str, str]
    tools: dict[str, dict[str, Candidate]] = field(default_factory=dict)  # per agency


def attribute(
    lines: list[Line], mentions: list[Mention], candidates: list[Candidate], labels: list[Label]
) -> Attribution:
    by_line: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_line.setdefault(mention.line, []).append(mention)
    owners: dict[str | None, tuple[list[Candidate], list[Label]]] = {}
    kinds_of = {m.name: m.kind for m in mentions}
    tools: dict[str, dict[str, Candidate]] = {}
    for candidate in candidates:
        if candidate.role == "tool" and candidate.tool:  # a tool column of an agencies' table
            owner = _owner(lines[candidate.line], by_line.get(candidate.line, []), candidate.start)
            if owner is not None:
                tools.setdefault(owner, {}).setdefault(candidate.tool, candidate)
            continue
        if candidate.role != OWN:
            continue
        candidate.agency = _owner(
            lines[candidate.line], by_line.get(candidate.line, []), candidate.start
        )
        owners.setdefault(candidate.agency, ([], []))[0].append(candidate)
    for label in labels:
        owner = _owner(lines[label.line], by_line.get(label.line, []), label.start)
        # a label for a list ("(AA) ประกอบด้วย อบต.ก, อบต.ข") only when no agency of
        # its own stands before it: "ศาล… ได้ ผ่านดี ในกลุ่มศาล ได้แก่ …" is the court's
        listed: list[str | None] = [
            *(
                _listed(lines[label.line], by_line.get(label.line, []), label.start)
                if owner is None or kinds_of.get(owner) in _PARENT_KINDS
                else []
            )
        ]
        for name in listed or [owner]:
            owners.setdefault(name, ([], []))[1].append(label)
    counts: Counter[str] = Counter(m.name for m in mentions)
    kinds = {m.name: m.kind for m in mentions}
    group_means = any(c.role == "mean" for c in candidates)
    main, multi = _main(counts, kinds, owners, group_means)
    return Attribution(main, multi, owners, counts, kinds, tools)


def _owner(line: Line, mentions: list[Mention], start: int) -> str | None:
    before = [m for m in mentions if m.end <= start and start - m.end < 260]
    pick = [m for m in before if m.kind not in _PARENT_KINDS] or before
    # "กรม… ได้รับรางวัลจากสำนักงาน… ได้ 95.12": an agency after "จาก" or "ณ" is the
    # giver or the place, not the one scored, when another stands before it ("แก่" and
    # "กับ" name the one congratulated or given the award: that one is scored)
    subjects = [m for m in pick if not _OBJECT.search(line.plain[max(0, m.start - 12) : m.start])]
    pick = subjects or pick
    if pick:
        return pick[-1].name
    in_row = "\t" in line.plain or re.match(r"^\s*\d{1,3}[.)]?\s", line.plain)
    after = [m for m in mentions if m.start >= start]
    if in_row and after:
        return after[0].name
    return None


def _listed(line: Line, mentions: list[Mention], start: int) -> list[str]:
    """Agencies listed after a label: "… (AA) … ประกอบด้วย อบต.ก, อบต.ข และ อบต.ค"."""
    cue = _LIST_CUE.search(line.plain, start, start + 140)
    if not cue or re.search(r"\d\.\d", line.plain[start : cue.start()]):
        return []  # a score between the label and the list belongs to someone else
    names = [m.name for m in mentions if m.start >= cue.end() and m.kind not in _PARENT_KINDS]
    return names if len(set(names)) >= 2 else []


def _main(
    counts: Counter[str],
    kinds: dict[str, str],
    owners: dict[str | None, tuple[list[Candidate], list[Label]]],
    group_means: bool,
) -> tuple[str | None, bool]:
    """The text's main agency, and whether it reports several. Several: two or more
    agencies with values of their own, or many agencies named once each beside
    group means (a news item on a ministry's agencies); a page's links naming many
    agencies once do not make it one."""

    def weight(name: str) -> float:
        return 0.4 if kinds.get(name) in _PARENT_KINDS else 1.0

    with_values = [n for n, (c, labels) in owners.items() if n is not None and (c or labels)]
    score = {
        name: counts[name] * weight(name)
        + 2 * (len(owners.get(name, ([], []))[0]) + len(owners.get(name, ([], []))[1]))
        for name in counts
    }
    ranked = sorted(score, key=lambda n: score[n], reverse=True)
    distinct = [n for n in counts if kinds.get(n) not in _PARENT_KINDS]
    top = ranked[0] if ranked else None
    multi = len(set(with_values)) >= 2 or (
        group_means and len(distinct) >= 4 and top is not None and counts[top] < 2
    )
    if not multi:
        return top, False
    runner = ranked[1] if len(ranked) > 1 else None
    if (
        top is not None
        and counts[top] >= 2
        and (runner is None or (counts[top] > counts[runner] and score[top] > score[runner]))
    ):
        return top, True  # named more often than any other, and with values of its own
    return None, True


def decide(
    values: AgencyValues,
    lines: list[Line],
    candidates: list[Candidate],
    labels: list[Label],
    *,
    year: int | None,
    framework: Framework,
    rating_scheme: Framework | None,
    computed: Decimal | None,
    tools: dict[str, Decimal | None] | None = None,
    others: tuple[str, ...] = (),
    year_doubtful: bool = False,
    from_tools: bool = False,
) -> None:
    """Choose the overall, grade and rating of one agency among its candidates.
    `computed` and `tools` are what the engine gives from the indicators, if all are
    known; `others` describes the numbers nearby that took another role, for --explain."""
    own = [c for c in candidates if c.role == OWN and (c.year is None or c.year == year)]
    grades = [x for x in labels if x.field == "grade" and _this_year(x, year)]
    ratings = [x for x in labels if x.field == "rating" and _this_year(x, year)]
    stated_grades = {g.value for g in grades}
    stated_ratings = {r.value for r in ratings}
    groups: dict[Decimal, list[Candidate]] = {}
    for candidate in own:
        key = next((k for k in groups if same(k, candidate.value)), candidate.value)
        groups.setdefault(key, []).append(candidate)

    def support(value: Decimal) -> float:
        found = groups[value]
        return max(c.weight() for c in found) + 0.75 * (len(found) - 1)

    def fits(value: Decimal) -> int:
        """+1 per stated grade or rating in the engine's band for this value, -1 per one not."""
        points = 0
        if stated_grades:
            points += 1 if grade_for(framework, value) in stated_grades else -1
        allowed = ratings_for(rating_scheme, value)
        if stated_ratings and allowed:
            points += 1 if stated_ratings & allowed else -1
        return points

    overall: Decimal | None = None
    if groups:
        engine_match = (
            next((v for v in groups if agrees(v, computed)), None) if computed is not None else None
        )
        ranked = sorted(
            groups, key=lambda v: (v == engine_match, fits(v), support(v)), reverse=True
        )
        overall = ranked[0]
        best = groups[overall]
        first = max(best, key=lambda c: c.weight())
        rivals = [v for v in ranked[1:] if support(v) >= PLAUSIBLE]
        confirmed = engine_match is not None
        # Whose score it is must be as clear as which number: no agency, no "high".
        clear = (
            values.name is not None
            # an ambiguous year makes a value of that year doubtful, unless tagged with it
            and (not year_doubtful or first.year == year)
            and support(overall) >= STRONG
            and not [v for v in rivals if fits(v) >= fits(overall)]
            and fits(overall) >= 0
        )
        # an overall the indicators contradict is kept as stated, but not as "high"
        high = confirmed or (clear and computed is None)
        rejected = tuple(_why_not(v, groups[v], lines) for v in ranked[1:]) + others
        cues = tuple(first.cues) + (
            ("the engine computes the same overall from the indicators",) if confirmed else ()
        )
        values.evidence["reported.overall"] = Evidence(
            "reported.overall",
            first.value,
            lines[first.line].number,
            snippet(lines[first.line], first.written),
            "high" if high else ("medium" if support(overall) >= PLAUSIBLE else "low"),
            role=OWN,
            cues=cues,
            rejected=rejected,
        )
        if rivals and not confirmed:  # the engine's confirmation settles it; --explain lists them
            listed = ", ".join(f"{v} (บรรทัด {lines[groups[v][0].line].number})" for v in rivals)
            listed_en = ", ".join(f"{v} (line {lines[groups[v][0].line].number})" for v in rivals)
            values.doubts.append(
                Doubt(
                    "OVERALL_CANDIDATES",
                    f"คะแนนภาพรวม: เลือก {first.value} จากหลายค่าที่อาจเป็นคะแนนของหน่วยงาน "
                    f"ค่าอื่น: {listed}",
                    f"overall: chose {first.value} among several values that could be the "
                    f"agency's score; others: {listed_en}",
                )
            )
        # an overall the indicators contradict is kept as stated; the engine's own check
        # (OVERALL_MISMATCH) reports it. It checks against indicators only, so a
        # conflict with the stated tool scores is reported here.
        if computed is not None and not confirmed and from_tools:
            values.doubts.append(
                Doubt(
                    "OVERALL_TOOLS_CONFLICT",
                    f"คะแนนภาพรวมที่ระบุ ({first.value}) ไม่ตรงกับที่คำนวณจากคะแนนแบบวัดที่ระบุ "
                    f"({round2(computed)}) ใช้ค่าตามที่ระบุ",
                    f"the stated overall ({first.value}) is not what the stated tool scores give "
                    f"({round2(computed)}); kept as stated",
                )
            )
    sure = overall is not None and values.evidence["reported.overall"].confidence == "high"
    for found, name in ((grades, "grade"), (ratings, "rating")):
        _label_choice(values, lines, found, name, framework, rating_scheme, overall, tools, sure)


def _this_year(label: Label, year: int | None) -> bool:
    return not label.previous and (label.year is None or label.year == year)


def _label_choice(
    values: AgencyValues,
    lines: list[Line],
    found: list[Label],
    name: str,
    framework: Framework,
    rating_scheme: Framework | None,
    overall: Decimal | None,
    tools: dict[str, Decimal | None] | None,
    sure: bool,
) -> None:
    """Choose the grade or rating among those stated; `sure`: the overall they are
    checked against is itself "high"."""
    if not found:
        return
    allowed: set[str | None] = set()
    if overall is not None and name == "grade":
        allowed = {grade_for(framework, overall)}
    elif overall is not None and tools and all(v is not None for v in tools.values()):
        allowed = {rating_with_tools(rating_scheme, overall, tools)} - {None}
    elif overall is not None:
        allowed = set(ratings_for(rating_scheme, overall))
    counts = Counter(x.value for x in found)
    ranked = sorted(counts, key=lambda v: (v in allowed, counts[v]), reverse=True)
    chosen = ranked[0]
    first = next(x for x in found if x.value == chosen)
    line = lines[first.line]
    confirmed = chosen in allowed
    conflict = overall is not None and bool(allowed) and not confirmed
    if name == "rating" and chosen == "ผ่าน" and conflict:
        return  # a bare "ผ่าน" the score cannot carry as a label says it passed
    # "high" only when the engine finds the label in the band of an overall that is
    # itself "high"
    confidence = "high" if confirmed and sure else "medium"
    others = tuple(f"{v}: not in the band of the chosen overall" for v in ranked[1:])
    values.evidence[f"reported.{name}"] = Evidence(
        f"reported.{name}",
        chosen,
        line.number,
        snippet(line, chosen),
        "medium" if conflict else confidence,
        role=name,
        cues=("agrees with the overall's band (engine)",) if confirmed else (),
        rejected=others,
    )
    if conflict:
        values.doubts.append(
            Doubt(
                f"{name.upper()}_CONFLICT",
                f"{'ระดับ' if name == 'grade' else 'ผลการประเมิน'} '{chosen}' ที่ระบุไม่ตรงกับคะแนน "
                f"{overall} (ควรเป็น {', '.join(sorted(map(str, allowed)))}) ใช้ค่าตามที่ระบุ",
                f"the stated {name} '{chosen}' does not agree with the score {overall} "
                f"(the engine gives {', '.join(sorted(map(str, allowed)))}); kept as stated",
            )
        )
    elif len(counts) > 1:
        values.doubts.append(
            Doubt(
                f"{name.upper()}_CANDIDATES",
                f"เอกสารระบุ{'ระดับ' if name == 'grade' else 'ผลการประเมิน'}หลายค่า "
                f"({', '.join(counts)}) ใช้ {chosen}",
                f"the text states several {name}s ({', '.join(counts)}); used {chosen}",
            )
        )


def _why_not(value: Decimal, found: list[Candidate], lines: list[Line]) -> str:
    first = found[0]
    weight = max(c.weight() for c in found)
    return f"{value} (line {lines[first.line].number}): weaker cues ({weight:.1f})"
