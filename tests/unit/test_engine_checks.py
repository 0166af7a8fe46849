"""Consistency warnings and input errors, with their exact messages."""

from decimal import Decimal as D

import pytest

from prongsai.engine import ResultsError, analyze, framework_for, parse_results

SEED_000_INDICATORS = {
    "1": "100",
    "2": "97.19",
    "3": "99.80",
    "4": "98.79",
    "5": "99.80",
    "6": "99.04",
    "7": "97.72",
    "8": "98.49",
    "9": "84.56",
    "10": "81.25",
}


def warnings(registry, document):
    results = parse_results(document)
    return analyze(framework_for(registry, results), results).warnings


def codes(registry, document):
    return [w.code for w in warnings(registry, document)]


def seed_000(**extra):
    return {"fiscal_year": 2565, "indicators": dict(SEED_000_INDICATORS), **extra}


def test_reported_overall_tool_grade_and_passed_are_checked(registry):
    found = warnings(
        registry,
        seed_000(
            reported={
                "overall": 93.42,
                "grade": "AA",
                "passed": False,
                "IIT": 99.12,
                "EIT": 97.5,
                "OIT": 82.9,
            }
        ),
    )
    assert [(w.code, w.message) for w in found] == [
        ("TOOL_MISMATCH", "คะแนน EIT ที่ระบุ 97.50 ไม่ตรงกับค่าเฉลี่ยของตัวชี้วัด = 98.42"),
        ("OVERALL_MISMATCH", "คะแนนภาพรวมที่ระบุ 93.42 ไม่ตรงกับที่คำนวณจากคะแนนตัวชี้วัด = 92.42"),
        ("GRADE_MISMATCH", "ระดับผลการประเมินที่ระบุ AA ไม่ตรงกับคะแนน 92.42 ซึ่งอยู่ในระดับ A"),
        ("PASSED_MISMATCH", "เอกสารระบุว่าไม่ผ่านเกณฑ์ แต่คะแนน 92.42 ผ่านเกณฑ์ 85 คะแนน"),
    ]


def test_within_the_tolerance_of_one_hundredth_is_consistent(registry):
    assert codes(registry, seed_000(reported={"overall": 92.43, "OIT": 82.9})) == []
    assert codes(registry, seed_000(reported={"overall": 92.44})) == ["OVERALL_MISMATCH"]


def test_rating_is_checked_from_2567_and_flagged_before(registry):
    assert codes(registry, seed_000(reported={"rating": "ผ่าน"})) == ["RATING_NOT_IN_EDITION"]
    doc = seed_000(fiscal_year=2567, reported={"rating": "ผ่านดี"})
    found = warnings(registry, doc)
    assert [w.message for w in found] == ["ระดับ Rating ที่ระบุ ผ่านดี ไม่ตรงกับที่คำนวณ = ผ่าน"]
    assert found[0].message_en == ("the reported rating ผ่านดี differs from the computed one = Pass")


def test_unknown_grade(registry):
    assert [w.message for w in warnings(registry, seed_000(reported={"grade": "A+"}))] == [
        "ระดับ A+ ไม่ใช่ระดับผลการประเมินของเกณฑ์ nacc-2565 (AA, A, B, C, D, E, F)"
    ]


def test_unknown_codes_are_reported_and_left_out(registry):
    doc = seed_000(questions={"i31": 90, "e1": 90}, oit_items={"O44": 100, "O1": 100})
    assert [w.message for w in warnings(registry, doc)] == [
        "ไม่มีข้อคำถาม i31 ในเกณฑ์ nacc-2565 จึงไม่นำมาคำนวณ",
        "ไม่มีข้อ OIT O44 ในเกณฑ์ nacc-2565 จึงไม่นำมาคำนวณ",
    ]
    doc = {"fiscal_year": 2565, "indicators": {"11": 90}}
    assert codes(registry, doc)[0] == "UNKNOWN_CODE"


def test_the_same_code_twice_with_the_same_value_is_noted(registry):
    doc = seed_000(questions={"i1": 97.8, "I1": "97.80"})
    found = warnings(registry, doc)
    assert [w.message for w in found] == ["รหัส i1 ระบุซ้ำ (i1, I1) ด้วยค่าเดียวกัน จึงใช้ค่าเดียว"]


def test_sub_item_count_is_checked(registry):
    found = warnings(registry, seed_000(questions={"i1": [90, 95, 99]}))
    assert [w.message for w in found] == ["ข้อ i1 มีข้อย่อย 2 ข้อ แต่ให้คะแนนมา 3 ข้อ"]


def test_oit_indicator_checked_against_its_items(registry):
    items = {f"O{n}": 100 for n in range(1, 44)} | {"O42": 0}
    found = warnings(registry, seed_000(fiscal_year=2564, oit_items=items))
    assert [w.message for w in found] == [
        "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล: คะแนนที่ระบุ 84.56 ไม่ตรงกับคะแนนที่คำนวณจากผลรายข้อ OIT = 100.00",
        "ตัวชี้วัดที่ 10 การป้องกันการทุจริต: คะแนนที่ระบุ 81.25 ไม่ตรงกับคะแนนที่คำนวณจากผลรายข้อ OIT = 75.00",
    ]


