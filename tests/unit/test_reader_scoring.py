"""Field accuracy of the report reader against hand-written expectations (no tests here:
the tally the corpus and real-texts tests share).

Shared by the corpus test and the real-texts test: each expectation names the fields a
text states (fiscal_year, agency_contains, overall, grade, rating, multi); a value the
text does not state is null and must stay unread.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

FIELDS = ("fiscal_year", "agency_contains", "overall", "grade", "rating", "multi")


def read_fields(reading: Any) -> dict[str, tuple[Any, str | None]]:
    """value and confidence of each field, as the reader gives them."""
    document = reading.document
    reported = document.get("reported", {})
    found = {e.field: e for e in reading.evidence}

    def confidence(field: str) -> str | None:
        evidence = found.get(field)
        return evidence.confidence if evidence else None

    return {
        "fiscal_year": (document.get("fiscal_year"), None),
        "agency_contains": (document.get("agency"), confidence("agency")),
        "overall": (reported.get("overall"), confidence("reported.overall")),
        "grade": (reported.get("grade"), confidence("reported.grade")),
        "rating": (reported.get("rating"), confidence("reported.rating")),
        "multi": (reading.multi, None),
    }


def right(field: str, want: Any, got: Any) -> bool:
    if field == "agency_contains":
        return (want is None and got is None) or (
            want is not None and got is not None and want.replace(" ", "") in got.replace(" ", "")
        )
    if field == "overall":
        if want is None or got is None:
            return want is None and got is None
        return Decimal(str(want)) == Decimal(str(got))
    if field == "multi":
        return bool(want) == bool(got)
    return want == got


class Tally:
    def __init__(self) -> None:
        self.stated: Counter[str] = Counter()
        self.right: Counter[str] = Counter()
        self.wrong_high: list[str] = []
        self.misses: list[str] = []

    def add_agencies(self, name: str, want: list[dict[str, Any]], documents: list[Any]) -> None:
        """Each agency of a multi-agency text: its name, overall and grade."""
        for index, expected in enumerate(want):
            document = documents[index] if index < len(documents) else {}
            reported = document.get("reported", {})
            got = {
                "agency_contains": document.get("agency"),
                "overall": reported.get("overall"),
                "grade": reported.get("grade"),
                "rating": reported.get("rating"),
                "tools": {k: float(v) for k, v in reported.items() if k in ("IIT", "EIT", "OIT")},
            }
            for field, value in expected.items():
                if field not in got or value is None:
                    continue
                key = f"agencies.{field}"
                self.stated[key] += 1
                ok = right(field, value, got[field])
                self.right[key] += ok
                if not ok:
                    self.misses.append(f"{name}: {key}[{index}] want {value!r} got {got[field]!r}")

    def add_indicators(self, name: str, want: dict[str, Any], document: dict[str, Any]) -> None:
        got = document.get("indicators", {})
        for number, value in want.items():
            self.stated["indicators"] += 1
            ok = number in got and Decimal(str(got[number])) == Decimal(str(value))
            self.right["indicators"] += ok
            if not ok:
                self.misses.append(f"{name}: indicator {number} want {value} got {got.get(number)}")

    def add_tools(self, name: str, want: dict[str, Any], document: dict[str, Any]) -> None:
        got = document.get("reported", {})
        for tool, value in want.items():
            self.stated["tools"] += 1
            ok = tool in got and Decimal(str(got[tool])) == Decimal(str(value))
            self.right["tools"] += ok
            if not ok:
                self.misses.append(f"{name}: tool {tool} want {value} got {got.get(tool)}")

    def add(self, name: str, expect: dict[str, Any], reading: Any) -> None:
        got = read_fields(reading)
        for field in FIELDS:
            want = expect.get(field)
            value, confidence = got[field]
            ok = right(field, want, value)
            stated = want is not None and want is not False
            if stated:
                self.stated[field] += 1
                self.right[field] += ok
            if not ok:
                self.misses.append(f"{name}: {field} want {want!r} got {value!r} ({confidence})")
                if confidence == "high" and value is not None:
                    self.wrong_high.append(self.misses[-1])

    def accuracy(self) -> float:
        return sum(self.right.values()) / max(1, sum(self.stated.values()))

    def report(self) -> str:
        rows = [
            f"  {f:22} {self.right[f]:4}/{self.stated[f]:<4}"
            f" {100 * self.right[f] / max(1, self.stated[f]):5.1f} %"
            for f in [*FIELDS, *sorted(k for k in self.stated if k not in FIELDS)]
        ]
        total = f"  {'all stated':22} {sum(self.right.values()):4}/{sum(self.stated.values()):<4}"
        return "\n".join([*rows, total + f" {100 * self.accuracy():5.1f} %", *self.misses])
