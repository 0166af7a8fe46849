"""Reading real reports: every value seeds 000–002 state comes out exactly, in every
file form they could arrive in, and bad files get a clear error."""

import io
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from prongsai.cli import main
from prongsai.engine.yamlio import load_yaml
from prongsai.importers.document_text import DocumentTextError, document_text
from prongsai.importers.results_import import import_results, import_text
from prongsai.importers.results_template import (
    TemplateError,
    read_template_xlsx,
    write_template_csv,
    write_template_xlsx,
)
from prongsai.thai import repair_thai_text, to_thai_digits
from tests.helpers import SEED_000, SEED_001, SEED_002, example

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED_TEXTS = {
    SEED_000: FIXTURES / "seeds" / "000-konnim.txt",
    SEED_001: FIXTURES / "seeds" / "001-ise.txt",
    SEED_002: FIXTURES / "seeds" / "002-nonhan.txt",
}
SECTIONS = ("agency", "fiscal_year", "indicators", "questions", "oit_items", "reported")


def numbers(section):
    return {
        str(k): Decimal(str(v)) if not isinstance(v, bool | str) else v for k, v in section.items()
    }


def assert_same_as_transcription(document, name):
    expected = example(name)
    for section in SECTIONS:
        want, got = expected.get(section), document.get(section)
        if isinstance(want, dict):
            assert numbers(got or {}) == numbers(want), section
        else:
            assert got == want, section


