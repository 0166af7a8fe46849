"""A body's year at a glance, from its agencies' standings (plain rows in, figures out).

Every score is the one the engine stored with the assessment; this module only counts,
sorts and ranks them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from prongsai.thai.sort import thai_sort_key

BINS = tuple(range(50, 100, 5))  # below 50, 50–54.99, …, 95–100
SORTS = ("name", "-overall", "overall", "-change", "change", "district")
PAGE = 50


@lru_cache(maxsize=50_000)
def name_key(name: str) -> str:
    return thai_sort_key(name)


@dataclass
class Row:
    agency_id: int
    name: str
    kind: str
    district: str
    overall: Decimal | None
    grade: str
    rating: str
    passed: bool | None
    weak: str
    failed: str
    generated: bool
    previous: Decimal | None = None
    plan: str = ""
    rounds: list[int] = field(default_factory=list)

    @property
    def change(self) -> Decimal | None:
        if self.overall is None or self.previous is None:
            return None
        return self.overall - self.previous


@dataclass
class Dashboard:
    year: int
    rows: list[Row]  # filtered and sorted, every one
    total: int  # agencies with results this year, before filtering
    districts: list[str]
    kinds: list[str]
    grades: list[tuple[str, int]]
    ratings: list[tuple[str, int]]
    bins: list[tuple[str, int]]
    passed: int
    mean: Decimal | None
    weak: list[tuple[int, int]]  # indicator number, agencies weak in it
    failed: list[tuple[str, int]]  # OIT item, agencies failing it
    risers: list[Row]
    fallers: list[Row]
    plans_approved: int
    rounds_reported: int
    generated: int

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def pass_share(self) -> Decimal | None:
        return None if not self.rows else Decimal(100 * self.passed) / len(self.rows)


def bin_label(score: Decimal) -> str:
    if score < BINS[0]:
        return f"<{BINS[0]}"
    low = min(int(score // 5 * 5), 95)
    return f"{low}–{low + 5 if low < 95 else 100}"


def bin_labels() -> list[str]:
    return [f"<{BINS[0]}", *(f"{b}–{b + 5 if b < 95 else 100}" for b in BINS)]


def _in_order(counts: Counter[str], order: Sequence[str]) -> list[tuple[str, int]]:
    """The edition's bands or labels in their order, then any other label as published."""
    return [(k, counts[k]) for k in order if counts[k]] + [
        (k, n) for k, n in counts.items() if k not in order
    ]


def build(
    year: int,
    rows: list[Row],
    previous: dict[int, Decimal | None],
    cycle: dict[int, dict[str, Any]],
    *,
    grade_order: Sequence[str] = (),
    rating_order: Sequence[str] = (),
    district: str = "",
    kind: str = "",
    sort: str = "name",
) -> Dashboard:
    total = len(rows)
    districts = sorted({r.district for r in rows if r.district}, key=name_key)
    kinds = sorted({r.kind for r in rows})
    rows = [
        r for r in rows if (not district or r.district == district) and (not kind or r.kind == kind)
    ]
    for r in rows:
        r.previous = previous.get(r.agency_id)
        status = cycle.get(r.agency_id)
        if status:
            r.plan, r.rounds = status["plan"], status["rounds"]
    scored = [r for r in rows if r.overall is not None]
    grades = Counter(r.grade for r in rows if r.grade)
    ratings = Counter(r.rating for r in rows if r.rating)
    bins = Counter(bin_label(r.overall) for r in scored)  # type: ignore[arg-type]
    weak: Counter[int] = Counter()
    failed: Counter[str] = Counter()
    for r in rows:
        if r.weak:
            weak.update(int(n) for n in r.weak.split(","))
        if r.failed:
            failed.update(r.failed.split(","))
    moved = sorted((r for r in rows if r.change is not None), key=lambda r: r.change)  # type: ignore[arg-type,return-value]
    return Dashboard(
        year=year,
        rows=sort_rows(rows, sort),
        total=total,
        districts=districts,
        kinds=kinds,
        grades=_in_order(grades, grade_order),
        ratings=_in_order(ratings, rating_order),
        bins=[(label, bins[label]) for label in bin_labels()],
        passed=sum(1 for r in rows if r.passed),  # the engine's judgement, stored
        mean=(sum(r.overall for r in scored) / len(scored)) if scored else None,  # type: ignore[misc]
        weak=weak.most_common(10),
        failed=failed.most_common(10),
        risers=[r for r in reversed(moved[-10:]) if r.change > 0],  # type: ignore[operator]
        fallers=[r for r in moved[:10] if r.change < 0],  # type: ignore[operator]
        plans_approved=sum(1 for r in rows if r.plan == "approved"),
        rounds_reported=sum(1 for r in rows if r.rounds),
        generated=sum(1 for r in rows if r.generated),
    )


def sort_rows(rows: list[Row], sort: str) -> list[Row]:
    by_name = sorted(rows, key=lambda r: name_key(r.name))
    if sort == "district":
        return sorted(by_name, key=lambda r: name_key(r.district))
    if sort in ("overall", "-overall", "change", "-change"):
        attribute = sort.lstrip("-")
        known = [r for r in by_name if getattr(r, attribute) is not None]
        unknown = [r for r in by_name if getattr(r, attribute) is None]
        known.sort(key=lambda r: getattr(r, attribute), reverse=sort.startswith("-"))
        return known + unknown
    return by_name
