"""Thai text: its width on a terminal, and repairs to text taken out of PDFs."""

import re
import unicodedata


def display_width(text: str) -> int:
    """Columns the text takes: Thai marks above and below a consonant take none."""
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me", "Cf") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """Left-align `text` in `width` columns."""
    return text + " " * max(0, width - display_width(text))


# Thai fonts draw shifted tone marks and vowels as private-use glyphs (U+F700–F71A);
# PDF text layers made with such fonts hand those code points out instead of Thai.
_PUA_TO_THAI = str.maketrans(
    {
        0xF700: "\u0e10", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36",
        0xF704: "\u0e37", 0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a",
        0xF708: "\u0e4b", 0xF709: "\u0e4c", 0xF70A: "\u0e48", 0xF70B: "\u0e49",
        0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c", 0xF70F: "\u0e0d",
        0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
        0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c",
        0xF718: "\u0e38", 0xF719: "\u0e39", 0xF71A: "\u0e3a",
    }
)  # fmt: skip
# Sara am (ำ) extracted as nikhahit + sara aa, sometimes with the tone mark between.
_SPLIT_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?) ?\u0e32")


def repair_thai_text(text: str) -> str:
    """Undo what PDF text extraction does to Thai: private-use glyphs, split sara am."""
    return _SPLIT_SARA_AM.sub("\\1\u0e33", text.translate(_PUA_TO_THAI))


# Invisible characters that editors and web pages leave inside words.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u3000\u2002\u2003\u2009"), " ")
_ODD = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u2007\u202f\u3000\u2002\u2003\u2009\uf700-\uf71a]"
)
# Sara am typed before its tone mark ("นำ้" for "น้ำ"): fonts draw both the same.
_AM_BEFORE_TONE = re.compile("\u0e33([\u0e48-\u0e4b])")


def normalise_typing(text: str) -> str:
    """Undo typing habits that look right on screen but spell differently: two sara e
    for sara ae (เเ → แ), nikhahit + sara aa (or the reverse, as some PDFs give it)
    for sara am, sara am before its tone mark, zero-width characters, and
    non-breaking or typographic spaces."""
    if _ODD.search(text):  # rare: most lines skip the per-character tables
        text = text.translate(_INVISIBLE).translate(_ODD_SPACES)
        text = text.translate(_PUA_TO_THAI)
    text = text.replace("\u0e40\u0e40", "\u0e41").replace("\u0e32\u0e4d", "\u0e33")
    text = _SPLIT_SARA_AM.sub("\\1\u0e33", text)
    return _AM_BEFORE_TONE.sub("\\1\u0e33", text)
