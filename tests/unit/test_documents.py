"""Official documents: every kind in Word and PDF from the same content; Thai run
properties in Word; fonts embedded and a searchable Thai text layer in PDF; inputs
checked; templates of the agency's own, sandboxed."""

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from prongsai.cli import main
from prongsai.documents import KINDS, InputError, Options, make_document
from prongsai.documents.content import build_content
from prongsai.documents.docx import TemplateProblem, builtin_template, check_template
from prongsai.documents.inputs import read_plan, read_progress
from prongsai.documents.sample import sample_inputs
from prongsai.engine import analyze, framework_for
from prongsai.engine.numbers import round2
from tests.helpers import EXAMPLES, SEED_000, SEED_001, results_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AGENCY = EXAMPLES / "agency-konnim.yaml"
MEASURES = EXAMPLES / "measures-konnim-2566.yaml"
PROGRESS = EXAMPLES / "progress-konnim-2566-r6.yaml"
TODAY = date(2022, 11, 20)


@pytest.fixture(scope="module")
def inputs():
    return sample_inputs() | {"options": Options(today=TODAY)}


@pytest.fixture(scope="module")
def pdfs(inputs):
    return {kind: make_document(kind, "pdf", **inputs) for kind in KINDS}


@pytest.fixture(scope="module")
def docxs(inputs):
    return {kind: make_document(kind, "docx", **inputs) for kind in KINDS}


def pdf_text(data):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def compact(text):
    return re.sub(r"\s", "", text)


