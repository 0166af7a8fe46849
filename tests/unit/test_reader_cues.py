"""What each cue of `report_cues.CUES` does to a number's role, one cue a case."""

import pytest

from prongsai.importers.report_cues import CUES, ROLES, find_candidates
from prongsai.importers.report_lines import report_lines


def role_of(text, written):
    found = [c for c in find_candidates(report_lines(text)) if c.written == written]
    assert found, f"{written} not found"
    return found[0].role


@pytest.mark.parametrize(
    ("text", "number", "role"),
    [
        ("ผลการประเมิน ITA อบต.ก ได้คะแนน 91.45 คะแนน", "91.45", "overall"),
        ("ITA: the agency scored 91.45 points", "91.45", "overall"),
        ("ผลการประเมิน ITA ได้คะแนนรวมเพิ่มจาก 88.10 คะแนน", "88.10", "previous"),
        ("ITA ปีที่แล้วได้เพียง 58.80 คะแนน", "58.80", "previous"),
        ("ITA score 81.25 points last year", "81.25", "previous"),
        ("ITA เพิ่มขึ้น 3.35 คะแนน", "3.35", "change"),
        ("ITA บวกเพิ่มขึ้นพรวดเดียวถึง 27.12 คะแนน", "27.12", "change"),
        ("ITA ผลคะแนนประเมินเฉลี่ยทั้งประเทศ 87.57 คะแนน", "87.57", "mean"),
        ("The eight agencies earned average ITA points of 94.91", "94.91", "mean"),
        ("ITA ได้คะแนนการประเมินอยู่ที่ค่าเฉลี่ย 85.39 คะแนน", "85.39", "overall"),
        ("ITA ต้องได้คะแนนไม่ต่ำกว่า 85 คะแนน", "85", "mark"),
        ("passed the 85-point criteria of the ITA", "85", "mark"),
        ("ITA ผ่านเกณฑ์ร้อยละ 70.52 ของหน่วยงานทั้งหมด", "70.52", "share"),
        ("ITA 2,448 agencies, or 29.48 per cent, failed", "29.48", "share"),
        ("ITA มีหน่วยงานผ่านเกณฑ์ 85 คะแนน ร้อยละ 78.20", "78.20", "share"),
        ("ITA เป็นอันดับที่ 14 จาก 146 หน่วยงาน", "14", "rank"),
        ("ITA จากคะแนนเต็ม 100 คะแนน", "100", "scale"),
        ("ITA ประกาศผลเมื่อวันที่ 10 สิงหาคม", "10", "other"),
        ("ITA ห้องประชุม ชั้น 5 ศาลากลาง", "5", "other"),
        ("ITA ค่าเฉลี่ย 87.57 คะแนน เป็นอันดับที่ 4", "4", "rank"),
    ],
)
def test_cue_gives_role(text, number, role):
    assert role_of(text, number) == role


def test_a_year_beside_a_number_is_kept():
    found = {c.written: c.year for c in find_candidates(report_lines("ITA ปี 2559 ได้ 48.44 คะแนน"))}
    assert found["48.44"] == 2559
    found = {
        c.written: c.year
        for c in find_candidates(report_lines("ITA เพิ่มจาก 92.43 คะแนน (ปี 2567) เป็น 94.64 คะแนน"))
    }
    assert found == {"92.43": 2567, "94.64": None}


def test_every_cue_names_a_known_role():
    assert {cue.role for cue in CUES} <= set(ROLES)
    assert all(cue.name for cue in CUES)


def test_explain_gives_role_cues_and_rejected(registry):
    from prongsai.importers.results_import import import_text

    text = (
        "ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2565 กรมพัฒนาที่ดิน ได้รับผลคะแนน 96.81 คะแนน "
        "ผลคะแนนประเมินเฉลี่ยทั้งประเทศ 87.57 คะแนน"
    )
    found = import_text(text, "x", registry, explain=True).document["source"]["found"]
    overall = next(e for e in found if e["field"] == "reported.overall")
    assert overall["role"] == "overall" and overall["cues"]
    assert any(r.startswith("87.57") and "mean" in r for r in overall["rejected"])


@pytest.mark.parametrize(
    ("text", "number", "role"),
    [
        ("กรมศุลกากร ตั้งเป้าหมายคะแนน ITA ปี 2568 ไว้ที่ 95.00 คะแนน", "95.00", "mark"),
        ("กรมศุลกากร บรรลุเป้าหมาย ได้คะแนน ITA ปี 2568 95.12 คะแนน", "95.12", "overall"),
        ("with an average score of 96.12 points in the ITA", "96.12", "mean"),
        ("ได้คะแนน 95.12 คะแนน ในแบบวัด EIT ของ ITA", "95.12", "tool"),
        ("ITA ได้คะแนน 72.50 คะแนน ในด้านการป้องกันการทุจริต", "72.50", "indicator"),
        ("ITA คะแนนสูงสุด 100.00 คะแนน คะแนนต่ำสุด 81.25 คะแนน", "81.25", "other"),
        ("อบต.ดอนดู่ ได้คะแนน ITA ปี 2567 95.12/100 คะแนน", "95.12", "overall"),
        ("อบต.ดอนดู่ ได้คะแนน ITA ปี 2567 95.1234 คะแนน", "95.1234", "overall"),
    ],
)
def test_more_cues(text, number, role):
    assert role_of(text, number) == role
