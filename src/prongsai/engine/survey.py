"""Pulse surveys: an agency's own IIT/EIT questionnaire, scored the way ITA scores them.

A response is a mapping of question code to the chosen option of each sub-item (an
index into the question's scale, 0 = the scale's first label). From responses:
sub-item score = mean of the points chosen (reversed sub-items count 100 − points) →
question = mean of its sub-items → indicator = mean of its questions → tool = mean of
its indicators. With last year's official result the other tools (OIT, and a tool not
surveyed) are taken as they were, giving a predicted ITA. Nothing is shown from fewer
answers than the minimum (default 5): the scores are then withheld, not computed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from prongsai.engine.model import Framework, Question, Scale
from prongsai.engine.numbers import HUNDRED, mean
from prongsai.engine.results import Results
from prongsai.engine.scoring import compute_scores, grade_of, overall_score, tool_scores

MINIMUM_ANSWERS = 5
SURVEY_TOOLS = ("IIT", "EIT")

Response = Mapping[str, Sequence[int]]


class SurveyError(ValueError):
    """A response that does not fit the questionnaire; the message is Thai."""


@dataclass(frozen=True)
class SampleRule:
    """The minimum sample of a tool: `percent` of the population, at least `minimum`
    (everyone when there are fewer), at most `maximum`. `verified` is False while the
    rule is only known from a sector variant and not from NACC."""

    percent: Decimal
    minimum: int
    maximum: int | None
    verified: bool
    source: str


# The only rule seen (reference §7, a school variant of 2564), NOT verified for other
# agencies: an administrator may set each edition's own rule.
VARIANT_SOURCE = "คู่มือ ITA 2564 ของสถานศึกษา (OVEC/OBEC) — ยังไม่ยืนยันว่าใช้กับหน่วยงานอื่น"
DEFAULT_SAMPLE_RULES: dict[str, SampleRule] = {
    "EIT": SampleRule(Decimal(10), 30, 400, verified=False, source=VARIANT_SOURCE),
    "IIT": SampleRule(Decimal(0), 25, None, verified=False, source=VARIANT_SOURCE),
}


def minimum_sample(rule: SampleRule, population: int) -> int:
    """How many answers the rule asks of a population of this size."""
    if population <= 0:
        return 0
    wanted = int((rule.percent * population / HUNDRED).to_integral_value(ROUND_CEILING))
    wanted = max(wanted, rule.minimum)
    if rule.maximum is not None:
        wanted = min(wanted, rule.maximum)
    return min(wanted, population)


def survey_questions(framework: Framework, tool: str) -> tuple[Question, ...]:
    """The tool's questions in the edition's order (indicator by indicator)."""
    if framework.tool_by_code.get(tool) is None or tool not in SURVEY_TOOLS:
        raise SurveyError(f"เครื่องมือ {tool} ไม่ใช่แบบสำรวจในเกณฑ์ {framework.key}")
    numbers = [i.number for i in framework.indicators_of_tool[tool]]
    return tuple(q for n in numbers for q in framework.questions_of_indicator[n])


def scale_of(framework: Framework, question: Question) -> Scale:
    return next(s for s in framework.scales if s.code == question.scale)


def choice_points(framework: Framework, question: Question, sub_item: int, choice: int) -> Decimal:
    """Points of one answer to sub-item `sub_item` (1-based); reversed items count 100 − p."""
    points = scale_of(framework, question).points
    if not 0 <= choice < len(points):
        raise SurveyError(f"คำตอบข้อ {question.code}.{sub_item} ไม่อยู่ในมาตรวัด")
    value = points[choice]
    return HUNDRED - value if sub_item in question.reversed_sub_items else value


def check_response(framework: Framework, tool: str, response: Response) -> dict[str, list[int]]:
    """The response reduced to the tool's questions, every sub-item answered; else SurveyError."""
    clean: dict[str, list[int]] = {}
    for question in survey_questions(framework, tool):
        choices = list(response.get(question.code, ()))
        if len(choices) != question.sub_items:
            raise SurveyError(f"ยังไม่ได้ตอบข้อ {question.code} ครบทุกข้อย่อย")
        for number, choice in enumerate(choices, start=1):
            choice_points(framework, question, number, choice)
        clean[question.code] = choices
    return clean


@dataclass(frozen=True)
class SurveyScores:
    tool: str
    answers: int
    minimum: int
    withheld: bool  # fewer answers than the minimum: nothing below is filled
    sub_items: dict[str, tuple[Decimal, ...]] = field(default_factory=dict)
    questions: dict[str, Decimal] = field(default_factory=dict)
    indicators: dict[int, Decimal] = field(default_factory=dict)
    score: Decimal | None = None


