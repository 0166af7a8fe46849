"""The text of a report file: plain text, Markdown, Word (.docx) or a text-based PDF.

The kind is told from the bytes, not the name, so a .doc renamed .docx or a scan
saved as .pdf gets a message that says what to do. Word tables come out as one line
per row with tab-separated cells, the form the report reader understands best.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from xml.etree import ElementTree

from prongsai.files.zips import MESSAGES as ZIP_MESSAGES
from prongsai.files.zips import ZipLimitError, check_zip
from prongsai.importers.budget import UNLIMITED, Budget, OverBudget

ENCODINGS = ("utf-8-sig", "cp874")  # Thai Windows Notepad and Excel save TIS-620 (cp874)
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 300
# The report reader takes about 8 seconds a million characters; a 300-page report has
# about half a million.
MAX_TEXT_CHARS = 2_000_000

MESSAGES = {
    "EMPTY": ("ไฟล์ว่าง ไม่มีข้อความ", "the file is empty"),
    "TOO_LARGE": ("ไฟล์ใหญ่เกิน 20 MB", "the file is larger than 20 MB"),
    "BINARY": (
        "ไม่ใช่ไฟล์ข้อความ Word (.docx) หรือ PDF ที่อ่านได้",
        "not a text, Word (.docx) or PDF file",
    ),
    "OLD_WORD": (
        "เป็นไฟล์ Word แบบเก่า (.doc) ให้เปิดใน Word แล้วบันทึกเป็น .docx ก่อน",
        "an old Word file (.doc): open it in Word and save it as .docx first",
    ),
    "BAD_DOCX": ("ไฟล์ Word เสียหรือไม่ใช่ .docx", "a damaged Word file, or not .docx"),
    "BAD_PDF": ("ไฟล์ PDF เสียหรืออ่านไม่ได้", "a damaged or unreadable PDF"),
    "ENCRYPTED_PDF": (
        "ไฟล์ PDF ถูกตั้งรหัสผ่าน ให้บันทึกฉบับที่ไม่มีรหัสผ่าน",
        "the PDF is password-protected: save a copy without a password",
    ),
    "NO_TEXT_LAYER": (
        "ไฟล์ PDF ไม่มีชั้นข้อความ (น่าจะเป็นภาพสแกน) จึงอ่านตัวเลขไม่ได้ "
        "ให้ใช้ไฟล์ Word ต้นฉบับ หรือกรอกคะแนนในแบบฟอร์ม",
        "the PDF has no text layer (probably a scan): use the original Word file "
        "or enter the scores in the form",
    ),
    "UNKNOWN_ENCODING": (
        "อ่านอักขระไม่ได้ (ไม่ใช่ UTF-8 หรือ TIS-620)",
        "the characters cannot be read (not UTF-8 or TIS-620)",
    ),
    "TOO_MANY_PAGES": (
        f"ไฟล์ PDF มีเกิน {MAX_PDF_PAGES} หน้า ให้ใช้เฉพาะหน้าที่เป็นรายงานผลการประเมิน",
        f"the PDF has more than {MAX_PDF_PAGES} pages: use only the pages of the report",
    ),
    "TEXT_TOO_LONG": (
        f"ข้อความยาวเกิน {MAX_TEXT_CHARS:,} ตัวอักษร ให้ใช้เฉพาะส่วนที่เป็นรายงานผลการประเมิน",
        f"the text is longer than {MAX_TEXT_CHARS:,} characters: use only the report's part",
    ),
    "TOO_SLOW": (
        "อ่านไฟล์นานเกินเวลาที่กำหนด จึงหยุดอ่าน ให้ใช้เฉพาะหน้าที่เป็นรายงานผลการประเมิน หรือกรอกคะแนนในแบบฟอร์ม",
        "reading took longer than allowed and was stopped: use only the pages of the report, "
        "or enter the scores in the form",
    ),
    **ZIP_MESSAGES,
}


class DocumentTextError(ValueError):
    """A file whose text cannot be read; `code` is stable, the message Thai and English."""

    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = name
        self.message, self.message_en = MESSAGES[code]
        super().__init__(f"{name}: {self.message} / {self.message_en}")


@dataclass(frozen=True)
class DocumentText:
    text: str
    kind: str  # "text", "docx" or "pdf"
    pages: int | None = None


@contextmanager
def within_budget(name: str) -> Iterator[None]:
    """A reading that ran past its budget becomes a `DocumentTextError` naming the file."""
    try:
        yield
    except OverBudget as exc:
        raise DocumentTextError("TOO_SLOW", name) from exc


def pdf_pages(data: bytes) -> int | None:
    """The page count of a PDF (opening it reads only its page tree, not its text);
    None for anything else, or a PDF too damaged to count."""
    if not data.startswith(b"%PDF"):
        return None
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        return len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError):
        return None


def document_text(data: bytes, name: str, budget: Budget = UNLIMITED) -> DocumentText:
    """The text of a file's bytes; `name` is used in messages only."""
    with within_budget(name):
        return _document_text(data, name, budget)


