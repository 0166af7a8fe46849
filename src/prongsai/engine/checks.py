"""Consistency checks: where a result contradicts itself or the framework, say so precisely.

Real documents contain copied cells and mistyped totals; the engine neither trusts
nor silently fixes them. Where a check rests on framework facts we only infer,
its message says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from prongsai.engine.findings import Finding, finding, fragment
from prongsai.engine.model import UNCONFIRMED, Framework, Provenance
from prongsai.engine.numbers import differs, fmt, plain
from prongsai.engine.results import Results
from prongsai.engine.scoring import Scores, overall_score, tool_scores


def check_consistency(framework: Framework, results: Results, scores: Scores) -> list[Finding]:
    """Every warning about this result, in the order a reader would check them."""
    return [
        *results.duplicates,
        *_unknown_codes(framework, results),
        *_sub_item_counts(framework, results),
        *_indicator_details(framework, scores),
        *_reported_tools(framework, results, scores),
        *_reported_overall(framework, results, scores),
        *_reported_labels(framework, results, scores),
        *_missing(framework, results, scores),
        *_oit_grouping(framework, results),
    ]


def _oit_grouping(framework: Framework, results: Results) -> Iterator[Finding]:
    """OIT indicators and points-if-fixed computed from items rest on the edition's
    sub-indicator membership: say so when that membership is only a hypothesis."""
    if not results.oit_items:
        return
    disclosure = {i.number for i in framework.indicators_of_kind("disclosure")}
    unverified = [
        s.code
        for s in framework.sub_indicators
        if s.indicator in disclosure and s.provenance.confidence == "unverified"
    ]
    if unverified:
        yield finding(
            "OIT_GROUPING_UNCONFIRMED", framework=framework.key, codes=", ".join(unverified)
        )


def _caveat(provenances: Iterable[Provenance]) -> tuple[str, str]:
    if any(p.confidence in UNCONFIRMED for p in provenances):
        return fragment("inferred")
    return "", ""


def _unknown_codes(framework: Framework, results: Results) -> Iterator[Finding]:
    key = framework.key
    for number in results.indicators:
        if number not in framework.indicator_by_number:
            yield finding(
                "UNKNOWN_CODE", what="ตัวชี้วัดที่", what_en="indicator", code=number, framework=key
            )
    unlisted = sorted(
        {q for q in results.questions if q not in framework.question_by_code},
        key=code_order,
    )
    survey = framework.indicators_of_kind("survey")
    not_found = [str(i.number) for i in survey if not i.detail_known]
    if unlisted and not_found:
        yield finding(
            "QUESTIONS_NOT_IN_EDITION",
            framework=key,
            indicators=", ".join(not_found),
            codes=", ".join(unlisted),
        )
    else:
        for code in unlisted:
            yield finding(
                "UNKNOWN_CODE", what="ข้อคำถาม", what_en="question", code=code, framework=key
            )
    disclosure = framework.indicators_of_kind("disclosure")
    if results.oit_items and not all(i.detail_known for i in disclosure):
        yield finding("ITEMS_NOT_PLACED", framework=key)
    elif framework.oit_items_complete:
        for code in sorted(results.oit_items.keys() | results.oit_comments.keys(), key=code_order):
            if code not in framework.item_by_code:
                yield finding(
                    "UNKNOWN_CODE", what="ข้อ OIT", what_en="OIT item", code=code, framework=key
                )


def _sub_item_counts(framework: Framework, results: Results) -> Iterator[Finding]:
    for code, values in results.sub_items.items():
        question = framework.question_by_code.get(code)
        if question and question.sub_items != len(values):
            yield finding(
                "SUB_ITEMS_COUNT", code=code, expected=question.sub_items, given=len(values)
            )


def _indicator_details(framework: Framework, scores: Scores) -> Iterator[Finding]:
    given_by_number = {n: s.given for n, s in scores.indicators.items() if s.given is not None}
    for number, score in scores.indicators.items():
        if (
            score.given is None
            or score.computed is None
            or not differs(score.given, score.computed)
        ):
            continue
        caveat, caveat_en = _caveat(_detail_provenance(framework, number))
        if framework.kind_of_indicator[number] == "disclosure":
            yield finding(
                "INDICATOR_ITEMS_MISMATCH",
                number=number,
                name=score.name,
                name_en=framework.indicator_by_number[number].name_en,
                given=fmt(score.given),
                computed=fmt(score.computed),
                caveat=caveat,
                caveat_en=caveat_en,
            )
            continue
        twins = [n for n, v in given_by_number.items() if n != number and v == score.given]
        copied, copied_en = fragment("copied", other=twins[0]) if twins else ("", "")
        codes = [q.code for q in framework.questions_of_indicator[number]]
        yield finding(
            "INDICATOR_QUESTIONS_MISMATCH",
            number=number,
            name=score.name,
            name_en=framework.indicator_by_number[number].name_en,
            given=fmt(score.given),
            computed=fmt(score.computed),
            first=codes[0],
            last=codes[-1],
            copied=copied,
            copied_en=copied_en,
            caveat=caveat,
            caveat_en=caveat_en,
        )


def _detail_provenance(framework: Framework, number: int) -> list[Provenance]:
    questions = framework.questions_of_indicator[number]
    if questions:
        return [q.provenance for q in questions]
    subs = framework.sub_indicators_of_indicator[number]
    return [s.provenance for s in subs] + [
        o.provenance for s in subs for o in framework.items_of_sub_indicator[s.code]
    ]


def _reported_tools(framework: Framework, results: Results, scores: Scores) -> Iterator[Finding]:
    for tool, reported in results.reported.tools.items():
        if tool not in framework.tool_by_code:
            yield finding("UNKNOWN_TOOL", tool=tool, framework=framework.key, value=fmt(reported))
            continue
        computed = scores.tools.get(tool)
        if computed is not None and differs(reported, computed):
            yield finding(
                "TOOL_MISMATCH", tool=tool, reported=fmt(reported), computed=fmt(computed)
            )


def _reported_overall(framework: Framework, results: Results, scores: Scores) -> Iterator[Finding]:
    reported = results.reported.overall
    if reported is None or scores.overall is None or not differs(reported, scores.overall):
        return
    explained = explained_en = ""
    fix = _explaining_substitution(framework, scores, reported)
    if fix is not None:
        numbers, alternative = fix
        kinds = {framework.kind_of_indicator[n] for n in numbers}
        detail, detail_en = {
            frozenset({"survey"}): ("ข้อคำถาม", "questions"),
            frozenset({"disclosure"}): ("ผลรายข้อ OIT", "OIT items"),
        }.get(frozenset(kinds), ("ข้อคำถามและผลรายข้อ OIT", "questions and OIT items"))
        explained, explained_en = fragment(
            "explained",
            numbers=", ".join(str(n) for n in numbers),
            detail=detail,
            detail_en=detail_en,
            alternative=fmt(alternative),
        )
    yield finding(
        "OVERALL_MISMATCH",
        reported=fmt(reported),
        computed=fmt(scores.overall),
        explained=explained,
        explained_en=explained_en,
    )


def _explaining_substitution(
    framework: Framework, scores: Scores, reported: Decimal
) -> tuple[list[int], Decimal] | None:
    """Which indicators, taken from their details instead, reproduce the reported overall."""
    suspects = [
        n
        for n, s in scores.indicators.items()
        if s.given is not None and s.computed is not None and differs(s.given, s.computed)
    ]
    candidates = [[n] for n in suspects] + ([suspects] if len(suspects) > 1 else [])
    for numbers in candidates:
        values = {n: s.score for n, s in scores.indicators.items()}
        for n in numbers:
            values[n] = scores.indicators[n].computed
        alternative = overall_score(framework, tool_scores(framework, values))
        if alternative is not None and not differs(reported, alternative):
            return numbers, alternative
    return None


def _reported_labels(framework: Framework, results: Results, scores: Scores) -> Iterator[Finding]:
    reported = results.reported
    overall = fmt(scores.overall)
    grades = [g.grade for g in framework.grades]
    if reported.grade is not None:
        grade = reported.grade.upper().replace(" ", "")
        if grade not in grades:
            yield finding(
                "UNKNOWN_GRADE",
                reported=reported.grade,
                framework=framework.key,
                grades=", ".join(grades),
            )
        elif scores.grade is not None and grade != scores.grade:
            yield finding(
                "GRADE_MISMATCH", reported=reported.grade, overall=overall, computed=scores.grade
            )
    if reported.rating is not None:
        if not framework.rating:
            yield finding(
                "RATING_NOT_IN_EDITION", framework=framework.key, reported=reported.rating
            )
        elif scores.rating is not None and reported.rating.replace(" ", "") != scores.rating:
            rule = next(r for r in framework.rating if r.label == scores.rating)
            yield finding(
                "RATING_MISMATCH",
                reported=reported.rating,
                computed=scores.rating,
                computed_en=rule.label_en,
            )
    if (
        reported.passed is not None
        and scores.passed is not None
        and (reported.passed != scores.passed)
    ):
        yield finding(
            "PASSED_MISMATCH",
            reported="ผ่าน" if reported.passed else "ไม่ผ่าน",
            reported_en="passed" if reported.passed else "not passed",
            computed="ผ่าน" if scores.passed else "ไม่ผ่าน",
            computed_en="reaches" if scores.passed else "does not reach",
            overall=overall,
            pass_mark=plain(framework.pass_mark),
        )


def _missing(framework: Framework, results: Results, scores: Scores) -> Iterator[Finding]:
    if not results.has_scores():
        yield finding("NO_SCORES")
        return
    if scores.overall is not None:
        return
    missing = [n for n, s in scores.indicators.items() if s.score is None]
    tools = [t for t, v in scores.tools.items() if v is None]
    yield finding(
        "INDICATORS_MISSING", numbers=", ".join(str(n) for n in missing), tools=", ".join(tools)
    )


def code_order(code: str) -> tuple[str, int]:
    """Sort key of an item or question code: O2 before O10, i7 before i12."""
    letters = code.rstrip("0123456789")
    return letters, int(code[len(letters) :] or 0)
