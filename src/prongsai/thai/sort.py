"""Thai dictionary order (pure Python).

Code points put every word that starts with a leading vowel (เ แ โ ใ ไ) after every
word that starts with a consonant: "เทศบาล…" after "องค์การ…". The dictionary reads
the consonant first, so the key swaps a leading vowel with the consonant after it;
tone marks and the other signs above a consonant only decide between words that are
otherwise the same (a secondary key).
"""

from __future__ import annotations

from prongsai.thai.text import normalise_typing

LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ
# mai tai khu, the four tone marks, thanthakhat, nikhahit-less yamakkan
SECONDARY_MARKS = frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4e")


def _is_consonant(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e2e"


def _swapped(text: str) -> str:
    chars = list(text)
    out: list[str] = []
    i = 0
    while i < len(chars):
        ch = chars[i]
        if ch in LEADING_VOWELS and i + 1 < len(chars) and _is_consonant(chars[i + 1]):
            out += [chars[i + 1], ch]
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def thai_sort_key(text: str) -> str:
    """A string whose code-point order is Thai dictionary order: the swapped letters
    without tone marks, then (after a separator below every letter) the tone marks in
    their places. Spaces and case are ignored before the tie-break."""
    swapped = _swapped(" ".join(normalise_typing(text).split()).casefold())
    primary = "".join(ch for ch in swapped if ch not in SECONDARY_MARKS and ch != " ")
    secondary = "".join(ch if ch in SECONDARY_MARKS else "\u0001" for ch in swapped if ch != " ")
    return primary + "\u0000" + secondary
