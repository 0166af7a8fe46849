"""Scoring arithmetic: OIT sub-indicators, sub-items, grades, ratings, what-if, change."""

from decimal import Decimal as D

import pytest

from prongsai.engine import analyze, compute_scores, item_weight, parse_results
from prongsai.engine.numbers import round2

ALL_PASSED_2564 = {f"O{n}": 100 for n in range(1, 44)}


def scores_2564(**failed):
    items = dict(ALL_PASSED_2564)
    items.update(dict.fromkeys(failed, 0))
    return compute_scores_for({"fiscal_year": 2564, "oit_items": items})


def compute_scores_for(document, registry=None):
    from prongsai.engine import Registry, framework_for

    registry = registry or Registry()
    results = parse_results(document)
    return compute_scores(framework_for(registry, results), results)


# Published 2564 indicator values that decompose uniquely into sub-indicator shares (S5).
@pytest.mark.parametrize(
    ("failed", "indicator", "expected"),
    [
        (["O1"], 9, "97.78"),  # (8/9, 8/8, 7/7, 4/4, 5/5)
        (["O18"], 9, "97.14"),  # one miss in the 7-item sub-indicator
        (["O34"], 10, "93.75"),  # (7/8, 2/2)
        (["O34", "O35"], 10, "87.50"),  # (6/8, 2/2)
        (["O42"], 10, "75.00"),  # (8/8, 1/2): small sub-indicators weigh much more
    ],
)
def test_oit_indicator_is_the_mean_of_sub_indicator_shares(failed, indicator, expected):
    scores = scores_2564(**dict.fromkeys(failed))
    assert round2(scores.indicators[indicator].score) == D(expected)
    assert scores.indicators[indicator].source == "items"


def test_oit_sub_indicator_scores():
    scores = scores_2564(O1=None, O2=None)
    assert round2(scores.sub_indicators["9.1"]) == D("77.78")
    assert scores.sub_indicators["9.2"] == 100


def test_oit_indicator_needs_every_item_of_its_sub_indicators():
    items = dict(ALL_PASSED_2564)
    del items["O5"]
    scores = compute_scores_for({"fiscal_year": 2564, "oit_items": items})
    assert scores.indicators[9].score is None
    assert scores.indicators[10].score == 100


def test_points_if_fixed_depend_on_the_size_of_the_sub_indicator(registry):
    fw = registry.get("nacc-2564")
    weights = {
        code: round2(item_weight(fw, code))
        for code in ("O1", "O10", "O18", "O25", "O29", "O34", "O42")
    }
    assert weights == {
        "O1": D("0.44"),  # 0.4 × 100 / 2 indicators / 5 sub-indicators / 9 items
        "O10": D("0.50"),
        "O18": D("0.57"),
        "O25": D("1.00"),
        "O29": D("0.80"),
        "O34": D("1.25"),  # 0.4 × 100 / 2 / 2 / 8
        "O42": D("5.00"),  # one O42 miss cost 5 ITA points in 2564
    }


def test_failed_items_are_sorted_by_points_and_carry_comments(registry):
    items = dict(ALL_PASSED_2564, O1=0, O42=0, O25=0)
    results = parse_results(
        {
            "fiscal_year": 2564,
            "oit_items": items,
            "oit_comments": {"O42": "ไม่พบการวิเคราะห์ผลการประเมินปีที่ผ่านมา"},
        }
    )
    analysis = analyze(registry.get("nacc-2564"), results)
    assert [(f.code, round2(f.points_if_fixed)) for f in analysis.oit_failed] == [
        ("O42", D("5.00")),
        ("O25", D("1.00")),
        ("O1", D("0.44")),
    ]
    assert analysis.oit_failed[0].comment == "ไม่พบการวิเคราะห์ผลการประเมินปีที่ผ่านมา"
    assert analysis.oit_failed[0].title == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    # Fixing all three recovers exactly the ITA points the OIT tool lost.
    lost = D("0.4") * (100 - analysis.scores.tools["OIT"])
    assert round2(lost) == round2(sum(f.points_if_fixed for f in analysis.oit_failed))


def test_question_with_sub_items_is_their_mean():
    # i5 2563: sub-items 98.59, 98.94, 98.10 → 98.54 (S7)
    results = parse_results({"fiscal_year": 2563, "questions": {"i5": [98.59, 98.94, 98.10]}})
    assert round2(results.questions["i5"]) == D("98.54")
    assert results.sub_items["i5"] == (D("98.59"), D("98.94"), D("98.10"))


