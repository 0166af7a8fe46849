"""Thai text on a terminal: width that ignores combining vowels and tone marks."""

import unicodedata


def display_width(text: str) -> int:
    """Columns the text takes: Thai marks above and below a consonant take none."""
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me", "Cf") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """Left-align `text` in `width` columns."""
    return text + " " * max(0, width - display_width(text))
