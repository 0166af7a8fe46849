"""Word (.docx) and Excel (.xlsx) files are zip archives: check one before anything
parses it.

A few kilobytes can inflate to gigabytes (a "zip bomb"). `check_zip` refuses an archive
whose central directory declares too much (too many members, a member or the whole too
large, a compression ratio no real document has), then inflates every member in chunks
and counts what actually comes out, stopping at the first limit: a declared size is
only what the file says. `office_kind` tells a real .docx or .xlsx from its
[Content_Types].xml, not from its name.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree import ElementTree

MB = 1024 * 1024
MAX_TOTAL_BYTES = 50 * MB  # all members together, inflated
MAX_MEMBER_BYTES = 20 * MB  # one member, inflated
MAX_RATIO = 100  # inflated / compressed size of one member…
RATIO_FROM_BYTES = 1 * MB  # …once it inflates to more than this (tiny parts compress oddly)
MAX_MEMBERS = 2000
CHUNK = 64 * 1024

MESSAGES = {
    "ZIP_DAMAGED": ("ไฟล์เสียหาย (โครงสร้างไฟล์ zip ไม่ถูกต้อง)", "a damaged file (not a valid zip)"),
    "ZIP_TOO_MANY_MEMBERS": (
        f"ไฟล์มีส่วนประกอบมากเกิน {MAX_MEMBERS:,} ส่วน จึงไม่อ่าน",
        f"the file has more than {MAX_MEMBERS:,} parts",
    ),
    "ZIP_TOO_LARGE": (
        f"ไฟล์เมื่อแตกออกแล้วใหญ่เกิน {MAX_TOTAL_BYTES // MB} MB จึงไม่อ่าน",
        f"the file inflates to more than {MAX_TOTAL_BYTES // MB} MB",
    ),
    "ZIP_MEMBER_TOO_LARGE": (
        f"ส่วนประกอบหนึ่งของไฟล์เมื่อแตกออกแล้วใหญ่เกิน {MAX_MEMBER_BYTES // MB} MB จึงไม่อ่าน",
        f"a part of the file inflates to more than {MAX_MEMBER_BYTES // MB} MB",
    ),
    "ZIP_RATIO": (
        f"ไฟล์ถูกบีบอัดมากผิดปกติ (เกิน {MAX_RATIO} เท่า) อาจเป็นไฟล์ที่สร้างมาเพื่อโจมตีระบบ จึงไม่อ่าน",
        f"the file is compressed more than {MAX_RATIO} times: not a real document",
    ),
}

CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# The content type of the main part of each kind (macro-enabled variants are not these).
MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}


class ZipLimitError(ValueError):
    """An archive refused before parsing; `code` is stable, the message Thai and English."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.message, self.message_en = MESSAGES[code]
        super().__init__(f"{self.message} / {self.message_en}")


def check_zip(data: bytes) -> None:
    """Raise `ZipLimitError` unless `data` is a zip archive within the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise ZipLimitError("ZIP_TOO_MANY_MEMBERS")
            for info in members:  # what the archive declares
                _check_sizes(info.file_size, info.compress_size)
            if sum(info.file_size for info in members) > MAX_TOTAL_BYTES:
                raise ZipLimitError("ZIP_TOO_LARGE")
            total = 0
            for info in members:  # what actually comes out
                total += _inflated_size(archive, info, MAX_TOTAL_BYTES - total)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise ZipLimitError("ZIP_DAMAGED") from exc


def _check_sizes(inflated: int, compressed: int) -> None:
    if inflated > MAX_MEMBER_BYTES:
        raise ZipLimitError("ZIP_MEMBER_TOO_LARGE")
    if inflated > RATIO_FROM_BYTES and inflated > MAX_RATIO * max(compressed, 1):
        raise ZipLimitError("ZIP_RATIO")


def _inflated_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, room: int) -> int:
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > room:
                raise ZipLimitError("ZIP_TOO_LARGE")
            _check_sizes(size, info.compress_size)
    return size


def office_kind(data: bytes) -> str | None:
    """ "docx" or "xlsx" when the archive's [Content_Types].xml names that kind's main
    part with its content type; None for any other zip (call `check_zip` first)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, zlib.error):
        return None
    for override in types.iter(f"{CONTENT_TYPES_NS}Override"):
        kind = MAIN_TYPES.get(override.get("ContentType", ""))
        if kind and override.get("PartName", "").lstrip("/") in names:
            return kind
    return None
