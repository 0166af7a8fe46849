"""The reader's decisions, one behaviour each: typing habits, roles of numbers, the
engine's arbitration, agencies of every kind, years, and texts about several agencies."""

from decimal import Decimal
from pathlib import Path

from prongsai.importers.results_import import import_results, import_text, import_text_many
from prongsai.thai.text import normalise_typing
from tests.helpers import SEED_000, example

SEED_000_TEXT = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "000-konnim.txt"


def test_typing_habits_are_undone():
    assert normalise_typing("เเก้ไข\u200bปัญหา\u00a0ตํา") == "แก้ไขปัญหา ตำ"
    assert normalise_typing("ตาํบล น\u0e33\u0e49") == "ตำบล น้ำ"  # reversed sara am; am before tone


def test_seed_000_typed_with_two_sara_e_reads_every_indicator(registry):
    typed = SEED_000_TEXT.read_text(encoding="utf-8").replace("แ", "เเ")
    imported = import_results(typed.encode(), "000.txt", registry)
    want = {k: Decimal(str(v)) for k, v in example(SEED_000)["indicators"].items()}
    assert {k: Decimal(str(v)) for k, v in imported.document["indicators"].items()} == want


def test_a_national_mean_is_not_taken_for_the_agencys_score(registry):
    text = (
        "ผลการประเมิน ITA ประจำปี 2566 ผลคะแนนเฉลี่ยทั้งประเทศ 88.20 คะแนน\n"
        "กรมตัวอย่าง ได้ 92.31 คะแนน อยู่ในระดับผ่านดี\n"
    )
    reported = import_text(text, "x", registry).document["reported"]
    assert reported["overall"] == Decimal("92.31")


def test_a_grade_the_score_cannot_have_is_kept_and_reported(registry):
    text = "ผลการประเมิน ITA ประจำปี 2565 เทศบาลตำบลตัวอย่าง ได้คะแนน 77.50 คะแนน ระดับ A\n"
    imported = import_text(text, "x", registry, explain=True)
    assert imported.document["reported"]["grade"] == "A"
    codes = [d["code"] for d in imported.document["source"]["doubts"]]
    assert "GRADE_CONFLICT" in codes
    found = {e["field"]: e for e in imported.document["source"]["found"]}
    assert found["reported.grade"]["confidence"] == "medium"


def test_two_plausible_scores_are_both_reported(registry):
    text = (
        "ผลการประเมิน ITA ประจำปี 2566 ของกรมตัวอย่าง ได้คะแนน 90.10 คะแนน\n"
        "กรมตัวอย่าง ได้คะแนน 91.20 คะแนน\n"
    )
    source = import_text(text, "x", registry).document["source"]
    doubt = next(d for d in source["doubts"] if d["code"] == "OVERALL_CANDIDATES")
    assert "90.10" in doubt["message"] or "91.20" in doubt["message"]


def test_value_first_and_english_indicator_names(registry):
    text = (
        "ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ของกรมตัวอย่าง\n"
        "ได้ ๙๘.๕๐ คะแนน ในด้านการปฏิบัติหน้าที่\n"
        "Use of authority: 95.40\n"
    )
    indicators = import_text(text, "x", registry).document["indicators"]
    assert indicators == {"1": Decimal("98.50"), "3": Decimal("95.40")}


def test_agencies_of_every_kind_and_the_assessor_never(registry):
    cases = {
        "การไฟฟ้าส่วนภูมิภาค (กฟภ.) ได้รับคะแนน ITA ปี 2568 97.75 คะแนน": "การไฟฟ้าส่วนภูมิภาค",
        "สปสช. ได้คะแนน ITA ประจำปี 2567 93.10 คะแนน": "สำนักงานหลักประกันสุขภาพแห่งชาติ",
        "สำนักงาน ป.ป.ช. ประกาศผล ITA ปี 2566 เทศบาลตำบลนาดี-ท่าช้าง ได้ 88.12 คะแนน": (
            "เทศบาลตำบลนาดี-ท่าช้าง"
        ),
        "The Office of the Ombudsman scored 91.11 points in the ITA for fiscal year 2024.": (
            "Office of the Ombudsman"
        ),
    }
    for text, agency in cases.items():
        assert import_text(text, "x", registry).document["agency"] == agency, text


def test_years_christian_era_short_and_without_an_edition(registry):
    assert import_text("ITA FY 2024: score 90.12", "x", registry).document["fiscal_year"] == 2567
    assert (
        import_text("ผลประเมิน ITA ปี 66 ได้ 90.12 คะแนน", "x", registry).document["fiscal_year"]
        == 2566
    )
    old = import_text(
        "ผลการประเมิน ITA ประจำปี 2562 อบต.เขาตอก ได้คะแนนรวม 65.38 ระดับ C", "x", registry
    )
    assert old.ok and old.document["fiscal_year"] == 2562
    assert [w.code for w in old.warnings] == ["NO_EDITION"]
    assert "NO_EDITION_FOR_YEAR" in [d["code"] for d in old.document["source"]["doubts"]]


