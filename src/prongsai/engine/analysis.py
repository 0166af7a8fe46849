"""The analysis an agency writes every year: ranks, strengths and weaknesses, what to fix first."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal

from prongsai.engine.checks import check_consistency
from prongsai.engine.findings import Finding
from prongsai.engine.model import Framework
from prongsai.engine.numbers import round2
from prongsai.engine.results import Reported, Results
from prongsai.engine.scoring import Scores, compute_scores, indicator_weight, item_weight

DEFAULT_THRESHOLD = Decimal(85)  # the national target; some agencies use 90
WEAKEST_SHOWN = 3

Status = Literal["strength", "weakness"]


@dataclass(frozen=True)
class QuestionResult:
    code: str
    title: str
    score: Decimal
    gap: Decimal  # threshold − score; negative when above it


@dataclass(frozen=True)
class OitFailure:
    code: str
    title: str | None
    comment: str | None
    indicator: int | None
    sub_indicator: str | None
    points_if_fixed: Decimal | None  # ITA points that passing this item adds


@dataclass(slots=True)  # not frozen, like IndicatorScore: one per indicator per result
class IndicatorResult:
    number: int
    name: str
    tool: str
    score: Decimal | None
    rank: int | None
    status: Status | None
    gap: Decimal | None  # how far a weakness is below the threshold
    points_to_threshold: Decimal | None  # ITA points that raising it to the threshold adds
    weakest_questions: tuple[QuestionResult, ...]
    failed_items: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    previous_year: int
    overall: Decimal | None
    tools: dict[str, Decimal | None]
    indicators: dict[int, Decimal | None]
    previous_grade: str | None
    previous_overall: Decimal | None


@dataclass(frozen=True)
class Analysis:
    framework: Framework
    agency: str | None
    fiscal_year: int
    threshold: Decimal
    scores: Scores
    indicators: tuple[IndicatorResult, ...]  # in indicator-number order
    oit_failed: tuple[OitFailure, ...]  # most points first
    warnings: tuple[Finding, ...]
    reported: Reported
    change: Change | None

    @cached_property
    def ranked(self) -> list[IndicatorResult]:
        scored = [i for i in self.indicators if i.rank is not None]
        return sorted(scored, key=lambda i: (i.rank, i.number))

    @cached_property
    def strengths(self) -> list[IndicatorResult]:
        return [i for i in self.ranked if i.status == "strength"]

    @cached_property
    def weaknesses(self) -> list[IndicatorResult]:
        return [i for i in self.ranked if i.status == "weakness"]

    @cached_property
    def meets_threshold(self) -> bool | None:
        """Whether the overall score, as shown (2 decimals), reaches the threshold."""
        overall = self.scores.overall
        return None if overall is None else round2(overall) >= self.threshold


def analyze(
    framework: Framework,
    results: Results,
    *,
    threshold: Decimal = DEFAULT_THRESHOLD,
    previous: tuple[Framework, Results] | None = None,
) -> Analysis:
    """Scores, checks and analysis of one ITA result against `threshold`."""
    scores = compute_scores(framework, results)
    failures = _oit_failures(framework, results)
    ranks = _competition_ranks({n: s.score for n, s in scores.indicators.items()})
    failed_by_indicator: dict[int | None, list[str]] = {}
    for failure in failures:
        failed_by_indicator.setdefault(failure.indicator, []).append(failure.code)
    indicators = []
    for number, score in scores.indicators.items():
        value = score.score
        weak = value is not None and value < threshold
        indicators.append(
            IndicatorResult(
                number=number,
                name=score.name,
                tool=score.tool,
                score=value,
                rank=ranks.get(number),
                status=None if value is None else ("weakness" if weak else "strength"),
                gap=threshold - value if weak and value is not None else None,
                points_to_threshold=(
                    indicator_weight(framework, number) * (threshold - value)
                    if weak and value is not None
                    else None
                ),
                weakest_questions=(
                    _weakest_questions(framework, results, number, threshold) if weak else ()
                ),
                failed_items=tuple(failed_by_indicator.get(number, ())),
            )
        )
    change = None
    if previous is not None:
        change = _change(compute_scores(*previous), previous[1].fiscal_year, scores)
    return Analysis(
        framework=framework,
        agency=results.agency,
        fiscal_year=results.fiscal_year,
        threshold=threshold,
        scores=scores,
        indicators=tuple(indicators),
        oit_failed=failures,
        warnings=tuple(check_consistency(framework, results, scores)),
        reported=results.reported,
        change=change,
    )


def _competition_ranks(values: dict[int, Decimal | None]) -> dict[int, int]:
    """1 for the highest; equal scores share a rank (1, 2, 2, 4)."""
    scored = sorted(((v, n) for n, v in values.items() if v is not None), key=lambda p: -p[0])
    ranks: dict[int, int] = {}
    previous: Decimal | None = None
    for position, (value, number) in enumerate(scored, start=1):
        ranks[number] = ranks[scored[position - 2][1]] if value == previous else position
        previous = value
    return ranks


def _weakest_questions(
    framework: Framework, results: Results, number: int, threshold: Decimal
) -> tuple[QuestionResult, ...]:
    """The indicator's questions below the threshold, lowest first; else its lowest three."""
    if not results.questions:
        return ()
    scored = sorted(
        (
            QuestionResult(
                q.code, q.title, results.questions[q.code], threshold - results.questions[q.code]
            )
            for q in framework.questions_of_indicator[number]
            if q.code in results.questions
        ),
        key=lambda q: (q.score, q.code),
    )
    below = [q for q in scored if q.gap > 0]
    return tuple(below or scored[:WEAKEST_SHOWN])


def _oit_failures(framework: Framework, results: Results) -> tuple[OitFailure, ...]:
    failures = []
    for code, passed in results.oit_items.items():
        if passed:
            continue
        item = framework.item_by_code.get(code)
        failures.append(
            OitFailure(
                code=code,
                title=item.title if item else None,
                comment=results.oit_comments.get(code),
                indicator=framework.indicator_of_item(code) if item else None,
                sub_indicator=item.sub_indicator if item else None,
                points_if_fixed=item_weight(framework, code),
            )
        )
    unknown_last = Decimal(-1)
    return tuple(
        sorted(
            failures,
            key=lambda f: (
                -(f.points_if_fixed if f.points_if_fixed is not None else unknown_last),
                int(f.code[1:]),
            ),
        )
    )


def _change(before: Scores, previous_year: int, now: Scores) -> Change:
    def delta(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return None if a is None or b is None else a - b

    return Change(
        previous_year=previous_year,
        overall=delta(now.overall, before.overall),
        tools={t: delta(v, before.tools.get(t)) for t, v in now.tools.items()},
        indicators={
            n: delta(s.score, before.indicators[n].score if n in before.indicators else None)
            for n, s in now.indicators.items()
        },
        previous_grade=before.grade,
        previous_overall=before.overall,
    )