def _document_text(data: bytes, name: str, budget: Budget) -> DocumentText:
    if len(data) > MAX_BYTES:
        raise DocumentTextError("TOO_LARGE", name)
    if not data.strip():
        raise DocumentTextError("EMPTY", name)
    if data.startswith(b"%PDF"):
        return _pdf_text(data, name, budget)
    if data.startswith(b"PK\x03\x04"):
        return DocumentText(_docx_text(data, name), "docx")
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Word 97–2003
        raise DocumentTextError("OLD_WORD", name)
    text = _decode(data, name)
    if not text.strip():
        raise DocumentTextError("EMPTY", name)
    return DocumentText(text, "text")


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise DocumentTextError("BINARY", name)
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
        break
    raise DocumentTextError(
        "UNKNOWN_ENCODING" if _looks_like_text(data.decode("latin-1")) else "BINARY", name
    )


def _looks_like_text(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n\f")
    return controls <= len(sample) // 100


def _docx_text(data: bytes, name: str) -> str:
    try:
        check_zip(data)
    except ZipLimitError as exc:
        raise DocumentTextError(
            "BAD_DOCX" if exc.code == "ZIP_DAMAGED" else exc.code, name
        ) from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
        body = ElementTree.fromstring(xml).find(f"{WORD_NS}body")
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise DocumentTextError("BAD_DOCX", name) from exc
    if body is None:
        raise DocumentTextError("BAD_DOCX", name)
    lines: list[str] = []
    _docx_block(body, lines)
    text = "\n".join(lines)
    if not text.strip():
        raise DocumentTextError("EMPTY", name)
    return text


def _docx_block(element: ElementTree.Element, lines: list[str]) -> None:
    """Paragraphs as lines, table rows as tab-separated lines, in document order."""
    for child in element:
        if child.tag == f"{WORD_NS}p":
            lines.append(_paragraph_text(child))
        elif child.tag == f"{WORD_NS}tbl":
            for row in child.iter(f"{WORD_NS}tr"):
                cells = [
                    " ".join(_paragraph_text(p) for p in cell.iter(f"{WORD_NS}p")).strip()
                    for cell in row.findall(f"{WORD_NS}tc")
                ]
                lines.append("\t".join(cells))
            lines.append("")
        elif child.tag == f"{WORD_NS}sdt":  # content controls wrap ordinary paragraphs
            content = child.find(f"{WORD_NS}sdtContent")
            if content is not None:
                _docx_block(content, lines)


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{WORD_NS}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{WORD_NS}tab":
            parts.append("\t")
        elif node.tag in (f"{WORD_NS}br", f"{WORD_NS}cr"):
            parts.append(" ")
    return "".join(parts)


def _pdf_text(data: bytes, name: str, budget: Budget) -> DocumentText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentTextError("ENCRYPTED_PDF", name)
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentTextError("TOO_MANY_PAGES", name)
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            budget.pages(len(pages), len(reader.pages))
    except (DocumentTextError, OverBudget):
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise DocumentTextError("BAD_PDF", name) from exc
    text = "\n\f\n".join(pages)
    if sum(1 for c in text if c.isalnum()) < 20:
        raise DocumentTextError("NO_TEXT_LAYER", name)
    return DocumentText(text, "pdf", len(pages))
