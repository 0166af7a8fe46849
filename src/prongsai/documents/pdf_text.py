"""Make the Thai in our PDFs searchable: fix the text layer WeasyPrint writes for ำ.

HarfBuzz draws ำ as two glyphs, nikhahit (or the font's nikhahit + tone-mark
ligature) and sara aa. A PDF maps each glyph to one text for the whole document, and
WeasyPrint takes that text from the first word a glyph appears in, so ำ came out as า
("ดาเนินงาน"), or every า as ำ. Our compat font draws ำ's sara aa with a glyph of its
own (tools/build_compat_fonts.py). With it the mapping can be exact, and this module
writes it: that glyph → ำ, nikhahit → nothing, each nikhahit + tone ligature → its
tone mark. Glyph ids are the font's own, because WeasyPrint subsets with retained ids.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

FONTS = Path(__file__).resolve().parent / "fonts"
_ENTRY = re.compile(rb"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]*)>")


@cache
def _fixed_texts(style: str) -> dict[int, str]:
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / f"SarabunTHCompat-{style}.ttf", lazy=True)
    order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
    texts = {order["uni0E32.am"]: "\u0e33", order["uni0E4D"]: ""}
    for name, gid in order.items():
        match = re.fullmatch(r"uni0E4D(0E4[89AB])(\.narrow)?", name)
        if match:
            texts[gid] = chr(int(match.group(1), 16))
        elif name == "uni0E4D.narrow":
            texts[gid] = ""
    return texts


def fix_thai_text_layer(pdf: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    seen: set[int] = set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for reference in fonts.values():
            font = reference.get_object()
            name = str(font.get("/BaseFont", ""))
            style = "Bold" if name.endswith("-Bold") else "Regular"
            if "Sarabun-TH-Compat" not in name or "/ToUnicode" not in font:
                continue
            stream = font["/ToUnicode"].get_object()
            if id(stream) in seen:
                continue
            seen.add(id(stream))
            stream.set_data(_rewrite(stream.get_data(), _fixed_texts(style)))
            font[NameObject("/ToUnicode")] = font["/ToUnicode"]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _rewrite(cmap: bytes, texts: dict[int, str]) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        gid = int(match.group(1), 16)
        if gid not in texts:
            return match.group(0)
        return b"<%s> <%s>" % (match.group(1), texts[gid].encode("utf-16-be").hex().encode())

    return _ENTRY.sub(replace, cmap)