def docx_from_text(text):
    """A Word file whose paragraphs are the lines and whose tab lines are table rows."""
    body = []
    rows = []

    def flush():
        if rows:
            body.append("<w:tbl>" + "".join(rows) + "</w:tbl>")
            rows.clear()

    for line in text.splitlines():
        if "\t" in line:
            cells = "".join(
                f"<w:tc><w:p><w:r><w:t xml:space='preserve'>{escape(c)}</w:t></w:r></w:p></w:tc>"
                for c in line.split("\t")
            )
            rows.append(f"<w:tr>{cells}</w:tr>")
        else:
            flush()
            body.append(f"<w:p><w:r><w:t xml:space='preserve'>{escape(line)}</w:t></w:r></w:p>")
    flush()
    xml = (
        "<?xml version='1.0' encoding='UTF-8'?><w:document xmlns:w="
        "'http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>"
        + "".join(body)
        + "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


@pytest.mark.parametrize("name", [SEED_000, SEED_001, SEED_002])
def test_seed_text_reads_exactly_what_the_document_states(registry, name):
    imported = import_results(SEED_TEXTS[name].read_bytes(), name, registry)
    assert imported.ok
    assert_same_as_transcription(imported.document, name)


@pytest.mark.parametrize("name", [SEED_000, SEED_001])
def test_seed_as_word_file_reads_the_same(registry, name):
    data = docx_from_text(SEED_TEXTS[name].read_text(encoding="utf-8"))
    imported = import_results(data, "report.docx", registry)
    assert imported.document["source"]["format"] == "docx"
    assert_same_as_transcription(imported.document, name)


def test_seed_as_pdf_reads_the_same_despite_its_text_layer(registry):
    data = (FIXTURES / "seed-000-konnim.pdf").read_bytes()
    assert "\uf70b" in document_text(data, "x.pdf").text  # the private-use tone marks are there
    imported = import_results(data, "seed-000.pdf", registry)
    assert imported.document["source"]["format"] == "pdf"
    assert_same_as_transcription(imported.document, SEED_000)


def test_seed_000_year_is_chosen_with_its_reason_and_flagged_ambiguous(registry):
    source = import_results(SEED_TEXTS[SEED_000].read_bytes(), "000", registry).document["source"]
    assert source["year"]["chosen"] == 2565
    assert source["year"]["ambiguous"] is True
    assert set(source["year"]["candidates"]) == {2564, 2565, 2566}
    assert "2566" in source["year"]["reason"]  # the measures' fiscal year explains it
    assert "YEAR_AMBIGUOUS" in [d["code"] for d in source["doubts"]]
    assert source["agency_kind"] == "sao"


def test_seed_001_carries_the_engines_warnings_and_the_readers_doubts(registry):
    imported = import_results(SEED_TEXTS[SEED_001].read_bytes(), "001", registry)
    source = imported.document["source"]
    assert source["year"] == {
        "chosen": 2566,
        "reason": source["year"]["reason"],
        "reason_en": source["year"]["reason_en"],
        "ambiguous": False,
        "candidates": {2566: 15},
    }
    assert "ผลการประเมิน" in source["year"]["reason"]
    codes = [w["code"] for w in source["warnings"]]
    assert "OVERALL_MISMATCH" in codes
    assert codes.count("INDICATOR_QUESTIONS_MISMATCH") == 4  # indicator 5 and the three EIT
    # e10 is given twice with different values: the first is kept, the other shown
    doubt = next(d for d in source["doubts"] if d["code"] == "VALUES_DIFFER")
    assert "e10" in doubt["message"] and "93.61" in doubt["message"]


def test_seed_002_has_no_scores_and_says_so(registry):
    imported = import_results(SEED_TEXTS[SEED_002].read_bytes(), "002", registry)
    assert [w.code for w in imported.warnings] == ["NO_SCORES"]
    assert imported.document["agency"] == "เทศบาลตำบลโนนหัน"
    assert imported.document["source"]["agency_kind"] == "subdistrict_municipality"


def test_explain_names_line_snippet_and_confidence(registry):
    imported = import_results(SEED_TEXTS[SEED_000].read_bytes(), "000", registry, explain=True)
    found = {e["field"]: e for e in imported.document["source"]["found"]}
    overall = found["reported.overall"]
    assert overall["line"] == 10 and "๙๒.๔๒" in overall["snippet"]
    # the ranking table lists การใช้อำนาจ second: the name decides, not the rank
    assert found["indicators.3"]["value"] == Decimal("99.80")
    assert found["indicators.3"]["confidence"] == "high"


REPORT = """องค์การบริหารส่วนตำบลหนองบัว อำเภอเมือง จังหวัดอุดรธานี
รายงานการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๖
โดยรวมได้คะแนนเท่ากับร้อยละ ๘๘.๗๕ ผลการประเมินอยู่ในระดับ A
IIT ระดับคะแนนประเมิน ๙๘.๔ คะแนน
| อันดับ | ตัวชี้วัด | คะแนน |
|---|---|---|
| 1 | การใช้ทรัพย์สินของทางราชการ | 9 9.1 0 |
| 2 | คุณภาพการดำเนินการ | ๙๕.๐๐ |
| 3 | การปรับปรุงการทำงาน | 90.5 |
<p>ตัวชี้วัดที่ ๖ ได้คะแนน ๙๑.๒๐</p>
ตัวชี้วัดที่ ๓ การใช้อำนาจ ได้ ๙๗.๐๐ คะแนน
ข้อ I19	96.70
ข้อ i๑	๙๗.๘๐
ข้อ 110	88.00
ข้อ ๐๑๒	ไม่ผ่าน	ไม่พบข้อมูลการติดต่อที่เป็นปัจจุบันบนเว็บไซต์
O42	0	ไม่มีมาตรการส่งเสริมคุณธรรมที่เผยแพร่
O41	100
"""


def test_variants_tables_prose_and_ocr_forms(registry):
    imported = import_text(REPORT, "report.md", registry, explain=True)
    document = imported.document
    assert document["agency"] == "องค์การบริหารส่วนตำบลหนองบัว"
    assert document["fiscal_year"] == 2566
    assert numbers(document["indicators"]) == {
        "3": Decimal("97.00"),
        "4": Decimal("99.10"),  # ของทางราชการ, "9 9.1 0" with stray spaces
        "6": Decimal("95.00"),  # การดำเนินการ; "ตัวชี้วัดที่ ๖ ได้คะแนน ๙๑.๒๐" disagrees
        "8": Decimal("90.5"),  # การปรับปรุงการทำงาน for ระบบการทำงาน
    }
    assert numbers(document["questions"]) == {
        "i1": Decimal("97.80"),
        "i10": Decimal("88.00"),  # "110" in a table of i questions
        "i19": Decimal("96.70"),
    }
    assert document["oit_items"] == {"O12": 0, "O41": 100, "O42": 0}
    assert document["oit_comments"] == {
        "O12": "ไม่พบข้อมูลการติดต่อที่เป็นปัจจุบันบนเว็บไซต์",
        "O42": "ไม่มีมาตรการส่งเสริมคุณธรรมที่เผยแพร่",
    }
    assert numbers(document["reported"]) == {
        "overall": Decimal("88.75"),
        "grade": "A",
        "IIT": Decimal("98.4"),
    }
    doubts = [d["code"] for d in document["source"]["doubts"]]
    assert "VALUES_DIFFER" in doubts  # indicator 6: 95.00 and 91.20
    found = {e["field"]: e for e in document["source"]["found"]}
    assert found["questions.i10"]["confidence"] == "medium"
    assert found["oit_items.O12"]["confidence"] == "medium"


def test_a_rank_is_not_taken_for_the_indicator_number(registry):
    text = (
        "ผลการประเมิน ITA ประจำปี ๒๕๖๕\n"
        "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ได้คะแนนเท่ากับร้อยละ ๑๐๐.๐๐ รองลงมาคือ"
        "ตัวชี้วัดที่ ๒ การใช้อำนาจ ได้คะแนนเท่ากับร้อยละ ๙๙.๘๐\n"
    )
    imported = import_text(text, "x.txt", registry, explain=True)
    assert numbers(imported.document["indicators"]) == {
        "1": Decimal("100.00"),
        "3": Decimal("99.80"),
    }
    found = {e["field"]: e for e in imported.document["source"]["found"]}
    assert "ตัวชี้วัดที่ 2" in found["indicators.3"]["how"]


def test_sub_item_numbers_and_counts_are_not_scores(registry):
    text = (
        "ผลการประเมิน ITA ประจำปี ๒๕๖๕\n"
        "ตัวชี้วัดที่ ๒ การใช้งบประมาณ\t2.1 เผยแพร่แผนการใช้จ่ายงบประมาณ\n"
        "การเปิดเผยข้อมูล 12 ข้อ ดำเนินการภายใน 6 เดือน\n"
    )
    assert "indicators" not in import_text(text, "x.txt", registry).document


def test_year_given_by_the_user_wins(registry):
    imported = import_results(SEED_TEXTS[SEED_000].read_bytes(), "000", registry, year=2566)
    assert imported.document["fiscal_year"] == 2566
    assert imported.document["source"]["year"]["reason_en"] == "given by the user"


def test_no_year_is_a_problem_not_a_guess(registry):
    imported = import_text("การปฏิบัติหน้าที่ 95.00\n", "x.txt", registry)
    assert not imported.ok
    assert [p.code for p in imported.problems] == ["MISSING_FIELD"]
    assert "YEAR_NOT_FOUND" in [d["code"] for d in imported.document["source"]["doubts"]]


def test_thai_repairs_for_pdf_text():
    assert repair_thai_text("ได\uf70bคะแนนตํ\uf70aากว\uf70aา") == "ได้คะแนนต่ำกว่า"
    assert repair_thai_text("การดําเนินงาน") == "การดำเนินงาน"


# ---------------------------------------------------------------- bad files


def blank_pdf():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "EMPTY"),
        (b"   \n\n", "EMPTY"),
        (bytes(range(256)) * 20, "BINARY"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "OLD_WORD"),
        (b"PK\x03\x04 not really a zip", "BAD_DOCX"),
        (b"%PDF-1.4 broken", "BAD_PDF"),
    ],
)
def test_bad_files_get_a_clear_error(data, code):
    with pytest.raises(DocumentTextError) as caught:
        document_text(data, "upload")
    assert caught.value.code == code