def score_survey(
    framework: Framework,
    tool: str,
    responses: Sequence[Response],
    *,
    minimum: int = MINIMUM_ANSWERS,
) -> SurveyScores:
    """Scores of the tool from its responses, or withheld below `minimum` answers."""
    minimum = max(minimum, 1)
    questions = survey_questions(framework, tool)
    if len(responses) < minimum:
        return SurveyScores(tool, len(responses), minimum, withheld=True)
    sub_scores: dict[str, tuple[Decimal, ...]] = {}
    for question in questions:
        columns: list[list[Decimal]] = [[] for _ in range(question.sub_items)]
        for response in responses:
            for number, choice in enumerate(response.get(question.code, ()), start=1):
                if number <= question.sub_items:
                    columns[number - 1].append(choice_points(framework, question, number, choice))
        if all(columns):
            sub_scores[question.code] = tuple(mean(c) for c in columns)
    question_scores = {code: mean(values) for code, values in sub_scores.items()}
    indicators: dict[int, Decimal] = {}
    for indicator in framework.indicators_of_tool[tool]:
        own = framework.questions_of_indicator[indicator.number]
        if own and all(q.code in question_scores for q in own):
            indicators[indicator.number] = mean(question_scores[q.code] for q in own)
    numbers = [i.number for i in framework.indicators_of_tool[tool]]
    score = mean(indicators[n] for n in numbers) if len(indicators) == len(numbers) else None
    return SurveyScores(
        tool=tool,
        answers=len(responses),
        minimum=minimum,
        withheld=False,
        sub_items=sub_scores,
        questions=question_scores,
        indicators=indicators,
        score=score,
    )


@dataclass(frozen=True)
class QuestionComparison:
    code: str
    indicator: int
    title: str
    now: Decimal
    last: Decimal | None
    change: Decimal | None


@dataclass(frozen=True)
class Prediction:
    """The ITA the pulse surveys point to: surveyed tools from the answers, the rest
    (OIT above all) from last year's official result."""

    tools: dict[str, Decimal | None]
    sources: dict[str, str]  # tool → "survey" | "last_year" | "missing"
    overall: Decimal | None
    grade: str | None


def official_indicators(framework: Framework, last: Results | None) -> dict[int, Decimal | None]:
    """Last year's official indicator scores (as given, else computed from their detail)."""
    if last is None:
        return {}
    return {n: s.score for n, s in compute_scores(framework, last).indicators.items()}


def predict(
    framework: Framework, surveys: Sequence[SurveyScores], last: Results | None
) -> Prediction:
    """Predicted tool scores and ITA: every surveyed tool from its survey, the others
    from last year's official indicators (None when neither is there)."""
    indicators: dict[int, Decimal | None] = official_indicators(framework, last)
    surveyed = {s.tool: s for s in surveys if not s.withheld and s.score is not None}
    for survey in surveyed.values():
        indicators.update(survey.indicators)
    tools = tool_scores(framework, indicators)
    sources: dict[str, str] = {}
    for code, value in tools.items():
        sources[code] = (
            "survey" if code in surveyed else "last_year" if value is not None else "missing"
        )
    overall = overall_score(framework, tools)
    return Prediction(tools, sources, overall, grade_of(framework, overall))


def compare_questions(
    framework: Framework, scores: SurveyScores, last: Results | None
) -> list[QuestionComparison]:
    """Each question's pulse score beside last year's official one, in the edition's order."""
    last_questions = dict(last.questions) if last is not None else {}
    rows = []
    for question in survey_questions(framework, scores.tool):
        now = scores.questions.get(question.code)
        if now is None:
            continue
        before = last_questions.get(question.code)
        rows.append(
            QuestionComparison(
                code=question.code,
                indicator=question.indicator,
                title=question.title,
                now=now,
                last=before,
                change=None if before is None else now - before,
            )
        )
    return rows


def weakest_questions(
    rows: Sequence[QuestionComparison], count: int = 5
) -> list[QuestionComparison]:
    """The lowest-scoring questions, lowest first (ties in the edition's order)."""
    order = {row.code: position for position, row in enumerate(rows)}
    return sorted(rows, key=lambda row: (row.now, order[row.code]))[:count]


def weak_questions(rows: Sequence[QuestionComparison], threshold: Decimal) -> dict[int, list[str]]:
    """Of these questions (the weakest), those below the threshold, by indicator."""
    found: dict[int, list[str]] = {}
    for row in rows:
        if row.now < threshold:
            found.setdefault(row.indicator, []).append(row.code)
    return found


def weak_indicators(scores: SurveyScores, threshold: Decimal) -> list[int]:
    """Indicators of the survey below the threshold (to suggest measures for)."""
    return [n for n, value in sorted(scores.indicators.items()) if value < threshold]