def test_editions_without_questions_or_with_an_unverified_grouping_say_so(registry):
    doc = seed_000(fiscal_year=2569, questions={"i1": 90}, oit_items={"O25": 0})
    results = parse_results(doc)
    analysis = analyze(framework_for(registry, results), results)
    assert [w.code for w in analysis.warnings] == [
        "QUESTIONS_NOT_IN_EDITION",
        "OIT_GROUPING_UNCONFIRMED",
    ]
    # The totals still come from the indicator scores.
    assert analysis.scores.grade == "A"
    assert analysis.scores.rating == "ผ่าน"  # OIT 82.91 is below 85
    failure = analysis.oit_failed[0]
    assert (failure.code, failure.points_if_fixed) == ("O25", 5)  # one of two in 10.2
    assert failure.title == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"


def test_thai_digits_anywhere(registry):
    results = parse_results(
        {
            "fiscal_year": "๒๕๖๖",
            "indicators": {"๑": "๙๗.๖๑", "10": "๑๐๐"},
            "questions": {"I๑๙": "๙๒.๒๓", "e๔": 96.81},
            "oit_items": {"O๐๕": "๑๐๐", "o11": "ไม่ผ่าน"},
            "reported": {"overall": "๙๕.๕๑"},
        }
    )
    assert results.fiscal_year == 2566
    assert results.indicators == {1: D("97.61"), 10: D(100)}
    assert results.questions == {"i19": D("92.23"), "e4": D("96.81")}
    assert results.oit_items == {"O5": True, "O11": False}
    assert results.reported.overall == D("95.51")


def error_messages(document):
    with pytest.raises(ResultsError) as caught:
        parse_results(document)
    return [(p.code, p.field, p.message) for p in caught.value.problems]


def test_bad_input_names_the_field_and_the_value():
    assert error_messages(
        {
            "fiscal_year": 2566,
            "indicators": {"3": 120, "x": 90},
            "questions": {"i-1": 50},
            "oit_items": {"O1": 50},
        }
    ) == [
        ("BAD_CODE", "indicators", "ช่อง indicators: รหัส 'x' ไม่ถูกรูปแบบ ต้องเป็น เลขตัวชี้วัด 1–10"),
        ("OUT_OF_RANGE", "indicators.3", "ช่อง indicators.3: คะแนน 120 อยู่นอกช่วง 0–100"),
        (
            "BAD_CODE",
            "questions",
            "ช่อง questions: รหัส 'i-1' ไม่ถูกรูปแบบ ต้องเป็น รหัสข้อคำถาม เช่น i1 หรือ e12",
        ),
        (
            "BAD_VALUE",
            "oit_items.O1",
            "ช่อง oit_items.O1: ค่า 50 ใช้ไม่ได้ ต้องเป็น 100 หรือ 0 (true/false, ผ่าน/ไม่ผ่าน)",
        ),
    ]


def test_year_problems():
    assert error_messages({"indicators": {}}) == [
        ("MISSING_FIELD", "fiscal_year", "ไม่มีช่อง fiscal_year ซึ่งต้องระบุ")
    ]
    assert error_messages({"fiscal_year": 2023}) == [
        (
            "CHRISTIAN_ERA_YEAR",
            "fiscal_year",
            "ช่อง fiscal_year: ปี 2023 เป็นปีคริสต์ศักราช ให้ใช้ปีพุทธศักราช (2566)",
        ),
    ]
    assert error_messages({"fiscal_year": "ปีนี้"})[0][0] == "BAD_VALUE"


def test_unknown_fields_and_conflicting_duplicates():
    assert [e[:2] for e in error_messages({"fiscal_year": 2566, "indicator": {"1": 90}})] == [
        ("UNKNOWN_FIELD", "indicator")
    ]
    assert error_messages({"fiscal_year": 2566, "questions": {"e10": 100, "E10": 93.61}}) == [
        (
            "DUPLICATE_CONFLICT",
            "questions",
            "ช่อง questions: รหัส e10 มีมากกว่าหนึ่งค่า (100, 93.61) ไม่ทราบว่าค่าใดถูก",
        ),
    ]


def test_a_year_without_an_edition(registry):
    with pytest.raises(ResultsError) as caught:
        framework_for(registry, parse_results({"fiscal_year": 2560}))
    assert caught.value.problems[0].message == (
        "ไม่มีเกณฑ์การประเมินของปี 2560 (มีของปี 2563, 2564, 2565, 2566, 2567, 2568, 2569)"
    )
    with pytest.raises(ResultsError) as caught:
        framework_for(registry, parse_results({"fiscal_year": 2566, "framework": "obec-2566"}))
    assert caught.value.problems[0].code == "UNKNOWN_FRAMEWORK"
