"""Scores from whatever level of detail a result gives.

Overall ITA = Σ tool weight × tool score; a tool score is the mean of its
indicators; a survey indicator is the mean of its questions; a disclosure (OIT)
indicator is the mean of its sub-indicators, each the share of its items passed.
A value that cannot be computed is None, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from prongsai.engine.model import Framework
from prongsai.engine.numbers import HUNDRED, mean, round2
from prongsai.engine.results import Results

ScoreSource = Literal["given", "questions", "items"]


# Built ten per result and read-only by convention: not frozen, because a frozen
# dataclass takes four times as long to build and a batch builds 100,000 of them.
@dataclass(slots=True)
class IndicatorScore:
    number: int
    name: str
    tool: str
    score: Decimal | None  # the value used: as given, else as computed
    given: Decimal | None
    computed: Decimal | None  # from its questions or OIT items, when all are there
    source: ScoreSource | None


@dataclass(frozen=True)
class Scores:
    indicators: dict[int, IndicatorScore]
    sub_indicators: dict[str, Decimal]
    tools: dict[str, Decimal | None]
    overall: Decimal | None
    grade: str | None
    passed: bool | None
    rating: str | None


def indicator_from_questions(
    framework: Framework, number: int, questions: dict[str, Decimal]
) -> Decimal | None:
    """Mean of the indicator's questions, when every one of them is given."""
    own = framework.questions_of_indicator[number]
    if not questions or not own or any(q.code not in questions for q in own):
        return None
    return mean(questions[q.code] for q in own)


def sub_indicator_score(framework: Framework, code: str, items: dict[str, bool]) -> Decimal | None:
    """Share of the sub-indicator's items passed, when every item's result is given."""
    own = framework.items_of_sub_indicator[code]
    if not own or any(o.code not in items for o in own):
        return None
    return HUNDRED * sum(1 for o in own if items[o.code]) / len(own)


def indicator_from_items(
    framework: Framework, number: int, items: dict[str, bool]
) -> Decimal | None:
    """Mean of the indicator's sub-indicators, when every one can be computed."""
    if not items or not framework.indicator_by_number[number].detail_known:
        return None
    subs = [
        sub_indicator_score(framework, s.code, items)
        for s in framework.sub_indicators_of_indicator[number]
    ]
    if not subs or any(s is None for s in subs):
        return None
    return mean(s for s in subs if s is not None)


def item_weight(framework: Framework, code: str) -> Decimal | None:
    """ITA points one OIT item is worth: what passing it adds to the overall score.

    weight of the tool / its indicators / the indicator's sub-indicators / the
    sub-indicator's items × 100 — so an item in a 2-item sub-indicator is worth
    several times one in a 9-item sub-indicator. None when membership is unknown.
    """
    return _weights(framework).items.get(code)


def indicator_weight(framework: Framework, number: int) -> Decimal:
    """ITA points one indicator point is worth (tool weight / indicators in the tool)."""
    return _weights(framework).indicators[number]


@dataclass(frozen=True)
class _Weights:
    indicators: dict[int, Decimal]
    items: dict[str, Decimal | None]


# An edition's weights, computed once per edition instead of once per result (a batch
# of 8,300 results asked for them 60,000 times). Editions are immutable, so an entry
# never goes stale; keyed by identity, with the edition kept alive beside its weights.
_WEIGHTS: dict[int, tuple[Framework, _Weights]] = {}


def _weights(framework: Framework) -> _Weights:
    cached = _WEIGHTS.get(id(framework))
    if cached is not None and cached[0] is framework:
        return cached[1]
    indicators = {}
    for indicator in framework.indicators:
        tool = framework.tool_by_code[indicator.tool]
        indicators[indicator.number] = tool.weight / len(framework.indicators_of_tool[tool.code])
    items: dict[str, Decimal | None] = {}
    for item in framework.oit_items:
        if item.sub_indicator is None:
            items[item.code] = None
            continue
        sub = framework.sub_indicator_by_code[item.sub_indicator]
        indicator = framework.indicator_by_number[sub.indicator]
        tool = framework.tool_by_code[indicator.tool]
        items[item.code] = (
            tool.weight
            * HUNDRED
            / len(framework.indicators_of_tool[tool.code])
            / len(framework.sub_indicators_of_indicator[indicator.number])
            / len(framework.items_of_sub_indicator[sub.code])
        )
    weights = _Weights(indicators, items)
    if len(_WEIGHTS) > 256:  # editions are few; this only bounds a test run's many
        _WEIGHTS.clear()
    _WEIGHTS[id(framework)] = (framework, weights)
    return weights


def grade_of(framework: Framework, overall: Decimal | None) -> str | None:
    if overall is None:
        return None
    shown = round2(overall)
    return next(g.grade for g in framework.grades if shown >= g.minimum)


def rating_of(
    framework: Framework, overall: Decimal | None, tools: dict[str, Decimal | None]
) -> str | None:
    if not framework.rating or overall is None or any(v is None for v in tools.values()):
        return None
    shown = round2(overall)
    lowest_tool = min(round2(v) for v in tools.values() if v is not None)
    for rule in framework.rating:
        if shown >= rule.minimum and (
            rule.tools_minimum is None or lowest_tool >= rule.tools_minimum
        ):
            return rule.label
    return None


def passes(framework: Framework, overall: Decimal | None) -> bool | None:
    """Whether an overall score meets the edition's pass mark, judged as shown (2 decimals)."""
    return None if overall is None else round2(overall) >= framework.pass_mark


def compute_scores(framework: Framework, results: Results) -> Scores:
    """Every score the result allows, from the most detailed level it gives."""
    indicators: dict[int, IndicatorScore] = {}
    for indicator in framework.indicators:
        if framework.kind_of_indicator[indicator.number] == "survey":
            computed = indicator_from_questions(framework, indicator.number, results.questions)
            detail: ScoreSource = "questions"
        else:
            computed = indicator_from_items(framework, indicator.number, results.oit_items)
            detail = "items"
        given = results.indicators.get(indicator.number)
        source: ScoreSource | None = "given" if given is not None else None
        if given is None and computed is not None:
            source = detail
        indicators[indicator.number] = IndicatorScore(
            number=indicator.number,
            name=indicator.name,
            tool=indicator.tool,
            score=given if given is not None else computed,
            given=given,
            computed=computed,
            source=source,
        )
    tools = tool_scores(framework, {n: s.score for n, s in indicators.items()})
    overall = overall_score(framework, tools)
    sub_scores = {
        s.code: score
        for s in (framework.sub_indicators if results.oit_items else ())
        if (score := sub_indicator_score(framework, s.code, results.oit_items)) is not None
    }
    return Scores(
        indicators=indicators,
        sub_indicators=sub_scores,
        tools=tools,
        overall=overall,
        grade=grade_of(framework, overall),
        passed=passes(framework, overall),
        rating=rating_of(framework, overall, tools),
    )


def tool_scores(
    framework: Framework, indicator_scores: dict[int, Decimal | None]
) -> dict[str, Decimal | None]:
    result: dict[str, Decimal | None] = {}
    for tool in framework.tools:
        values = [indicator_scores.get(i.number) for i in framework.indicators_of_tool[tool.code]]
        result[tool.code] = (
            None if any(v is None for v in values) else mean(v for v in values if v is not None)
        )
    return result


def overall_score(framework: Framework, tools: dict[str, Decimal | None]) -> Decimal | None:
    if any(v is None for v in tools.values()):
        return None
    return sum(
        (
            framework.tool_by_code[code].weight * value
            for code, value in tools.items()
            if value is not None
        ),
        Decimal(0),
    )
