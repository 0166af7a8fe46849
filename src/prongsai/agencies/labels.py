"""Labels kept in Thai and English by the pure layers (cycle/), shown in the active
language, so each label is written once and needs no gettext catalogue entry."""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import lazy


def _choose(thai: str, english: str) -> str:
    return english if (translation.get_language() or "th").startswith("en") else thai


bilingual = lazy(_choose, str)
