"""What a page or file says: its type, title, text, fiscal years and keywords.

Years are found in Thai (๒๕๖๗) or Arabic (2567) digits, in the Buddhist era or the
Christian era (2024); the `thai` layer does every ±543.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from prongsai.thai import ce_from_be, to_arabic_digits

OFFICE_EXTENSIONS = {
    "doc": "doc",
    "docx": "docx",
    "xls": "xls",
    "xlsx": "xlsx",
    "ppt": "ppt",
    "pptx": "pptx",
}
FILE_TYPES = ("pdf", *OFFICE_EXTENSIONS)
_OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_SCRIPTS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
# \d is any decimal digit, Thai ones included: no need to translate the whole text first.
# The look-behind comes after the first digit: four times faster on long Thai text.
_YEAR = re.compile(r"([2๒](?<!\d[2๒])[05๐๕]\d\d)(?!\d)")
_MAX_PDF_PAGES = 30


@dataclass(frozen=True)
class Content:
    file_type: str  # html, pdf, docx, xlsx, pptx, doc, xls, ppt, text, image, other, empty
    title: str
    text: str | None  # None when the text could not be read (a scan, an old Office file)


def url_extension(url: str) -> str:
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def sniff(body: bytes, content_type: str) -> str:
    """The file type from the first bytes, then from the Content-Type."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return "empty"
    if body.startswith(b"%PDF-"):
        return "pdf"
    if body.startswith(b"PK\x03\x04"):
        names = _zip_names(body)
        for kind, prefix in _OOXML_PARTS.items():
            if any(n.startswith(prefix) for n in names):
                return kind
        return "other"
    if body.startswith(_OLE):
        return {"application/msword": "doc", "application/vnd.ms-powerpoint": "ppt"}.get(
            mime, "xls" if "excel" in mime else "doc"
        )
    head = body[:1024].lstrip().lower()
    if mime in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype", b"<html")):
        return "html"
    if mime.startswith("image/"):
        return "image"
    if mime.startswith("text/"):
        return "text"
    return "other"


def _zip_names(body: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return []


def decode(body: bytes, content_type: str) -> str:
    """Bytes as text with the declared charset (header, then meta), UTF-8 otherwise."""
    charset = None
    if "charset=" in content_type.lower():
        charset = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
    if charset is None and (found := _META_CHARSET.search(body[:4096])):
        charset = found.group(1).decode("ascii", "replace").lower()
    if charset in ("tis620", "tis-620", "iso-8859-11", "windows-874"):
        charset = "cp874"  # a superset of TIS-620, what Thai legacy pages really use
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def html_title(body: bytes, content_type: str) -> str:
    found = _TITLE.search(body[:65536])
    if not found:
        return ""
    return _SPACES.sub(" ", html.unescape(decode(found.group(1), content_type))).strip()


def html_text(page: str) -> str:
    """The visible text, roughly: no scripts, styles or tags (spaces are left as they are)."""
    text = _TAGS.sub(" ", _SCRIPTS.sub(" ", page))
    return html.unescape(text) if "&" in text else text


def _pdf_text(body: bytes) -> str | None:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        pages = [page.extract_text() or "" for page in reader.pages[:_MAX_PDF_PAGES]]
    except Exception:  # a damaged or truncated PDF: its text cannot be read
        return None
    text = _SPACES.sub(" ", " ".join(pages)).strip()
    return text or None


def _ooxml_text(body: bytes, kind: str) -> str | None:
    prefix = _OOXML_PARTS[kind]
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts = [
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.startswith(prefix) and name.endswith(".xml")
            ]
    except (zipfile.BadZipFile, ValueError, OSError, KeyError):
        return None
    text = html_text(" ".join(parts))
    return text or None


def read_content(body: bytes, content_type: str) -> Content:
    kind = sniff(body, content_type)
    if kind == "html":
        return Content(kind, html_title(body, content_type), html_text(decode(body, content_type)))
    if kind == "text":
        return Content(kind, "", decode(body, content_type))
    if kind == "pdf":
        return Content(kind, "", _pdf_text(body))
    if kind in _OOXML_PARTS:
        return Content(kind, "", _ooxml_text(body, kind))
    return Content(kind, "", None)


def years_mentioned(text: str) -> set[int]:
    """Every four-digit year 2000–2099 (CE) or 2500–2599 (BE) in the text, any digits."""
    return {int(to_arabic_digits(y)) for y in _YEAR.findall(text)}


def mentions_fiscal_year(text: str, fiscal_year_be: int) -> bool:
    """Whether the text names the fiscal year, in BE (2567, ๒๕๖๗) or CE (2024)."""
    years = years_mentioned(text)
    return fiscal_year_be in years or ce_from_be(fiscal_year_be) in years


def missing_keywords(text: str, keywords: tuple[str, ...]) -> list[str]:
    if not keywords:
        return []
    folded = _SPACES.sub("", text).casefold()
    return [k for k in keywords if _SPACES.sub("", k).casefold() not in folded]
