"""The framework library: every edition validates; the validator finds every problem."""

import copy
import re
from decimal import Decimal
from pathlib import Path

import pytest

from prongsai.engine import BUILTIN_DIR, FrameworkError, build_framework
from prongsai.engine.yamlio import load_yaml

FILES = sorted(BUILTIN_DIR.glob("*.yaml"))


def test_one_edition_per_year_2563_to_2569(registry):
    assert registry.keys() == [f"nacc-{year}" for year in range(2563, 2570)]
    for framework in registry.all():
        assert framework.key == f"nacc-{framework.fiscal_year}"
        assert sum(t.weight for t in framework.tools) == 1
        assert [i.number for i in framework.indicators] == list(range(1, 11))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_thai_is_readable_utf8_not_escapes(path: Path):
    text = path.read_text(encoding="utf-8")
    assert "การเปิดเผยข้อมูล" in text
    assert not re.search(r"\\u0e[0-9a-f]{2}", text, re.IGNORECASE)


def test_every_element_says_how_sure_we_are(registry):
    for fw in registry.all():
        elements = [
            *fw.tools,
            *fw.indicators,
            *fw.sub_indicators,
            *fw.scales,
            *fw.questions,
            *fw.oit_items,
            *fw.grades,
            *fw.rating,
        ]
        for element in elements:
            assert element.provenance.confidence in (
                "verified",
                "replica",
                "inferred",
                "unverified",
            )
            assert element.provenance.source


def test_2564_sub_indicator_sizes_are_the_verified_ones(registry):
    fw = registry.get("nacc-2564")
    sizes = {s.code: len(fw.items_of_sub_indicator[s.code]) for s in fw.sub_indicators}
    assert sizes == {"9.1": 9, "9.2": 8, "9.3": 7, "9.4": 4, "9.5": 5, "10.1": 8, "10.2": 2}
    assert {s.provenance.confidence for s in fw.sub_indicators} == {"verified"}


def test_what_the_reference_did_not_find_is_marked(registry):
    fw2569 = registry.get("nacc-2569")
    assert fw2569.questions == ()
    # no questions were found; the OIT indicators are known from their items
    assert [i.number for i in fw2569.indicators if i.detail_known] == [9, 10]
    # O6–O7's titles were not found: taken from 2568 and marked inferred.
    assert [o.code for o in fw2569.oit_items if o.provenance.confidence == "inferred"][:2] == [
        "O2",
        "O6",
    ]
    assert fw2569.item_by_code["O7"].provenance.confidence == "inferred"
    fw2568 = registry.get("nacc-2568")
    # The 2568 grouping is a hypothesis (REF §13): every sub-indicator says so.
    assert {s.provenance.confidence for s in fw2568.sub_indicators} == {"unverified"}
    assert fw2568.item_by_code["O20"].sub_indicator == "9.6"
    assert fw2568.item_by_code["O25"].data_year == "current"
    assert fw2568.item_by_code["O26"].data_year == "previous"


def test_renumbered_items_map_to_the_previous_edition(registry):
    fw = registry.get("nacc-2569")
    assert fw.item_by_code["O11"].previous_codes == ("O12",)  # procurement summary
    assert fw.item_by_code["O25"].previous_codes == ()  # new in 2569
    fw2565 = registry.get("nacc-2565")
    assert fw2565.item_by_code["O10"].previous_codes == ("O10",)  # 2565 = 2564 (REF §13)
    fw2566 = registry.get("nacc-2566")
    assert fw2566.item_by_code["O11"].previous_codes == ("O10", "O18")  # plan and budget merged


def test_ratings_exist_from_2567(registry):
    assert [fw.fiscal_year for fw in registry.all() if fw.rating] == [2567, 2568, 2569]


@pytest.fixture
def edition():
    return load_yaml((BUILTIN_DIR / "nacc-2564.yaml").read_text(encoding="utf-8"))


def problems(data):
    with pytest.raises(FrameworkError) as caught:
        build_framework(data, file="test.yaml")
    return [(p.file, p.path, p.reason) for p in caught.value.problems]


def test_weights_must_sum_to_one(edition):
    edition["tools"][0]["weight"] = Decimal("0.35")
    assert problems(edition) == [
        ("test.yaml", "tools", "tool weights must sum to 1, they sum to 1.05")
    ]


def test_codes_must_be_unique(edition):
    edition["questions"][1]["code"] = "i1"
    edition["oit_items"][4]["code"] = "O4"
    assert problems(edition) == [
        ("test.yaml", "questions[1]", "duplicate question code 'i1' (first at questions[0])"),
        ("test.yaml", "oit_items[4]", "duplicate OIT item code 'O4' (first at oit_items[3])"),
    ]


def test_every_indicator_has_its_questions_or_items(edition):
    edition["questions"] = [q for q in edition["questions"] if q["indicator"] != 3]
    edition["oit_items"] = [o for o in edition["oit_items"] if o["sub_indicator"] != "10.2"]
    assert problems(edition) == [
        (
            "test.yaml",
            "indicators[number=3]",
            "has no questions (list them, or say detail: not_found)",
        ),
        ("test.yaml", "sub_indicators[code=10.2]", "has no OIT items"),
    ]


def test_membership_must_point_somewhere(edition):
    edition["questions"][0]["indicator"] = 9
    edition["oit_items"][0]["sub_indicator"] = "9.9"
    edition["sub_indicators"][0]["indicator"] = 2
    found = problems(edition)
    assert (
        "test.yaml",
        "questions[0].indicator",
        "9 is not an indicator of a survey tool",
    ) in found
    assert ("test.yaml", "oit_items[0].sub_indicator", "unknown sub-indicator '9.9'") in found
    assert (
        "test.yaml",
        "sub_indicators[0].indicator",
        "2 is not an indicator of a disclosure tool",
    ) in found


def test_grades_and_rating_rules_must_be_ordered(edition):
    edition["grades"][0], edition["grades"][1] = edition["grades"][1], edition["grades"][0]
    edition["rating"] = [
        {"label": "ผ่าน", "label_en": "Pass", "min": 85, "confidence": "replica", "source": "S13"},
        {
            "label": "ผ่านดี",
            "label_en": "Good",
            "min": 85,
            "tools_min": 85,
            "confidence": "replica",
            "source": "S13",
        },
        {"label": "ต่ำ", "label_en": "Low", "min": 10, "confidence": "replica", "source": "S13"},
    ]
    assert problems(edition) == [
        ("test.yaml", "grades", "grade bands must go from the highest minimum to the lowest"),
        ("test.yaml", "rating[1]", "a rule with the same minimum must ask less of the tools"),
        ("test.yaml", "rating", "the loosest rating rule must start at 0"),
    ]


def test_provenance_and_field_names_are_checked(edition):
    edition["indicators"][0]["confidence"] = "sure"
    edition["indicators"][1]["source"] = " "
    edition["oit_items"][0]["titel"] = "typo"
    found = problems(edition)
    assert (
        "test.yaml",
        "indicators[0].confidence",
        "expected one of verified, replica, inferred, unverified, got 'sure'",
    ) in found
    assert ("test.yaml", "indicators[1].source", "every element needs a source") in found
    assert any(p[1] == "oit_items[0].titel" and p[2].startswith("unknown field") for p in found)


def test_a_copy_of_an_edition_is_valid(edition):
    data = copy.deepcopy(edition)
    data["key"] = "nacc-2570"
    data["fiscal_year"] = 2570
    assert build_framework(data).key == "nacc-2570"
