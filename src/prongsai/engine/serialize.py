"""The analysis as plain JSON-ready data: the contract of `prongsai analyze --format json`.

Numbers are rounded half-up to 2 decimals; a value that cannot be computed is None
(JSON null), never 0.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from prongsai.engine.analysis import Analysis
from prongsai.engine.numbers import CENT
from prongsai.engine.results import Results


def number(value: Decimal | None) -> float | None:
    return None if value is None else float(value.quantize(CENT, ROUND_HALF_UP))


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    scores = analysis.scores
    framework = analysis.framework
    reported = analysis.reported
    change = analysis.change
    return {
        "agency": analysis.agency,
        "fiscal_year": analysis.fiscal_year,
        "framework": framework.key,
        "framework_confidence": framework.provenance.confidence,
        "threshold": number(analysis.threshold),
        "overall": number(scores.overall),
        "grade": scores.grade,
        "passed": scores.passed,
        "rating": scores.rating,
        "tools": {code: number(value) for code, value in scores.tools.items()},
        "indicators": [
            {
                "number": i.number,
                "name": i.name,
                "tool": i.tool,
                "score": number(i.score),
                "rank": i.rank,
                "status": i.status,
                "gap": number(i.gap),
                "points_to_threshold": number(i.points_to_threshold),
                "source": scores.indicators[i.number].source,
                "computed": number(scores.indicators[i.number].computed),
                "weakest_questions": [
                    {"code": q.code, "title": q.title, "score": number(q.score)}
                    for q in i.weakest_questions
                ],
                "failed_items": list(i.failed_items),
            }
            for i in analysis.indicators
        ],
        "strengths": [i.number for i in analysis.strengths],
        "weaknesses": [i.number for i in analysis.weaknesses],
        "oit_failed": [
            {
                "code": f.code,
                "title": f.title,
                "comment": f.comment,
                "indicator": f.indicator,
                "sub_indicator": f.sub_indicator,
                "points_if_fixed": number(f.points_if_fixed),
            }
            for f in analysis.oit_failed
        ],
        "change": None
        if change is None
        else {
            "previous_year": change.previous_year,
            "previous_overall": number(change.previous_overall),
            "previous_grade": change.previous_grade,
            "overall": number(change.overall),
            "tools": {code: number(v) for code, v in change.tools.items()},
            "indicators": {str(n): number(v) for n, v in change.indicators.items()},
        },
        "reported": {
            "overall": number(reported.overall),
            "grade": reported.grade,
            "rating": reported.rating,
            "passed": reported.passed,
            **{code: number(v) for code, v in reported.tools.items()},
        },
        "warnings": [w.as_dict() for w in analysis.warnings],
    }


def results_to_document(results: Results) -> dict[str, Any]:
    """A results document (the README's format) holding exactly what `results` holds."""
    document: dict[str, Any] = {"agency": results.agency} if results.agency else {}
    document["fiscal_year"] = results.fiscal_year
    if results.framework:
        document["framework"] = results.framework
    if results.indicators:
        document["indicators"] = {str(n): v for n, v in sorted(results.indicators.items())}
    if results.questions:
        document["questions"] = {
            code: list(results.sub_items[code]) if code in results.sub_items else value
            for code, value in results.questions.items()
        }
    if results.oit_items:
        document["oit_items"] = {c: 100 if ok else 0 for c, ok in results.oit_items.items()}
    if results.oit_comments:
        document["oit_comments"] = dict(results.oit_comments)
    r = results.reported
    given = {"overall": r.overall, "grade": r.grade, "rating": r.rating, "passed": r.passed}
    reported = {k: v for k, v in given.items() if v is not None} | dict(r.tools)
    if reported:
        document["reported"] = reported
    return document
