"""A standing's figures from an assessment's stored analysis: copied, never recomputed.

When the engine could not score a year (a line of a province's list gives only the
overall score and the grade NACC published), the figures NACC published stand in.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from prongsai import library
from prongsai.engine import Framework
from prongsai.engine.scoring import passes


def _edition(analysis: Mapping[str, Any]) -> Framework:
    registry = library.registry()
    key = analysis.get("framework")
    return registry.get(key) if key in registry else registry.edition_or_latest(None)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def standing_values(analysis: Mapping[str, Any]) -> dict[str, Any]:
    reported = analysis.get("reported") or {}
    overall = analysis.get("overall")
    if overall is None:
        overall = reported.get("overall")
    passed = analysis.get("passed")
    if passed is None:
        passed = reported.get("passed")
    if passed is None and overall is not None:  # a published overall only: the engine judges
        passed = passes(_edition(analysis), Decimal(str(overall)))
    tools = {k: v for k, v in (analysis.get("tools") or {}).items() if v is not None}
    for code in ("IIT", "EIT", "OIT"):
        if code not in tools and reported.get(code) is not None:
            tools[code] = reported[code]
    indicators = {
        str(i["number"]): i["score"]
        for i in analysis.get("indicators", [])
        if i["score"] is not None
    }
    return {
        "overall": _decimal(overall),
        "grade": (analysis.get("grade") or reported.get("grade") or "")[:4],
        "rating": (analysis.get("rating") or reported.get("rating") or "")[:40],
        "passed": passed,
        "tools": tools,
        "indicators": indicators,
        "weak": ",".join(str(n) for n in sorted(analysis.get("weaknesses", []))),
        "failed_items": ",".join(f["code"] for f in analysis.get("oit_failed", [])),
    }
