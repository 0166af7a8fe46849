"""Word output as LibreOffice shows it: every built-in document kind converted with
`soffice --headless --convert-to pdf`, its page numbers and its text read back.

TH Sarabun New is not free to ship, so LibreOffice gets it through a fontconfig alias to
the vendored "Sarabun TH Compat", which is drawn at TH Sarabun New's size: the pages
break as on an office PC that has the font. Skipped only where soffice is missing and
CI is not set (CI installs libreoffice-writer-nogui through scripts/system-packages)."""

import io
import itertools
import os
import re
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from prongsai.documents import KINDS, Options, make_document
from prongsai.documents.pdf import FONTS
from prongsai.documents.sample import sample_inputs
from prongsai.thai import to_thai_digits

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"),
    reason="LibreOffice (soffice) is not installed: scripts/system-packages installs it",
)
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <alias binding="same">
    <family>TH Sarabun New</family><prefer><family>Sarabun TH Compat</family></prefer>
  </alias>
</fontconfig>
"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    assert SOFFICE, "CI must run this test: install libreoffice-writer-nogui"
    work = tmp_path_factory.mktemp("libreoffice")
    (work / "fonts.conf").write_text(FONTS_CONF.format(fonts=FONTS), encoding="utf-8")
    inputs = sample_inputs() | {"options": Options(today=date(2022, 11, 20))}
    words = {}
    for kind in KINDS:
        words[kind] = make_document(kind, "docx", **inputs)
        (work / f"{kind}.docx").write_bytes(words[kind])
    environment = os.environ | {
        "FONTCONFIG_FILE": str(work / "fonts.conf"),
        "HOME": str(work),  # a profile of its own, not the user's
    }
    subprocess.run(
        [SOFFICE, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(work)]
        + [str(work / f"{kind}.docx") for kind in KINDS],
        env=environment,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {kind: (work / f"{kind}.pdf").read_bytes() for kind in KINDS}


def page_texts(data):
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("kind", KINDS)
def test_each_page_after_the_first_is_numbered_once(converted, kind):
    pages = page_texts(converted[kind])
    assert "- ๑ -" not in pages[0] and "- 1 -" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        marks = [line for line in lines if re.fullmatch(r"- ?[0-9๐-๙]+ ?-", line)]
        # LibreOffice ignores Word's thaiNumbers page format (its DOCX import has no
        # Thai digits for fields), so it shows Arabic digits where Word shows Thai ones
        assert [m.replace(" ", "") for m in marks] in (
            [f"-{number}-"],
            [f"-{to_thai_digits(str(number))}-"],
        ), (kind, number, lines[:3])


def compact(text):
    # LibreOffice maps the compat font's own sara-aa glyph of ำ to a control character
    return re.sub(r"[\s\x00-\x1f]", "", text)


@pytest.mark.parametrize("kind", KINDS)
def test_libreoffice_shows_the_whole_text(converted, kind):
    from tests.unit.test_documents import HEADINGS

    text = compact("".join(page_texts(converted[kind])))
    for heading in HEADINGS[kind]:
        assert compact(heading) in text, (kind, heading)


def test_english_words_stay_whole_in_thai_paragraphs(converted):
    lines = [
        line.strip()
        for page in page_texts(converted["analysis"])
        for line in page.split("\n")
        if line.strip()
    ]
    split = [
        (before[-15:], after[:15])
        for before, after in itertools.pairwise(lines)
        if re.search(r"[A-Za-z]$", before) and re.match(r"[a-z]", after)
    ]
    assert split == []
    assert any(
        "Integrity and Transparency Assessment" in line.replace("\n", " ")
        for line in [" ".join(lines)]
    )


def test_the_overall_score_is_the_last_row_of_its_table(converted):
    text = compact("".join(page_texts(converted["analysis"])))
    assert "แบบวัดการเปิดเผยข้อมูลสาธารณะ(OIT)" in text
    assert re.search(r"\(OIT\)[๐-๙.]+คะแนนภาพรวม\(ระดับA\)๙๒\.๔๒", text)