def test_iit_indicator_from_questions_when_not_given(registry):
    questions = {f"i{n}": 90 for n in range(1, 7)}
    scores = compute_scores_for({"fiscal_year": 2564, "questions": questions}, registry)
    assert scores.indicators[1].score == 90
    assert scores.indicators[1].source == "questions"
    assert scores.indicators[2].score is None


def full(iit, eit, oit):
    return (
        {str(n): iit for n in range(1, 6)}
        | {str(n): eit for n in (6, 7, 8)}
        | {"9": oit, "10": oit}
    )


@pytest.mark.parametrize(
    ("iit", "eit", "oit", "rating"),
    [
        (99, 96, 100, "ผ่านดีเยี่ยม"),
        (99, 94, 100, "ผ่านดี"),  # ITA ≥ 95 but a tool below 95
        (99, 84, 100, "ผ่าน"),  # ITA 94.9 but EIT below 85: the State Audit Office 2568 case
        (80, 80, 80, "ต้องปรับปรุง"),
        (70, 70, 70, "ต้องปรับปรุง"),
        (69.99, 69.99, 69.99, "ต้องปรับปรุงโดยด่วน"),
    ],
)
def test_rating_from_2567(registry, iit, eit, oit, rating):
    scores = compute_scores_for({"fiscal_year": 2568, "indicators": full(iit, eit, oit)}, registry)
    assert scores.rating == rating


@pytest.mark.parametrize(
    ("score", "grade", "passed"),
    [
        ("100", "AA", True),
        ("95", "AA", True),
        ("94.995", "AA", True),  # shown as 95.00, graded as shown
        ("94.99", "A", True),
        ("85", "A", True),
        ("84.994", "B", False),
        ("75", "B", False),
        ("74.99", "C", False),
        ("65", "C", False),
        ("55", "D", False),
        ("50", "E", False),
        ("49.99", "F", False),
        ("0", "F", False),
    ],
)
def test_grade_bands(registry, score, grade, passed):
    scores = compute_scores_for(
        {"fiscal_year": 2566, "indicators": full(score, score, score)}, registry
    )
    assert (scores.grade, scores.passed) == (grade, passed)


def test_missing_indicators_leave_totals_null_and_say_why(registry):
    results = parse_results({"fiscal_year": 2566, "indicators": {"1": 90, "9": 80}})
    analysis = analyze(registry.get("nacc-2566"), results)
    assert analysis.scores.overall is None
    assert analysis.scores.tools == {"IIT": None, "EIT": None, "OIT": None}
    assert [w.message for w in analysis.warnings] == [
        "ไม่มีคะแนนตัวชี้วัดที่ 2, 3, 4, 5, 6, 7, 8, 10 จึงคำนวณคะแนน IIT, EIT, OIT และคะแนนภาพรวมไม่ได้"
    ]
    assert [i.number for i in analysis.weaknesses] == [9]


def test_weakest_questions_of_a_weak_indicator(registry):
    questions = {"i7": 70, "i8": 95, "i9": 80, "i10": 99, "i11": 90, "i12": 60}
    results = parse_results({"fiscal_year": 2566, "questions": questions})
    two = next(i for i in analyze(registry.get("nacc-2566"), results).indicators if i.number == 2)
    assert two.status == "weakness"
    assert [(q.code, q.score) for q in two.weakest_questions] == [
        ("i12", 60),
        ("i7", 70),
        ("i9", 80),
    ]


def test_change_from_the_previous_year(registry):
    before = parse_results({"fiscal_year": 2565, "indicators": full(90, 90, 80)})
    now = parse_results({"fiscal_year": 2566, "indicators": full(92, 89, 85)})
    analysis = analyze(registry.get("nacc-2566"), now, previous=(registry.get("nacc-2565"), before))
    change = analysis.change
    assert change.previous_year == 2565
    assert change.previous_grade == "A"
    assert round2(change.previous_overall) == D("86.00")
    assert change.overall == D("2.3")  # 0.3×2 − 0.3×1 + 0.4×5
    assert change.tools == {"IIT": D(2), "EIT": D(-1), "OIT": D(5)}
    assert change.indicators[1] == 2 and change.indicators[10] == 5
