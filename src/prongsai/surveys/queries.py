"""Reads of pulse surveys the pages share: the questionnaire page by page, the results
through the engine (withheld below the minimum of answers), the sample target and the
answers for export. Every number comes from the engine."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from prongsai.agencies.models import Agency
from prongsai.agencies.queries import assessment_of
from prongsai.engine import Framework, parse_results
from prongsai.engine.survey import (
    DEFAULT_SAMPLE_RULES,
    Prediction,
    QuestionComparison,
    SampleRule,
    SurveyScores,
    compare_questions,
    minimum_sample,
    official_indicators,
    predict,
    scale_of,
    score_survey,
    survey_questions,
    weak_indicators,
    weakest_questions,
)
from prongsai.surveys import models
from prongsai.surveys.editions import edition
from prongsai.surveys.models import Survey

THRESHOLD = Decimal(85)


def surveys_of(agency: Agency) -> QuerySet[Survey]:
    """The agency's surveys, each with its number of answers (`answers`), in one query."""
    return agency.surveys.annotate(answers=Count("responses"))


def survey_of(agency: Agency, survey_id: int) -> Survey | None:
    return agency.surveys.filter(pk=survey_id).first()


# How long an answer page may show a survey as it was (open, its agency's name) after a
# change. Answers are never stored by this copy: submit_answers checks the database.
PUBLIC_SURVEY_SECONDS = 5


def survey_by_token(token: str) -> Survey | None:
    """The survey of a public link, with its agency. Kept in the cache for a few seconds:
    every answer page and submission looks it up, and the query (with its compilation)
    had cost as much as the rest of a thanks page."""
    if not 20 <= len(token) <= 43:
        return None
    key = cache_key(token)
    survey = cache.get(key)
    if survey is None:
        survey = Survey.objects.select_related("agency").filter(token=token).order_by().first()
        if survey is None:
            return None
        cache.set(key, survey, PUBLIC_SURVEY_SECONDS)
    return survey  # type: ignore[no-any-return]


def forget_survey(token: str) -> None:
    cache.delete(cache_key(token))


def cache_key(token: str) -> str:
    return "survey:" + hashlib.sha256(token.encode()).hexdigest()[:32]  # never the token


def answer_count(survey: Survey) -> int:
    return survey.responses.count()


def unused_code_count(survey: Survey) -> int:
    return survey.codes.filter(used=False).count()


def framework_of(survey: Survey) -> Framework:
    framework = edition(survey.framework)
    if framework is None:
        raise LookupError(survey.framework)
    return framework


# ------------------------------------------------------------- the questionnaire


@dataclass(frozen=True)
class Item:
    """One sub-item as the form asks it: a field name and the scale's options."""

    name: str  # "i1.2"
    code: str
    number: int
    label: str
    options: tuple[tuple[str, str], ...]  # (the form's value "0", "1", …; the label)


@dataclass(frozen=True)
class QuestionView:
    code: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    indicator: int
    name: str
    questions: tuple[QuestionView, ...]

    @property
    def names(self) -> list[str]:
        return [item.name for q in self.questions for item in q.items]


def pages(survey: Survey) -> list[Page]:
    """One page per indicator of the tool, in the edition's order."""
    return list(_pages(survey.framework, survey.tool))


@lru_cache(maxsize=64)
def _pages(key: str, tool: str) -> tuple[Page, ...]:
    # Built once per edition and tool in a process: every answer page and every
    # submission asks for them, and an edition never changes once there.
    framework = edition(key)
    if framework is None:
        raise LookupError(key)
    result = []
    for number, indicator in enumerate(framework.indicators_of_tool[tool], start=1):
        questions = []
        for q in framework.questions_of_indicator[indicator.number]:
            labels = scale_of(framework, q).labels
            options = tuple((str(value), label) for value, label in enumerate(labels))
            items = tuple(
                Item(
                    name=f"{q.code}.{n}",
                    code=q.code,
                    number=n,
                    label=f"ข้อย่อยที่ {n}" if q.sub_items > 1 else q.title,
                    options=options,
                )
                for n in range(1, q.sub_items + 1)
            )
            questions.append(QuestionView(q.code, q.title, items))
        result.append(Page(number, indicator.number, indicator.name, tuple(questions)))
    return tuple(result)


# ------------------------------------------------------------- sampling


def sample_rule(survey: Survey) -> SampleRule:
    """The administrator's rule for the survey's edition, else the rule for every edition,
    else the built-in (unverified) one."""
    rows = {
        r.framework: r
        for r in models.SampleRule.objects.filter(
            tool=survey.tool, framework__in=[survey.framework, "*"]
        )
    }
    row = rows.get(survey.framework) or rows.get("*")
    if row is None:
        return DEFAULT_SAMPLE_RULES[survey.tool]
    return SampleRule(row.percent, row.minimum, row.maximum, row.verified, row.source)


