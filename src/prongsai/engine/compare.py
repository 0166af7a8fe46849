"""What changes when one results document replaces another, value by value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

SECTIONS = ("indicators", "reported", "questions", "oit_items", "oit_comments")


@dataclass(frozen=True)
class ValueChange:
    field: str  # "indicators.5", "reported.overall", "fiscal_year", …
    old: Any
    new: Any


def compare_documents(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[ValueChange]:
    """Every value that differs, was added or was removed, in document order."""
    before, after = _flatten(old), _flatten(new)
    fields = list(before) + [f for f in after if f not in before]
    return [
        ValueChange(f, before.get(f), after.get(f))
        for f in fields
        if _comparable(before.get(f)) != _comparable(after.get(f))
    ]


def _flatten(document: Mapping[str, Any]) -> dict[str, Any]:
    flat = {name: document[name] for name in ("agency", "fiscal_year") if document.get(name)}
    for section in SECTIONS:
        for code, value in (document.get(section) or {}).items():
            if value is not None:
                flat[f"{section}.{code}"] = value
    return flat


def _comparable(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).normalize()
    if isinstance(value, list):
        return tuple(_comparable(v) for v in value)
    try:  # stored JSON keeps Decimals as strings: "81.25"
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return value