def docx_xml(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def docx_text(data):
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", docx_xml(data)))


HEADINGS = {
    "analysis": ["หลักการและเหตุผล", "ผลการประเมินรายตัวชี้วัด", "ข้อเสนอแนะ", "ข้อจำกัด"],
    "measures": ["มาตรการ/แนวทาง", "วิธีการดำเนินการ/ขั้นตอน", "ระยะเวลาดำเนินการ", "การติดตามผล"],
    "analysis+measures": ["หลักการและเหตุผล", "จุดแข็ง", "มาตรการ/แนวทาง", "การติดตามผล"],
    "progress": ["ผลการดำเนินการ", "ปัญหา/อุปสรรค", "แนวทางแก้ไข", "รอบ ๖ เดือน"],
    "memo": ["บันทึกข้อความ", "ส่วนราชการ", "เรื่อง", "ขออนุมัติมาตรการ", "เห็นชอบ"],
    "announcement": ["ประกาศองค์การบริหารส่วนตำบลคอนนิม", "ประกาศ ณ วันที่ ๒๐ พฤศจิกายน ๒๕๖๕"],
}


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_text_layer_has_agency_headings_and_numbers(pdfs, kind):
    text = compact(pdf_text(pdfs[kind]))  # table cells wrap: compare without line breaks
    assert "องค์การบริหารส่วนตำบลคอนนิม" in text
    for heading in HEADINGS[kind]:
        assert compact(heading) in text, heading
    if "analysis" in kind:
        assert "๙๒.๔๒" in text and "๘๔.๕๖" in text and "๘๑.๒๕" in text
        assert "ดำเนินงาน" in text  # ำ survives copy and search (see pdf_text.py)
        assert "ดาเนินงาน" not in text


@pytest.mark.parametrize("kind", KINDS)
def test_word_and_pdf_say_the_same(pdfs, docxs, kind):
    in_pdf = compact(pdf_text(pdfs[kind]))
    in_word = docx_text(docxs[kind])
    for heading in HEADINGS[kind]:
        assert compact(heading) in compact(in_word), heading
    for number in re.findall(r"[๐-๙]+\.[๐-๙]{2}", in_word):
        assert number in in_pdf, number


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_fonts_are_embedded(pdfs, kind):
    reader = PdfReader(io.BytesIO(pdfs[kind]))
    fonts = {}
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descendant["/FontDescriptor"]
    thai = {name: embedded for name, embedded in fonts.items() if "Sarabun-TH-Compat" in name}
    assert thai and all(thai.values())


@pytest.mark.parametrize("kind", KINDS)
def test_every_word_run_is_thai_16pt_th_sarabun_new(docxs, kind):
    xml = docx_xml(docxs[kind])
    runs = re.findall(r"<w:r>(.*?)</w:r>", xml, flags=re.S)
    text_runs = [r for r in runs if re.search(r"<w:t[^>]*>[^<]+</w:t>", r)]
    assert len(text_runs) > 10
    for run in text_runs:
        assert 'w:cs="TH Sarabun New"' in run and 'w:ascii="TH Sarabun New"' in run
        assert 'w:bidi="th-TH"' in run
        size = re.search(r'<w:szCs w:val="(\d+)"/>', run)
        assert size and int(size.group(1)) >= 32  # 16 pt and up
        if "<w:b " in run:
            assert "<w:bCs " in run  # Thai bold is bCs


def test_word_tables_have_grid_widths_and_repeated_headers(docxs):
    xml = docx_xml(docxs["measures"])
    assert "<w:tblHeader" in xml
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', xml)]
    assert len(widths) == 6 and sum(widths) > 14000  # landscape: about 25 cm in twips


def test_memo_layout(docxs):
    xml = docx_xml(docxs["memo"])
    assert '<w:sz w:val="58"/>' in xml  # บันทึกข้อความ 29 pt
    assert xml.count('<w:szCs w:val="40"/>') >= 3  # the labels at 20 pt
    assert '<w:ind w:firstLine="1417"/>' in xml  # 2.5 cm first-line indent
    text = docx_text(docxs["memo"])
    assert "(นายสมศักดิ์ รักษ์ถิ่น)" in text and "ที่ ขก ๗๒๕๐๑/" in text
    assert "วันที่ ๒๐ พฤศจิกายน ๒๕๖๕" in text


def test_analysis_content_is_the_engines(inputs):
    content = build_content("analysis", analysis=inputs["analysis"], agency=inputs["agency"])
    a = content["analysis"]
    assert a["overall"] == "๙๒.๔๒" and a["grade"] == "A"
    assert [i["number"] for i in a["indicators"]][:3] == ["๑", "๓", "๕"]  # by rank
    assert [i["rank"] for i in a["indicators"]][1:3] == ["๒", "๒"]  # ties share a rank
    assert a["weaknesses"] == [
        "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล (๘๔.๕๖ คะแนน)",
        "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต (๘๑.๒๕ คะแนน)",
    ]
    assert len(a["recommendations"]) == 2
    assert content["ita_year"] == "๒๕๖๕" and content["plan_year"] == "๒๕๖๖"


def test_arabic_digits_and_abbreviated_dates(inputs):
    options = Options(thai_digits=False, abbreviated_dates=True, today=TODAY)
    content = build_content(
        "memo",
        analysis=inputs["analysis"],
        agency=inputs["agency"],
        plan=inputs["plan"],
        options=options,
    )
    assert content["date"] == "20 พ.ย. 65"
    assert "2566" in content["memo"]["subject"]
    assert content["fiscal_range"] == "ต.ค.\xa065 – ก.ย.\xa066"


def test_oit_failures_with_points_and_comments(registry):
    document = {
        "fiscal_year": 2564,
        "indicators": {str(n): 90 for n in range(1, 9)},
        "oit_items": {"O42": 0, "O1": 100},
        "oit_comments": {"O42": "ไม่พบรายงานผลการดำเนินการตามมาตรการ"},
    }
    from prongsai.engine import parse_results

    results = parse_results(document)
    analysis = analyze(framework_for(registry, results), results)
    content = build_content("analysis", analysis=analysis, agency=None)
    failed = content["analysis"]["oit_failed"]
    assert failed[0]["code"] == "O42"
    assert failed[0]["comment"] == "ไม่พบรายงานผลการดำเนินการตามมาตรการ"
    assert failed[0]["points"] == "๕.๐๐"  # one O42 miss costs 5 ITA points in 2564
    text = compact(pdf_text(make_document("analysis", "pdf", analysis=analysis)))
    assert "ไม่พบรายงานผลการดำเนินการตามมาตรการ" in text


def test_progress_content(inputs):
    content = build_content(
        "progress",
        analysis=None,
        agency=inputs["agency"],
        plan=inputs["plan"],
        progress=inputs["progress"],
        options=Options(today=TODAY),
    )
    p = content["progress"]
    assert p["period"] == "๑ ตุลาคม ๒๕๖๕ – ๓๑ มีนาคม ๒๕๖๖"
    statuses = [r["status"] for r in p["rows"]]
    assert statuses[0] == "อยู่ระหว่างดำเนินการ"
    assert statuses[3] == "ยังไม่ดำเนินการ"  # measure 4 has no entry
    assert statuses[8] == "ดำเนินการแล้ว"
    assert statuses[4] == "ล่าช้ากว่ากำหนด"  # due เม.ย. ๖๖: not yet overdue on ๓๑ มี.ค.
    assert "ดำเนินการแล้ว ๔ มาตรการ" in p["summary"]


def test_unfinished_measures_past_their_end_are_overdue(inputs):
    from dataclasses import replace

    later = replace(inputs["progress"], as_of=date(2023, 6, 1))
    content = build_content(
        "progress", analysis=None, agency=None, plan=inputs["plan"], progress=later
    )
    statuses = [r["status"] for r in content["progress"]["rows"]]
    assert statuses[4] == "ล่าช้ากว่ากำหนด (เกินกำหนด)"  # measure 5 was due by เม.ย. ๖๖
    assert statuses[5] == "ดำเนินการแล้ว"  # done in time: never overdue


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fiscal_year: 2566\nmeasures: []\n", "ต้องมีรายการมาตรการ"),
        (
            "fiscal_year: 2009\nmeasures: [{title: x, steps: [a], units: [b], start: 2565-10, "
            "end: 2566-09, follow_up: c}]\n",
            "ปีงบประมาณ",
        ),
        (
            "fiscal_year: 2566\nmeasures: [{title: x, steps: [a], units: [b], start: 2566-10, "
            "end: 2566-09, follow_up: c}]\n",
            "สิ้นสุดก่อนเริ่ม",
        ),
        (
            "fiscal_year: 2566\nmeasures: [{title: x, steps: [a], units: [b], start: 2565-10, "
            "end: 2566-09, follow_up: c, indicators: [11]}]\n",
            "ต้องเป็นเลข 1–10",
        ),
    ],
)
def test_bad_measures_files_name_the_field(text, message):
    from prongsai.engine.yamlio import load_yaml

    with pytest.raises(InputError) as caught:
        read_plan(load_yaml(text))
    assert message in str(caught.value)