def test_news_of_results_is_about_its_own_year(registry):
    text = (
        "ป.ป.ช. ประกาศผลการประเมิน ITA ประจำปีงบประมาณ 2567 เมื่อวันที่ 1 สิงหาคม 2567 "
        "กรมตัวอย่าง ได้ 95.10 คะแนน ระดับผ่านดีเยี่ยม ระยะเวลาประเมิน 1 มกราคม 2567 – 30 มิถุนายน 2567"
    )
    assert import_text(text, "x", registry).document["fiscal_year"] == 2567


def test_several_agencies_give_one_document_each(registry):
    text = (
        "ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2567 ของหน่วยงานในจังหวัด\n"
        "ลำดับ หน่วยงาน คะแนน\n"
        "1 องค์การบริหารส่วนตำบลโคกสูง 92.75\n"
        "2 เทศบาลเมืองบ้านไผ่ 89.59\n"
        "3 เทศบาลตำบลนาดี-ท่าช้าง 77.04\n"
    )
    single = import_text(text, "x", registry)
    assert single.reading.multi and "agency" not in single.document
    many = import_text_many(text, "x", registry)
    assert [(m.document["agency"], m.document["reported"]["overall"]) for m in many] == [
        ("องค์การบริหารส่วนตำบลโคกสูง", Decimal("92.75")),
        ("เทศบาลเมืองบ้านไผ่", Decimal("89.59")),
        ("เทศบาลตำบลนาดี-ท่าช้าง", Decimal("77.04")),
    ]
    assert all(m.document["source"]["multi"] and m.document["fiscal_year"] == 2567 for m in many)
    assert [m.document["source"]["index"] for m in many] == [1, 2, 3]


def test_a_text_about_one_agency_stays_one_document(registry):
    many = import_text_many(SEED_000_TEXT.read_text(encoding="utf-8"), "000", registry)
    assert len(many) == 1 and many[0].document["agency"] == "องค์การบริหารส่วนตำบลคอนนิม"


def test_files_give_one_document_per_agency(registry):
    from prongsai.importers.results_import import import_results_many
    from prongsai.importers.results_template import write_template_csv

    text = "ผลการประเมิน ITA ปี 2567\nอบต.บ้านใหม่ ได้ 95.12 คะแนน\nอบต.บ้านเก่า ได้ 93.10 คะแนน\n"
    many = import_results_many(text.encode("utf-8"), "list.txt", registry)
    assert [m.document["agency"] for m in many] == [
        "องค์การบริหารส่วนตำบลบ้านใหม่",
        "องค์การบริหารส่วนตำบลบ้านเก่า",
    ]
    template = write_template_csv(registry.get("nacc-2567"))
    assert len(import_results_many(template, "t.csv", registry)) == 1


def test_the_main_agency_keeps_its_full_document_among_several(registry):
    text = (
        "ผลการประเมิน ITA ประจำปี 2567 ของเทศบาลนครขอนแก่น ได้ 95.03 คะแนน IIT 95.12 EIT 88.32 "
        "OIT 100.00 รองลงมาคือ เทศบาลนครอุดรธานี ได้ 93.00 คะแนน\nเทศบาลนครขอนแก่น ขอบคุณทุกท่าน"
    )
    many = import_text_many(text, "x", registry)
    assert many[0].document["agency"] == "เทศบาลนครขอนแก่น"
    assert many[0].document["reported"]["IIT"] == Decimal("95.12")
    found = {e.field: e for e in many[0].reading.evidence}
    assert found["reported.overall"].confidence == "high"  # the engine gives it from the tools
    assert many[1].document["reported"] == {"overall": Decimal("93.00")}


def test_the_year_before_the_score_outweighs_a_later_mention(registry):
    text = (
        "ผลการประเมิน ITA ปี 2567 กรมศุลกากร ได้ 95.12 คะแนน\n"
        "ทั้งนี้ การประเมิน ITA ประจำปีงบประมาณ 2568 จะเริ่มในเดือนมกราคม\n"
    )
    imported = import_text(text, "x", registry, explain=True)
    assert imported.document["fiscal_year"] == 2567
    assert imported.document["source"]["year"]["ambiguous"] is True
    found = {e["field"]: e for e in imported.document["source"]["found"]}
    assert found["reported.overall"]["confidence"] == "medium"  # the year is in doubt


def test_an_overall_the_stated_tools_contradict_is_kept_and_reported(registry):
    text = (
        "ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2567 ของเทศบาลเมืองหนองคาย\n"
        "- IIT 90.00\n- EIT 90.00\n- OIT 80.00\nคะแนนรวม 88.50 คะแนน\n"
    )
    imported = import_text(text, "x", registry, explain=True)
    assert imported.document["reported"]["overall"] == Decimal("88.50")
    doubt = next(
        d for d in imported.document["source"]["doubts"] if d["code"] == "OVERALL_TOOLS_CONFLICT"
    )
    assert "86.00" in doubt["message_en"]  # what the engine gives from the tools
    found = {e["field"]: e for e in imported.document["source"]["found"]}
    assert found["reported.overall"]["confidence"] == "medium"
