"""What the reader found and what it doubts: each value with its line, snippet and
confidence, and messages in Thai and English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """One value read from the document, and where."""

    field: str  # "indicators.1", "questions.i7", "reported.overall", "fiscal_year", …
    value: Any
    line: int  # 1-based, in the extracted text
    snippet: str
    confidence: str  # "high", "medium" or "low"
    how: str = ""  # Thai: how it was read, when not plainly
    how_en: str = ""
    role: str = ""  # for values decided among candidates: the role chosen
    cues: tuple[str, ...] = ()  # the cues that chose it
    rejected: tuple[str, ...] = ()  # other candidates for the field, and why not them

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "field": self.field,
            "value": self.value,
            "line": self.line,
            "snippet": self.snippet,
            "confidence": self.confidence,
        }
        if self.how:
            result["how"] = self.how
            result["how_en"] = self.how_en
        if self.role:
            result["role"] = self.role
        if self.cues:
            result["cues"] = list(self.cues)
        if self.rejected:
            result["rejected"] = list(self.rejected)
        return result


@dataclass(frozen=True)
class Doubt:
    code: str
    message: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "message_en": self.message_en}