def test_a_pdf_without_text_says_it_is_probably_a_scan():
    with pytest.raises(DocumentTextError) as caught:
        document_text(blank_pdf(), "scan.pdf")
    assert caught.value.code == "NO_TEXT_LAYER"
    assert "สแกน" in str(caught.value)


def test_cp874_text_is_read():
    text = "ผลการประเมิน ITA ประจำปี ๒๕๖๖"
    assert document_text(text.encode("cp874"), "x.txt").text == text


# ---------------------------------------------------------------- the template


def test_template_round_trip_xlsx(registry):
    from openpyxl import load_workbook

    framework = registry.get("nacc-2566")
    workbook = load_workbook(io.BytesIO(write_template_xlsx(framework)))
    assert workbook.sheetnames == ["ตัวชี้วัด", "ข้อคำถาม", "OIT"]
    sheet = workbook["ตัวชี้วัด"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert rows["fiscal_year"][2].value == 2566
    rows["agency"][2].value = "องค์การบริหารส่วนตำบลอีเซ"
    for number, score in example(SEED_001)["indicators"].items():
        rows[number][2].value = float(score)
    rows["overall"][2].value = 95.51
    items = {row[0].value: row for row in workbook["OIT"].iter_rows(min_row=2)}
    items["O9"][2].value = "ไม่ผ่าน"
    items["O9"][3].value = "ไม่พบรายงานผลการดำเนินงาน"
    items["O10"][2].value = "ผ่าน"
    assert any(v.sqref and "C4" in str(v.sqref) for v in sheet.data_validations.dataValidation)
    buffer = io.BytesIO()
    workbook.save(buffer)
    imported = import_results(buffer.getvalue(), "filled.xlsx", registry)
    assert imported.ok
    document = imported.document
    assert document["fiscal_year"] == 2566
    assert numbers(document["indicators"]) == numbers(example(SEED_001)["indicators"])
    assert document["oit_items"] == {"O9": 0, "O10": 100}
    assert document["oit_comments"] == {"O9": "ไม่พบรายงานผลการดำเนินงาน"}
    assert "OVERALL_MISMATCH" in [w.code for w in imported.warnings]


def test_template_errors_name_sheet_row_column_and_value(registry):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(write_template_xlsx(registry.get("nacc-2566"))))
    sheet = workbook["ตัวชี้วัด"]
    sheet["C4"] = "เก้าสิบ"  # indicator 1
    sheet["C5"] = 101
    workbook["OIT"]["C2"] = "ได้"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(TemplateError) as caught:
        read_template_xlsx(buffer.getvalue())
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 3
    assert messages[0] == (
        "แผ่นงาน 'ตัวชี้วัด' แถว 4 คอลัมน์ C: ค่า 'เก้าสิบ' ใช้ไม่ได้ ต้องเป็นคะแนนเป็นตัวเลข 0–100"
    )
    assert "แถว 5" in messages[1] and "101" in messages[1]
    assert messages[2].startswith("แผ่นงาน 'OIT' แถว 2")


