"""The lines of a report as the reader sees them: Arabic digits, no markup, no spaces
inside Thai words, spelling variants unified, and patterns that forgive PDF text layers
that lost their tone marks."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from prongsai.thai import repair_thai_text, to_arabic_digits, to_thai_digits
from prongsai.thai.text import normalise_typing

THAI = "\u0e00-\u0e7f"
THAI_LETTERS = "\u0e01-\u0e4f"  # no Thai digits

_WRAPPED_WORD = re.compile(rf"(?<=[{THAI_LETTERS}])[ ]*\n[ ]*(?=[{THAI_LETTERS}])")
_WRAPPED_SCORE = re.compile(rf"(?<=[{THAI_LETTERS}])[ ]*\n[ ]*(?=\d)")
_TAG = re.compile(r"<[^<>]{0,300}>")
_THAI_SPACE = re.compile(rf"(?<=[{THAI}]) +(?=[{THAI}])")
_SPLIT_DECIMAL = re.compile(
    r"(?<![\d.])(\d{1,3}) ?\. +(\d{1,2})(?![\d.])|(?<![\d.])(\d{1,3}) +\.(\d{1,2})(?![\d.])"
)
_SPACED_NUMBER = re.compile(r" *\d[\d ]*\.[\d ]*\d *")
_SPACES = re.compile(r"[ \u00a0\u200b]+")
# Tone marks and thanthakhat: some PDF text layers drop them ("ไดคะแนน" for "ได้คะแนน").
MARKS = "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
# Extraction also loses sara am, or leaves a replacement character where it stood
# ("การด�เนินงาน"); names and key words match without it.
_OPTIONAL = MARKS + "\u0e33"
_NO_MARKS = str.maketrans("", "", _OPTIONAL)
# Spellings that differ between reports but name the same indicator.
_VARIANTS = (
    ("ของทางราชการ", "ของราชการ"),
    ("ระบบการทำงาน", "การทำงาน"),
    ("การดำเนินการ", "การดำเนินงาน"),
    ("ทุจจริต", "ทุจริต"),
)


def normalise(line: str) -> str:
    """Arabic digits, no markup, no spaces inside Thai words, cells kept as tabs."""
    return _unspaced(spaced(line))


def _unspaced(line: str) -> str:
    line = _THAI_SPACE.sub("", line)
    if "\t" in line:  # a table cell holding one number: "9 9.1 0" is 99.10
        line = "\t".join(
            c.replace(" ", "") if _SPACED_NUMBER.fullmatch(c) else c for c in line.split("\t")
        )
    return _SPLIT_DECIMAL.sub(_join_decimal, line)


def spaced(line: str) -> str:
    """Arabic digits, no markup, typing habits undone, but spaces kept: in Thai prose a
    space ends a phrase, which is what tells a name from the verb after it."""
    line = _DAMAGE.sub("", normalise_typing(to_arabic_digits(line)))
    if "<" in line:
        line = html.unescape(_TAG.sub("\t", line))
    line = line.replace("\\*", "").replace("**", "").replace("|", "\t").lstrip("#>-• ")
    return _SPACES.sub(" ", line)


# What extraction leaves for a character it could not map: the replacement character,
# and private-use glyphs beyond those `repair_thai_text` knows.
_DAMAGE = re.compile("[\ufffd\ue000-\uf8ff]")


def skeleton(text: str) -> str:
    """Letters only: no tone marks, sara am, spaces or replacement characters, so a name
    damaged by PDF extraction still matches the name it was."""
    return _SKELETON.sub("", text.translate(_NO_MARKS))


_SKELETON = re.compile("[\u0e33\u0e4d\ufffd\\s\ue000-\uf8ff]")


def _join_decimal(match: re.Match[str]) -> str:
    whole, fraction = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    return f"{whole}.{fraction}"


def tolerant(pattern: str) -> re.Pattern[str]:
    """A pattern whose tone marks are optional, for text layers that lost them."""
    return re.compile("".join(c + "?" if c in _OPTIONAL else c for c in pattern))


def bare(text: str) -> str:
    return text.translate(_NO_MARKS)


def canonical(text: str) -> str:
    for variant, canon in _VARIANT_PATTERNS:
        text = variant.sub(canon, text)
    return text


# The variants as patterns that forgive lost marks and sara am, like the names.
_VARIANT_PATTERNS = [(tolerant(re.escape(v)), c) for v, c in _VARIANTS]


@dataclass(frozen=True)
class Line:
    number: int
    raw: str
    text: str  # normalised
    canon: str  # normalised, spelling variants unified
    plain: str = ""  # normalised with its spaces kept (see `spaced`)


def report_lines(text: str, *, wrapped: bool = False) -> list[Line]:
    """The non-empty lines of a report, numbered as in its text.
    `wrapped` text (a PDF's) breaks lines anywhere, even inside a word or before a score."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if wrapped:
        text = _WRAPPED_WORD.sub("", text)
        text = _WRAPPED_SCORE.sub(" ", text)
    raw_lines = text.split("\n")
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        if raw.strip():
            kept = spaced(raw)
            normal = _unspaced(kept)
            plain = _SPLIT_DECIMAL.sub(_join_decimal, kept)
            lines.append(Line(number, raw, normal, canonical(normal), plain))
    return lines


def snippet(line: Line, value: object = None, limit: int = 120) -> str:
    """The line as written, cut to `limit` characters around the value when it is long."""
    text = " ".join(repair_thai_text(line.raw).replace("\t", " | ").split())
    if len(text) <= limit:
        return text
    written = str(value) if value is not None else ""
    at = max(text.find(written), text.find(to_thai_digits(written))) if written else 0
    start = max(0, min(at - limit // 2, len(text) - limit))
    cut = text[start : start + limit]
    return ("…" if start else "") + cut + ("…" if start + limit < len(text) else "")