def test_cancelled_without_reason_is_an_error(inputs):
    data = {
        "fiscal_year": 2566,
        "round": 6,
        "as_of": "2566-03-31",
        "items": [{"measure": 1, "status": "cancelled"}],
    }
    with pytest.raises(InputError, match="ต้องระบุเหตุผล"):
        read_progress(data, inputs["plan"])


def test_a_kind_without_its_inputs_is_refused(inputs):
    with pytest.raises(InputError, match="measures"):
        make_document("announcement", "pdf", analysis=inputs["analysis"])


# ---------------------------------------------------------------- templates


def test_the_agencys_own_template_is_used(inputs):
    from docx import Document

    document = Document(io.BytesIO(builtin_template("announcement")))
    document.paragraphs[0].insert_paragraph_before("ตราสัญลักษณ์ของหน่วยงาน — แบบของเราเอง")
    buffer = io.BytesIO()
    document.save(buffer)
    check_template(buffer.getvalue())
    data = make_document("announcement", "docx", **inputs, template=buffer.getvalue())
    text = docx_text(data)
    assert "แบบของเราเอง" in text and "ประกาศองค์การบริหารส่วนตำบลคอนนิม" in text


def word_file(text):
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_sandbox_refuses_python_internals(inputs):
    template = word_file("{{ c.agency.name.__class__.__mro__ }}")
    with pytest.raises(TemplateProblem, match="แม่แบบ"):
        make_document("announcement", "docx", **inputs, template=template)


