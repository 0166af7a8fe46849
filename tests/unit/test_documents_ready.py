"""Documents ready to sign (issue 10, section 3): what the documents print."""

import dataclasses
import io
from datetime import date

import pytest
from pypdf import PdfReader

from prongsai.documents import Options, make_document
from prongsai.documents.content import build_content
from prongsai.documents.inputs import ProgressEntry
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
