"""Documents ready to sign (issue 10, section 3): what the documents print."""

import dataclasses
import io
import itertools
import re
import zipfile
from datetime import date

import pytest
from pypdf import PdfReader

from prongsai.documents import Options, make_document
from prongsai.documents.content import build_content
from prongsai.documents.inputs import ProgressEntry
from prongsai.documents.pdf import KEEP_WHOLE_WORDS
from prongsai.documents.sample import sample_inputs

TODAY = date(2022, 11, 20)


@pytest.fixture(scope="module")
def inputs():
    return sample_inputs() | {"options": Options(today=TODAY)}


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_file_names_and_urls_keep_their_digits(inputs):
    entry = ProgressEntry(
        measure=1,
        status="done",
        done="รายงานผลที่ https://www.konnim.go.th/ita/2567/o12 และไฟล์ สรุปผล-มี.ค.67.pdf แล้ว 3 ครั้ง",
        evidence=("มี.ค.67.pdf", "https://konnim.go.th/files/2567/o1.pdf", "หนังสือ ลงวันที่ 1 ต.ค."),
    )
    progress = dataclasses.replace(inputs["progress"], entries=(entry,))
    content = build_content("progress", **inputs | {"progress": progress})
    row = content["progress"]["rows"][0]
    assert row["evidence"] == [
        "มี.ค.67.pdf",
        "https://konnim.go.th/files/2567/o1.pdf",
        "หนังสือ ลงวันที่ ๑ ต.ค.",
    ]
    assert row["done"] == (
        "รายงานผลที่ https://www.konnim.go.th/ita/2567/o12 และไฟล์ สรุปผล-มี.ค.67.pdf แล้ว ๓ ครั้ง"
    )
    text = pdf_text(make_document("progress", "pdf", **inputs | {"progress": progress}))
    assert "มี.ค.67.pdf" in text and "มี.ค.๖๗" not in text


def seed_001_inputs(registry):
    from prongsai.engine import analyze, framework_for
    from tests.helpers import SEED_001, results_of

    results = results_of(SEED_001)
    return {
        "analysis": analyze(framework_for(registry, results), results),
        "agency": None,
        "options": Options(today=TODAY),
    }


def test_published_overall_with_the_computed_one_in_a_footnote(registry):
    inputs = seed_001_inputs(registry)
    analysis = build_content("analysis", **inputs)["analysis"]
    assert analysis["overall"] == "๙๕.๕๑*"
    assert analysis["result_text"].startswith(
        "ผลการประเมิน ITA ประจำปี ๒๕๖๖ ได้คะแนนภาพรวม ๙๕.๕๑* คะแนน ระดับ AA"
    )
    assert analysis["overall_note"] == (
        "* คะแนนภาพรวมตามที่สำนักงาน ป.ป.ช. ประกาศ คะแนนที่คำนวณจากคะแนนรายตัวชี้วัดในผลการประเมิน"
        "ได้ ๙๕.๔๕ คะแนน หากใช้คะแนนตัวชี้วัดที่ ๕ ที่คำนวณจากข้อคำถาม จะได้ ๙๕.๕๑ ตรงกับที่ระบุ"
    )
    pdf = compact(pdf_text(make_document("analysis", "pdf", **inputs)))
    word = compact(docx_text(make_document("analysis", "docx", **inputs)))
    for text in (pdf, word):
        assert "คะแนนภาพรวม(ระดับAA)๙๕.๕๑*" in text
        assert compact(analysis["overall_note"]) in text


def test_matching_overall_has_no_footnote(inputs):
    analysis = build_content("analysis", **inputs)["analysis"]
    assert (analysis["overall"], analysis["overall_note"]) == ("๙๒.๔๒", "")


def compact(text):
    return re.sub(r"\s", "", text)


def docx_text(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_the_chart_is_drawn_once_per_year_and_threshold(registry):
    from PIL import Image

    from prongsai.documents.chart import indicator_chart

    inputs = seed_001_inputs(registry)
    at_85 = build_content("analysis", **inputs)["analysis"]
    first = indicator_chart(at_85, thai_digits=False)
    again = indicator_chart(build_content("analysis", **inputs)["analysis"], thai_digits=False)
    assert again is first  # the same bytes object: not drawn a second time
    at_90 = dict(at_85, threshold="90")
    other = indicator_chart(at_90, thai_digits=False)
    assert other != first
    assert Image.open(io.BytesIO(other)).size == (1800, 90 + 78 * 10 + 70)


# ---------------------------------------------------------------- Thai line breaks (item 4)

# Words no line may end inside: those Pango's dictionary cuts (documents/pdf.py), words
# that WeasyPrint's partial layouts used to cut (การทุ|จริต), and the agencies' names.
WHOLE_WORDS = (
    *KEEP_WHOLE_WORDS,
    "ทุจริต",
    "คุณธรรม",
    "โปร่งใส",
    "งบประมาณ",
    "ประเมิน",
    "บริหาร",
    "องค์การ",
    "เดือน",
    "คอนนิม",
    "อีเซ",
    "โนนหัน",
    "เวียงใหญ่",
    "ขอนแก่น",
)


def pdf_lines(data):
    lines = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines += [line.strip() for line in page.extract_text().split("\n") if line.strip()]
    return lines


def split_words(lines):
    """(word, line end, next line's start) for every known word cut by a line break,
    and every "เดือน" left alone after its number."""
    found = []
    for before, after in itertools.pairwise(lines):
        for word in WHOLE_WORDS:
            for cut in range(1, len(word)):
                if before.endswith(word[:cut]) and after.startswith(word[cut:]):
                    found.append((word, before[-20:], after[:20]))
        if before[-1:] in "0123456789๐๑๒๓๔๕๖๗๘๙" and after.startswith("เดือน"):
            found.append(("เดือน", before[-20:], after[:20]))
    return found


def example_documents(registry):
    from prongsai.documents import KINDS
    from prongsai.engine import analyze, framework_for
    from tests.helpers import SEED_001, SEED_002, results_of

    sample = sample_inputs() | {"options": Options(today=TODAY)}
    for kind in KINDS:
        yield f"seed-000 {kind}", make_document(kind, "pdf", **sample)
    for seed in (SEED_001, SEED_002):
        results = results_of(seed)
        analysis = analyze(framework_for(registry, results), results)
        for kind in ("analysis", "memo"):
            inputs = {"analysis": analysis, "agency": None, "options": Options(today=TODAY)}
            yield f"{seed} {kind}", make_document(kind, "pdf", **inputs)


def test_no_known_word_is_split_across_lines_in_the_examples_pdfs(registry):
    problems = {
        name: found
        for name, data in example_documents(registry)
        if (found := split_words(pdf_lines(data)))
    }
    assert problems == {}


def test_the_line_check_sees_a_split_word():
    lines = ["(ตัวชี้วัดที่ ๑๐ การป้องกันการทุ", "จริต; ข้อ O34, O35)", "รอบ ๖ และ ๑๒", "เดือน"]
    assert [word for word, _end, _start in split_words(lines)] == ["ทุจริต", "เดือน"]
