"""Pulse-survey scoring: answers → sub-items → questions → indicators → tools → predicted ITA."""

from decimal import Decimal

import pytest

from prongsai.engine.survey import (
    DEFAULT_SAMPLE_RULES,
    QuestionComparison,
    SampleRule,
    SurveyError,
    check_response,
    compare_questions,
    minimum_sample,
    predict,
    score_survey,
    survey_questions,
    weak_questions,
    weakest_questions,
)
from tests.helpers import SEED_000, results_of


@pytest.fixture(scope="module")
def edition(registry):
    return registry.get("nacc-2566")


def best(edition, tool, **overrides):
    """A response with the best answer everywhere (reversed items: the lowest option)."""
    response = {}
    for q in survey_questions(edition, tool):
        top = 3 if q.scale == "four_level" else 1
        response[q.code] = [
            0 if n in q.reversed_sub_items else top for n in range(1, q.sub_items + 1)
        ]
    response.update(overrides)
    return response


def test_the_iit_questionnaire_of_2566(edition):
    questions = survey_questions(edition, "IIT")
    assert [q.code for q in questions][:3] == ["i1", "i2", "i3"]
    assert len(questions) == 30
    assert sum(q.sub_items for q in questions) == 51
    with pytest.raises(SurveyError):
        survey_questions(edition, "OIT")


def test_sub_items_are_averaged_and_reversed_items_count_100_minus(edition):
    answers = [
        best(edition, "IIT", i1=[3, 2], i4=[0, 0, 0]),
        best(edition, "IIT", i1=[3, 3], i4=[0, 0, 0]),
        best(edition, "IIT", i1=[2, 2], i4=[0, 0, 0]),
        best(edition, "IIT", i1=[3, 3], i4=[0, 0, 0]),
        best(edition, "IIT", i1=[1, 3], i4=[1, 0, 0]),  # says "มี" to a bribery question
    ]
    scores = score_survey(edition, "IIT", answers)
    assert not scores.withheld and scores.answers == 5
    # i1.1: 100, 100, 67, 100, 33 → 80; i1.2: 67, 100, 67, 100, 100 → 86.8
    assert scores.sub_items["i1"] == (Decimal(80), Decimal("86.8"))
    assert scores.questions["i1"] == Decimal("83.4")
    # i4 reversed: มี = 0, ไม่มี = 100 → i4.1 = 80, the others 100
    assert scores.sub_items["i4"] == (Decimal(80), Decimal(100), Decimal(100))
    # indicator 1 = mean(i1…i6) = (83.4 + 100 + 100 + 93.333… + 100 + 100) / 6
    assert round(scores.indicators[1], 4) == Decimal("96.1222")
    assert scores.indicators[2] == Decimal(100)
    assert round(scores.score, 4) == Decimal("99.2244")


def test_nothing_is_computed_below_the_minimum(edition):
    scores = score_survey(edition, "IIT", [best(edition, "IIT")] * 4)
    assert scores.withheld and scores.questions == {} and scores.score is None
    assert score_survey(edition, "IIT", [best(edition, "IIT")] * 4, minimum=3).score == 100


def test_a_response_must_answer_every_sub_item_within_the_scale(edition):
    good = best(edition, "IIT")
    assert check_response(edition, "IIT", good | {"x9": [1]}) == good
    with pytest.raises(SurveyError, match="i1"):
        check_response(edition, "IIT", good | {"i1": [3]})
    with pytest.raises(SurveyError, match="i4"):
        check_response(edition, "IIT", good | {"i4": [2, 0, 0]})  # yes/no has 2 options


def test_predicted_ita_takes_oit_and_eit_from_last_year(edition):
    iit = score_survey(edition, "IIT", [best(edition, "IIT")] * 5)
    last = results_of(SEED_000)  # ITA 2565: EIT 99.04/97.72/98.49, OIT 84.56/81.25
    prediction = predict(edition, [iit], last)
    assert prediction.tools["IIT"] == 100
    assert round(prediction.tools["EIT"], 4) == Decimal("98.4167")
    assert prediction.tools["OIT"] == Decimal("82.905")
    # 0.3 × 100 + 0.3 × 98.41667 + 0.4 × 82.905 = 92.687
    assert round(prediction.overall, 3) == Decimal("92.687")
    assert prediction.grade == "A"
    assert prediction.sources == {"IIT": "survey", "EIT": "last_year", "OIT": "last_year"}
    assert predict(edition, [iit], None).overall is None


def test_comparison_with_last_year_and_the_weakest_questions(edition):
    answers = [best(edition, "IIT", i13=[1])] * 5
    scores = score_survey(edition, "IIT", answers)
    from prongsai.engine.results import parse_results

    last = parse_results({"fiscal_year": 2565, "questions": {"i13": 90, "i1": 95.5}})
    rows = compare_questions(edition, scores, last)
    by_code = {r.code: r for r in rows}
    assert by_code["i13"].now == 33 and by_code["i13"].change == -57
    assert by_code["i1"].change == Decimal("4.5")
    assert by_code["i2"].last is None and by_code["i2"].change is None
    assert [r.code for r in weakest_questions(rows, 2)] == ["i13", "i1"]


@pytest.mark.parametrize(
    ("tool", "population", "expected"),
    [
        ("EIT", 12, 12),  # everyone below 30
        ("EIT", 30, 30),
        ("EIT", 250, 30),  # 10 % = 25, at least 30
        ("EIT", 1234, 124),  # 10 % rounded up
        ("EIT", 9000, 400),  # at most 400
        ("IIT", 18, 18),
        ("IIT", 60, 25),
        ("IIT", 0, 0),
    ],
)
def test_the_minimum_sample_of_the_known_variant(tool, population, expected):
    assert minimum_sample(DEFAULT_SAMPLE_RULES[tool], population) == expected
    assert DEFAULT_SAMPLE_RULES[tool].verified is False


def test_an_administrators_rule():
    assert minimum_sample(SampleRule(Decimal(20), 10, None, True, "ป.ป.ช."), 1000) == 200


def test_weak_questions_are_those_below_the_threshold_by_indicator():
    def row(code, indicator, now):
        return QuestionComparison(code, indicator, code, Decimal(now), None, None)

    weakest = [row("i7", 2, "61.5"), row("i2", 1, "70"), row("i9", 2, "84.99"), row("i3", 1, "85")]
    assert weak_questions(weakest, Decimal(85)) == {2: ["i7", "i9"], 1: ["i2"]}
    assert weak_questions(weakest, Decimal(60)) == {}