def test_a_broken_tag_is_refused_at_upload():
    with pytest.raises(TemplateProblem, match="คำสั่งที่ผิด"):
        check_template(word_file("{% for x in %}"))


def test_not_a_word_file_is_refused():
    with pytest.raises(TemplateProblem, match="ไม่ใช่แม่แบบ Word"):
        check_template(b"hello")


# ---------------------------------------------------------------- the command


def test_report_command_writes_both_formats(capsys, tmp_path):
    for fmt in ("docx", "pdf"):
        out = tmp_path / f"report.{fmt}"
        code = main(
            [
                "report",
                "analysis+measures",
                "--results",
                str(EXAMPLES / SEED_000),
                "--measures",
                str(MEASURES),
                "--agency",
                str(AGENCY),
                "--format",
                fmt,
                "-o",
                str(out),
                "--date",
                "2565-11-20",
            ]
        )
        assert code == 0
        assert out.stat().st_size > 10_000
    text = compact(pdf_text((tmp_path / "report.pdf").read_bytes()))
    assert compact("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖") in text


def test_report_command_bad_input_exits_2(capsys, tmp_path):
    code = main(
        [
            "report",
            "progress",
            "--measures",
            str(MEASURES),
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "progress" in err
    assert not (tmp_path / "x.pdf").exists()


def test_template_command_writes_the_builtin_word_template(tmp_path):
    assert main(["template", "memo", "-o", str(tmp_path / "memo.docx")]) == 0
    assert "{{ c.memo.subject }}" in docx_text((tmp_path / "memo.docx").read_bytes())


def test_seed_001_report_states_its_warnings_free_numbers(registry):
    results = results_of(SEED_001)
    analysis = analyze(framework_for(registry, results), results)
    text = pdf_text(make_document("analysis", "pdf", analysis=analysis))
    assert "๙๕.๔๕" in text and "AA" in text  # recomputed, not the document's 95.51
    assert round2(analysis.scores.overall) == Decimal("95.45")


def test_pdf_html_keeps_years_and_months_whole_and_escapes_text():
    from prongsai.documents.pdf import _keep_whole

    assert _keep_whole("มี.ค.\xa0๖๖ – ก.ย.\xa0๖๖ <b>") == (
        '<span class="nowrap">มี.ค.\xa0๖๖</span> – <span class="nowrap">ก.ย.\xa0๖๖</span> &lt;b&gt;'
    )
    assert _keep_whole("ประจำปีงบประมาณ พ.ศ.\xa0๒๕๖๖") == (
        'ประจำปีงบประมาณ <span class="nowrap">พ.ศ.\xa0๒๕๖๖</span>'
    )


def test_change_from_the_previous_year_is_the_engines(registry):
    from prongsai.engine import parse_results

    now = results_of(SEED_000)
    before = parse_results({"fiscal_year": 2564, "indicators": {str(n): 90 for n in range(1, 11)}})
    analysis = analyze(
        framework_for(registry, now), now, previous=(framework_for(registry, before), before)
    )
    content = build_content("analysis", analysis=analysis, agency=None)["analysis"]
    assert round2(analysis.change.overall) == Decimal("2.42")
    assert content["change"] == "เทียบกับปี ๒๕๖๔ (๙๐.๐๐ คะแนน) เพิ่มขึ้น ๒.๔๒ คะแนน"
    assert content["result_text"].endswith("ผ่านเกณฑ์ ๘๕ คะแนน")
