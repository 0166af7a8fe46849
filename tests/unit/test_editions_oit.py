"""Every built-in edition has a complete OIT item list and sub-indicator grouping, so OIT
indicators and points-if-fixed come from items for every year; an unverified grouping is
said so in the analysis and in the documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from prongsai.documents import Options, make_document
from prongsai.documents.content import build_content
from prongsai.engine import analyze, parse_results
from prongsai.importers.document_text import document_text

YEARS = range(2563, 2570)


@pytest.mark.parametrize("year", YEARS)
def test_every_item_belongs_to_a_sub_indicator(registry, year):
    framework = registry.get(f"nacc-{year}")
    assert framework.oit_items, year
    assert all(item.sub_indicator for item in framework.oit_items)
    assert all(item.title for item in framework.oit_items)
    sizes = {
        s.code: len(framework.items_of_sub_indicator[s.code]) for s in framework.sub_indicators
    }
    assert all(sizes.values()), sizes


def test_2565_equals_2564(registry):
    before, after = registry.get("nacc-2564"), registry.get("nacc-2565")
    assert [(i.code, i.title, i.sub_indicator) for i in before.oit_items] == [
        (i.code, i.title, i.sub_indicator) for i in after.oit_items
    ]


def all_pass_but(framework, failed):
    return {item.code: (0 if item.code in failed else 100) for item in framework.oit_items}


@pytest.mark.parametrize(
    ("year", "failed", "points"),
    [
        (2568, "O20", Decimal("3.33")),  # alone in 9.6 of the hypothesis grouping
        (2568, "O3", Decimal("0.83")),  # one of four in 9.1
        (2569, "O19", Decimal("3.33")),  # participation, alone in 9.6
        (2567, "O29", Decimal("5.00")),  # one of two in 10.2: as O42 in 2564
    ],
)
def test_points_if_fixed_from_the_grouping(registry, year, failed, points):
    framework = registry.get(f"nacc-{year}")
    document = {
        "fiscal_year": year,
        "indicators": {str(n): 90 for n in range(1, 9)},
        "oit_items": all_pass_but(framework, {failed}),
    }
    analysis = analyze(framework, parse_results(document))
    assert [(f.code, f.points_if_fixed.quantize(Decimal("0.01"))) for f in analysis.oit_failed] == [
        (failed, points)
    ]
    codes = [w.code for w in analysis.warnings]
    assert "OIT_GROUPING_UNCONFIRMED" in codes


def test_a_verified_grouping_says_nothing(registry):
    framework = registry.get("nacc-2564")
    document = {"fiscal_year": 2564, "oit_items": all_pass_but(framework, {"O42"})}
    analysis = analyze(framework, parse_results(document))
    assert "OIT_GROUPING_UNCONFIRMED" not in [w.code for w in analysis.warnings]


def test_the_analysis_document_says_the_grouping_is_a_hypothesis(registry):
    framework = registry.get("nacc-2568")
    document = {
        "agency": "เทศบาลตำบลตัวอย่าง",
        "fiscal_year": 2568,
        "indicators": {str(n): 90 for n in range(1, 9)},
        "oit_items": all_pass_but(framework, {"O20"}),
    }
    analysis = analyze(framework, parse_results(document))
    content = build_content("analysis", analysis=analysis, agency=None, options=Options())
    assert "ยังไม่ได้ยืนยันจากคู่มือ" in content["analysis"]["oit_grouping_note"]
    docx = make_document("analysis", "docx", analysis=analysis, agency=None, options=Options())
    assert "ยังไม่ได้ยืนยันจากคู่มือ" in document_text(docx, "analysis.docx").text