def test_template_csv_round_trip_with_thai_digits(registry):
    text = write_template_csv(registry.get("nacc-2565")).decode("utf-8-sig")
    lines = text.splitlines()
    filled = []
    for line in lines:
        cells = line.split(",")
        if cells[1] == "1":
            cells[3] = to_thai_digits("100.00")
        elif cells[1] == "agency":
            cells[3] = "อบต. คอนนิม"
        filled.append(",".join(cells))
    imported = import_results("\n".join(filled).encode("cp874"), "filled.csv", registry)
    assert imported.ok
    assert imported.document["fiscal_year"] == 2565
    assert numbers(imported.document["indicators"]) == {"1": Decimal("100.00")}


# ---------------------------------------------------------------- the command


def test_import_text_output_chains_into_analyze(capsys, tmp_path):
    code = main(["import-text", str(SEED_TEXTS[SEED_000])])
    out, err = capsys.readouterr()
    assert code == 0
    assert "ปีที่ประเมินไม่ชัดเจน" in err  # doubts go to stderr, the document to stdout
    path = tmp_path / "results.yaml"
    path.write_text(out, encoding="utf-8")
    assert load_yaml(out)["reported"]["overall"] == Decimal("92.42")
    code = main(["analyze", str(path), "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0 and '"overall": 92.42' in out and '"grade": "A"' in out


def test_import_text_json_and_bad_file_exit_codes(capsys, tmp_path):
    code = main(["import-text", str(SEED_TEXTS[SEED_001]), "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0 and '"i7": 90.07' in out
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(blank_pdf())
    code = main(["import-text", str(scan)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "ไม่มีชั้นข้อความ" in err
    undated = tmp_path / "undated.txt"
    undated.write_text("การปฏิบัติหน้าที่ 95.00\n", encoding="utf-8")
    code = main(["import-text", str(undated)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "--year" in err
    assert main(["import-text", str(undated), "--year", "๒๕๖๗"]) == 0


def test_template_command_writes_both_formats(capsys, tmp_path):
    assert (
        main(
            [
                "template",
                "results",
                "--format",
                "csv",
                "--year",
                "2568",
                "-o",
                str(tmp_path / "t.csv"),
            ]
        )
        == 0
    )
    assert (tmp_path / "t.csv").read_bytes().startswith("\ufeffส่วน,รหัส".encode())
    assert main(["template", "results", "-o", str(tmp_path / "t.xlsx")]) == 0
    assert zipfile.is_zipfile(tmp_path / "t.xlsx")
