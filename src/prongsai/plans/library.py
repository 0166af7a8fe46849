"""The built-in measure library (library.yaml), loaded into `MeasureTemplate` rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prongsai.engine.yamlio import load_yaml

LIBRARY = Path(__file__).resolve().parent / "library.yaml"


def library_rows() -> list[dict[str, Any]]:
    """Every template in the library file, as field values of `MeasureTemplate`."""
    data = load_yaml(LIBRARY.read_text(encoding="utf-8"))
    rows = []
    for indicator, entries in data["indicators"].items():
        rows += [_row(entry, indicator=int(indicator)) for entry in entries]
    rows += [
        _row(entry, theme=entry["theme"], keywords=entry["keywords"]) for entry in data["themes"]
    ]
    return rows


def _row(entry: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "title": entry["title"],
        "steps": "\n".join(entry["steps"]),
        "unit_hint": entry.get("unit", ""),
        "follow_up": entry["follow_up"],
        "kpi": entry.get("kpi", ""),
        **extra,
    }