@dataclass(frozen=True)
class Target:
    answers: int
    target: int | None  # None until the population is entered
    rule: SampleRule
    days_left: int | None

    @property
    def percent(self) -> int:
        if not self.target:
            return 0
        return min(100, self.answers * 100 // self.target)


def target_of(survey: Survey, answers: int, today: date | None = None) -> Target:
    today = today or timezone.localdate()
    rule = sample_rule(survey)
    target = None if survey.population is None else minimum_sample(rule, survey.population)
    days = None if survey.closes_on is None else max(0, (survey.closes_on - today).days)
    return Target(answers, target, rule, days)


# ------------------------------------------------------------- results


@dataclass(frozen=True)
class SurveyResults:
    scores: SurveyScores
    indicator_names: dict[int, str]
    comparison: list[QuestionComparison]
    weakest: list[QuestionComparison]
    weak_indicators: list[int]
    prediction: Prediction | None
    last_year: int | None
    last_indicators: dict[int, Decimal | None]


def all_answers(survey: Survey) -> list[dict[str, list[int]]]:
    return list(survey.responses.values_list("answers", flat=True))


def results_of(survey: Survey) -> SurveyResults:
    framework = framework_of(survey)
    scores = score_survey(framework, survey.tool, all_answers(survey), minimum=survey.min_answers)
    last = assessment_of(survey.agency, survey.fiscal_year - 1)
    last_results = parse_results(last.results) if last is not None else None
    comparison = [] if scores.withheld else compare_questions(framework, scores, last_results)
    others = [
        score_survey(framework, s.tool, all_answers(s), minimum=s.min_answers)
        for s in _latest_other_tools(survey)
    ]
    prediction = None if scores.withheld else predict(framework, [scores, *others], last_results)
    return SurveyResults(
        scores=scores,
        indicator_names={i.number: i.name for i in framework.indicators},
        comparison=comparison,
        weakest=weakest_questions(comparison),
        weak_indicators=weak_indicators(scores, THRESHOLD),
        prediction=prediction,
        last_year=None if last is None else last.fiscal_year,
        last_indicators=official_indicators(framework, last_results),
    )


def _latest_other_tools(survey: Survey) -> list[Survey]:
    """The latest round of the other survey tool in the same year, if any."""
    other = (
        Survey.objects.filter(agency_id=survey.agency_id, fiscal_year=survey.fiscal_year)
        .exclude(tool=survey.tool)
        .order_by("-round")
        .first()
    )
    return [other] if other is not None else []


# ------------------------------------------------------------- suggested measures


def source_label(row: models.SuggestedMeasure) -> str:
    """Where a suggested measure came from, as the plan shows it."""
    survey = row.survey
    return gettext(
        "From the %(tool)s pulse survey %(year)s, round %(round)s (questions %(questions)s)"
    ) % {
        "tool": survey.tool,
        "year": survey.fiscal_year,
        "round": survey.round,
        "questions": ", ".join(row.questions),
    }


def measure_sources(measure_ids: list[int]) -> dict[int, str]:
    """Measure id → where "suggest measures" took it from, for the measures that came
    from a pulse survey (one query)."""
    rows = models.SuggestedMeasure.objects.filter(measure_id__in=measure_ids).select_related(
        "survey"
    )
    return {row.measure_id: source_label(row) for row in rows}


def suggested_from(survey: Survey) -> QuerySet[models.SuggestedMeasure]:
    """The plan's measures suggested from this survey, in the plan's order."""
    return survey.suggested.select_related("measure", "survey").order_by("measure__number")


# ------------------------------------------------------------- export


class TooFewAnswers(LookupError):
    """Fewer answers than the survey's minimum: nothing row by row may leave."""


def export_table(survey: Survey) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the answers: the chosen option of every sub-item, nothing else
    (no date either: a day with one answer would single it out), rows in a random order
    (the keys are random). Refused below the survey's minimum of answers."""
    if answer_count(survey) < survey.min_answers:
        raise TooFewAnswers(survey.min_answers)
    framework = framework_of(survey)
    questions = survey_questions(framework, survey.tool)
    header = [f"{q.code}.{n}" for q in questions for n in range(1, q.sub_items + 1)]
    rows = []
    for answers in survey.responses.values_list("answers", flat=True).order_by("id"):
        row: list[Any] = []
        for q in questions:
            labels = scale_of(framework, q).labels
            row += [labels[c] for c in answers.get(q.code, [])]
        rows.append(row)
    return header, rows
